/**
 * JSON files for people: parse errors and record errors name the line they are on, which
 * `JSON.parse` alone does not tell.
 */
import { FormatProblem } from './model';

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

const JSON_STRING_BODY = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*`;
const JSON_STRING = new RegExp(`${JSON_STRING_BODY}"`, 'y');
/** As much of a string as is well-formed: where it stops is where the string goes wrong. */
const JSON_STRING_START = new RegExp(JSON_STRING_BODY, 'y');
const JSON_SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

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
  const matchAt = (pattern: RegExp): number => {
    pattern.lastIndex = i;
    return pattern.test(json) ? pattern.lastIndex : -1;
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
      const end = matchAt(JSON_STRING);
      if (end < 0) return matchAt(JSON_STRING_START);
      i = end;
      expected = 'colon';
    } else if (char === '[' || char === '{') {
      open.push(char === '[' ? 'array' : 'object');
      i++;
      expected = char === '[' ? 'value-or-close' : 'key-or-close';
    } else if (char === '"') {
      const end = matchAt(JSON_STRING);
      if (end < 0) return matchAt(JSON_STRING_START);
      i = end;
      expected = afterValue();
    } else {
      const end = matchAt(JSON_SCALAR);
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

const PATH_TOKEN = /[ \t\r\n]*(?:("(?:[^"\\]|\\.)*")|([{}[\],:])|([^ \t\r\n{}[\],:]+))/y;

interface PathFrame {
  kind: 'array' | 'object';
  /** Array index, or the object key of the value being read. */
  step: string | number;
  expectingKey: boolean;
}

/**
 * The 1-based line where the value at `path` (object keys and array indexes, as zod reports
 * issues) starts in valid JSON text; undefined when there is no such value.
 */
export function lineOfPath(json: string, path: ReadonlyArray<PropertyKey>): number | undefined {
  const frames: PathFrame[] = [];
  let line = 1;
  PATH_TOKEN.lastIndex = 0;
  for (let match = PATH_TOKEN.exec(json); match && match[0] !== ''; match = PATH_TOKEN.exec(json)) {
    // Line breaks can only be in the whitespace before a token: JSON strings cannot hold them raw.
    line += countLineBreaks(match[0], match[0].length);
    const [, string, punctuation] = match;
    const frame = frames[frames.length - 1];
    if (frame?.expectingKey && string !== undefined) {
      frame.step = JSON.parse(string) as string;
      continue;
    }
    if (punctuation === ':') {
      frame.expectingKey = false;
      continue;
    }
    if (punctuation === ',') {
      if (frame.kind === 'array') frame.step = Number(frame.step) + 1;
      else frame.expectingKey = true;
      continue;
    }
    if (punctuation === '}' || punctuation === ']') {
      frames.pop();
      continue;
    }
    // A value starts here.
    if (frames.length === path.length && frames.every((f, i) => String(f.step) === String(path[i]))) return line;
    if (punctuation === '{') frames.push({ kind: 'object', step: '', expectingKey: true });
    if (punctuation === '[') frames.push({ kind: 'array', step: 0, expectingKey: false });
  }
  return undefined;
}
