import { describe, expect, it } from 'vitest';
import {
  clearSessionCookie,
  isSecureRequest,
  parseCookieHeader,
  readSessionCookie,
  requestOrigin,
  SESSION_COOKIE,
  sessionCookie,
} from './cookies.js';

const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and lasts as long as the session, without Secure over plain http', () => {
    expect(sessionCookie(TOKEN, { secure: false })).toBe(
      `chatwire_session=${TOKEN}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200`,
    );
  });

  it('carries Secure when the request came over https', () => {
    const request = new Request('https://chat.example.test/auth/dev/login', { method: 'POST' });
    const cookie = sessionCookie(TOKEN, { secure: isSecureRequest(request) });
    expect(cookie.split('; ')).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure']));
  });

  it('carries Secure behind a trusted proxy that says https, and not when the proxy is not trusted', () => {
    const request = new Request('http://10.0.0.2:8787/auth/dev/login', {
      method: 'POST',
      headers: { 'X-Forwarded-Proto': 'https, http' },
    });
    expect(isSecureRequest(request, { trustProxy: true })).toBe(true);
    expect(isSecureRequest(request, { trustProxy: false })).toBe(false);
    expect(sessionCookie(TOKEN, { secure: isSecureRequest(request, { trustProxy: true }) })).toMatch(/; Secure$/);
  });

  it('clearing it expires it with the same attributes', () => {
    expect(clearSessionCookie({ secure: true })).toBe(
      'chatwire_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    );
  });

  it('refuses a value that could smuggle attributes into the header', () => {
    expect(() => sessionCookie(`${TOKEN}; Domain=evil.test`, { secure: false })).toThrow(TypeError);
    expect(() => sessionCookie('a\r\nSet-Cookie: x=y', { secure: false })).toThrow(TypeError);
  });
});

describe('reading cookies', () => {
  it('finds the session among other cookies, quoted or not', () => {
    const cookies = parseCookieHeader(`theme=dark; ${SESSION_COOKIE}="${TOKEN}";other=1`);
    expect(cookies.get(SESSION_COOKIE)).toBe(TOKEN);
    expect(cookies.get('theme')).toBe('dark');
    expect(cookies.get('other')).toBe('1');
  });

  it('keeps the first of repeated names and skips malformed pairs', () => {
    const cookies = parseCookieHeader('a=1; junk; =nameless; a=2; b=%zz');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', '%zz'],
    ]);
  });

  it('cannot pollute object prototypes', () => {
    const cookies = parseCookieHeader('__proto__=x; constructor=y');
    expect(cookies.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('ignores an absurdly long Cookie header', () => {
    expect(parseCookieHeader(`${SESSION_COOKIE}=${TOKEN}; pad=${'x'.repeat(20_000)}`).size).toBe(0);
  });

  it('reads no session from an empty value or a missing header', () => {
    expect(readSessionCookie(new Request('http://h/', { headers: { Cookie: `${SESSION_COOKIE}=` } }))).toBeUndefined();
    expect(readSessionCookie(new Request('http://h/'))).toBeUndefined();
    expect(readSessionCookie(new Request('http://h/', { headers: { Cookie: `${SESSION_COOKIE}=${TOKEN}` } }))).toBe(TOKEN);
  });
});

describe('the request origin', () => {
  it('is the URL origin, or the Host header', () => {
    expect(requestOrigin(new Request('http://127.0.0.1:8787/chatkit'))).toBe('http://127.0.0.1:8787');
    expect(requestOrigin(new Request('http://127.0.0.1:8787/chatkit', { headers: { Host: 'localhost:8787' } }))).toBe(
      'http://localhost:8787',
    );
  });

  it('follows X-Forwarded-Host and -Proto only from a trusted proxy', () => {
    const request = new Request('http://10.0.0.2:8787/chatkit', {
      headers: { 'X-Forwarded-Host': 'chat.example.test', 'X-Forwarded-Proto': 'https' },
    });
    expect(requestOrigin(request, { trustProxy: true })).toBe('https://chat.example.test');
    expect(requestOrigin(request)).toBe('http://10.0.0.2:8787');
  });
});
