import { describe, it, expect } from 'vitest';
import { DEFAULT_LABELS } from '../../shared/labels';
import { UNKNOWN_LABEL_CLASS, labelClass, labelStyleRules } from './labelStyles';

describe('labelClass', () => {
  it('names a class by the label position, and one class for labels the project lacks', () => {
    expect(labelClass(DEFAULT_LABELS, 'ACTOR')).toBe('sw-label-0');
    expect(labelClass(DEFAULT_LABELS, 'CASUALTY')).toBe('sw-label-3');
    expect(labelClass(DEFAULT_LABELS, 'WEAPON')).toBe(UNKNOWN_LABEL_CLASS);
  });
});

describe('labelStyleRules', () => {
  it('sets each label class colour', () => {
    expect(labelStyleRules(DEFAULT_LABELS).split('\n')).toEqual([
      '.sw-label-0 { --sw-color: #c2410c; }',
      '.sw-label-1 { --sw-color: #1d4ed8; }',
      '.sw-label-2 { --sw-color: #047857; }',
      '.sw-label-3 { --sw-color: #b91c1c; }',
      '.sw-label-unknown { --sw-color: #6b7280; }',
    ]);
  });

  it('lets nothing but a hex colour into the stylesheet', () => {
    const hostile = [{ name: 'X', color: 'red; } body { display: none', hotkeys: [], definition: '' }];
    expect(labelStyleRules(hostile)).not.toContain('display');
    expect(labelStyleRules(hostile)).toContain('.sw-label-0 { --sw-color: #6b7280; }');
  });
});
