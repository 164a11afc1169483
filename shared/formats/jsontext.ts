/**
 * JSON files for people: parse errors and record errors name the line they are on, which
 * `JSON.parse` alone does not tell.
 */
import { FormatProblem } from './model';

/**
 * Elements of a JSON array as `JSON.stringify(array, null, 2)` writes them when the array is
 * `depth` levels in (0 at the top), after `before` elements: the pieces of all elements, between
 * `[` and `prettyArrayEnd`, give exactly that text, so a large array can be written a batch of
 * elements at a time.
 */
export function prettyArrayElements(values: readonly unknown[], before: number, depth: number): string {
  let nested: unknown = values;
  for (let level = 0; level < depth; level++) nested = [nested];
  // Stringified inside `depth` arrays, the elements come out indented as they would be in place;
  // the openings ("[\n", "  [\n", …) and the closings ("\n  ]", "\n]", …) are as long as each other.
  const text = JSON.stringify(nested, null, 2);
  const wrapping = (depth + 1) * (depth + 2);
  return `${before > 0 ? ',' : ''}\n${text.slice(wrapping, text.length - wrapping)}`;
}

/** What closes such an array after `count` elements. */
export function prettyArrayEnd(count: number, depth: number): string {
  return count > 0 ? `\n${'  '.repeat(depth)}]` : ']';
}

/** Parse JSON text; a syntax error becomes a FormatProblem on its line (offset by `firstLine`). */
export function parseJsonText(content: string, firstLine = 1): unknown {
  const json = content.startsWith('\uFEFF') ? content.slice(1) : content;
  try {
    return JSON.parse(json);
  } catch (caught) {
    const reason = caught instanceof Error ? caught.message : String(caught);
    const cleaned = reason
      .replace(/( in JSON)? at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    const index = syntaxErrorIndex(json);
    const truncated = index >= json.trimEnd().length ? ' (the file looks cut short)' : '';
    throw new FormatProblem(`is not valid JSON: ${cleaned}${truncated}`, firstLine + countLineBreaks(json, index));
  }
}

const JSON_SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * Read the JSON string that starts at the quote at `start`: ok with the index just after its
 * closing quote, or not ok with the index where it goes wrong (its length when it never ends).
 * A loop, not a regular expression: a regex over a 50 MB string overflows the stack.
 */
function scanString(json: string, start: number): { ok: boolean; index: number } {
  for (let i = start + 1; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code === 0x22) return { ok: true, index: i + 1 };
    if (code < 0x20) return { ok: false, index: i };
    if (code === 0x5c) {
      const escaped = json[i + 1];
      if (escaped === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(json.slice(i + 2, i + 6))) return { ok: false, index: i };
        i += 5;
      } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) i++;
      else return { ok: false, index: Math.min(i + 1, json.length) };
    }
  }
  return { ok: false, index: json.length };
}

type Expected = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

/**
 * The UTF-16 index of the first JSON syntax error, which JSON.parse does not always give
 * (V8 often names only the token); the text's length when it ends too soon.
 */
function syntaxErrorIndex(json: string): number {
  const open: Array<'array' | 'object'> = [];
  let expected: Expected = 'value';
  let i = 0;
  const afterValue = (): Expected => (open.length > 0 ? 'comma-or-close' : 'end');
  const scalarEnd = (): number => {
    JSON_SCALAR.lastIndex = i;
    return JSON_SCALAR.test(json) ? JSON_SCALAR.lastIndex : -1;
  };
  for (;;) {
    while (i < json.length && ' \t\n\r'.includes(json[i])) i++;
    if (i >= json.length) return json.length;
    const char = json[i];
    if (expected === 'end') return i;
    if (expected === 'colon') {
      if (char !== ':') return i;
      i++;
      expected = 'value';
    } else if (expected === 'comma-or-close') {
      const container = open[open.length - 1];
      if (char === ',') {
        i++;
        expected = container === 'array' ? 'value' : 'key';
      } else if (char === (container === 'array' ? ']' : '}')) {
        i++;
        open.pop();
        expected = afterValue();
      } else return i;
    } else if (char === '}' && expected === 'key-or-close') {
      i++;
      open.pop();
      expected = afterValue();
    } else if (char === ']' && expected === 'value-or-close') {
      i++;
      open.pop();
      expected = afterValue();
    } else if (expected === 'key' || expected === 'key-or-close') {
      if (char !== '"') return i;
      const string = scanString(json, i);
      if (!string.ok) return string.index;
      i = string.index;
      expected = 'colon';
    } else if (char === '[' || char === '{') {
      open.push(char === '[' ? 'array' : 'object');
      i++;
      expected = char === '[' ? 'value-or-close' : 'key-or-close';
    } else if (char === '"') {
      const string = scanString(json, i);
      if (!string.ok) return string.index;
      i = string.index;
      expected = afterValue();
    } else {
      const end = scalarEnd();
      if (end < 0) return i;
      i = end;
      expected = afterValue();
    }
  }
}

/** How many `\n` come before the UTF-16 index. */
export function countLineBreaks(content: string, index: number): number {
  let count = 0;
  for (let i = content.indexOf('\n'); i >= 0 && i < index; i = content.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * The 1-based line on which each element of the top-level JSON array starts, in order; empty
 * when the text is not an array. Run only on text that `JSON.parse` accepted.
 */
export function arrayElementLines(content: string): number[] {
  const lines: number[] = [];
  if (!content.trimStart().startsWith('[')) return lines;
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingElement = false;
  for (let i = 0; i < content.length; i++) {
    const char = content[i];
    if (char === '\n') line++;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue;
    if (depth === 1 && expectingElement && char !== ']') lines.push(line);
    expectingElement = false;
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      expectingElement = depth === 1 && char === '[';
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectingElement = true;
  }
  return lines;
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface PathFrame {
  kind: 'array' | 'object';
  /** Array index, or the object key of the value being read. */
  step: string | number;
  expectingKey: boolean;
}

const DELIMITERS = ' \t\r\n{}[],:';

/**
 * The 1-based line where the value at `path` (object keys and array indexes, as zod reports
 * issues) starts in valid JSON text; undefined when there is no such value.
 */
export function lineOfPath(json: string, path: ReadonlyArray<PropertyKey>): number | undefined {
  const frames: PathFrame[] = [];
  let line = 1;
  const atPath = () => frames.length === path.length && frames.every((frame, i) => String(frame.step) === String(path[i]));
  for (let i = 0; i < json.length; ) {
    const char = json[i];
    const frame = frames[frames.length - 1];
    if (char === '\n') line++;
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      i++;
    } else if (char === '"') {
      const end = scanString(json, i).index;
      if (frame?.expectingKey) frame.step = JSON.parse(json.slice(i, end)) as string;
      else if (atPath()) return line;
      i = end;
    } else if (char === ':' || char === ',' || char === '}' || char === ']') {
      if (char === ':') frame.expectingKey = false;
      else if (char === ',' && frame.kind === 'array') frame.step = Number(frame.step) + 1;
      else if (char === ',') frame.expectingKey = true;
      else frames.pop();
      i++;
    } else {
      if (atPath()) return line;
      if (char === '{') frames.push({ kind: 'object', step: '', expectingKey: true });
      if (char === '[') frames.push({ kind: 'array', step: 0, expectingKey: false });
      i++;
      if (char !== '{' && char !== '[') while (i < json.length && !DELIMITERS.includes(json[i])) i++;
    }
  }
  return undefined;
}
