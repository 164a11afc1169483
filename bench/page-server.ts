/**
 * The benchmark's own web server on 127.0.0.1: the pages that render the big article without
 * Spanwise (plain paragraphs, Recogito's text annotator, Label Studio's frontend), the peers'
 * built files straight from node_modules, and the article data, optionally cut to its first N
 * paragraphs. Nothing is fetched from anywhere else. The pages (bench/pages/*.ts) are
 * compiled here with TypeScript, one file each, no bundling.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import type { GeneratedArticle, GeneratedSpan } from './corpus';
import { REPO_ROOT } from './server';

const PAGES_DIR = path.join(REPO_ROOT, 'bench/pages');

/** Where each peer's files are served from. */
const PEER_DIRS: Record<string, string> = {
  recogito: path.join(REPO_ROOT, 'node_modules/@recogito/text-annotator/dist'),
  'label-studio': path.join(REPO_ROOT, 'node_modules/@heartexlabs/label-studio/build'),
};

/** The pages, and the files each loads before its own script. */
const PAGES: Record<string, { title: string; scripts: string[]; styles: string[]; prelude?: string }> = {
  plain: { title: 'Plain paragraphs', scripts: [], styles: [] },
  recogito: {
    title: 'Recogito text annotator',
    // Its UMD build reads `process.env.NODE_ENV`, as a bundler would have replaced it.
    prelude: 'window.process = { env: { NODE_ENV: "production" } };',
    scripts: ['/peers/recogito/text-annotator.umd.js'],
    styles: ['/peers/recogito/text-annotator.css'],
  },
  'label-studio': {
    title: 'Label Studio frontend',
    scripts: ['/peers/label-studio/static/js/main.js'],
    styles: ['/peers/label-studio/static/css/main.css'],
  },
};

/** The article as the pages fetch it. */
export interface ArticleData {
  title: string;
  text: string;
  spans: GeneratedSpan[];
}

export interface PageServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The URL of a page rendering the first `paragraphs` paragraphs (all when omitted). */
  pageUrl(page: keyof typeof PAGES, paragraphs?: number): string;
  close(): Promise<void>;
}

/** Compile one page script (or the probe) to JavaScript the browser runs as a module. */
export function compilePage(name: string): string {
  const source = readFileSync(path.join(PAGES_DIR, `${name}.ts`), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
    fileName: `${name}.ts`,
  }).outputText;
}

/** The article cut to its first `paragraphs` lines, with the spans that lie inside them. */
export function firstParagraphs(article: ArticleData, paragraphs: number): ArticleData {
  let end = -1;
  for (let line = 0; line < paragraphs; line++) {
    end = article.text.indexOf('\n', end + 1);
    if (end === -1) return article;
  }
  return { title: article.title, text: article.text.slice(0, end), spans: article.spans.filter((span) => span.end <= end) };
}

export async function startPageServer(article: Pick<GeneratedArticle, 'title' | 'text' | 'spans'>): Promise<PageServer> {
  const scripts = new Map(Object.keys(PAGES).map((name) => [name, compilePage(name)]));
  const whole = JSON.stringify({ title: article.title, text: article.text, spans: article.spans });
  const textOnly = JSON.stringify({ text: article.text });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
      res.end(body);
    };
    const page = /^\/([a-z-]+)\.html$/.exec(url.pathname)?.[1];
    if (page && PAGES[page]) return send(200, 'text/html; charset=utf-8', pageHtml(page));
    const script = /^\/pages\/([a-z-]+)\.js$/.exec(url.pathname)?.[1];
    if (script && scripts.has(script)) return send(200, 'text/javascript; charset=utf-8', scripts.get(script)!);
    if (url.pathname === '/data/article.json') {
      const paragraphs = Number(url.searchParams.get('paragraphs'));
      return send(200, 'application/json', paragraphs > 0 ? JSON.stringify(firstParagraphs(article, paragraphs)) : whole);
    }
    if (url.pathname === '/data/article-text.json') return send(200, 'application/json', textOnly);
    const peer = /^\/peers\/([a-z-]+)\/(.+)$/.exec(url.pathname);
    if (peer && PEER_DIRS[peer[1]!]) {
      const root = PEER_DIRS[peer[1]!]!;
      const file = path.resolve(root, decodeURIComponent(peer[2]!));
      if (!file.startsWith(root + path.sep)) return send(403, 'text/plain', 'outside the peer folder');
      try {
        return send(200, contentType(file), readFileSync(file));
      } catch {
        return send(404, 'text/plain', 'no such file');
      }
    }
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (name, paragraphs) => `${origin}/${name}.html${paragraphs ? `?paragraphs=${paragraphs}` : ''}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The typography of Spanwise's article page, so every page lays out the same lines. */
const ARTICLE_STYLE =
  'body{margin:0;font-family:system-ui,sans-serif}' +
  '#scroller{position:fixed;inset:0;overflow-y:auto}' +
  '#page{max-width:72ch;margin:0 auto;padding:1.6rem 2rem 40vh;font-size:1.07rem;line-height:1.75}' +
  '#page p{margin:0}';

function pageHtml(name: string): string {
  const { title, scripts, styles, prelude } = PAGES[name]!;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">',
    `<title>${title}</title>`,
    ...styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    `<style>${ARTICLE_STYLE}</style>`,
    '</head><body><div id="scroller"><div id="page"></div></div>',
    ...(prelude ? [`<script>${prelude}</script>`] : []),
    ...scripts.map((src) => `<script src="${src}"></script>`),
    `<script type="module" src="/pages/${name}.js"></script>`,
    '</body></html>',
  ].join('\n');
}

function contentType(file: string): string {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
  return types[path.extname(file)] ?? 'application/octet-stream';
}
