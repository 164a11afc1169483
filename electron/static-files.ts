/**
 * The built renderer, served read-only from one folder. A request path can never reach
 * outside it: the decoded path is resolved against the folder and checked to stay inside,
 * and so is its real path, so a symbolic link cannot lead out either.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  file: string;
  size: number;
  type: string;
  isIndex: boolean;
  /** A build output whose name carries a hash of its content, so it never changes under that name. */
  isHashed: boolean;
}

/** How the build names what it emits: `assets/<name>-<content hash>.<ext>`. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * How a browser may keep a static file: hashed build outputs for good (so a page opened again
 * skips loading and compiling its script), anything else only after asking again.
 */
export function cachePolicy(file: Pick<StaticFile, 'isIndex' | 'isHashed'>): string {
  if (file.isIndex) return 'no-store';
  return file.isHashed ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The file a URL path names inside `root` (a real path), or null when there is none or the
 * path tries to leave the folder. `/` is `index.html`.
 */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return null;
  }
  if (!isInside(root, real)) return null;
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return null;
  const inRoot = path.relative(root, real).split(path.sep).join('/');
  return { file: real, size: info.size, type: contentType(real), isIndex: inRoot === 'index.html', isHashed: HASHED_ASSET.test(inRoot) };
}

/** Whether `target` is `root` itself or lies below it (both absolute and resolved). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
