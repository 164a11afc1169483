/**
 * The baseline: the big article as plain paragraphs, no editor and no highlights. What the
 * browser alone needs to fetch, build and lay out the same text.
 */
import type { ArticleData } from '../page-server';

// The text alone: what the page needs to show it, no span data.
const data: Pick<ArticleData, 'text'> = await (await fetch(`/data/article-text.json${location.search}`)).json();
const lines = document.createDocumentFragment();
for (const line of data.text.split('\n')) {
  const paragraph = document.createElement('p');
  paragraph.textContent = line;
  lines.append(paragraph);
}
document.getElementById('page')!.append(lines);
