/**
 * Files dropped on the window, read into what the service takes (`importContents`): a web page
 * cannot see the paths of dropped files, only their contents. Folders are walked, each file
 * named by its path inside the dropped folder so brat pairs stay together. Word documents go
 * as base64, everything else as text.
 */
import type { UploadedFile } from '../../shared/importing';

/** The largest file the service imports; bigger ones are refused here before being read. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Whether a drag carries files (and not text or a link dragged within the page). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && [...transfer.types].includes('Files');
}

/** Read every file (and every file inside every folder) of a drop. Throws naming a file too large. */
export async function readDroppedFiles(transfer: DataTransfer): Promise<UploadedFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  const files: Array<{ name: string; file: File }> = [];
  if (entries.every((entry) => entry !== null)) {
    for (const entry of entries) await collect(entry as FileSystemEntry, files);
  } else {
    for (const file of transfer.files) files.push({ name: file.name, file });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return Promise.all(files.map(({ name, file }) => upload(name, file)));
}

async function upload(name: string, file: File): Promise<UploadedFile> {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`${name} is ${(file.size / 1024 ** 2).toFixed(1)} MB; the most Spanwise imports in one file is 200.0 MB`);
  }
  if (/\.docx$/i.test(name)) return { name, content: base64(new Uint8Array(await file.arrayBuffer())), encoding: 'base64' };
  return { name, content: await file.text() };
}

async function collect(entry: FileSystemEntry, into: Array<{ name: string; file: File }>): Promise<void> {
  // Hidden files are tools' own (.DS_Store, .git), never articles.
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.push({ name: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches until it answers with none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await collect(child, into);
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
