import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planImport, textProblem, type KnownDocuments } from './text-import';
import { textHash } from './text-hash';

const nothing: KnownDocuments = { has: () => false, idOfText: () => undefined };
const now = '2030-01-01T00:00:00.000Z';

describe('planImport', () => {
  it('normalises line endings once and records hash, title and source', () => {
    const plan = planImport([{ name: 'a.txt', text: '\r\n  Title line \r\nBody\rmore' }], nothing, now);
    expect(plan.errors).toEqual([]);
    const [doc] = plan.documents;
    expect(doc).toMatchObject({ text: '\n  Title line \nBody\nmore', title: 'Title line', meta: { source: 'a.txt' }, importedAt: now });
    expect(doc!.textHash).toBe(textHash(doc!.text));
    expect(doc!.id).toBe(`d-${doc!.textHash.slice(0, 12)}`);
  });

  it('lengthens a generated id that is taken', () => {
    const hash = textHash('Text.');
    const plan = planImport([{ name: 'a.txt', text: 'Text.' }], { has: (id) => id === `d-${hash.slice(0, 12)}`, idOfText: () => undefined }, now);
    expect(plan.documents[0]!.id).toBe(`d-${hash.slice(0, 16)}`);
  });

  it('finds the same text whatever its line endings, within a batch and in the project', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', 'é', '🚀'), { minLength: 1, maxLength: 30 }), (parts) => {
        const text = `x${parts.join('')}`;
        const unix = text.replace(/\r\n?/g, '\n');
        const plan = planImport(
          [
            { name: 'one', text },
            { name: 'two', text: unix },
            { name: 'three', text: unix.replace(/\n/g, '\r\n') },
          ],
          nothing,
          now,
        );
        expect(plan.documents).toHaveLength(1);
        expect(plan.duplicates.map((d) => d.existingId)).toEqual([plan.documents[0]!.id, plan.documents[0]!.id]);
        const again = planImport([{ name: 'four', text }], { has: () => true, idOfText: (hash) => (hash === textHash(unix) ? 'old' : undefined) }, now);
        expect(again.duplicates).toEqual([{ name: 'four', existingId: 'old' }]);
      }),
    );
  });
});

describe('textProblem', () => {
  it.each([
    ['', 'is empty'],
    ['\n \t', 'is empty'],
    ['GIF89a\u0000', 'binary'],
    ['lone \uDC00 low half', 'unpaired'],
    ['lone high half at the end \uD83D', 'unpaired'],
  ])('refuses %j', (text, reason) => {
    expect(textProblem(text)).toContain(reason);
  });

  it.each(['plain', 'emoji 🚀 pair', 'Arabic إدلب', 'e\u0301 combining'])('accepts %j', (text) => {
    expect(textProblem(text)).toBeNull();
  });
});
