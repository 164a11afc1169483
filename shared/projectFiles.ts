/**
 * Where a project keeps things (docs/format.md), as the relative `/`-separated paths the API
 * names files by (`FileProblem.file`, `listBackups`, `restoreBackup`).
 */

/** One layer's work on one document; an annotator's layer has the annotator's id. */
export function layerDocumentFile(layerId: string, docId: string): string {
  return `layers/${layerId}/${docId}.json`;
}
