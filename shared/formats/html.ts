/**
 * The readable text of an HTML article. Only text survives, never markup, so scripts, event
 * handlers and `javascript:` links cannot matter. Page chrome is dropped whole — script, style,
 * noscript, iframe, nav, header, footer, aside, form, svg, button, template, head content, and
 * anything `hidden` or `aria-hidden="true"` — and block elements (paragraphs, headings, list
 * items, table rows, ...) become paragraphs separated by a blank line; `<br>` is a line break,
 * `<pre>` keeps its spacing, elsewhere runs of whitespace are one space. The title is the first
 * `<h1>` of the text, else `<title>`; `article:published_time`-style meta tags and the
 * canonical link are kept as `meta.publishedAt` and `meta.url`.
 */
import { Parser } from 'htmlparser2';
import { normalizeLineEndings } from '../text';
import { parseGuarded, FormatProblem, type ImportedDocument, type ParseResult } from './model';
import { requireReadableText } from './source';

const DROPPED = new Set([
  'script', 'style', 'noscript', 'iframe', 'nav', 'header', 'footer', 'aside', 'form', 'svg', 'button',
  'template', 'head', 'select', 'object', 'embed', 'canvas', 'audio', 'video', 'math',
]);

const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hgroup', 'hr', 'html', 'li',
  'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

const DATE_META = new Set([
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate',
  'dc.date', 'dc.date.issued', 'sailthru.date', 'parsely-pub-date',
]);

/** Read the readable text of an HTML page as one article. */
export function parseHtml(content: string, file: string): ParseResult {
  return parseGuarded(file, () => {
    requireReadableText(content);
    const page = readablePage(normalizeLineEndings(content));
    if (page.text === '') throw new FormatProblem('holds no readable text (only markup, scripts or page chrome)');
    const document: ImportedDocument = { text: page.text, meta: page.meta, spans: [] };
    const title = page.heading || page.title;
    if (title) document.title = title;
    return { ok: true, documents: [document], warnings: [] };
  });
}

interface ReadablePage {
  text: string;
  title: string;
  heading: string;
  meta: Record<string, string>;
}

function readablePage(html: string): ReadablePage {
  const paragraphs: string[] = [];
  let buffer = '';
  let bufferIsPre = false;
  const hidden: boolean[] = [];
  let hiddenDepth = 0;
  let preDepth = 0;
  let inTitle = false;
  let inHeading = false;
  let title = '';
  let heading = '';
  let headingDone = false;
  const meta: Record<string, string> = {};

  const flush = () => {
    const text = bufferIsPre ? buffer.replace(/^\n+|\s+$/g, '') : collapse(buffer);
    if (text !== '') paragraphs.push(text);
    buffer = '';
    bufferIsPre = false;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name === 'meta') keepMeta(attributes, meta);
        if (name === 'link' && attributes.rel?.toLowerCase() === 'canonical' && attributes.href) meta.url ??= attributes.href;
        const hides = DROPPED.has(name) || 'hidden' in attributes || attributes['aria-hidden'] === 'true';
        hidden.push(hides);
        if (hides) hiddenDepth++;
        if (hiddenDepth > 0) return;
        if (BLOCKS.has(name)) flush();
        if (name === 'pre') preDepth++;
        if (name === 'br') buffer += '\n';
        if (name === 'td' || name === 'th') buffer += ' ';
        if (name === 'h1' && !headingDone) inHeading = true;
      },
      ontext(text) {
        if (inTitle) title += text;
        if (hiddenDepth > 0) return;
        if (inHeading) heading += text;
        if (preDepth > 0) bufferIsPre = true;
        buffer += preDepth > 0 ? text : text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        const wasHidden = hidden.pop() ?? false;
        if (wasHidden) {
          hiddenDepth--;
          return;
        }
        if (hiddenDepth > 0) return;
        if (name === 'h1' && inHeading) {
          inHeading = false;
          headingDone = oneLine(heading) !== '';
        }
        if (BLOCKS.has(name)) flush();
        if (name === 'pre') preDepth--;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { text: paragraphs.join('\n\n'), title: oneLine(title), heading: oneLine(heading), meta };
}

function keepMeta(attributes: Record<string, string>, meta: Record<string, string>): void {
  const key = (attributes.property ?? attributes.name ?? attributes.itemprop ?? '').toLowerCase();
  const value = attributes.content?.trim();
  if (!value) return;
  if (DATE_META.has(key)) meta.publishedAt ??= value;
  if (key === 'og:url') meta.url ??= value;
}

/** Whitespace runs become one space, lines (from `<br>`) are trimmed, at most one blank line in a row. */
function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
