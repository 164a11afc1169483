/**
 * The in-page half of the benchmark, injected before any page script runs (Spanwise's page and
 * the peers' alike): it times what the user sees from inside the page, with `performance.now()`
 * (milliseconds since navigation started), animation frames, a MutationObserver and the
 * KeyboardEvent's own time stamp, so no round trip to the bench process is counted.
 *
 * This file is compiled on its own (no imports) and exposes `window.__bench`.
 */

/** What one keyboard-tagging measurement gives, in ms from the keydown event's time stamp. */
export interface TagTiming {
  /** The new highlight is in the DOM and laid out. */
  dom: number;
  /** The animation frame after that has run and its paint is done. */
  frame: number;
  /** The store acknowledged the edit (its HTTP answer arrived); null when no call was seen. */
  ack: number | null;
  /** The keydown's own time stamp (on the `performance.now()` clock). */
  keydownAt: number;
}

/** What one programmatic add gives, in ms from the call. */
export interface AddTiming {
  dom: number;
  frame: number;
}

export interface BenchProbe {
  /**
   * When an element matching `selector` first exists (and `minCount` of them), resolves with
   * `performance.now()` once the animation frame after it has painted.
   */
  painted(selector: string, minCount: number, timeoutMs: number): Promise<number>;
  /**
   * Once no API call has been waiting for its answer for `quietMs` (longer than the app's own
   * delays before a follow-up call), the time the last answer came.
   */
  apiIdle(quietMs: number, timeoutMs: number): Promise<number>;
  /** Select code points `start..end` of line `line` of the Spanwise article, as a mouse would. */
  selectInArticle(line: number, start: number, end: number): Promise<void>;
  /** Watch for the next keydown and the highlight it makes (`collect` gives the result). */
  armTag(highlightSelector: string, text: string): void;
  collectTag(timeoutMs: number): Promise<TagTiming>;
  /** Run `action` (a global function's name with its arguments) and time the highlight it adds. */
  timeAdd(highlightSelector: string, action: string, args: unknown[], timeoutMs: number): Promise<AddTiming>;
  /**
   * Scroll `scroller` from top to bottom `stepPx` per animation frame and give every frame's
   * length in ms (the time between successive frames), plus the longest task seen.
   */
  scrollFrames(scroller: string, stepPx: number, maxFrames: number): Promise<{ frames: number[]; longestTaskMs: number }>;
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

/** `performance.now()` after the next frame has been produced: rAF, then a task queued from it. */
function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Resolves with `performance.now()` as soon as `ready()` holds after a DOM change. */
function whenInDom(ready: () => Element | null, timeoutMs: number, what: string): Promise<{ at: number; element: Element }> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const element = ready();
      if (!element) return false;
      // Asking for its box makes the browser lay it out now: "laid out in the DOM".
      element.getBoundingClientRect();
      const at = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      resolve({ at, element });
      return true;
    };
    const observer = new MutationObserver(() => void check());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${what}: not seen within ${timeoutMs} ms`));
    }, timeoutMs);
    if (!check()) observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}

/**
 * Wrap fetch to note when each API call's answer arrives (its headers: the store has answered)
 * and how many calls are waiting for theirs.
 */
const answered: Array<{ method: string; at: number }> = [];
let callsInFlight = 0;
const originalFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const body = typeof init?.body === 'string' ? init.body : '';
  const method = /"method":"([A-Za-z]+)"/.exec(body)?.[1];
  if (method) callsInFlight++;
  try {
    const response = await originalFetch(input, init);
    if (method) answered.push({ method, at: performance.now() });
    return response;
  } finally {
    if (method) callsInFlight--;
  }
};

let pendingTag: Promise<TagTiming> | null = null;

const probe: BenchProbe = {
  async painted(selector, minCount, timeoutMs) {
    await whenInDom(() => (document.querySelectorAll(selector).length >= minCount ? document.querySelector(selector) : null), timeoutMs, selector);
    return afterNextPaint();
  },

  async apiIdle(quietMs, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    let quietSince = performance.now();
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (callsInFlight > 0) quietSince = performance.now();
      else if (performance.now() - quietSince >= quietMs) return quietSince;
    }
    throw new Error(`API calls still waiting after ${timeoutMs} ms`);
  },

  async selectInArticle(line, start, end) {
    const root = document.querySelector('.ProseMirror')!;
    // As a reader does: bring the line to the screen first. An editor may draw a paragraph only
    // once it comes near the screen, so wait (a few frames at most) for its text to be there.
    (root.children[line] as HTMLElement).scrollIntoView({ block: 'center' });
    for (let waited = 0; waited < 30 && (root.children[line]!.textContent ?? '') === ''; waited++) await frame();
    const block = root.children[line]!;
    const textNodes: Text[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Label chips and the caret are widgets, outside the text.
      if (!node.parentElement?.closest('.ProseMirror-widget')) textNodes.push(node as Text);
    }
    const locate = (offset: number): [Text, number] => {
      let seen = 0;
      for (const node of textNodes) {
        if (offset <= seen + node.data.length) return [node, offset - seen];
        seen += node.data.length;
      }
      throw new Error(`Line ${line} has no offset ${offset}`);
    };
    const range = document.createRange();
    range.setStart(...locate(start));
    range.setEnd(...locate(end));
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    // ProseMirror reads the DOM selection on `selectionchange`; let it, and let layout settle.
    await frame();
    await frame();
    await afterNextPaint();
  },

  armTag(highlightSelector, text) {
    const callsBefore = answered.length;
    const keydown = new Promise<number>((resolve) => {
      window.addEventListener('keydown', (event) => resolve(event.timeStamp), { capture: true, once: true });
    });
    // Only what changed is looked at: scanning thousands of highlights would slow what is measured.
    const highlighted = new Promise<{ dom: number; painted: number }>((resolve) => {
      const matches = (node: Node): Element | null => {
        if (!(node instanceof Element)) return null;
        if (node.matches(highlightSelector) && node.textContent === text) return node;
        return [...node.querySelectorAll(highlightSelector)].find((el) => el.textContent === text) ?? null;
      };
      // A highlight may come as a new element or as an element wrapped around text in place:
      // either way the element whose children changed holds it.
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          for (const node of [record.target, ...record.addedNodes]) {
            const element = matches(node);
            if (!element) continue;
            element.getBoundingClientRect();
            const dom = performance.now();
            observer.disconnect();
            void afterNextPaint().then((painted) => resolve({ dom, painted }));
            return;
          }
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    pendingTag = Promise.all([keydown, highlighted]).then(async ([keydownAt, { dom, painted }]) => {
      const ackDeadline = performance.now() + 10_000;
      let call: { at: number } | undefined;
      while (!(call = answered.slice(callsBefore).find((each) => each.method === 'editSpans')) && performance.now() < ackDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return { dom: dom - keydownAt, frame: painted - keydownAt, ack: call ? call.at - keydownAt : null, keydownAt };
    });
  },

  collectTag(timeoutMs) {
    if (!pendingTag) return Promise.reject(new Error('armTag first'));
    const pending = pendingTag;
    pendingTag = null;
    return Promise.race([
      pending,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no tag within ${timeoutMs} ms`)), timeoutMs)),
    ]);
  },

  async timeAdd(highlightSelector, action, args, timeoutMs) {
    const before = new Set(document.querySelectorAll(highlightSelector));
    const started = performance.now();
    const target = (window as unknown as Record<string, (...callArgs: unknown[]) => unknown>)[action];
    if (typeof target !== 'function') throw new Error(`The page has no function ${action}`);
    target(...args);
    const { at } = await whenInDom(
      () => [...document.querySelectorAll(highlightSelector)].find((el) => !before.has(el)) ?? null,
      timeoutMs,
      'the added highlight',
    );
    const painted = await afterNextPaint();
    return { dom: at - started, frame: painted - started };
  },

  async scrollFrames(selector, stepPx, maxFrames) {
    const scroller = document.querySelector(selector) as HTMLElement;
    scroller.scrollTop = 0;
    await afterNextPaint();
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const frames: number[] = [];
    let last = await frame();
    while (frames.length < maxFrames && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += stepPx;
      const now = await frame();
      frames.push(now - last);
      last = now;
    }
    await afterNextPaint();
    observer.disconnect();
    return { frames, longestTaskMs };
  },
};

window.__bench = probe;
