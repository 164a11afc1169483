import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSchema } from '../shared/apiSchemas';
import { annotatorId, MAX_RECENT_PROJECTS, nameSlug, Settings } from './settings';
import { tempFolder } from './test-support';

describe('annotator ids', () => {
  it.each([
    ['Amira', 'amira'],
    ['  Nour  Élodie ', 'nour-elodie'],
    ['O’Brien, J.', 'o-brien-j'],
    ['أميرة', 'annotator'],
    ['🙂', 'annotator'],
  ])('slug of %j is %j', (name, slug) => {
    expect(nameSlug(name)).toBe(slug);
  });

  it('are always valid ids of the form <slug>-<6 hex>', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (name) => {
        const id = annotatorId(name);
        expect(id).toMatch(/^[a-z0-9-]+-[0-9a-f]{6}$/);
        expect(idSchema.safeParse(id).success).toBe(true);
      }),
    );
  });
});

describe('Settings', () => {
  it('remembers at most ten recent projects, newest first, without repeats', async () => {
    const dataDir = await tempFolder();
    const settings = await Settings.load(dataDir);
    for (let i = 0; i < 12; i++) await settings.rememberProject(`/p/${i}`);
    await settings.rememberProject('/p/5');
    expect(settings.recentProjects).toHaveLength(MAX_RECENT_PROJECTS);
    expect(settings.recentProjects.slice(0, 3)).toEqual(['/p/5', '/p/11', '/p/10']);
    await settings.close();
    const stored = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'));
    expect(stored.recentProjects).toEqual(settings.recentProjects);
  });
});
