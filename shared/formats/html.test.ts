import { describe, expect, it } from 'vitest';
import { parseHtml } from './html';
import type { ParseResult } from './model';

function page(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.documents[0];
}

describe('parseHtml', () => {
  it('keeps the readable text of the article, paragraphs apart, chrome dropped', () => {
    const html = `<!doctype html><html><head><title>Site | Strikes hit Idlib</title>
      <meta property="article:published_time" content="2024-03-04T10:00:00Z"><link rel="canonical" href="https://example.invalid/a">
      <style>p { color: red }</style><script>document.title = 'x'</script></head>
      <body><header><nav><a href="/">Home</a></nav></header>
      <main><article><h1>Strikes  hit
        Idlib</h1><p>Russian &amp; Syrian jets <b>bombed</b> Kafr&nbsp;Nabl,<br>then left.</p>
      <div>First<div>nested</div>after</div><ul><li>one</li><li>two</li></ul>
      <table><tr><td>a</td><td>b</td></tr></table><pre>  kept
   spacing</pre>
      <p hidden>hidden</p><div aria-hidden="true">aria</div><noscript>enable JS</noscript><form><input value="x">Search</form>
      <button>Share</button><iframe src="x">frame</iframe><svg><text>svg</text></svg><template>tpl</template></article></main>
      <aside>Related</aside><footer>© Site</footer></body></html>`;
    expect(page(parseHtml(html, 'a.html'))).toEqual({
      title: 'Strikes hit Idlib',
      text: 'Strikes hit Idlib\n\nRussian & Syrian jets bombed Kafr Nabl,\nthen left.\n\nFirst\n\nnested\n\nafter\n\none\n\ntwo\n\na b\n\n  kept\n   spacing',
      meta: { publishedAt: '2024-03-04T10:00:00Z', url: 'https://example.invalid/a' },
      spans: [],
    });
  });

  it('takes the title from <title> when there is no <h1>', () => {
    expect(page(parseHtml('<title> A  title </title><p>Body</p>', 'a.html')).title).toBe('A title');
  });

  it('keeps only text: scripts, handlers and links never survive', () => {
    const text = page(parseHtml('<p onclick="alert(1)">Safe <a href="javascript:alert(1)">link</a><img src=x onerror=alert(1)><script>alert(1)</script></p>', 'a.html')).text;
    expect(text).toBe('Safe link');
  });

  it('leaves nothing active of iframes, objects, SVG, styles, forms, meta refreshes or entity-hidden javascript: links', () => {
    const html = [
      '<html><head><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><style>body{background:url(javascript:alert(1))}</style>',
      '<base href="javascript:alert(1)//"></head><body>',
      '<p>Before <iframe src="javascript:alert(1)">framed</iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>after.</p>',
      '<p><object data="x.swf"><embed src="x.swf"></object><svg onload="alert(1)"><script>alert(1)</script></svg>Plain</p>',
      '<p><a href="jav&#x09;ascript:alert(1)">tabbed</a> <a href="&#106;avascript:alert(1)">encoded</a> <form action="javascript:alert(1)"><button formaction="javascript:alert(1)">Go</button></form></p>',
      '<noscript><img src=x onerror=alert(1)></noscript><template><script>alert(1)</script></template>',
      '</body></html>',
    ].join('');
    const text = page(parseHtml(html, 'a.html')).text;
    expect(text).not.toMatch(/alert|javascript|<|onload|onerror|srcdoc/i);
    expect(text).toContain('Before');
    expect(text).toContain('after.');
    expect(text).toContain('tabbed encoded');
  });

  it('copes with broken markup', () => {
    expect(page(parseHtml('<p>unclosed <div>text <b>bold', 'a.html')).text).toBe('unclosed\n\ntext bold');
  });

  it.each([
    ['nothing readable', '<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>', /holds no readable text/],
    ['an empty file', '', /is empty/],
    ['a binary file', '\u0000\u0001GIF89a', /binary/],
  ])('refuses %s', (_, html, message) => {
    const result = parseHtml(html, 'page.html');
    expect(result).toMatchObject({ ok: false, error: { file: 'page.html' } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});
