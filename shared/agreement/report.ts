/**
 * The agreement report of a corpus: every pair of annotators compared on the documents both
 * worked on (span F1 exact and overlap, token kappa; overall and per label), the multi-annotator
 * coefficients, and the documents ordered from least agreement up. Definitions and conventions:
 * docs/agreement.md.
 */
import type { Token } from '../tokens';
import type { Span } from '../types';
import { addPairCounts, documentCounts, meanOf, type DocumentCounts } from './documentcounts';
import { alphaTally, krippendorffAlpha } from './krippendorff';
import { fleissKappa, fleissTally } from './fleiss';
import { categoryKappa, cohenKappa, kappaTally, type KappaTally } from './kappa';
import { compareStrings } from './order';
import { emptyFold, foldRow } from './ratings';
import { prf, sumCounts, type MatchCounts, type PRF } from './spanmatch';

export interface AgreementDocument {
  id: string;
  text: string;
  /** Layers by annotator id; a layer that is present (even with no spans) means that annotator worked on it. */
  layers: Readonly<Record<string, readonly Span[]>>;
  /** `tokenize(text)`, when the caller keeps it cached; computed here otherwise. */
  tokens?: readonly Token[];
}

/** How far two annotators agree, on all labels or on one. */
export interface Agreement {
  /** Spans with the same start, end and label; `a` is the reference, `b` the prediction. */
  exact: PRF;
  /** Same label and intersecting ranges, matched one to one. */
  overlap: PRF;
  /** Cohen's kappa over tokens; per label, of "has the label" against "has not". */
  kappa: number | null;
}

export interface PairAgreement extends Agreement {
  a: string;
  b: string;
  /** Documents both worked on: all the figures of the pair come from these. */
  documents: number;
  /** Every label of the report, including ones this pair never used (scores then null or 0). */
  perLabel: Record<string, Agreement>;
}

export interface DocumentAgreement {
  id: string;
  /** Mean exact-match F1 over the pairs who both worked on it; null when fewer than two did or no one tagged anything. */
  meanF1: number | null;
  /** How many of the annotators asked about worked on it. */
  annotatorCount: number;
}

export interface AgreementReport {
  /** Every pair of the annotators asked about, in the order given (a before b). */
  pairs: PairAgreement[];
  /** Fleiss' kappa over the tokens of documents all annotators worked on; null with fewer than three annotators. */
  fleiss: number | null;
  /** Krippendorff's alpha (nominal) over all tokens; an annotator who did not work on a document is missing there. */
  alpha: number | null;
  /** Least agreement first: by mean F1 ascending, documents without one last. */
  perDocument: DocumentAgreement[];
  /** Labels any of the annotators used, sorted. */
  labels: string[];
}

interface PairTotals {
  a: string;
  b: string;
  documents: number;
  exact: Map<string, MatchCounts>;
  overlap: Map<string, MatchCounts>;
}

/** The agreement report of `annotators` (ids; others' layers are ignored) over `docs`. */
export function agreementReport(docs: readonly AgreementDocument[], annotators: readonly string[]): AgreementReport {
  // One document's counts at a time: kept for all of them at once they would only load the heap.
  function* counted() {
    for (const doc of docs) yield { id: doc.id, counts: documentCounts(doc, annotators) };
  }
  return reportOf(counted(), annotators);
}

/**
 * The agreement report of `annotators` from the counts of each document (`documentCounts`, for
 * these annotators or any others): the same report `agreementReport` gives of the documents.
 */
export function reportOf(docs: Iterable<{ id: string; counts: DocumentCounts }>, annotators: readonly string[]): AgreementReport {
  const people = [...new Set(annotators)];
  const pairs: PairTotals[] = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) pairs.push({ a: people[i], b: people[j], documents: 0, exact: new Map(), overlap: new Map() });
  }
  const labels = new Set<string>();
  // Token labels of the whole corpus, rater r = people[r], null where r did not work on the
  // document; folded as it goes, so it stays one row per combination of labels.
  const ratings = emptyFold();
  const perDocument: DocumentAgreement[] = [];

  for (const { id, counts } of docs) {
    // Where each of `people` is among the document's annotators; -1: did not work on it.
    const at = people.map((p) => counts.annotators.indexOf(p));
    const annotatorCount = at.filter((index) => index !== -1).length;
    for (const index of at) for (const label of counts.labels[index] ?? []) labels.add(label);
    if (annotatorCount < 2) {
      perDocument.push({ id, meanF1: null, annotatorCount });
      continue;
    }
    const row = new Array<string | null>(people.length);
    for (const tokens of counts.tokens) {
      for (let r = 0; r < people.length; r++) row[r] = at[r] === -1 ? null : (tokens[at[r] + 1] as string);
      foldRow(ratings, row, tokens[0]);
    }
    const f1s: Array<number | null> = [];
    for (const pair of pairs) {
      const a = at[people.indexOf(pair.a)];
      const b = at[people.indexOf(pair.b)];
      if (a === -1 || b === -1) continue;
      f1s.push(addPairCounts(pair, counts, a, b));
      pair.documents++;
    }
    perDocument.push({ id, meanF1: meanOf(f1s), annotatorCount });
  }

  const table = [...ratings.rows.values()];
  const labelList = [...labels].sort(compareStrings);
  return {
    pairs: pairs.map((pair) => pairAgreement(pair, kappaTally(table, people.indexOf(pair.a), people.indexOf(pair.b)), labelList)),
    fleiss: people.length >= 3 ? fleissKappa(fleissTally(table)) : null,
    alpha: krippendorffAlpha(alphaTally(table)),
    perDocument: perDocument.sort(byLeastAgreement),
    labels: labelList,
  };
}

const NO_MATCHES: MatchCounts = { tp: 0, fp: 0, fn: 0 };

function pairAgreement(pair: PairTotals, kappa: KappaTally, labels: readonly string[]): PairAgreement {
  return {
    a: pair.a,
    b: pair.b,
    documents: pair.documents,
    exact: prf(sumCounts(pair.exact.values())),
    overlap: prf(sumCounts(pair.overlap.values())),
    kappa: cohenKappa(kappa),
    perLabel: Object.fromEntries(
      labels.map((label): [string, Agreement] => [
        label,
        {
          exact: prf(pair.exact.get(label) ?? NO_MATCHES),
          overlap: prf(pair.overlap.get(label) ?? NO_MATCHES),
          kappa: categoryKappa(kappa, label),
        },
      ]),
    ),
  };
}

/** Lowest mean F1 first; then documents with more annotators (more to review); then by id. */
function byLeastAgreement(x: DocumentAgreement, y: DocumentAgreement): number {
  if (x.meanF1 !== y.meanF1) {
    if (x.meanF1 === null) return 1;
    if (y.meanF1 === null) return -1;
    return x.meanF1 - y.meanF1;
  }
  return y.annotatorCount - x.annotatorCount || compareStrings(x.id, y.id);
}
