import { describe, it, expect } from 'vitest';
import { DEFAULT_LABELS } from '../../shared/labels';
import { draftProblems, draftsOf, isDirty, labelsOf, newDraftAttribute, newDraftLabel, renamesOf } from './labelDraft';

describe('label drafts', () => {
  it('give back the saved labels unchanged', () => {
    const drafts = draftsOf(DEFAULT_LABELS);
    expect(labelsOf(drafts)).toEqual(DEFAULT_LABELS);
    expect(renamesOf(drafts)).toEqual({});
    expect(draftProblems(drafts, DEFAULT_LABELS)).toEqual([]);
    expect(isDirty(drafts, DEFAULT_LABELS)).toBe(false);
  });

  it('read hotkeys and enum values as typed, and a new name as a rename', () => {
    const drafts = draftsOf(DEFAULT_LABELS);
    drafts[0] = { ...drafts[0]!, name: ' PARTY ', hotkeys: '1,  p' };
    const extra = { ...newDraftAttribute(), name: 'side', type: 'enum' as const, values: 'government, opposition,' };
    drafts[0]!.attributes.push(extra);
    const [party] = labelsOf(drafts);
    expect(party).toMatchObject({ name: 'PARTY', hotkeys: ['1', 'p'], attributes: [{ name: 'side', type: 'enum', values: ['government', 'opposition'] }] });
    expect(renamesOf(drafts)).toEqual({ ACTOR: 'PARTY' });
    expect(draftProblems(drafts, DEFAULT_LABELS)).toEqual([]);
    expect(isDirty(drafts, DEFAULT_LABELS)).toBe(true);
  });

  it('name what is wrong, label by label', () => {
    const drafts = draftsOf(DEFAULT_LABELS);
    drafts[1] = { ...drafts[1]!, hotkeys: '2 a' };
    expect(draftProblems(drafts, DEFAULT_LABELS)).toEqual(['LOCATION: the hotkey "a" already belongs to ACTOR.']);
    const added = newDraftLabel(drafts);
    expect(added.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(draftProblems([...draftsOf(DEFAULT_LABELS), added], DEFAULT_LABELS)).toEqual(['Label 5: name must not be empty']);
    const reserved = draftsOf(DEFAULT_LABELS);
    reserved[2] = { ...reserved[2]!, hotkeys: '3 ?' };
    expect(draftProblems(reserved, DEFAULT_LABELS)).toEqual([expect.stringMatching(/^DATE: "\?" is one of the app's own shortcut keys/)]);
  });

  it('refuse a swap of names with the reason', () => {
    const drafts = draftsOf(DEFAULT_LABELS);
    drafts[0] = { ...drafts[0]!, name: 'LOCATION' };
    drafts[1] = { ...drafts[1]!, name: 'ACTOR' };
    expect(draftProblems(drafts, DEFAULT_LABELS)).toEqual([expect.stringContaining('two steps')]);
  });
});
