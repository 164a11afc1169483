/**
 * The benchmark's articles: conflict-report-like text made from a fixed vocabulary, with spans
 * that follow the project's rules (on word boundaries, no two of one label overlapping) and a
 * set share of them nested inside another (a CASUALTY figure holding its ACTOR). The same seed
 * always gives the same article. The text is ASCII, so code point and UTF-16 offsets agree and
 * every peer is given exactly the offsets Spanwise stores.
 */
import { seededRandom, type Random } from './random';

export interface ArticleShape {
  words: number;
  paragraphs: number;
  spans: number;
  /** One span in this many sits inside another. */
  nestedEvery: number;
}

/** A span of a generated article; offsets are code points (and UTF-16 units) into `text`. */
export interface GeneratedSpan {
  id: string;
  start: number;
  end: number;
  label: string;
}

export interface GeneratedArticle {
  title: string;
  /** The paragraphs joined by `\n`; the title is not a line of it. */
  text: string;
  spans: GeneratedSpan[];
  /** Untagged words, one per paragraph where there is one: where a benchmark can add a span. */
  freeWords: Array<{ start: number; end: number }>;
}

/** The shape issue 6 measures against: 100,000 words, 2,000 paragraphs, 5,000 spans, 1 in 6 nested. */
export const BIG_ARTICLE: ArticleShape = { words: 100_000, paragraphs: 2_000, spans: 5_000, nestedEvery: 6 };

/** One article of the 10,000-article project. */
export const PROJECT_ARTICLE: ArticleShape = { words: 1_500, paragraphs: 30, spans: 30, nestedEvery: 6 };

const FILLER = (
  'the a of to in and on at for with by from after before during near said reported according ' +
  'officials sources local residents witnesses monitors group statement killed wounded fled ' +
  'displaced struck hit shelling airstrike airstrikes attack attacks strike strikes village town ' +
  'city district province road highway bridge hospital school market mosque camp border front ' +
  'lines area areas positions convoy ceasefire truce talks agreement violations night morning ' +
  'evening week day month earlier later again also still more than least about some many several ' +
  'were was had have has been being while as they their them it its which who that this those ' +
  'targeted continued resumed escalated launched carried out across northern southern eastern ' +
  'western rural outskirts countryside centre heavy artillery rockets barrel bombs drones ' +
  'helicopters jets ground forces clashes fighting offensive advance retreat control seized ' +
  'recaptured families children women men aid workers supplies shelter tents winter cold rain'
).split(' ');

const ACTORS = [
  'civilians',
  'Russian warplanes',
  'pro-Assad forces',
  'Syrian government forces',
  'White Helmets',
  'rebel fighters',
  'Turkish troops',
  'Hay\'at Tahrir al-Sham',
  'opposition factions',
  'regime helicopters',
  'Syrian Observatory for Human Rights',
  'United Nations',
  'aid convoys',
  'Kurdish-led fighters',
];

const LOCATIONS = [
  'Idlib',
  'Zawiya Mountain',
  'al-Ghab Plain',
  'Aleppo',
  'Maarat al-Numan',
  'Jisr al-Shughur',
  'Latakia',
  'Hama',
  'Saraqib',
  'Ariha',
  'Kafr Nabl',
  'M4 highway',
  'Base 46',
  'Jabal al-Zawiya region',
];

const DATES = ['Tuesday', 'June 2', 'early March', 'last Wednesday', 'late April', 'Sunday night', 'March 2020', 'since Monday'];

const FIGURES = ['At least two', '16', 'more than 400', 'four', 'dozens of', 'five', '5,834', 'about 30', 'seven'];

const SINGLE_LABELS: Array<{ label: string; phrases: readonly string[] }> = [
  { label: 'ACTOR', phrases: ACTORS },
  { label: 'LOCATION', phrases: LOCATIONS },
  { label: 'DATE', phrases: DATES },
];

/** A tagged phrase waiting for its place: its words, and its spans as offsets into the phrase. */
interface Mention {
  words: string[];
  spans: Array<{ start: number; end: number; label: string }>;
}

/** Generate an article of `shape`; `idPrefix` keeps span ids unique across a project. */
export function generateArticle(shape: ArticleShape, seed: number, idPrefix = 's'): GeneratedArticle {
  const random = seededRandom(seed);
  const nests = Math.floor(shape.spans / shape.nestedEvery);
  const singles = shape.spans - 2 * nests;
  const mentionCount = nests + singles;
  // Nests spread evenly through the mentions rather than bunched at the start.
  const isNest = (m: number) => Math.floor(((m + 1) * nests) / mentionCount) > Math.floor((m * nests) / mentionCount);

  const paragraphs: string[] = [];
  const spans: GeneratedSpan[] = [];
  const freeWords: GeneratedArticle['freeWords'] = [];
  let offset = 0;
  let mention = 0;
  for (let p = 0; p < shape.paragraphs; p++) {
    const wordCount = share(shape.words, shape.paragraphs, p);
    const mentions: Mention[] = [];
    for (let k = share(mentionCount, shape.paragraphs, p); k > 0; k--) mentions.push(makeMention(random, isNest(mention++)));
    const mentionWords = mentions.reduce((sum, m) => sum + m.words.length, 0);
    const fillers = wordCount - mentionWords;
    if (fillers < mentions.length) throw new Error(`${wordCount} words per paragraph cannot hold ${mentions.length} mentions`);

    // Each mention goes into its own gap between filler words, so no two touch.
    const gaps = distinctSorted(random, mentions.length, fillers + 1);
    const tokens: Array<{ word: string; mention?: Mention }> = [];
    let nextMention = 0;
    let sentenceStart = true;
    for (let f = 0; f <= fillers; f++) {
      while (nextMention < gaps.length && gaps[nextMention] === f) {
        const m = mentions[nextMention++]!;
        tokens.push({ word: m.words.join(' '), mention: m });
        sentenceStart = false;
      }
      if (f === fillers) break;
      let word = random.pick(FILLER);
      if (sentenceStart) word = word[0]!.toUpperCase() + word.slice(1);
      const end = f === fillers - 1 || random.int(9) === 0 ? '.' : random.int(7) === 0 ? ',' : '';
      sentenceStart = end === '.';
      tokens.push({ word: word + end });
    }

    let line = '';
    let freeWord: { start: number; end: number } | null = null;
    for (const token of tokens) {
      if (line) line += ' ';
      const start = offset + line.length;
      line += token.word;
      if (token.mention) {
        for (const span of token.mention.spans) {
          spans.push({ id: `${idPrefix}-${spans.length}`, start: start + span.start, end: start + span.end, label: span.label });
        }
      } else if (!freeWord && /^[a-z]{4,}$/.test(token.word)) {
        freeWord = { start, end: start + token.word.length };
      }
    }
    if (freeWord) freeWords.push(freeWord);
    paragraphs.push(line);
    offset += line.length + 1;
  }
  return { title: `Generated report ${seed}`, text: paragraphs.join('\n'), spans, freeWords };
}

/** An ACTOR, LOCATION or DATE phrase, or a CASUALTY figure holding its ACTOR (a nest). */
function makeMention(random: Random, nest: boolean): Mention {
  if (nest) {
    const figure = random.pick(FIGURES);
    const actor = random.pick(ACTORS);
    const words = `${figure} ${actor}`.split(' ');
    const whole = words.join(' ');
    return {
      words,
      spans: [
        { start: 0, end: whole.length, label: 'CASUALTY' },
        { start: figure.length + 1, end: whole.length, label: 'ACTOR' },
      ],
    };
  }
  const { label, phrases } = random.pick(SINGLE_LABELS);
  const phrase = random.pick(phrases);
  return { words: phrase.split(' '), spans: [{ start: 0, end: phrase.length, label }] };
}

/** The part of `total` that falls to slot `index` of `slots` when it is spread evenly. */
function share(total: number, slots: number, index: number): number {
  return Math.floor(((index + 1) * total) / slots) - Math.floor((index * total) / slots);
}

/** `count` distinct integers from [0, range), ascending. */
function distinctSorted(random: Random, count: number, range: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(random.int(range));
  return [...chosen].sort((a, b) => a - b);
}
