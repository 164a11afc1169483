/**
 * Laying out a long article while nobody waits. The article's paragraphs start out with
 * `content-visibility: auto` (article.css), so opening it lays out only those near the screen.
 * Left that way, scrolling pays instead: the browser checks every such paragraph against the
 * screen on each frame and lays out each one as it comes near, which for thousands of
 * paragraphs makes frames long. So once an article is shown, its paragraphs are laid out for
 * good from the top, a batch per idle period, by a style rule making the first `n` of them
 * plainly visible; once all are, scrolling only paints.
 */
import type { EditorView } from 'prosemirror-view';

/** Paragraphs laid out per idle period: a few milliseconds of layout. */
const BATCH = 25;
/** An idle period is waited for at most this long, so a busy page still gets there. */
const IDLE_TIMEOUT_MS = 2_000;

let views = 0;

export class BackgroundLayout {
  /** A constructed sheet: the page's policy allows no `<style>` element, but allows this. */
  private readonly sheet: CSSStyleSheet;
  private readonly page: Document;
  private readonly scope: string;
  private laidOut = 0;
  private pending: number | null = null;
  private frame: number | null = null;

  /** `mount` is the element the view was made in; the rule is scoped to it. */
  constructor(
    private readonly view: EditorView,
    mount: HTMLElement,
  ) {
    const id = String(++views);
    mount.dataset.layout = id;
    this.scope = `[data-layout="${id}"] > .sw-article > :nth-child(-n+`;
    this.page = mount.ownerDocument;
    this.sheet = new (this.page.defaultView ?? window).CSSStyleSheet();
    this.page.adoptedStyleSheets = [...this.page.adoptedStyleSheets, this.sheet];
  }

  /**
   * A new document is shown: leave it to the browser to lay out what is near the screen and
   * paint it, then lay out the rest.
   */
  restart(): void {
    this.stop();
    this.laidOut = 0;
    this.sheet.replaceSync('');
    const win = this.view.dom.ownerDocument.defaultView;
    if (!win) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = null;
      this.schedule();
    });
  }

  destroy(): void {
    this.stop();
    this.page.adoptedStyleSheets = this.page.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
  }

  private schedule(): void {
    const win = this.view.dom.ownerDocument.defaultView;
    if (!win || typeof win.requestIdleCallback !== 'function') return;
    this.pending = win.requestIdleCallback(this.step, { timeout: IDLE_TIMEOUT_MS });
  }

  private step = (): void => {
    this.pending = null;
    if (this.view.isDestroyed) return;
    const blocks = this.view.dom.childElementCount;
    if (this.laidOut >= blocks) return;
    this.laidOut += BATCH;
    this.sheet.replaceSync(`${this.scope}${this.laidOut}) { content-visibility: visible; }`);
    // Lay them out now, in the idle period, rather than in the next frame's rendering.
    void this.view.dom.offsetHeight;
    if (this.laidOut < blocks) this.schedule();
  };

  private stop(): void {
    const win = this.view.dom.ownerDocument.defaultView;
    if (this.frame !== null) win?.cancelAnimationFrame(this.frame);
    if (this.pending !== null) win?.cancelIdleCallback(this.pending);
    this.frame = null;
    this.pending = null;
  }
}
