import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LABELS } from './labels';
import { labelSchemaProblems, planLabelChange, relabelLayer, RESERVED_HOTKEYS, type LabelChange } from './labelSchema';
import type { LabelDef, LayerDocument, Span, SpanEdit } from './types';

const label = (name: string, hotkeys: string[] = [], extra: Partial<LabelDef> = {}): LabelDef => ({
  name,
  color: '#123456',
  hotkeys,
  definition: '',
  ...extra,
});

const span = (id: string, labelName: string, start = 0): Span => ({
  id,
  start,
  end: start + 1,
  label: labelName,
  text: 'x',
  annotator: 'a',
  createdAt: 't',
});

const layerOf = (spans: Span[], undo: SpanEdit[][] = [], redo: SpanEdit[][] = []): LayerDocument => ({
  format: 'spanwise-layer',
  version: 1,
  docId: 'd',
  layer: 'a',
  textHash: 'h',
  status: 'in-progress',
  spans,
  updatedAt: 't',
  timeSpentMs: 0,
  undo,
  redo,
});

describe('labelSchemaProblems', () => {
  it('accepts the default schema', () => {
    expect(labelSchemaProblems(DEFAULT_LABELS)).toEqual([]);
  });

  it.each([
    [[], /at least one label/],
    [[label('A'), label('a')], /A: another label is already called A|a: another label is already called A/],
    [[label('A', [], { color: 'red' })], /A: the colour must look like #1d4ed8, not "red"/],
    [[label('A', ['ab'])], /A: a hotkey must be one character, not "ab"/],
    [[label('A', [' '])], /one character/],
    [[label('A', ['['])], /A: "\[" is one of the app's own shortcut keys/],
    [[label('A', ['?'])], /own shortcut keys/],
    [[label('A', ['w']), label('B', ['W'])], /B: the hotkey "W" already belongs to A/],
    [[label('A', ['w', 'w'])], /A: the hotkey "w" is listed twice/],
    [[label('A', ['N'])], /"N" is one of the app's own shortcut keys/],
    [[label('A', [], { attributes: [{ name: 'kind', type: 'enum', values: [] }] })], /needs at least one value/],
    [[label('A', [], { attributes: [{ name: 'kind', type: 'enum', values: ['a', 'a'] }] })], /lists a value twice/],
    [[label('A', [], { attributes: [{ name: 'n', type: 'integer' }, { name: 'n', type: 'text' }] })], /"n" is defined twice/],
  ])('names the label and the problem: %j', (labels, message) => {
    const problems = labelSchemaProblems(labels);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('takes a one-character hotkey outside ASCII', () => {
    expect(labelSchemaProblems([label('PLACE', ['م', 'é'])])).toEqual([]);
  });
});

describe('planLabelChange', () => {
  const current = [label('ACTOR'), label('LOCATION'), label('DATE')];

  it('keeps, renames and removes', () => {
    const next = [label('PARTY'), label('LOCATION'), label('WEAPON')];
    expect(planLabelChange(current, next, { ACTOR: 'PARTY' })).toEqual({
      ok: true,
      change: { renames: { ACTOR: 'PARTY' }, removed: ['DATE'] },
    });
  });

  it('ignores a rename to the same name', () => {
    expect(planLabelChange(current, current, { ACTOR: 'ACTOR' })).toEqual({ ok: true, change: { renames: {}, removed: [] } });
  });

  it.each([
    [{ NOPE: 'X' }, [label('X')], /no label "NOPE"/],
    [{ ACTOR: 'X' }, [label('Y')], /not among the new labels/],
    [{ ACTOR: 'LOCATION', LOCATION: 'ACTOR' }, [label('ACTOR'), label('LOCATION')], /two steps/],
    [{ ACTOR: 'DATE' }, [label('DATE')], /two steps/],
    [{ ACTOR: 'X' }, [label('X'), label('ACTOR')], /no new label can take its name/],
    [{ ACTOR: 'X', DATE: 'X' }, [label('X')], /both be renamed to "X"/],
  ])('refuses %j', (renames, next, message) => {
    const plan = planLabelChange(current, next, renames);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message).toMatch(message);
  });

  it('does not mistake a label called "constructor" for a rename', () => {
    const odd = [label('constructor'), label('toString')];
    expect(planLabelChange(odd, odd, {})).toEqual({ ok: true, change: { renames: {}, removed: [] } });
  });
});

describe('relabelLayer', () => {
  const change: LabelChange = { renames: { ACTOR: 'PARTY' }, removed: ['DATE'] };

  it('renames and removes spans, with counts', () => {
    const layer = layerOf([span('s1', 'ACTOR'), span('s2', 'DATE', 1), span('s3', 'LOCATION', 2), span('s4', 'ACTOR', 3)]);
    const outcome = relabelLayer(layer, change);
    expect(outcome.layer.spans.map((s) => `${s.id}:${s.label}`)).toEqual(['s1:PARTY', 's3:LOCATION', 's4:PARTY']);
    expect(outcome.renamed).toEqual({ ACTOR: 2 });
    expect(outcome.removed).toEqual({ DATE: 1 });
    expect(layer.spans[0]!.label).toBe('ACTOR');
  });

  it('renames labels in the history and drops batches a removal made impossible', () => {
    const undo: SpanEdit[][] = [
      [{ op: 'remove', id: 's1' }],
      [{ op: 'update', id: 's1', set: { label: 'ACTOR' } }],
      [{ op: 'add', span: { id: 's9', start: 0, end: 1, label: 'DATE' } }],
      [{ op: 'remove', id: 's2' }],
      [{ op: 'update', id: 's3', set: { label: 'DATE' } }],
    ];
    const redo: SpanEdit[][] = [[{ op: 'add', span: { id: 's8', start: 0, end: 1, label: 'ACTOR' } }]];
    const layer = layerOf([span('s1', 'ACTOR'), span('s2', 'DATE', 1), span('s3', 'LOCATION', 2)], undo, redo);
    const { layer: after } = relabelLayer(layer, change);
    expect(after.undo).toEqual([[{ op: 'remove', id: 's1' }], [{ op: 'update', id: 's1', set: { label: 'PARTY' } }]]);
    expect(after.redo).toEqual([[{ op: 'add', span: { id: 's8', start: 0, end: 1, label: 'PARTY' } }]]);
  });

  it('gives back the same object when the change does not concern the layer', () => {
    const layer = layerOf([span('s3', 'LOCATION')], [[{ op: 'remove', id: 's3' }]]);
    expect(relabelLayer(layer, change).layer).toBe(layer);
  });

  it('is idempotent and loses no span it should keep, for any layer and any valid change', () => {
    const names = ['A', 'B', 'C', 'D'];
    const spanArb = fc.record({ id: fc.constantFrom('s1', 's2', 's3', 's4', 's5'), label: fc.constantFrom(...names) });
    const editArb: fc.Arbitrary<SpanEdit> = fc.oneof(
      spanArb.map(({ id, label: l }) => ({ op: 'add' as const, span: { id, start: 0, end: 1, label: l } })),
      spanArb.map(({ id, label: l }) => ({ op: 'update' as const, id, set: { label: l } })),
      spanArb.map(({ id }) => ({ op: 'remove' as const, id })),
    );
    const planArb = fc.record({
      renamed: fc.subarray(names),
      removed: fc.subarray(names),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(spanArb, { selector: (s) => s.id }),
        fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        planArb,
        (spans, undo, { renamed, removed }) => {
          const gone = removed.filter((name) => !renamed.includes(name));
          const next = names.filter((name) => !gone.includes(name) && !renamed.includes(name)).map((name) => label(name));
          const renames = Object.fromEntries(renamed.map((name) => [name, `${name}2`]));
          next.push(...renamed.map((name) => label(`${name}2`)));
          const plan = planLabelChange(names.map((name) => label(name)), next, renames);
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          const layer = layerOf(spans.map((s, i) => span(s.id, s.label, i)), undo);
          const once = relabelLayer(layer, plan.change);
          const twice = relabelLayer(once.layer, plan.change);
          expect(twice.layer).toBe(once.layer);
          const nextNames = new Set(next.map((l) => l.name));
          expect(once.layer.spans.every((s) => nextNames.has(s.label))).toBe(true);
          expect(once.layer.spans.length).toBe(spans.filter((s) => !gone.includes(s.label)).length);
          const historyLabels = once.layer.undo.flat().flatMap((edit) =>
            edit.op === 'add' ? [edit.span.label] : edit.op === 'update' && edit.set.label ? [edit.set.label] : [],
          );
          expect(historyLabels.every((name) => nextNames.has(name))).toBe(true);
        },
      ),
    );
  });
});

describe('RESERVED_HOTKEYS', () => {
  it('holds no digit and no key of the default labels, and letters only in lower case', () => {
    const defaults = DEFAULT_LABELS.flatMap((each) => each.hotkeys.map((key) => key.toLowerCase()));
    expect(RESERVED_HOTKEYS.filter((key) => /\p{N}/u.test(key) || defaults.includes(key) || key !== key.toLowerCase())).toEqual([]);
  });
});
