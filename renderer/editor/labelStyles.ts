/**
 * Label colours as CSS. The page's policy forbids inline styles, so each label gets a class
 * (`sw-label-<index>`) that sets `--sw-color`, in a stylesheet built in script and adopted by
 * the document; every highlight, chip and swatch derives its tints from that one property.
 */
import type { LabelDef } from '../../shared/types';

/** The colour of spans whose label the project no longer defines. */
export const UNKNOWN_LABEL_COLOR = '#6b7280';
export const UNKNOWN_LABEL_CLASS = 'sw-label-unknown';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** The class that colours things of the label named `name`. */
export function labelClass(labels: readonly LabelDef[], name: string): string {
  const index = labels.findIndex((label) => label.name === name);
  return index === -1 ? UNKNOWN_LABEL_CLASS : `sw-label-${index}`;
}

/**
 * The stylesheet text for a label schema. Colours that are not `#rrggbb` fall back to grey:
 * the text goes into a stylesheet, so nothing else from the project file may reach it.
 */
export function labelStyleRules(labels: readonly LabelDef[]): string {
  const rules = labels.map((label, index) => {
    const color = HEX_COLOR.test(label.color) ? label.color : UNKNOWN_LABEL_COLOR;
    return `.sw-label-${index} { --sw-color: ${color}; }`;
  });
  rules.push(`.${UNKNOWN_LABEL_CLASS} { --sw-color: ${UNKNOWN_LABEL_COLOR}; }`);
  return rules.join('\n');
}

let sheet: CSSStyleSheet | null = null;

/** Make the document's label classes match `labels`; one adopted sheet, replaced in place. */
export function installLabelStyles(labels: readonly LabelDef[]): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(labelStyleRules(labels));
}
