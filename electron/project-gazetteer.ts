/**
 * The gazetteer of an open project: every text its annotators (and the adjudicated gold) have
 * tagged, with its majority label. It is read from the layer files once, on first use, then
 * kept in step document by document: when a document's layers change, its old spans are taken
 * out, its new ones put in, and only the entries of the texts that changed are redone.
 */
import { applyGazetteerChange, gazetteerOfCounts, type Gazetteer, type GazetteerChange } from '../shared/suggest';
import type { LayerInfo, Span } from '../shared/types';
import { CorruptFileError, StoreError } from './errors';
import type { Project } from './project';

/** What the gazetteer learns from one span. */
type Learnt = Pick<Span, 'text' | 'label'>;

// A few reads at a time keep the disk busy; more only hold more parsed files at once, and in a
// pass over a large project that is what sets the process's peak memory.
const PARALLEL_READS = 4;

/** Pair numbers below this are one UTF-16 unit of a packed list (`LearntPairs`): the units below the surrogates. */
const SINGLE = 0xd800;
/** A unit from here up (past the surrogates) starts a two-unit number. */
const ESCAPE = 0xe000;
/** Units made into a string by one `String.fromCharCode` call: a call takes only so many arguments. */
const UNITS_PER_CALL = 8_192;

/**
 * How many entry changes are kept for `changesSince`: hundreds of tags' worth. Past that, sending
 * the changes would cost about as much as sending the whole gazetteer.
 */
export const CHANGE_LOG_LIMIT = 10_000;

/** Only what people settled is learnt: pre-annotation would teach the engine its own guesses. */
function learnsFrom(layer: LayerInfo): boolean {
  return layer.kind === 'annotator' || layer.kind === 'gold';
}

/**
 * Label counts per text, with the gazetteer they make, changed in place. Equal to
 * `buildGazetteer` of all the spans put in and not taken out, except that of two labels given
 * equally often the one kept may differ (the first given, counted since it was last absent).
 *
 * Each change that alters an entry makes a new `version`, and the last few thousand entry
 * changes are kept, so that a copy of the gazetteer elsewhere (the engine's thread) can be
 * brought up to date with them rather than sent again whole.
 */
export class GazetteerCounts {
  readonly #counts = new Map<string, Map<string, number>>();
  /** The lower-cased first word each entry is filed under in `byFirstWord`. */
  readonly #firstWord = new Map<string, string>();
  readonly gazetteer: Gazetteer;
  #version = 0;
  /** The entry changes of each version, oldest first, for `changesSince`. */
  readonly #log: Array<{ version: number; changes: GazetteerChange[] }> = [];
  #logged = 0;

  /** Start from these spans, in one pass. */
  constructor(spans: Iterable<Learnt> = []) {
    for (const span of spans) this.#count(span, 1);
    this.gazetteer = gazetteerOfCounts(this.#counts);
    for (const [word, entries] of this.gazetteer.byFirstWord) {
      for (const entry of entries) this.#firstWord.set(entry.text, word);
    }
  }

  get version(): number {
    return this.#version;
  }

  /**
   * The entry changes that made this version from `version`, in the order they were made; null
   * when they are no longer all kept (or `version` was never this gazetteer's).
   */
  changesSince(version: number): GazetteerChange[] | null {
    if (version === this.#version) return [];
    const at = this.#log.findIndex((logged) => logged.version > version);
    if (version > this.#version || at === -1 || this.#log[at]!.version !== version + 1) return null;
    return this.#log.slice(at).flatMap((logged) => logged.changes);
  }

  /** Take `removed` out and put `added` in, redoing the entries of the texts they touch. */
  change(removed: readonly Learnt[], added: readonly Learnt[]): void {
    const touched = new Set<string>();
    for (const span of removed) touched.add(this.#count(span, -1));
    for (const span of added) touched.add(this.#count(span, 1));
    const changes = [...touched].flatMap((text) => this.#redo(text) ?? []);
    if (changes.length === 0) return;
    this.#version++;
    this.#log.push({ version: this.#version, changes });
    this.#logged += changes.length;
    while (this.#logged > CHANGE_LOG_LIMIT) this.#logged -= this.#log.shift()!.changes.length;
  }

  #count(span: Learnt, step: 1 | -1): string {
    const labels = this.#counts.get(span.text) ?? new Map<string, number>();
    const count = (labels.get(span.label) ?? 0) + step;
    if (count > 0) labels.set(span.label, count);
    else labels.delete(span.label);
    if (labels.size > 0) this.#counts.set(span.text, labels);
    else this.#counts.delete(span.text);
    return span.text;
  }

  /** Replace the entry of one text by what its counts make now (nothing, when none are left). */
  #redo(text: string): GazetteerChange | null {
    const labels = this.#counts.get(text);
    // The one-text gazetteer decides the entry exactly as a whole rebuild would.
    const [filed] = labels ? gazetteerOfCounts(new Map([[text, labels]])).byFirstWord : [];
    const entry = filed?.[1][0];
    const firstWord = entry ? filed[0] : this.#firstWord.get(text);
    if (firstWord === undefined) return null;
    const change = { text, firstWord, entry: entry ?? null };
    applyGazetteerChange(this.gazetteer, change);
    if (entry) this.#firstWord.set(text, firstWord);
    else this.#firstWord.delete(text);
    return change;
  }
}

/** The project's gazetteer, built on first use and kept current as documents are reported changed. */
export class ProjectGazetteer {
  /**
   * What each layer document contributed, by `layerId/docId`, packed by `#pairs`: in a large
   * project that is a million spans, and a short string per document holds them in a fraction of
   * the memory a pair of strings per span (or even their JSON) would.
   */
  #learnt = new Map<string, string>();
  #pairs = new LearntPairs();
  #counts: GazetteerCounts | null = null;
  #building: Promise<void> | null = null;
  /** Bumped when everything must be read again; a build started before it is thrown away. */
  #generation = 0;
  readonly #stale = new Set<string>();
  #closed = false;

  constructor(private readonly project: Project) {}

  /** These documents' layers changed: learn them again before the next answer. */
  documentsChanged(docIds: readonly string[]): void {
    for (const docId of docIds) this.#stale.add(docId);
  }

  /** Layers may have come or gone: read everything again on next use. */
  projectChanged(): void {
    this.#generation++;
    this.#building = null;
    this.#counts = null;
    this.#stale.clear();
  }

  /**
   * The project was closed: a build still reading stops, and a call waiting for it is refused
   * rather than reading every layer file of a project nobody has open.
   */
  close(): void {
    this.projectChanged();
    this.#closed = true;
    this.#learnt = new Map();
    this.#pairs = new LearntPairs();
  }

  /** The gazetteer as the layers now stand. */
  async current(): Promise<Gazetteer> {
    return (await this.counts()).gazetteer;
  }

  /** The gazetteer as the layers now stand, with its version and recent changes. */
  async counts(): Promise<GazetteerCounts> {
    while (!this.#counts) {
      if (this.#closed) throw new StoreError('no-project', `${this.project.dir} was closed before its suggestions were worked out.`);
      if (!this.#building) {
        const building: Promise<void> = this.#build(this.#generation).catch((error: unknown) => {
          // A failed build is tried again on the next call.
          if (this.#building === building) this.#building = null;
          throw error;
        });
        this.#building = building;
      }
      await this.#building;
    }
    const counts = this.#counts;
    const stale = [...this.#stale];
    this.#stale.clear();
    await Promise.all(stale.map((docId) => this.#relearn(counts, docId)));
    return counts;
  }

  async #build(generation: number): Promise<void> {
    // Changes reported from here on are learnt again after the build, whatever it reads.
    this.#stale.clear();
    const learnt = new Map<string, string>();
    const jobs: Array<{ layer: string; docId: string }> = [];
    const docIds = this.project.catalog.entries().map((entry) => entry.id);
    for (const layer of this.project.layers.list().filter(learnsFrom)) {
      const summary = await this.project.layers.summary(layer.id);
      for (const docId of docIds) {
        if ((summary.get(docId)?.spanCount ?? 0) > 0) jobs.push({ layer: layer.id, docId });
      }
    }
    let next = 0;
    // A build the project has moved on from (another project, other layers) stops reading.
    const worker = async (): Promise<void> => {
      while (next < jobs.length && generation === this.#generation) {
        const { layer, docId } = jobs[next++]!;
        learnt.set(`${layer}/${docId}`, this.#pairs.pack(await this.#spansOf(layer, docId)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, jobs.length) }, worker));
    if (generation !== this.#generation) return;
    this.#learnt = learnt;
    this.#counts = new GazetteerCounts(this.#pairs.unpackAll(learnt.values()));
  }

  async #relearn(counts: GazetteerCounts, docId: string): Promise<void> {
    const layers = this.project.layers.list().filter(learnsFrom);
    const fresh = await Promise.all(layers.map(async (layer) => [`${layer.id}/${docId}`, await this.#spansOf(layer.id, docId)] as const));
    // Swapped without an await in between, so two relearns of one document cannot both remove the old spans.
    for (const [key, spans] of fresh) {
      counts.change(this.#pairs.unpack(this.#learnt.get(key) ?? ''), spans);
      if (spans.length > 0) this.#learnt.set(key, this.#pairs.pack(spans));
      else this.#learnt.delete(key);
    }
  }

  /** The spans of one layer document; none when it has no file or cannot be read (it is named as a problem). */
  async #spansOf(layerId: string, docId: string): Promise<Learnt[]> {
    try {
      // Not through the cache of open documents: the build reads every one of them once.
      const doc = await this.project.layers.readThrough(layerId, docId);
      return doc?.spans ?? [];
    } catch (error) {
      if (error instanceof CorruptFileError) return [];
      throw error;
    }
  }
}

/** The largest number a pair can have: two UTF-16 units (`LearntPairs`) hold no more. */
const MAX_PAIR = (0x10000 - ESCAPE) * SINGLE - 1;

/**
 * Learnt spans packed as text: every distinct text and label pair gets a number, and a list of
 * spans is the string of its pairs' numbers, one UTF-16 unit each below `SINGLE` (two otherwise,
 * the first from `ESCAPE` up). Pairs no document has any more keep their numbers: a project's
 * distinct texts are few beside its spans.
 */
export class LearntPairs {
  readonly #numbers = new Map<string, Map<string, number>>();
  readonly #pairs: Learnt[] = [];

  pack(spans: readonly Learnt[]): string {
    const units: number[] = [];
    for (const { text, label } of spans) {
      const n = this.#number(text, label);
      if (n < SINGLE) units.push(n);
      else units.push(ESCAPE + Math.floor(n / SINGLE), n % SINGLE);
    }
    // One flat string: adding a unit at a time would keep a chain of one-unit strings per document.
    let packed = '';
    for (let at = 0; at < units.length; at += UNITS_PER_CALL) packed += String.fromCharCode(...units.slice(at, at + UNITS_PER_CALL));
    return packed;
  }

  /** The spans `pack` made this from; the same objects for the same pair, not to be changed. */
  unpack(packed: string): Learnt[] {
    const spans: Learnt[] = [];
    for (let at = 0; at < packed.length; at++) {
      const unit = packed.charCodeAt(at);
      spans.push(this.#pairs[unit < ESCAPE ? unit : (unit - ESCAPE) * SINGLE + packed.charCodeAt(++at)]!);
    }
    return spans;
  }

  *unpackAll(packed: Iterable<string>): Iterable<Learnt> {
    for (const each of packed) yield* this.unpack(each);
  }

  #number(text: string, label: string): number {
    const byText = this.#numbers.get(label) ?? new Map<string, number>();
    this.#numbers.set(label, byText);
    let n = byText.get(text);
    if (n === undefined) {
      n = this.#pairs.length;
      if (n > MAX_PAIR) throw new StoreError('internal', `The project has more than ${MAX_PAIR} distinct tagged texts, more than suggestions can learn.`);
      this.#pairs.push({ text, label });
      byText.set(text, n);
    }
    return n;
  }
}
