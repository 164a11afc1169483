/**
 * Reading the files a user picks for an import, defensively: a picked folder is walked
 * recursively in name order without ever leaving it (a link whose target lies outside is passed
 * over, not followed), every file is measured before it is read (over 200 MB is refused, or
 * 512 MB for JSONL, read a line at a time, and a Spanwise export, read a document at a time),
 * text is decoded from UTF-8 or UTF-16 by its byte order mark, and
 * Word documents are turned into their raw text. Files dropped on a browser window arrive as
 * content instead of paths and go through the same decoding.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { UploadedFile } from '../shared/importing';
import type { FileProblem } from '../shared/types';
import { StoreError } from './errors';

/** The largest file one import reads whole. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * The largest file one import reads a record or document at a time. The import still holds
 * what it read until it is written: this bounds that (about twice the file in memory), and
 * leaves room for a project of 10,000 articles, whose export is some 360 MB.
 */
export const MAX_STREAMED_FILE_BYTES = 512 * 1024 * 1024;

/** A file to import, on disk or handed over by content. */
export interface SourceFile {
  /** How messages name it: its path (for a file inside a picked folder, from that folder's name on). */
  name: string;
  /** The folder it is in, as `name` writes it: files of one folder pair up (brat, tags.json). */
  folder: string;
  /** Its absolute path on disk, for a file that is on disk. */
  path?: string;
  /** Its bytes, for a file handed over by content. */
  bytes?: Buffer;
  size: number;
}

/** The files of an import, and the entries of picked folders passed over with the reason. */
export interface SourceSet {
  files: SourceFile[];
  skipped: FileProblem[];
}

/**
 * The files behind the picked paths (absolute paths of files or folders), in the order given,
 * each folder's files sorted by path. Throws StoreError naming a path that is relative, missing,
 * the project itself or inside it.
 */
export async function collectPaths(paths: readonly string[], projectDir: string): Promise<SourceSet> {
  const set: SourceSet = { files: [], skipped: [] };
  const project = await realpath(projectDir).catch(() => path.resolve(projectDir));
  const seen = new Set<string>();
  for (const picked of paths) {
    if (!path.isAbsolute(picked)) throw new StoreError('bad-request', `Give the full path of each file or folder to import, not "${picked}".`);
    const absolute = path.resolve(picked);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new StoreError('not-found', `There is no file or folder ${absolute} (${error.code === 'EACCES' ? 'permission denied' : 'not found'}).`);
    });
    const real = await realpath(absolute);
    if (isInside(real, project)) {
      throw new StoreError('bad-request', `${absolute} is inside the project folder; pick files from elsewhere to import.`);
    }
    if (info.isDirectory()) {
      if (isInside(project, real)) {
        throw new StoreError('bad-request', `${absolute} holds the project folder itself; pick the folder of the files to import.`);
      }
      await walk(real, absolute, absolute, set, seen);
    } else if (info.isFile()) {
      if (!seen.has(real)) {
        seen.add(real);
        set.files.push({ name: absolute, folder: path.dirname(absolute), path: real, size: info.size });
      }
    } else {
      throw new StoreError('bad-request', `${absolute} is neither a file nor a folder.`);
    }
  }
  return set;
}

/**
 * Walk a picked folder. `root` is its real path: an entry whose real path is not inside it (a
 * link out of the folder) is skipped, so a folder never leads the import anywhere else.
 */
async function walk(root: string, shownRoot: string, dir: string, set: SourceSet, seen: Set<string>): Promise<void> {
  const shownDir = path.join(shownRoot, path.relative(root, dir));
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const shown = path.join(shownDir, entry.name);
    // Hidden entries are tools' own files (.git, .DS_Store, editors' backups), never articles.
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const real = await realpath(full).catch(() => null);
    if (real === null) {
      set.skipped.push({ file: shown, message: 'is a link to nothing that exists' });
      continue;
    }
    if (!isInside(real, root)) {
      set.skipped.push({ file: shown, message: 'leads outside the picked folder, so it is not read' });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const info = await stat(real);
    if (info.isDirectory()) await walk(root, shownRoot, real, set, seen);
    else if (info.isFile()) set.files.push({ name: shown, folder: shownDir, path: real, size: info.size });
    else set.skipped.push({ file: shown, message: 'is not a regular file' });
  }
}

/** Whether `inner` is `outer` or lies inside it (both resolved). */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative === '' || (!leaves && !path.isAbsolute(relative));
}

/**
 * Files dropped on a browser window. Their names are only labels: any folder part is kept for
 * pairing files of one folder, and no name is ever used to reach the disk.
 */
export function collectUploads(uploads: readonly UploadedFile[]): SourceSet {
  const files = uploads.map((upload): SourceFile => {
    const parts = upload.name.split(/[\\/]+/).filter((part) => part !== '' && part !== '.' && part !== '..');
    const name = parts.join('/') || 'unnamed';
    const bytes = upload.encoding === 'base64' ? Buffer.from(upload.content, 'base64') : Buffer.from(upload.content, 'utf8');
    return { name, folder: parts.slice(0, -1).join('/'), bytes, size: bytes.length };
  });
  return { files, skipped: [] };
}

/** A file's size for people: "1.0 GB", "250.3 MB", "12 KB". */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Why a file is too large to import, or null when it is not. */
export function sizeProblem(file: SourceFile, limit = MAX_FILE_BYTES): string | null {
  if (file.size <= limit) return null;
  return `is ${describeSize(file.size)}; the most Spanwise imports in one file ${limit === MAX_FILE_BYTES ? 'is' : 'of this kind is'} ${describeSize(limit)}`;
}

/** The bytes of a file; a file on disk is measured first and refused when too large. */
async function bytesOf(file: SourceFile): Promise<Buffer> {
  if (file.bytes) return file.bytes;
  if (!file.path) throw new Error(`${file.name} has neither a path nor content`);
  return readFile(file.path);
}

/**
 * Text from bytes: UTF-16 (little or big endian) when a byte order mark says so, else UTF-8
 * (bytes that are not UTF-8 become U+FFFD, which the format checks count). The mark is dropped.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** A file's whole text. */
export async function readText(file: SourceFile): Promise<string> {
  return decodeText(await bytesOf(file));
}

/** The first bytes of a file as text, enough to recognise its format. */
export async function readHead(file: SourceFile, length = 65_536): Promise<string> {
  return decodeText(await headBytes(file, length));
}

/** Whether a file's byte order mark says it is UTF-16 (little or big endian). */
export async function isUtf16(file: SourceFile): Promise<boolean> {
  const mark = await headBytes(file, 2);
  return (mark[0] === 0xff && mark[1] === 0xfe) || (mark[0] === 0xfe && mark[1] === 0xff);
}

async function headBytes(file: SourceFile, length: number): Promise<Buffer> {
  if (file.bytes) return file.bytes.subarray(0, length);
  if (!file.path) return Buffer.alloc(0);
  const handle = await open(file.path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(length, file.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The raw text of a Word document: paragraphs separated by blank lines. */
export async function readDocx(file: SourceFile): Promise<string> {
  const input = file.bytes ? { buffer: file.bytes } : { buffer: await bytesOf(file) };
  // Loaded here, not at start: few imports hold Word files, and every start would pay for it.
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.extractRawText(input);
  return result.value;
}

/**
 * A file's lines, one at a time, without holding the file in memory: for JSONL, where each line
 * is a record. Line breaks (`\n`, `\r\n`) are not part of the lines; a UTF-8 byte order mark is
 * dropped.
 */
export async function* readLines(file: SourceFile): AsyncGenerator<string> {
  yield* linesOf(readChunks(file));
}

/** A file's bytes a megabyte at a time, never all at once. */
export function readChunks(file: SourceFile): AsyncIterable<Buffer> {
  if (file.bytes) return Readable.from([file.bytes]);
  return createReadStream(file.path ?? '', { highWaterMark: 1 << 20 });
}

/** Split a stream of byte chunks into UTF-8 lines. */
export async function* linesOf(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  for await (const chunk of chunks) {
    pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (first && pending.length > 0) {
      if (pending.startsWith('\uFEFF')) pending = pending.slice(1);
      first = false;
    }
    let from = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', from)) {
      yield stripReturn(pending.slice(from, newline));
      from = newline + 1;
    }
    pending = pending.slice(from);
  }
  pending += decoder.end();
  if (pending.length > 0) yield stripReturn(pending);
}

function stripReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
