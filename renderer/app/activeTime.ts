/**
 * Time spent on documents: active time only, i.e. while a document is open, the window has the
 * focus and the user did something (a key, a click, a scroll, a mouse move) in the last minute.
 * `ActiveTime` counts it against a clock it is given; `TimeRecorder` feeds it from the window
 * and sends what it counted to the service about every half minute and when the document changes.
 */

/** Without input for this long, the time stops counting until the next input. */
export const IDLE_AFTER_MS = 60_000;
/** How often counted time is sent while a document stays open. */
export const SEND_EVERY_MS = 30_000;
/** Less than this is not worth a call; it is dropped when the document changes. */
const SMALLEST_SENT_MS = 1_000;

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'scroll'] as const;

/** Counts active time between `take`s. Between two events nothing changes but the clock. */
export class ActiveTime {
  #focused: boolean;
  #lastInput: number | null = null;
  #checkpoint: number;
  #counted = 0;

  constructor(now: number, focused: boolean) {
    this.#checkpoint = now;
    this.#focused = focused;
  }

  /** The user did something. */
  input(now: number): void {
    this.#advance(now);
    this.#lastInput = now;
  }

  focus(now: number): void {
    this.#advance(now);
    this.#focused = true;
  }

  blur(now: number): void {
    this.#advance(now);
    this.#focused = false;
  }

  /** The active time counted so far, without taking it. */
  peek(now: number): number {
    this.#advance(now);
    return this.#counted;
  }

  /** The active time counted since the last take; counting starts again from zero. */
  take(now: number): number {
    this.#advance(now);
    const counted = this.#counted;
    this.#counted = 0;
    return counted;
  }

  #advance(now: number): void {
    if (this.#focused && this.#lastInput !== null) {
      // Active from the checkpoint until the input goes stale, but not past now.
      this.#counted += Math.max(0, Math.min(now, this.#lastInput + IDLE_AFTER_MS) - this.#checkpoint);
    }
    this.#checkpoint = Math.max(this.#checkpoint, now);
  }
}

/** What the recorder needs from its surroundings; the window and its timers, or stand-ins. */
export interface RecorderHost {
  now(): number;
  hasFocus(): boolean;
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
  removeEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
  setInterval(handler: () => void, ms: number): number;
  clearInterval(id: number): void;
}

/** The browser window as a recorder host. */
export function windowHost(target: Window): RecorderHost {
  return {
    now: () => Date.now(),
    hasFocus: () => target.document.hasFocus(),
    addEventListener: (type, listener, options) => target.addEventListener(type, listener, options),
    removeEventListener: (type, listener, options) => target.removeEventListener(type, listener, options),
    setInterval: (handler, ms) => target.setInterval(handler, ms),
    clearInterval: (id) => target.clearInterval(id),
  };
}

/** Records the active time of whichever document is open, and sends it. */
export class TimeRecorder {
  #docId: string | null = null;
  readonly #time: ActiveTime;
  readonly #timer: number;
  readonly #listeners: Array<[string, () => void, AddEventListenerOptions]>;

  constructor(
    private readonly host: RecorderHost,
    private readonly send: (docId: string, ms: number) => void,
  ) {
    this.#time = new ActiveTime(host.now(), host.hasFocus());
    const input = () => this.#time.input(host.now());
    // Scrolls inside the page do not bubble to the window; listening in the capture phase sees them.
    this.#listeners = [
      ...ACTIVITY_EVENTS.map((type): [string, () => void, AddEventListenerOptions] => [type, input, { capture: true, passive: true }]),
      ['focus', () => this.#time.focus(host.now()), {}],
      ['blur', () => this.#time.blur(host.now()), {}],
      ['pagehide', () => this.flush(0), {}],
    ];
    for (const [type, listener, options] of this.#listeners) host.addEventListener(type, listener, options);
    this.#timer = host.setInterval(() => this.flush(SMALLEST_SENT_MS), SEND_EVERY_MS);
  }

  /** The document now open (null: none); the time of the one before is sent first. */
  open(docId: string | null): void {
    if (docId === this.#docId) return;
    this.flush(SMALLEST_SENT_MS);
    this.#time.take(this.host.now());
    this.#docId = docId;
  }

  /** Send the time counted for the open document, if it is at least `smallest` ms. */
  flush(smallest: number): void {
    const docId = this.#docId;
    if (docId === null) return;
    const counted = this.#time.peek(this.host.now());
    if (counted < Math.max(1, smallest)) return;
    this.#time.take(this.host.now());
    this.send(docId, Math.round(counted));
  }

  /** Send what is counted and stop listening. */
  stop(): void {
    this.open(null);
    this.host.clearInterval(this.#timer);
    for (const [type, listener, options] of this.#listeners) this.host.removeEventListener(type, listener, options);
  }
}
