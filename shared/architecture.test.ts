/**
 * The folder a file sits in says where it may run, and so what it may import:
 * - shared/ runs anywhere: no Node builtins, Electron, React, lowdb or the ProseMirror view, and
 *   nothing from electron/ or renderer/.
 * - electron/ (Node) and renderer/ (browser) import shared/, never each other; the renderer
 *   also never imports Node builtins or the electron package (it must run in a plain browser).
 * Tests are exempt: they may read fixtures from disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = ['shared', 'electron', 'renderer'] as const;
type Layer = (typeof LAYERS)[number];

const SHARED_FORBIDDEN_PACKAGES = new Set(['electron', 'react', 'react-dom', 'lowdb', 'prosemirror-view']);

interface SourceFile {
  /** Path from the repository root, with `/`. */
  path: string;
  source: string;
}

/** Every rule the imports of these files break, as `file:line imports "x": why`. */
function findViolations(files: SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer) continue;
    for (const { fileName: specifier, pos } of ts.preProcessFile(file.source, true, true).importedFiles) {
      const reason = whyForbidden(layer, file.path, specifier);
      if (reason) {
        const line = file.source.slice(0, pos).split('\n').length;
        violations.push(`${file.path}:${line} imports "${specifier}": ${reason}`);
      }
    }
  }
  return violations;
}

function whyForbidden(layer: Layer, path: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = layerOf(posix.normalize(posix.join(posix.dirname(path), specifier)));
    if (layer === 'shared' && (target === 'electron' || target === 'renderer')) return `shared/ may not import ${target}/`;
    if (layer === 'electron' && target === 'renderer') return 'electron/ may not import renderer/';
    if (layer === 'renderer' && target === 'electron') return 'renderer/ may not import electron/';
    return undefined;
  }
  const builtin = isBuiltin(specifier);
  const packageName = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  if (layer === 'shared') {
    if (builtin) return 'shared/ must not use Node builtins';
    if (SHARED_FORBIDDEN_PACKAGES.has(packageName)) return `shared/ must not depend on ${packageName}`;
  }
  if (layer === 'renderer') {
    if (builtin) return 'renderer/ runs in a browser: no Node builtins';
    if (packageName === 'electron') return 'renderer/ reaches Electron only through the preload bridge';
  }
  return undefined;
}

function layerOf(path: string): Layer | undefined {
  const top = path.split('/')[0];
  return LAYERS.find((layer) => layer === top);
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path) || path.startsWith('shared/testing/');

/** The non-test .ts and .tsx files of the three layers. */
function layerSources(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const path = relative(ROOT, full).split('\\').join('/');
        if (!isTest(path)) files.push({ path, source: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const layer of LAYERS) walk(join(ROOT, layer));
  return files;
}

describe('architecture', () => {
  it('finds the source files of every layer', () => {
    const paths = layerSources().map((file) => file.path);
    expect(paths).toContain('shared/types.ts');
    expect(paths.some((path) => path.startsWith('electron/'))).toBe(true);
    expect(paths.some((path) => path.startsWith('renderer/'))).toBe(true);
    expect(paths.filter(isTest)).toEqual([]);
  });

  it('keeps every import inside the rules', () => {
    expect(findViolations(layerSources())).toEqual([]);
  });
});

describe('the import checker', () => {
  it.each([
    ['shared/a.ts', "import { readFile } from 'node:fs';", 'shared/ must not use Node builtins'],
    ['shared/a.ts', "import path from 'path';", 'shared/ must not use Node builtins'],
    ['shared/a.ts', "import { randomUUID } from 'crypto';", 'shared/ must not use Node builtins'],
    ['shared/a.ts', "import fs from 'fs/promises';", 'shared/ must not use Node builtins'],
    ['shared/a.ts', "const os = require('os');", 'shared/ must not use Node builtins'],
    ['shared/a.ts', "const m = await import('node:worker_threads');", 'shared/ must not use Node builtins'],
    ['shared/a.ts', "import { app } from 'electron';", 'shared/ must not depend on electron'],
    ['shared/a.ts', "import { useState } from 'react';", 'shared/ must not depend on react'],
    ['shared/a.ts', "import { jsx } from 'react/jsx-runtime';", 'shared/ must not depend on react'],
    ['shared/a.ts', "import { createRoot } from 'react-dom/client';", 'shared/ must not depend on react-dom'],
    ['shared/a.ts', "import { Low } from 'lowdb';", 'shared/ must not depend on lowdb'],
    ['shared/a.ts', "import { JSONFilePreset } from 'lowdb/node';", 'shared/ must not depend on lowdb'],
    ['shared/a.ts', "import { EditorView } from 'prosemirror-view';", 'shared/ must not depend on prosemirror-view'],
    ['shared/a.ts', "export { x } from '../electron/service';", 'shared/ may not import electron/'],
    ['shared/sub/a.ts', "import type { X } from '../../renderer/app/App';", 'shared/ may not import renderer/'],
    ['electron/a.ts', "import { x } from '../renderer/editor/schema';", 'electron/ may not import renderer/'],
    ['renderer/app/a.tsx', "import { x } from '../../electron/service';", 'renderer/ may not import electron/'],
    ['renderer/a.ts', "import { ipcRenderer } from 'electron';", 'renderer/ reaches Electron only through the preload bridge'],
    ['renderer/a.ts', "import { readFileSync } from 'node:fs';", 'renderer/ runs in a browser: no Node builtins'],
  ])('%s: %s → refused', (path, source, reason) => {
    expect(findViolations([{ path, source: `// header\n${source}` }])).toEqual([
      `${path}:2 imports "${source.match(/'([^']+)'/)?.[1]}": ${reason}`,
    ]);
  });

  it.each([
    ['shared/a.ts', "import { z } from 'zod';"],
    ['shared/a.ts', "import { Schema } from 'prosemirror-model';"],
    ['shared/a.ts', "import type { Span } from './types';"],
    ['shared/a.ts', "// import fs from 'fs' in a comment is not an import"],
    ['shared/a.ts', "const s = \"import fs from 'fs'\";"],
    ['electron/a.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/a.ts', "import { app } from 'electron';"],
    ['electron/a.ts', "import { applyEdits } from '../shared/spans';"],
    ['renderer/app/a.tsx', "import { useState } from 'react';"],
    ['renderer/app/a.tsx', "import type { Span } from '../../shared/types';"],
    ['renderer/a.ts', "import { EditorView } from 'prosemirror-view';"],
    ['scripts/a.ts', "import { x } from '../renderer/app';"],
  ])('%s: %s → allowed', (path, source) => {
    expect(findViolations([{ path, source }])).toEqual([]);
  });
});
