/**
 * The desktop shell's security rules. The decisions are pure functions over plain data so they
 * can be tested against hostile inputs without an Electron binary; the two `harden*` functions
 * only attach those decisions to Electron objects. Only Electron *types* are imported here:
 * loading the `electron` module outside Electron would try to download the binary.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, WebContents, WebPreferences } from 'electron';

/** The same policy as the renderer's meta tag: nothing but our own files, no inline code. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const CSP_HEADER = 'Content-Security-Policy';

/** The renderer's web preferences: isolated, sandboxed, no Node, with only our preload. */
export function webPreferencesFor(preloadPath: string): WebPreferences {
  if (!isAbsolute(preloadPath) || preloadPath.includes('\0')) {
    throw new Error(`The preload script must be an absolute path, got ${JSON.stringify(preloadPath)}`);
  }
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/**
 * Whether `url` is the app's own page: a `file:` URL with no host whose path is exactly
 * `entryFile` (query and fragment may vary). Anything unparseable is not.
 */
export function isAppPage(url: unknown, entryFile: string): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '' || parsed.username || parsed.password) return false;
  let path: string;
  try {
    // Rejects encoded separators (`%2F`) and NUL bytes, which could smuggle in another path.
    path = fileURLToPath(parsed);
  } catch {
    return false;
  }
  return path === resolve(entryFile);
}

/** Response headers with whatever policy the response carried replaced by ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== CSP_HEADER.toLowerCase());
  return { ...Object.fromEntries(kept), [CSP_HEADER]: [CONTENT_SECURITY_POLICY] };
}

/** Whether a response should get our policy: everything except Chromium's own DevTools pages. */
export function needsContentSecurityPolicy(url: string): boolean {
  return !url.startsWith('devtools:');
}

/**
 * Put our policy on every response of the session and refuse every permission request
 * (camera, notifications, clipboard reads, ...): the app needs none.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, respond) => {
    if (!needsContentSecurityPolicy(details.url)) {
      respond({});
      return;
    }
    respond({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, _permission, decide) => decide(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Refuse every navigation away from the loaded page, every new window and every `<webview>`.
 * The app is one page; a link in an article must never turn the window into a browser.
 */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
