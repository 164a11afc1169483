/**
 * Inline gold markup for test fixtures: `[At least two [civilians]ACTOR]CASUALTY{count=2;qualifier=at least}`.
 * A bracketed stretch is followed by its label and, optionally, attributes; brackets nest.
 */
import type { AttributeValues } from '../../types';

export interface GoldSpan {
  start: number;
  end: number;
  label: string;
  text: string;
  attributes?: AttributeValues;
}

/** Plain text and gold spans (code point offsets) from marked-up text; throws on a malformed fixture. */
export function parseMarkup(markup: string): { text: string; spans: GoldSpan[] } {
  const characters = [...markup];
  const plain: string[] = [];
  const open: number[] = [];
  const spans: GoldSpan[] = [];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    if (character === '[') {
      open.push(plain.length);
    } else if (character === ']') {
      const start = open.pop();
      const rest = characters.slice(i + 1).join('');
      const tail = /^([A-Z_]+)(?:\{([^}]*)\})?/u.exec(rest);
      if (start === undefined || !tail) throw new Error(`bad markup near "${characters.slice(Math.max(0, i - 20), i + 20).join('')}"`);
      const span: GoldSpan = { start, end: plain.length, label: tail[1], text: plain.slice(start).join('') };
      if (tail[2]) span.attributes = parseAttributes(tail[2]);
      spans.push(span);
      i += [...tail[0]].length;
    } else {
      plain.push(character);
    }
  }
  if (open.length > 0) throw new Error(`unclosed "[" in markup: ${markup.slice(0, 40)}…`);
  return { text: plain.join(''), spans: spans.sort((a, b) => a.start - b.start || b.end - a.end) };
}

function parseAttributes(source: string): AttributeValues {
  return Object.fromEntries(
    source.split(';').map((pair) => {
      const [name, value] = pair.split('=');
      return [name.trim(), /^\d+$/u.test(value) ? Number(value) : value];
    }),
  );
}
