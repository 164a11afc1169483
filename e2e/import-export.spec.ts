/**
 * Corpora in and datasets out through the UI: a folder of articles and annotations imported by
 * typing its path, with the label mapping seen before anything is written; then IOB2 exported
 * with an 80/20 split, and the files checked on disk.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { giveName } from './user';

const SHOTS = process.env.SPANWISE_SHOTS;

test('import a folder through the dialog, then export IOB2 split 80/20', async ({ app, page }) => {
  const root = await mkdtemp(join(tmpdir(), 'spanwise-e2e-transfer-'));
  try {
    const folder = join(root, 'incoming');
    await mkdir(join(folder, 'brat'), { recursive: true });
    await writeFile(join(folder, 'one.txt'), 'Airstrikes hit Idlib\n\nRussian warplanes struck Ariha on Tuesday.');
    await writeFile(join(folder, 'two.md'), '# Families flee Saraqib\n\nThousands left the town.');
    await writeFile(
      join(folder, 'tagged.jsonl'),
      [
        { text: 'Assad forces shelled Kafr Nabl on Monday.', label: [[0, 12, 'ORG'], [21, 30, 'GPE'], [34, 40, 'MISC']] },
        { text: 'Families fled Maarat al-Numan.', label: [[14, 29, 'GPE']] },
        { text: 'Turkish troops entered Afrin.', label: [[0, 14, 'NORP'], [23, 28, 'GPE']] },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    await writeFile(join(folder, 'brat', 'b1.txt'), 'Rebels shelled Hama on Friday.');
    await writeFile(join(folder, 'brat', 'b1.ann'), 'T1\tORG 0 6\tRebels\nT2\tLOC 15 19\tHama\n');

    await page.goto(app.url);
    await giveName(page, 'Amira');
    await expect(page.locator('[data-testid=doc-item]').first()).toBeVisible();
    const before = await page.locator('[data-testid=doc-item]').count();

    await page.keyboard.press('Control+i');
    const dialog = page.locator('[data-testid=import-dialog]');
    await expect(dialog).toBeVisible();
    await page.locator('[data-testid=import-paths]').fill(folder);
    await page.locator('[data-testid=import-annotator]').fill('Old tool');
    if (SHOTS) await dialog.screenshot({ path: join(SHOTS, 'import-source.png') });
    await page.locator('[data-testid=import-preview]').click();

    await expect(page.locator('[data-testid=import-summary]')).toContainText('6 new documents');
    await expect(page.locator('[data-testid=import-files] tbody tr')).toHaveCount(4);
    const mapping = page.locator('[data-testid=import-mapping]');
    await expect(mapping.locator('[data-testid=map-GPE]')).toHaveValue('LOCATION');
    await expect(mapping.locator('[data-testid=map-NORP]')).toHaveValue('ACTOR');
    await expect(mapping.locator('[data-testid=map-MISC]')).toHaveValue('');
    await expect(page.locator('[data-testid=import-drops]')).toContainText('1 span will be dropped');
    // Mapping MISC to a project label updates the preview: nothing is dropped any more.
    await mapping.locator('[data-testid=map-MISC]').selectOption('DATE');
    await expect(page.locator('[data-testid=import-drops]')).toHaveCount(0);
    await mapping.locator('[data-testid=map-MISC]').selectOption('');
    await expect(page.locator('[data-testid=import-drops]')).toContainText('1 span will be dropped');
    if (SHOTS) await dialog.screenshot({ path: join(SHOTS, 'import-preview.png') });

    await page.locator('[data-testid=import-confirm]').click();
    await expect(page.locator('[data-testid=import-report]')).toContainText('6 documents added');
    if (SHOTS) await dialog.screenshot({ path: join(SHOTS, 'import-report.png') });
    await page.locator('[data-testid=import-close]').click();
    await expect(page.locator('[data-testid=doc-item]')).toHaveCount(before + 6);

    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'window.png') });
    await page.locator('[data-testid=export-open]').click();
    const exportDialog = page.locator('[data-testid=export-dialog]');
    await expect(exportDialog).toBeVisible();
    await page.locator('[data-testid=export-format]').selectOption('conll');
    await page.locator('[data-testid=export-layer]').selectOption({ label: 'Old tool’s layer' });
    await page.locator('[data-testid=export-split]').check();
    await page.locator('[data-testid=export-ratios]').fill('80,20');
    await page.locator('[data-testid=export-seed]').fill('7');
    const out = join(root, 'dataset');
    await page.locator('[data-testid=export-out]').fill(out);
    await expect(page.locator('[data-testid=export-preview-text]')).toContainText('-DOCSTART- -X- O O');
    await expect(page.locator('[data-testid=export-preview]')).toContainText('train');
    if (SHOTS) await exportDialog.screenshot({ path: join(SHOTS, 'export-preview.png') });
    await page.locator('[data-testid=export-confirm]').click();
    await expect(page.locator('[data-testid=export-result]')).toContainText('train.conll');
    if (SHOTS) await exportDialog.screenshot({ path: join(SHOTS, 'export-result.png') });

    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'train.conll', 'validation.conll']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      seed: number;
      ratios: number[];
      splits: Array<{ name: string; documents: string[]; spanCounts: Record<string, number> }>;
    };
    expect(manifest.seed).toBe(7);
    expect(manifest.ratios).toEqual([0.8, 0.2]);
    expect(manifest.splits.map((split) => split.name)).toEqual(['train', 'validation']);
    const total = manifest.splits.reduce((sum, split) => sum + split.documents.length, 0);
    expect(manifest.splits[0].documents.length).toBe(Math.round(total * 0.8));
    const files = await Promise.all(['train.conll', 'validation.conll'].map((name) => readFile(join(out, name), 'utf8')));
    for (const [index, content] of files.entries()) {
      expect(content.match(/^-DOCSTART- -X- O O$/gm)).toHaveLength(manifest.splits[index].documents.length);
      for (const line of content.split('\n')) {
        if (line !== '' && !line.startsWith('-DOCSTART-')) expect(line).toMatch(/^\S+ (O|[BI]-(ACTOR|LOCATION|DATE|CASUALTY))$/);
      }
    }
    const all = files.join('');
    expect(all).toContain('Turkish B-ACTOR\ntroops I-ACTOR\nentered O\nAfrin B-LOCATION\n');
    expect(all).toContain('Rebels B-ACTOR\nshelled O\nHama B-LOCATION\n');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('drop files on the window, add a label of theirs to the project, and import them', async ({ app, page }) => {
  await page.goto(app.url);
  await giveName(page, 'Amira');
  // Counted once the list has arrived: counted before it, "before" would be 0.
  await expect(page.locator('[data-testid=doc-item]').first()).toBeVisible();
  const before = await page.locator('[data-testid=doc-item]').count();
  const files = [
    { name: 'tagged.jsonl', content: JSON.stringify({ text: 'Rebels fired Grad rockets at Hama.', label: [[13, 25, 'WEAPON'], [29, 33, 'GPE']] }) },
    { name: 'note.txt', content: 'Aid reaches Atmeh\n\nTrucks crossed at Bab al-Hawa.' },
  ];
  // A drag from the file manager, as the page sees it: the files ride on the drag events.
  await page.evaluate((dropped) => {
    const transfer = new DataTransfer();
    for (const file of dropped) transfer.items.add(new File([file.content], file.name));
    Object.assign(window, { droppedTransfer: transfer });
    for (const type of ['dragenter', 'dragover']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
  await expect(page.locator('[data-testid=drop-target]')).toBeVisible();
  await page.evaluate(() => {
    const transfer = (window as unknown as { droppedTransfer: DataTransfer }).droppedTransfer;
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('[data-testid=drop-target]')).toHaveCount(0);
  await expect(page.locator('[data-testid=import-dropped] li')).toHaveText(['note.txt', 'tagged.jsonl']);
  await page.locator('[data-testid=import-preview]').click();

  await expect(page.locator('[data-testid=import-summary]')).toContainText('2 new documents');
  const weapon = page.locator('[data-testid=map-WEAPON]');
  await expect(weapon).toHaveValue('');
  await expect(page.locator('[data-testid=import-drops]')).toContainText('1 span will be dropped');
  await weapon.selectOption({ label: 'Add WEAPON to the project as a new label' });
  await expect(page.locator('[data-testid=import-new-labels]')).toContainText('Labels to add to the project: WEAPON');
  await expect(page.locator('[data-testid=import-drops]')).toHaveCount(0);
  await page.locator('[data-testid=import-confirm]').click();
  const report = page.locator('[data-testid=import-report]');
  await expect(report).toContainText('2 documents added');
  await expect(page.locator('[data-testid=import-new-labels]')).toContainText('Labels added to the project: WEAPON');
  await page.locator('[data-testid=import-close]').click();
  await expect(page.locator('[data-testid=doc-item]')).toHaveCount(before + 2);

  const session = await app.call('getSession', []);
  expect(session.project?.labels.map((label) => label.name)).toEqual(['ACTOR', 'LOCATION', 'DATE', 'CASUALTY', 'WEAPON']);
  const documents = await app.call('listDocuments', []);
  const tagged = documents.find((doc) => doc.title.startsWith('Rebels fired'));
  expect(tagged?.annotatorCount).toBe(1);
  // The file's spans went to the layer named after it, WEAPON kept and GPE mapped.
  const exported = await app.call('exportData', [{ format: 'spacy', layer: 'tagged', outDir: join(app.dataDir, 'out') }]);
  const records = (await readFile(exported.files[0]!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { text: string; spans: Array<{ label: string; text: string }> });
  expect(records.find((record) => record.text.startsWith('Rebels'))?.spans.map((span) => [span.label, span.text])).toEqual([
    ['WEAPON', 'Grad rockets'],
    ['LOCATION', 'Hama'],
  ]);
});
