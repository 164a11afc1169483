/** Reading a project's files straight from disk, to check what the app really saved. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentRecord, LayerDocument, LayerInfo } from '../shared/types';

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The JSON in `path`, or null while the file does not exist. */
async function readJsonIfPresent<T>(path: string): Promise<T | null> {
  try {
    return await readJson<T>(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `documents/<docId>.json`. */
export function readDocument(projectDir: string, docId: string): Promise<DocumentRecord> {
  return readJson(join(projectDir, 'documents', `${docId}.json`));
}

/** The id of the annotator layer whose `layer.json` carries this display name; null while there is none. */
export async function annotatorLayerId(projectDir: string, name: string): Promise<string | null> {
  const layersDir = join(projectDir, 'layers');
  const ids = (await readdir(layersDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const infos = await Promise.all(ids.map((id) => readJsonIfPresent<LayerInfo>(join(layersDir, id, 'layer.json'))));
  const matches = infos.filter((info) => info?.kind === 'annotator' && info.name === name);
  if (matches.length > 1) throw new Error(`${layersDir} holds ${matches.length} annotator layers named ${name}`);
  return matches[0]?.id ?? null;
}

/** The path of `layers/<layerId>/<docId>.json`. */
export function layerFile(projectDir: string, layerId: string, docId: string): string {
  return join(projectDir, 'layers', layerId, `${docId}.json`);
}

/** The saved work of the annotator named `name` on `docId`; null until the app has written it. */
export async function readAnnotatorLayer(projectDir: string, name: string, docId: string): Promise<LayerDocument | null> {
  const layerId = await annotatorLayerId(projectDir, name);
  return layerId === null ? null : readJsonIfPresent(layerFile(projectDir, layerId, docId));
}
