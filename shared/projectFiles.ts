/**
 * Where a project keeps things (docs/format.md), as the relative `/`-separated paths the API
 * names files by (`FileProblem.file`, `listBackups`, `restoreBackup`).
 */

/** The file that makes a folder a project: its id, name and label schema. */
export const MANIFEST_FILE = 'spanwise-project.json';

/** One layer's work on one document; an annotator's layer has the annotator's id. */
export function layerDocumentFile(layerId: string, docId: string): string {
  return `layers/${layerId}/${docId}.json`;
}
