/**
 * Token tagging, shared by the token formats (CoNLL, Hugging Face): spans to one IOB2 tag per
 * token on the way out, tag sequences back to spans on the way in.
 *
 * Out: the text is split by the tokeniser (../tokens), and further wherever a span starts or
 * ends inside a token, so every span keeps its exact extent. Nested and overlapping spans are
 * flattened (./flatten) and reported; a discontinuous span is tagged over its whole range.
 * Sentences come from `sentences()`, joined where a span would cross from one into the next.
 *
 * In: tags are `O` or `<P>-<LABEL>` with P one of B, I, E, S (and BILOU's L = E, U = S).
 */
import { codePointLength } from '../text';
import { sentences, tokenize, type Token } from '../tokens';
import type { Span } from '../types';
import { flatten, type FlattenRule } from './flatten';
import { FormatProblem, type ExportDocument, type ImportedSpan } from './model';

/** IOB1 (I- starts a chunk, B- only splits two adjacent chunks of one label), IOB2 (every chunk starts with B-), BIOES. */
export type TagScheme = 'iob1' | 'iob2' | 'bioes';

/** A sentence ready to write: its tokens and one IOB2 tag per token. */
export interface TaggedSentence {
  tokens: Token[];
  tags: string[];
}

/** A document's tagged sentences, and the spans its tags could not hold, by reason. */
export interface TaggedDocument {
  sentences: TaggedSentence[];
  /** Spans left out because they nest in or overlap a span that was kept. */
  nested: Span[];
  /** Spans that cover no token (only whitespace). */
  empty: Span[];
  /** Kept spans with fragments, tagged over their whole range. */
  discontinuous: Span[];
}

/** Tag a document's spans as IOB2 over its tokens. */
export function tagDocument(item: ExportDocument, rule: Partial<FlattenRule> = {}): TaggedDocument {
  const { text } = item.document;
  const { kept, dropped } = flatten(item.spans, rule);
  const tokens = splitTokensAt(tokenize(text), kept);
  const tags = tokens.map(() => 'O');
  const tokenRanges: Array<[number, number]> = [];
  const empty: Span[] = [];
  let next = 0;
  for (const span of kept) {
    while (next < tokens.length && tokens[next].end <= span.start) next++;
    let last = next;
    while (last < tokens.length && tokens[last].end <= span.end) last++;
    if (last === next) {
      empty.push(span);
      continue;
    }
    tags[next] = `B-${span.label}`;
    for (let i = next + 1; i < last; i++) tags[i] = `I-${span.label}`;
    tokenRanges.push([next, last]);
    next = last;
  }
  return {
    sentences: sentencesKeeping(text, tokens, tokenRanges).map(({ start, end }) => ({
      tokens: tokens.slice(start, end),
      tags: tags.slice(start, end),
    })),
    nested: dropped,
    empty,
    discontinuous: kept.filter((span) => span.fragments && span.fragments.length > 1),
  };
}

/** How many spans of each kind tagged documents left out or changed, added up document by document. */
export interface TaggingTally {
  nested: number;
  empty: number;
  discontinuous: number;
}

export function emptyTaggingTally(): TaggingTally {
  return { nested: 0, empty: 0, discontinuous: 0 };
}

/** Add a tagged document's counts into a tally. */
export function tallyTagging(into: TaggingTally, doc: TaggedDocument): void {
  into.nested += doc.nested.length;
  into.empty += doc.empty.length;
  into.discontinuous += doc.discontinuous.length;
}

/** Warnings for what a tagged export left out, summed over documents. */
export function taggingWarnings(documents: TaggedDocument[], format: string): { warnings: string[]; dropped: number } {
  const tally = emptyTaggingTally();
  for (const doc of documents) tallyTagging(tally, doc);
  return tallyWarnings(tally, format);
}

/** Warnings for what a tally of tagged documents left out. */
export function tallyWarnings({ nested, empty, discontinuous }: TaggingTally, format: string): { warnings: string[]; dropped: number } {
  const warnings: string[] = [];
  if (nested > 0) {
    warnings.push(`${nested} span${nested === 1 ? '' : 's'} nested in or overlapping another span ${nested === 1 ? 'was' : 'were'} left out: ${format} holds one label per token (the outermost span was kept)`);
  }
  if (empty > 0) warnings.push(`${empty} span${empty === 1 ? '' : 's'} covering only whitespace ${empty === 1 ? 'was' : 'were'} left out`);
  if (discontinuous > 0) {
    warnings.push(`${discontinuous} discontinuous span${discontinuous === 1 ? ' was' : 's were'} tagged over ${discontinuous === 1 ? 'its' : 'their'} whole range`);
  }
  return { warnings, dropped: nested + empty };
}

/** Split tokens wherever a span starts or ends strictly inside one. */
function splitTokensAt(tokens: Token[], spans: Span[]): Token[] {
  const cuts = [...new Set(spans.flatMap((span) => [span.start, span.end]))].sort((a, b) => a - b);
  const result: Token[] = [];
  let cut = 0;
  for (const token of tokens) {
    while (cut < cuts.length && cuts[cut] <= token.start) cut++;
    if (cut >= cuts.length || cuts[cut] >= token.end) {
      result.push(token);
      continue;
    }
    const codePoints = [...token.text];
    let from = token.start;
    for (; cut < cuts.length && cuts[cut] < token.end; cut++) {
      result.push(pieceOf(token, codePoints, from, cuts[cut]));
      from = cuts[cut];
    }
    result.push(pieceOf(token, codePoints, from, token.end));
  }
  return result;
}

function pieceOf(token: Token, codePoints: string[], start: number, end: number): Token {
  return { start, end, text: codePoints.slice(start - token.start, end - token.start).join('') };
}

/** Sentence ranges of the tokens, merged so no token range in `keep` crosses a boundary. */
function sentencesKeeping(text: string, tokens: Token[], keep: Array<[number, number]>) {
  const ranges = sentences(text, tokens);
  const sentenceOf = new Int32Array(tokens.length);
  ranges.forEach(({ start, end }, index) => sentenceOf.fill(index, start, end));
  const joinsNext = new Uint8Array(ranges.length);
  for (const [first, afterLast] of keep) {
    for (let s = sentenceOf[first]; s < sentenceOf[afterLast - 1]; s++) joinsNext[s] = 1;
  }
  const merged: Array<{ start: number; end: number }> = [];
  ranges.forEach((range, index) => {
    const previous = merged[merged.length - 1];
    if (previous && joinsNext[index - 1]) previous.end = range.end;
    else merged.push({ ...range });
  });
  return merged;
}

/**
 * The tokens of one document as a token file gives them, in order: each with its tag and the
 * line (or record) it came from, and the index of the first token of every sentence.
 * Flat arrays rather than objects per sentence, so a 50 MB file stays within memory.
 */
export interface TaggedTokens {
  tokens: string[];
  tags: string[];
  lines: number[];
  sentenceStarts: number[];
}

export function emptyTaggedTokens(): TaggedTokens {
  return { tokens: [], tags: [], lines: [], sentenceStarts: [] };
}

/** Add a token; `startsSentence` marks the first token of a sentence. */
export function addTaggedToken(into: TaggedTokens, token: string, tag: string, line: number, startsSentence: boolean): void {
  if (startsSentence || into.tokens.length === 0) into.sentenceStarts.push(into.tokens.length);
  into.tokens.push(token);
  into.tags.push(tag);
  into.lines.push(line);
}

type Prefix = 'B' | 'I' | 'E' | 'S' | 'O';

/** A chunk being read: its first token, label, and the prefix of its last tag so far. */
interface OpenChunk {
  first: number;
  label: string;
  prefix: Prefix;
}

const TAG = /^[BIESLU]-\S+$/;

/** The prefix of a tag (BILOU's L and U read as E and S); throws on a tag of unknown shape. */
function prefixOf(tag: string, line: number): Prefix {
  if (tag === 'O') return 'O';
  if (!TAG.test(tag)) throw new FormatProblem(`unknown tag "${tag}": expected O or B-, I-, E-, S- (or L-, U-) and a label`, line);
  const prefix = tag[0];
  return prefix === 'L' ? 'E' : prefix === 'U' ? 'S' : (prefix as Prefix);
}

/**
 * Which scheme tags follow: BIOES if any E-/S-/L-/U- tag appears; IOB2 if any chunk starts with
 * B- (after O, at a sentence start, or after another label); IOB1 if chunks start with I-;
 * IOB2 when nothing tells them apart. An I- after O in a file that starts chunks with B- is
 * therefore an IOB2 error, never silently read as IOB1.
 */
export function detectScheme(documents: readonly TaggedTokens[]): TagScheme {
  let startsWithB = false;
  let startsWithI = false;
  for (const { tags, lines, sentenceStarts } of documents) {
    let sentence = 0;
    let previous = 'O';
    for (let i = 0; i < tags.length; i++) {
      if (sentenceStarts[sentence] === i) {
        sentence++;
        previous = 'O';
      }
      const tag = tags[i];
      const prefix = prefixOf(tag, lines[i]);
      if (prefix === 'E' || prefix === 'S') return 'bioes';
      const continues = previous !== 'O' && previous.slice(2) === tag.slice(2);
      if (prefix === 'B' && !continues) startsWithB = true;
      if (prefix === 'I' && !continues) startsWithI = true;
      previous = tag;
    }
  }
  return startsWithI && !startsWithB ? 'iob1' : 'iob2';
}

/**
 * The document a token file describes: its tokens joined by spaces, sentences by line breaks,
 * and the tagged chunks as spans over that text. Tags are checked against the scheme; an error
 * names the line of the offending token.
 */
export function taggedTokensToDocument(doc: TaggedTokens, scheme: TagScheme): { text: string; spans: ImportedSpan[] } {
  const { tokens, tags, lines, sentenceStarts } = doc;
  const starts = new Float64Array(tokens.length);
  const ends = new Float64Array(tokens.length);
  const spans: ImportedSpan[] = [];
  let text = '';
  let position = 0;
  let sentence = 0;
  let open: OpenChunk | null = null;
  const close = (chunk: OpenChunk | null, afterLast: number): null => {
    if (chunk) spans.push({ start: starts[chunk.first], end: ends[afterLast - 1], label: chunk.label });
    return null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const startsSentence = sentenceStarts[sentence] === i;
    if (startsSentence) {
      sentence++;
      if (open && scheme === 'bioes') throw unclosed(open.label, lines[i - 1]);
      open = close(open, i);
    }
    if (i > 0) {
      text += startsSentence ? '\n' : ' ';
      position++;
    }
    starts[i] = position;
    position += codePointLength(tokens[i]);
    ends[i] = position;
    text += tokens[i];

    const tag = tags[i];
    const line = lines[i];
    const prefix = prefixOf(tag, line);
    const label = tag.slice(2);
    const after = open ? `${open.prefix}-${open.label}` : startsSentence ? 'the start of a sentence' : 'O';
    if (scheme !== 'bioes' && (prefix === 'E' || prefix === 'S')) {
      throw new FormatProblem(`tag "${tag}" belongs to BIOES, not ${scheme.toUpperCase()}`, line);
    }
    if (scheme === 'bioes' && open && (prefix === 'B' || prefix === 'S' || prefix === 'O')) {
      throw new FormatProblem(`tag "${tag}" after ${after}: the ${open.label} chunk is not closed with E-${open.label}`, line);
    }
    if (prefix === 'O') open = close(open, i);
    else if (prefix === 'B') {
      open = close(open, i);
      open = { first: i, label, prefix };
    } else if (prefix === 'S') spans.push({ start: starts[i], end: ends[i], label });
    else if (open && open.label === label) {
      open.prefix = prefix;
      if (prefix === 'E') open = close(open, i + 1);
    } else if (scheme === 'iob1' && prefix === 'I') {
      open = close(open, i);
      open = { first: i, label, prefix };
    } else {
      throw new FormatProblem(`tag "${tag}" after ${after}: a ${label} chunk must start with B-${label}`, line);
    }
  }
  if (open && scheme === 'bioes') throw unclosed(open.label, lines[tokens.length - 1]);
  close(open, tokens.length);
  return { text, spans };
}

function unclosed(label: string, line: number): FormatProblem {
  return new FormatProblem(`the ${label} chunk at the end of the sentence is not closed with E-${label}`, line);
}

/** The IOB2 tag list of a label order: O, then B- and I- of each label. */
export function tagListOf(labels: readonly string[]): string[] {
  return ['O', ...labels.flatMap((label) => [`B-${label}`, `I-${label}`])];
}
