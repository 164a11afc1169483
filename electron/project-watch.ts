/**
 * Watches the folders of an open project that other programs may change under it — a sync tool,
 * `git pull`, a person with an editor — and reports the changed names in batches. Events come
 * for Spanwise's own saves too: the receiver tells them apart by file stamp. Watching is a
 * convenience for showing changes soon; what protects the files is the stamp check before every
 * write, so a folder that cannot be watched (too many watches, a network drive) is skipped.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isTempFileName } from './atomic-file';

export interface ProjectWatchOptions {
  /** The project folder. */
  root: string;
  /**
   * Folders to watch, relative with `/` separators, each with how many levels of subfolders to
   * watch as well (`layers` has one folder per layer): subfolders that appear later are added.
   */
  folders: Array<{ folder: string; depth: number }>;
  /** Called with the changed paths, relative to `root` with `/` separators. */
  onChange: (paths: string[]) => void;
  /** Quiet time before a batch is reported, in ms. */
  debounceMs?: number;
  /** The longest a busy stream of changes may hold a batch back, in ms. */
  maxDelayMs?: number;
}

export interface ProjectWatch {
  close(): void;
}

const DEBOUNCE_MS = 100;
const MAX_DELAY_MS = 1_000;

/** Start watching; the returned handle stops it. Never keeps the process alive by itself. */
export function watchProject(options: ProjectWatchOptions): ProjectWatch {
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
  const watchers = new Map<string, FSWatcher>();
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let firstAt = 0;
  let closed = false;

  const flush = (): void => {
    timer = null;
    const paths = [...changed];
    changed = new Set();
    if (paths.length > 0 && !closed) options.onChange(paths);
  };

  const note = (relPath: string): void => {
    changed.add(relPath);
    const now = Date.now();
    if (timer) {
      clearTimeout(timer);
    } else {
      firstAt = now;
    }
    timer = setTimeout(flush, Math.max(0, Math.min(debounceMs, firstAt + maxDelayMs - now)));
    timer.unref();
  };

  const add = (folder: string, depth: number): void => {
    if (closed || watchers.has(folder)) return;
    const absolute = path.join(options.root, ...folder.split('/'));
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, { persistent: false }, (_event, name) => {
        if (name === null) {
          note(folder);
          return;
        }
        const fileName = name.toString();
        if (isTempFileName(fileName)) return;
        const relPath = `${folder}/${fileName}`;
        note(relPath);
        if (depth > 0) void addIfFolder(relPath, depth - 1);
      });
    } catch {
      return;
    }
    // A watched folder that is removed, or a watch the system takes back, just stops reporting.
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(folder);
    });
    watchers.set(folder, watcher);
    if (depth > 0) void addSubfolders(folder, depth - 1);
  };

  const addIfFolder = async (relPath: string, depth: number): Promise<void> => {
    const info = await stat(path.join(options.root, ...relPath.split('/'))).catch(() => null);
    if (info?.isDirectory()) add(relPath, depth);
  };

  const addSubfolders = async (folder: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(options.root, ...folder.split('/')), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) add(`${folder}/${entry.name}`, depth);
  };

  for (const { folder, depth } of options.folders) add(folder, depth);

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
