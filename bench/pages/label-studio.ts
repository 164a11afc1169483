/**
 * The big article in Label Studio's embeddable frontend (@heartexlabs/label-studio 1.4.0, its
 * built bundle as `window.LabelStudio`): a Labels + Text config and a task whose annotation
 * holds every span as a `labels` result. `window.addSpan(start, end, label)` adds one region to
 * the annotation on show, as the benchmark's "add one span".
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
  names: { get(name: string): unknown };
  createResult(area: Record<string, unknown>, result: Record<string, unknown>, control: unknown, object: unknown): unknown;
}

interface LabelStudioInstance {
  annotationStore: { selected: LabelStudioAnnotation | null };
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

Object.assign(window, {
  labelStudio: studio,
  addSpan: (start: number, end: number, label: string) => {
    const annotation = studio.annotationStore.selected;
    if (!annotation) throw new Error('Label Studio shows no annotation');
    annotation.createResult(
      { start, end, text: data.text.slice(start, end) },
      { labels: [label] },
      annotation.names.get('label'),
      annotation.names.get('text'),
    );
  },
});
