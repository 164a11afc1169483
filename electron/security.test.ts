import { describe, it, expect } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  hardenContents,
  hardenSession,
  isAppPage,
  needsContentSecurityPolicy,
  webPreferencesFor,
  withContentSecurityPolicy,
} from './security';

const entry = '/opt/spanwise/dist/renderer/index.html';
const entryUrl = pathToFileURL(entry).href;

describe('webPreferencesFor', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    expect(webPreferencesFor('/opt/spanwise/dist/preload/preload.cjs')).toMatchObject({
      preload: '/opt/spanwise/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it.each(['', 'preload.cjs', './dist/preload/preload.cjs', '../preload.cjs', '/opt/x\0.cjs'])(
    'refuses the preload path %j',
    (path) => {
      expect(() => webPreferencesFor(path)).toThrow(/absolute path/);
    },
  );
});

describe('isAppPage', () => {
  it.each([entryUrl, `${entryUrl}#/doc/d-1`, `${entryUrl}?token=x`, 'file:///opt/spanwise/dist/renderer/sub/../index.html'])(
    'accepts our own page %s',
    (url) => {
      expect(isAppPage(url, entry)).toBe(true);
    },
  );

  it.each([
    undefined,
    null,
    42,
    '',
    'index.html',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'devtools://devtools/bundled/inspector.html',
    'chrome://settings',
    'http://127.0.0.1:5173/index.html',
    'https://evil.example/opt/spanwise/dist/renderer/index.html',
    'file://evil.example/opt/spanwise/dist/renderer/index.html',
    'file://user:pw@/opt/spanwise/dist/renderer/index.html',
    'file:///opt/spanwise/dist/renderer/index.html.evil',
    'file:///opt/spanwise/dist/renderer/index.htm',
    'file:///opt/spanwise/dist/renderer/INDEX.html',
    'file:///opt/spanwise/dist/renderer/',
    'file:///opt/spanwise/dist/renderer/evil/index.html',
    'file:///tmp/opt/spanwise/dist/renderer/index.html',
    'file:///opt/spanwise/dist/renderer/..%2Frenderer%2Findex.html',
    'file:///opt/spanwise/dist/renderer/index.html%00',
    'file:///opt/spanwise/dist/renderer/index.html/..',
    `blob:${entryUrl}`,
    `view-source:${entryUrl}`,
  ])('refuses %j', (url) => {
    expect(isAppPage(url, entry)).toBe(false);
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds the policy to a response without one', () => {
    expect(withContentSecurityPolicy({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it.each(['content-security-policy', 'Content-Security-Policy', 'CONTENT-SECURITY-POLICY', 'cOnTeNt-SeCuRiTy-PoLiCy'])(
    'replaces a laxer policy sent as %s',
    (name) => {
      const headers = withContentSecurityPolicy({ [name]: ["default-src *; script-src 'unsafe-inline'"], Server: ['x'] });
      const policies = Object.entries(headers).filter(([key]) => key.toLowerCase() === 'content-security-policy');
      expect(policies).toEqual([['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
      expect(headers.Server).toEqual(['x']);
    },
  );

  it('leaves the input untouched', () => {
    const headers = { 'content-security-policy': ['default-src *'] };
    withContentSecurityPolicy(headers);
    expect(headers).toEqual({ 'content-security-policy': ['default-src *'] });
  });

  it('allows no inline code, no plugins and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it('covers every response but the DevTools pages', () => {
    expect(needsContentSecurityPolicy('file:///opt/spanwise/dist/renderer/index.html')).toBe(true);
    expect(needsContentSecurityPolicy('http://127.0.0.1/')).toBe(true);
    expect(needsContentSecurityPolicy('devtools://devtools/bundled/inspector.html')).toBe(false);
  });
});

/** Records the handlers the code under test attaches, so the test can fire them. */
function recorder() {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const record = (name: string) => (handler: (...args: unknown[]) => unknown) => {
    handlers.set(name, handler);
  };
  return { handlers, record };
}

function preventable() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('hardenContents', () => {
  it('refuses every navigation, redirect, webview and new window', () => {
    const { handlers, record } = recorder();
    const contents = {
      on: (event: string, handler: (...args: unknown[]) => unknown) => record(event)(handler),
      setWindowOpenHandler: record('window-open'),
    };
    hardenContents(contents as unknown as WebContents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const navigation = preventable();
      handlers.get(event)?.(navigation, entryUrl);
      expect(navigation.prevented, event).toBe(true);
    }
    expect(handlers.get('window-open')?.({ url: entryUrl })).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  it('sets the policy on responses and denies every permission', () => {
    const { handlers, record } = recorder();
    const session = {
      webRequest: { onHeadersReceived: record('headers') },
      setPermissionRequestHandler: record('request'),
      setPermissionCheckHandler: record('check'),
    };
    hardenSession(session as unknown as Session);

    const responses: unknown[] = [];
    handlers.get('headers')?.({ url: 'http://127.0.0.1/', responseHeaders: { 'content-security-policy': ['*'] } }, (r: unknown) =>
      responses.push(r),
    );
    handlers.get('headers')?.({ url: 'devtools://devtools/x', responseHeaders: {} }, (r: unknown) => responses.push(r));
    expect(responses).toEqual([{ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }, {}]);

    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'geolocation']) {
      const decisions: boolean[] = [];
      handlers.get('request')?.({}, permission, (granted: boolean) => decisions.push(granted));
      expect(decisions).toEqual([false]);
      expect(handlers.get('check')?.({}, permission, 'file://')).toBe(false);
    }
  });
});
