/**
 * The benchmark's inputs, all generated from fixed seeds: the big article (as a one-document
 * project and as plain data for the peers), a 10,000-article project worked on by three
 * annotators, and a small project to switch away from between openings of the large one.
 *
 * The 10,000-article project (40,000 files) is kept between runs in a cache folder named after
 * a hash of the code that generates it, since the benchmark only reads it; everything else is
 * written afresh each run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Annotator } from '../shared/types';
import { BIG_ARTICLE, generateArticle, PROJECT_ARTICLE, type GeneratedArticle, type GeneratedSpan } from './corpus';
import { seededRandom } from './random';
import { writeDataDir, writeProject, type BenchDocument } from './project-folder';
import { REPO_ROOT } from './server';

export const ANNOTATORS: readonly Annotator[] = [
  { id: 'amira-b00001', name: 'Amira' },
  { id: 'bilal-b00002', name: 'Bilal' },
  { id: 'chen-b00003', name: 'Chen' },
];

const BIG_SEED = 20_260_101;
const CORPUS_SEED = 6_000_000;
export const CORPUS_SIZE = 10_000;

export interface Inputs {
  root: string;
  bigArticle: GeneratedArticle;
  /** The big article's data as the peers' pages fetch it. */
  bigArticleJson: string;
  /** Data folder and project of the big article (annotator: the first of ANNOTATORS). */
  article: { dataDir: string; projectDir: string; docId: string };
  /** Data folder, a small project it starts on, and the 10,000-article project. */
  corpus: { dataDir: string; startDir: string; projectDir: string; firstDocId: string };
  /** Seconds spent generating and writing. */
  seconds: number;
  /** Whether the 10,000-article project came from the cache. */
  cached: boolean;
}

/** The files whose code decides what the inputs hold. */
const GENERATOR_FILES = ['bench/corpus.ts', 'bench/random.ts', 'bench/inputs.ts', 'bench/project-folder.ts', 'shared/labels.ts'];
const MARKER = '.complete';

/** Generate every input under `root` (emptied first); the large project comes from `cacheRoot` when it is there. */
export function createInputs(root: string, cacheRoot: string): Inputs {
  const started = performance.now();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const [me] = ANNOTATORS as [Annotator, ...Annotator[]];

  const bigArticle = generateArticle(BIG_ARTICLE, BIG_SEED, 's');
  const article = { dataDir: path.join(root, 'article-data'), projectDir: path.join(root, 'article-project'), docId: 'big-article' };
  writeDataDir(article.dataDir, ANNOTATORS, me);
  writeProject({
    dir: article.projectDir,
    name: 'Big article',
    annotators: [me],
    documentCount: 1,
    document: () => ({
      id: article.docId,
      title: bigArticle.title,
      text: bigArticle.text,
      layers: { [me.id]: { spans: bigArticle.spans, status: 'in-progress' } },
    }),
  });
  const bigArticleJson = JSON.stringify({ title: bigArticle.title, text: bigArticle.text, spans: bigArticle.spans });
  writeFileSync(path.join(root, 'big-article.json'), bigArticleJson);

  const corpus = {
    dataDir: path.join(root, 'corpus-data'),
    startDir: path.join(root, 'start-project'),
    projectDir: path.join(cacheRoot, `corpus-${generatorVersion()}`),
    firstDocId: corpusDocId(0),
  };
  writeDataDir(corpus.dataDir, ANNOTATORS, me);
  writeProject({ dir: corpus.startDir, name: 'Start', annotators: [], documentCount: 1, document: () => corpusDocument(0) });
  const cached = existsSync(path.join(corpus.projectDir, MARKER));
  if (!cached) {
    rmSync(cacheRoot, { recursive: true, force: true });
    const partial = `${corpus.projectDir}.partial`;
    writeProject({ dir: partial, name: '10,000 articles', annotators: ANNOTATORS, documentCount: CORPUS_SIZE, document: corpusDocument });
    writeFileSync(path.join(partial, MARKER), '');
    renameSync(partial, corpus.projectDir);
  }
  return { root, bigArticle, bigArticleJson, article, corpus, seconds: (performance.now() - started) / 1000, cached };
}

/** A hash of the generator's code: a change to it makes a new cached project. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  for (const file of GENERATOR_FILES) hash.update(readFileSync(path.join(REPO_ROOT, file)));
  return hash.digest('hex').slice(0, 12);
}

function corpusDocId(index: number): string {
  return `doc-${String(index + 1).padStart(5, '0')}`;
}

const RELABEL: Record<string, string> = { ACTOR: 'LOCATION', LOCATION: 'DATE', DATE: 'ACTOR' };

/** One article of the corpus with every annotator's work on it; they disagree on a few labels. */
function corpusDocument(index: number): BenchDocument {
  const id = corpusDocId(index);
  const article = generateArticle(PROJECT_ARTICLE, CORPUS_SEED + index, `${id}-s`);
  const layers: BenchDocument['layers'] = {};
  ANNOTATORS.forEach((annotator, a) => {
    const random = seededRandom(CORPUS_SEED * 7 + index * 3 + a);
    const spans = a === 0 ? article.spans : article.spans.map((span, i) => varied(span, i, article.spans, random.next()));
    layers[annotator.id] = { spans, status: (index + a) % 3 === 0 ? 'done' : 'in-progress' };
  });
  return { id, title: `${article.title} (${index + 1})`, text: article.text, layers };
}

/**
 * A span as another annotator might have tagged it: one in twelve spans that stand alone gets
 * a different label. Spans in a nest keep theirs, so no two of one label ever overlap.
 */
function varied(span: GeneratedSpan, i: number, spans: readonly GeneratedSpan[], roll: number): GeneratedSpan {
  const touches = (other: GeneratedSpan | undefined) => other !== undefined && other.start < span.end && span.start < other.end;
  if (roll >= 1 / 12 || touches(spans[i - 1]) || touches(spans[i + 1]) || !RELABEL[span.label]) return span;
  return { ...span, label: RELABEL[span.label]! };
}
