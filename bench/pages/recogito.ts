/**
 * The big article in Recogito's text annotator (@recogito/text-annotator, its UMD build as
 * `window.RecogitoJS`): plain paragraphs made annotatable, then every span set at once as a
 * W3C-style text annotation with a tagging body holding the label.
 * `window.addSpan(start, end, label)` adds one more, as the benchmark's "add one span".
 */
import type { ArticleData } from '../page-server';

interface RecogitoAnnotation {
  id: string;
  bodies: Array<{ id: string; annotation: string; purpose: string; value: string }>;
  target: { annotation: string; selector: Array<{ quote: string; start: number; end: number }> };
}

interface RecogitoAnnotator {
  setAnnotations(annotations: RecogitoAnnotation[], replace?: boolean): void;
  addAnnotation(annotation: RecogitoAnnotation): void;
}

interface RecogitoGlobal {
  createTextAnnotator(container: HTMLElement, options?: Record<string, unknown>): RecogitoAnnotator;
}

const COLORS: Record<string, string> = { ACTOR: '#c2410c', LOCATION: '#1d4ed8', DATE: '#047857', CASUALTY: '#b91c1c' };

const data: ArticleData = await (await fetch(`/data/article.json${location.search}`)).json();
const page = document.getElementById('page')!;
const lines = document.createDocumentFragment();
for (const line of data.text.split('\n')) {
  const paragraph = document.createElement('p');
  paragraph.textContent = line;
  lines.append(paragraph);
}
page.append(lines);

// Recogito counts offsets in the container's text, where paragraphs follow each other with no
// `\n` between them: every line break before a span moves it one to the left.
const lineStarts = [0];
for (let i = data.text.indexOf('\n'); i >= 0; i = data.text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
const breaksBefore = (offset: number): number => {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lineStarts[middle]! <= offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
};

const annotation = (id: string, start: number, end: number, label: string): RecogitoAnnotation => {
  const shift = breaksBefore(start);
  return {
    id,
    bodies: [{ id: `${id}-label`, annotation: id, purpose: 'tagging', value: label }],
    target: { annotation: id, selector: [{ quote: data.text.slice(start, end), start: start - shift, end: end - shift }] },
  };
};

const recogito = (window as unknown as { RecogitoJS: RecogitoGlobal }).RecogitoJS;
const annotator = recogito.createTextAnnotator(page, {
  style: (a: RecogitoAnnotation) => ({ fill: COLORS[a.bodies[0]?.value ?? ''] ?? '#888888', fillOpacity: 0.2 }),
});
annotator.setAnnotations(data.spans.map((span) => annotation(span.id, span.start, span.end, span.label)));

let added = 0;
Object.assign(window, {
  addSpan: (start: number, end: number, label: string) => annotator.addAnnotation(annotation(`added-${added++}`, start, end, label)),
});
