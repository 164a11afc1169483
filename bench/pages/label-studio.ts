/**
 * The big article in Label Studio's embeddable frontend (@heartexlabs/label-studio 1.4.0, its
 * built bundle as `window.LabelStudio`): a Labels + Text config and a task whose annotation
 * holds every span as a `labels` result. `window.addSpan(start, end, label)` adds one span as a
 * user does: picks the label, selects the text and lets go of the mouse button.
 */
import type { ArticleData } from '../page-server';

interface LabelStudioResult {
  id: string;
  from_name: string;
  to_name: string;
  type: 'labels';
  value: { start: number; end: number; text: string; labels: string[] };
}

interface LabelStudioAnnotation {
  names: { get(name: 'label'): { children: Array<{ value: string; setSelected(selected: boolean): void }> } };
}

interface LabelStudioInstance {
  store: { annotationStore: { selected: LabelStudioAnnotation | null } };
}

type LabelStudioConstructor = new (root: HTMLElement, options: Record<string, unknown>) => LabelStudioInstance;

const LABELS = ['ACTOR', 'LOCATION', 'DATE', 'CASUALTY'];
const CONFIG = `<View><Labels name="label" toName="text">${LABELS.map((label) => `<Label value="${label}"/>`).join('')}</Labels><Text name="text" value="$text"/></View>`;

const data: ArticleData = await (await fetch(`/data/article.json${location.search}`)).json();
document.getElementById('page')!.remove();
const root = document.createElement('div');
root.id = 'label-studio';
document.getElementById('scroller')!.append(root);

const result: LabelStudioResult[] = data.spans.map((span) => ({
  id: span.id,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  value: { start: span.start, end: span.end, text: data.text.slice(span.start, span.end), labels: [span.label] },
}));

const LabelStudio = (window as unknown as { LabelStudio: LabelStudioConstructor }).LabelStudio;
const studio = new LabelStudio(root, {
  config: CONFIG,
  interfaces: ['panel', 'controls', 'side-column'],
  user: { id: 1, first_name: 'Bench', last_name: 'Mark', username: 'bench' },
  task: { id: 1, data: { text: data.text }, annotations: [{ id: 1, result }], predictions: [] },
});

/** A DOM range over text offsets `start..end` of the element's text. */
function rangeOver(root: Element, start: number, end: number): Range {
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const next = seen + node.data.length;
    if (start >= seen && start <= next) range.setStart(node, start - seen);
    if (end >= seen && end <= next) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen = next;
  }
  throw new Error(`The text has no offset ${end}`);
}

Object.assign(window, {
  addSpan: (start: number, end: number, label: string) => {
    const annotation = studio.store.annotationStore.selected;
    if (!annotation) throw new Error('Label Studio shows no annotation');
    annotation.names.get('label').children.find((choice) => choice.value === label)!.setSelected(true);
    const text = document.querySelector('.lsf-richtext__container')!;
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(rangeOver(text, start, end));
    text.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  },
});
