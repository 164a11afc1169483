/**
 * Who may talk to the loopback server. Any web page the user visits can send requests to
 * 127.0.0.1, and a DNS-rebinding page can even make them look same-origin, so every request
 * must name this server in `Host`, come from no other origin, and carry the per-launch token
 * (as the cookie the token URL sets, or as a bearer header).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Cookies are not isolated by port, so the cookie name carries it. */
export function cookieName(port: number): string {
  return `spanwise-${port}`;
}

/** The two names this server answers to; anything else may be a rebinding attack. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Whether the request may come from where it says: no `Origin` (a navigation or a non-browser
 * client) or exactly this server's origin, and no cross-site fetch metadata.
 */
export function isOwnOrigin(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin;
  if (origin !== undefined && !(origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`)) return false;
  // Another port on localhost is "same-site" to a browser; only same-origin or the user's own
  // navigation ("none") may reach us.
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Compare a presented token with the real one in time independent of where they differ. */
export function tokensEqual(presented: string, token: string): boolean {
  // Hashing first gives equal-length buffers, so even the length of the token is not revealed.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries, from `Authorization: Bearer` or from our cookie. */
export function presentedToken(headers: IncomingHttpHeaders, port: number): string | null {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(auth);
    return match ? match[1]! : null;
  }
  return cookieValue(headers.cookie, cookieName(port));
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Whether the request is authorised by the token. */
export function isAuthorised(headers: IncomingHttpHeaders, port: number, token: string): boolean {
  const presented = presentedToken(headers, port);
  return presented !== null && tokensEqual(presented, token);
}

/** The `Set-Cookie` value that lets the browser in for this launch. */
export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
