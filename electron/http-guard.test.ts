import { describe, expect, it } from 'vitest';
import { isAuthorised, isOwnHost, isOwnOrigin, presentedToken, tokensEqual } from './http-guard';

const PORT = 4173;
const TOKEN = 'a'.repeat(43);

describe('http guard', () => {
  it.each([
    ['127.0.0.1:4173', true],
    ['localhost:4173', true],
    ['127.0.0.1', false],
    ['LOCALHOST:4173', false],
    ['localhost:41730', false],
    ['evil.example:4173', false],
    ['127.0.0.1:4173.evil.example', false],
    [undefined, false],
  ])('Host %j is ours: %s', (host, ok) => {
    expect(isOwnHost(host, PORT)).toBe(ok);
  });

  it.each([
    [{}, true],
    [{ origin: 'http://127.0.0.1:4173' }, true],
    [{ origin: 'http://localhost:4173', 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'none' }, true],
    [{ origin: 'https://127.0.0.1:4173' }, false],
    [{ origin: 'http://127.0.0.1:4173/' }, false],
    [{ origin: 'null' }, false],
    [{ 'sec-fetch-site': 'same-site' }, false],
    [{ 'sec-fetch-site': 'cross-site' }, false],
  ])('headers %j are from our origin: %s', (headers, ok) => {
    expect(isOwnOrigin(headers, PORT)).toBe(ok);
  });

  it('reads the token from a bearer header or our own cookie only', () => {
    expect(presentedToken({ authorization: `Bearer ${TOKEN}` }, PORT)).toBe(TOKEN);
    expect(presentedToken({ authorization: `Basic ${TOKEN}` }, PORT)).toBeNull();
    expect(presentedToken({ cookie: `other=1; spanwise-${PORT}=${TOKEN}; x=2` }, PORT)).toBe(TOKEN);
    expect(presentedToken({ cookie: `spanwise-${PORT + 1}=${TOKEN}` }, PORT)).toBeNull();
    expect(isAuthorised({ cookie: `spanwise-${PORT}=${TOKEN}` }, PORT, TOKEN)).toBe(true);
    expect(isAuthorised({ cookie: `spanwise-${PORT}=${TOKEN}x` }, PORT, TOKEN)).toBe(false);
  });

  it('compares tokens of any length without throwing', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual('', TOKEN)).toBe(false);
    expect(tokensEqual(TOKEN.slice(1), TOKEN)).toBe(false);
  });
});
