import { describe, expect, it } from 'vitest';
import { carriesFiles, readDroppedFiles } from './droppedFiles';

/** A file or folder as the browser's File and Directory Entries API hands a dropped one over. */
type Entry = { name: string; fullPath: string; isFile: boolean; isDirectory: boolean };

function fileEntry(fullPath: string, content: BlobPart, size?: number): Entry & { file(resolve: (file: File) => void): void } {
  const name = fullPath.split('/').pop() as string;
  const file = new File([content], name);
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return { name, fullPath, isFile: true, isDirectory: false, file: (resolve) => resolve(file) };
}

/** A folder whose reader answers in batches of two, then with none, as Chromium's does for large folders. */
function folderEntry(fullPath: string, children: Entry[]): Entry & { createReader(): { readEntries(resolve: (batch: Entry[]) => void): void } } {
  return {
    name: fullPath.split('/').pop() as string,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let next = 0;
      return {
        readEntries: (resolve) => {
          resolve(children.slice(next, next + 2));
          next += 2;
        },
      };
    },
  };
}

function dropOf(entries: Array<Entry | null>, files: File[] = []): DataTransfer {
  return {
    types: ['Files'],
    items: entries.map((entry) => ({ webkitGetAsEntry: () => entry })),
    files,
  } as unknown as DataTransfer;
}

describe('readDroppedFiles', () => {
  it('walks dropped folders, naming each file by its path inside the drop, hidden files left out', async () => {
    const corpus = folderEntry('/corpus', [
      fileEntry('/corpus/b1.txt', 'Rebels shelled Hama.'),
      fileEntry('/corpus/.DS_Store', 'junk'),
      folderEntry('/corpus/brat', [fileEntry('/corpus/brat/b1.ann', 'T1\tORG 0 6\tRebels\n'), fileEntry('/corpus/brat/b1.txt', 'Rebels left.')]),
      folderEntry('/corpus/.git', [fileEntry('/corpus/.git/HEAD', 'ref')]),
      fileEntry('/corpus/a.jsonl', '{"text": "x"}'),
    ]);
    const uploads = await readDroppedFiles(dropOf([corpus, fileEntry('/notes.md', '# Notes')]));
    expect(uploads).toEqual([
      { name: 'corpus/a.jsonl', content: '{"text": "x"}' },
      { name: 'corpus/b1.txt', content: 'Rebels shelled Hama.' },
      { name: 'corpus/brat/b1.ann', content: 'T1\tORG 0 6\tRebels\n' },
      { name: 'corpus/brat/b1.txt', content: 'Rebels left.' },
      { name: 'notes.md', content: '# Notes' },
    ]);
  });

  it('sends Word documents as base64 of their bytes', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const [upload] = await readDroppedFiles(dropOf([fileEntry('/report.docx', bytes)]));
    expect(upload).toEqual({ name: 'report.docx', content: Buffer.from(bytes).toString('base64'), encoding: 'base64' });
  });

  it('reads the plain file list when the browser gives no entries', async () => {
    const uploads = await readDroppedFiles(dropOf([null], [new File(['Shelling hit Ariha.'], 'one.txt')]));
    expect(uploads).toEqual([{ name: 'one.txt', content: 'Shelling hit Ariha.' }]);
  });

  it('refuses a file too large to import, naming it and its size', async () => {
    await expect(readDroppedFiles(dropOf([fileEntry('/huge.jsonl', 'x', 300 * 1024 ** 2)]))).rejects.toThrow(
      'huge.jsonl is 300.0 MB; the most Spanwise imports in one file is 200.0 MB',
    );
  });
});

describe('carriesFiles', () => {
  it('tells a drag of files from one of text', () => {
    expect(carriesFiles({ types: ['Files'] } as unknown as DataTransfer)).toBe(true);
    expect(carriesFiles({ types: ['text/plain'] } as unknown as DataTransfer)).toBe(false);
    expect(carriesFiles(null)).toBe(false);
  });
});
