/**
 * A JSON object file taken apart as its bytes arrive, without ever holding it whole: the
 * elements of one array member (a Spanwise export's `documents`) come out one at a time, and the
 * other members whole, each as the bytes of one JSON value for `JSON.parse`. Only the structure
 * between those values is checked here — `JSON.parse` checks each value — so the bytes are
 * looked at once, in a loop, and nesting too deep is refused before anything walks it.
 */
import { FormatProblem } from './model';

/** One value of the file, as its UTF-8 bytes. */
export type JsonPiece =
  | { kind: 'member'; key: string; line: number; bytes: Uint8Array }
  | { kind: 'element'; index: number; line: number; bytes: Uint8Array };

export interface JsonSplitterOptions {
  /** The member whose array elements come out one by one. */
  arrayKey: string;
  /** How deep arrays and objects may nest, counted from the file's top. */
  maxDepth: number;
  /** The largest value handed out, in bytes. */
  maxValueBytes: number;
  /** Says what is too large: "document 3 is …". */
  describeTooLarge: (piece: { key: string } | { index: number }) => string;
  /** Says what nests too deep, on its line. */
  describeTooDeep: () => string;
  /** UTF-8 bytes to text (the platform's decoder). */
  decode: (bytes: Uint8Array) => string;
}

const enum State {
  BeforeObject,
  BeforeFirstKey,
  BeforeKey,
  Key,
  Colon,
  BeforeValue,
  BeforeFirstElement,
  BeforeElement,
  AfterElement,
  AfterMember,
  Value,
  End,
}

const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

/** A byte that ends a number, `true`, `false` or `null`. */
function endsScalar(byte: number): boolean {
  return byte === 0x2c || byte === 0x5d || byte === 0x7d || isSpace(byte);
}

export class JsonSplitter {
  #state = State.BeforeObject;
  #line = 1;
  #key = '';
  #keyBytes: number[] = [];
  #escaped = false;
  #index = 0;
  /** The value being read: its pieces so far, where it started, how it nests. */
  #parts: Uint8Array[] = [];
  #size = 0;
  #valueLine = 1;
  #inElement = false;
  #depth = 0;
  #inString = false;
  #scalar = false;
  #bomAt = 0;

  #arrayFound = false;

  constructor(private readonly options: JsonSplitterOptions) {}

  /** Whether the array member was there (so far). */
  get arrayFound(): boolean {
    return this.#arrayFound;
  }

  /** Take the next bytes; gives back the values they complete. */
  push(chunk: Uint8Array): JsonPiece[] {
    const pieces: JsonPiece[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === State.Value) {
        i = this.#readValue(chunk, i, pieces);
        continue;
      }
      const byte = chunk[i];
      if (byte === NEWLINE) this.#line++;
      if (this.#state === State.Key) {
        this.#readKeyByte(byte);
        i++;
        continue;
      }
      if (this.#bomAt < BOM.length) {
        // A UTF-8 byte order mark may open the file, however the chunks cut it.
        if (byte === BOM[this.#bomAt]) {
          this.#bomAt++;
          i++;
          continue;
        }
        this.#bomAt = BOM.length;
      }
      if (isSpace(byte)) {
        i++;
        continue;
      }
      this.#structure(byte);
      if ((this.#state as State) === State.Value) {
        this.#startValue(byte);
        i = this.#readValue(chunk, i, pieces);
      } else i++;
    }
    return pieces;
  }

  /** The input is over: throws unless the object closed. */
  end(): void {
    if (this.#state === State.Value && this.#scalar) {
      throw this.#problem('ends in the middle of a value (the file looks cut short)');
    }
    if (this.#state !== State.End) {
      throw this.#problem(this.#state === State.BeforeObject ? 'is empty' : 'is not valid JSON: it ends too soon (the file looks cut short)');
    }
  }

  /** One byte between values: a brace, bracket, colon, comma or the start of a key or value. */
  #structure(byte: number): void {
    switch (this.#state) {
      case State.BeforeObject:
        if (byte !== 0x7b) throw this.#unexpected(byte, 'a JSON object');
        this.#state = State.BeforeFirstKey;
        return;
      case State.BeforeFirstKey:
      case State.BeforeKey:
        if (byte === QUOTE) {
          this.#state = State.Key;
          this.#keyBytes = [];
          this.#escaped = false;
        } else if (byte === 0x7d && this.#state === State.BeforeFirstKey) this.#state = State.End;
        else throw this.#unexpected(byte, 'a key in quotes');
        return;
      case State.Colon:
        if (byte !== 0x3a) throw this.#unexpected(byte, '":"');
        this.#state = State.BeforeValue;
        return;
      case State.BeforeValue:
        if (this.#key === this.options.arrayKey) {
          if (byte !== 0x5b) throw this.#problem(`"${this.#key}" is not a list (it should start with "[")`);
          this.#arrayFound = true;
          this.#state = State.BeforeFirstElement;
          return;
        }
        this.#inElement = false;
        this.#state = State.Value;
        return;
      case State.BeforeFirstElement:
      case State.BeforeElement:
        if (byte === 0x5d && this.#state === State.BeforeFirstElement) {
          this.#state = State.AfterMember;
          return;
        }
        this.#inElement = true;
        this.#state = State.Value;
        return;
      case State.AfterElement:
        if (byte === 0x2c) this.#state = State.BeforeElement;
        else if (byte === 0x5d) this.#state = State.AfterMember;
        else throw this.#unexpected(byte, '"," or "]"');
        return;
      case State.AfterMember:
        if (byte === 0x2c) this.#state = State.BeforeKey;
        else if (byte === 0x7d) this.#state = State.End;
        else throw this.#unexpected(byte, '"," or "}"');
        return;
      case State.End:
        throw this.#unexpected(byte, 'nothing more after the closing "}"');
      default:
        return;
    }
  }

  #readKeyByte(byte: number): void {
    if (this.#escaped) this.#escaped = false;
    else if (byte === BACKSLASH) this.#escaped = true;
    else if (byte === QUOTE) {
      const raw = `"${this.options.decode(new Uint8Array(this.#keyBytes))}"`;
      try {
        this.#key = JSON.parse(raw) as string;
      } catch {
        throw this.#problem(`is not valid JSON: the key ${raw.slice(0, 80)} is not a valid string`);
      }
      this.#state = State.Colon;
      return;
    }
    if (this.#keyBytes.length >= 1024) throw this.#problem('is not valid JSON: a key runs on past 1,024 bytes');
    this.#keyBytes.push(byte);
  }

  #startValue(byte: number): void {
    this.#parts = [];
    this.#size = 0;
    this.#valueLine = this.#line;
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
    this.#scalar = byte !== 0x7b && byte !== 0x5b && byte !== QUOTE;
  }

  /** Read the value on from `from`; returns where reading stopped in the chunk. */
  #readValue(chunk: Uint8Array, from: number, pieces: JsonPiece[]): number {
    const start = from;
    let i = start;
    let depth = this.#depth;
    let inString = this.#inString;
    let escaped = this.#escaped;
    let line = this.#line;
    let done = false;
    const base = this.#inElement ? 2 : 1;
    const limit = this.options.maxDepth - base;
    if (this.#scalar) {
      while (i < chunk.length && !endsScalar(chunk[i])) {
        if (chunk[i] === 0x00) throw this.#problem('is a binary file, not text (it holds NUL bytes)');
        i++;
      }
      done = i < chunk.length;
    } else {
      for (; i < chunk.length; i++) {
        const byte = chunk[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === QUOTE) {
            inString = false;
            if (depth === 0) {
              i++;
              done = true;
              break;
            }
          } else if (byte === BACKSLASH) escaped = true;
          else if (byte < 0x20) {
            if (byte === NEWLINE) line++;
            else if (byte === 0x00) {
              this.#line = line;
              throw this.#problem('is a binary file, not text (it holds NUL bytes)');
            }
          }
        } else if (byte === QUOTE) inString = true;
        else if (byte === 0x7b || byte === 0x5b) {
          if (++depth > limit) {
            this.#line = line;
            throw this.#problem(this.options.describeTooDeep());
          }
        } else if (byte === 0x7d || byte === 0x5d) {
          if (--depth === 0) {
            i++;
            done = true;
            break;
          }
        } else if (byte === NEWLINE) line++;
        else if (byte === 0x00) {
          this.#line = line;
          throw this.#problem('is a binary file, not text (it holds NUL bytes)');
        }
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    this.#escaped = escaped;
    this.#line = line;
    this.#size += i - start;
    if (this.#size > this.options.maxValueBytes) {
      throw new FormatProblem(this.options.describeTooLarge(this.#inElement ? { index: this.#index } : { key: this.#key }), this.#valueLine);
    }
    this.#parts.push(chunk.subarray(start, i));
    if (done) pieces.push(this.#finishValue());
    return i;
  }

  #finishValue(): JsonPiece {
    const bytes = this.#parts.length === 1 ? this.#parts[0] : concat(this.#parts, this.#size);
    this.#parts = [];
    if (this.#inElement) {
      this.#state = State.AfterElement;
      return { kind: 'element', index: this.#index++, line: this.#valueLine, bytes };
    }
    this.#state = State.AfterMember;
    return { kind: 'member', key: this.#key, line: this.#valueLine, bytes };
  }

  #unexpected(byte: number, expected: string): FormatProblem {
    const shown = byte >= 0x20 && byte < 0x7f ? `"${String.fromCharCode(byte)}"` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
    if (byte === 0x00) return this.#problem('is a binary file, not text (it holds NUL bytes)');
    return this.#problem(`is not valid JSON: ${shown} where ${expected} should be`);
  }

  #problem(message: string): FormatProblem {
    return new FormatProblem(message, this.#line);
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
