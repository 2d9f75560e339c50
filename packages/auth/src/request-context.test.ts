import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './accept-language.js';
import { buildRequestContext } from './request-context.js';

const identity = (claims: Record<string, unknown> = {}) => ({ userId: 'alice', claims: { sub: 'alice', ...claims } });

describe('request context', () => {
  it('takes the user id from the verified identity and display fields from the claims', () => {
    const context = buildRequestContext({ identity: identity({ name: 'Alice', email: 'alice@example.test' }) });
    expect(context).toEqual({ userId: 'alice', user: { name: 'Alice', email: 'alice@example.test' } });
  });

  it('metadata.userInfo cannot change who the user is', () => {
    const context = buildRequestContext({
      identity: identity(),
      metadata: {
        userInfo: { userId: 'mallory', user_id: 'mallory', sub: 'mallory', id: 'mallory', name: 'Mallory' },
        userId: 'mallory',
      },
    });
    expect(context.userId).toBe('alice');
    expect(JSON.stringify(context)).not.toContain('"userId":"mallory"');
  });

  it('metadata.userInfo fills display fields only where the claims have none', () => {
    const context = buildRequestContext({
      identity: identity({ name: 'Alice' }),
      metadata: { userInfo: { name: 'Someone Else', email: 'alice@home.example.test' } },
    });
    expect(context.user).toEqual({ name: 'Alice', email: 'alice@home.example.test' });
  });

  it('falls back to preferred_username for the display name', () => {
    expect(buildRequestContext({ identity: identity({ preferred_username: 'ali' }) }).user).toEqual({ name: 'ali' });
  });

  it('cleans display fields and drops an email that is not one', () => {
    const context = buildRequestContext({
      identity: identity(),
      metadata: { userInfo: { name: '  Bob\u0000\u202e\nSmith  ', email: 'not an email' } },
    });
    expect(context.user).toEqual({ name: 'Bob Smith' });
  });

  it('carries a validated page context and drops an invalid one without failing', () => {
    const ok = buildRequestContext({
      identity: identity(),
      metadata: { pageContext: { url: 'https://example.test/a', title: 'A' } },
    });
    expect(ok.page).toEqual({ url: 'https://example.test/a', title: 'A' });
    const bad = buildRequestContext({ identity: identity(), metadata: { pageContext: { url: 'javascript:alert(1)' } } });
    expect(bad).toEqual({ userId: 'alice', user: {} });
  });

  it('ignores metadata that is not an object', () => {
    for (const metadata of [null, 'x', 42, ['a'], undefined]) {
      expect(buildRequestContext({ identity: identity(), metadata })).toEqual({ userId: 'alice', user: {} });
    }
  });

  it('takes the locale from Accept-Language', () => {
    expect(buildRequestContext({ identity: identity(), acceptLanguage: 'fr-CH, fr;q=0.9, en;q=0.8' }).locale).toBe('fr-CH');
  });
});

describe('locale from Accept-Language', () => {
  it.each([
    ['fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5', 'fr-CH'],
    ['en;q=0.5, de', 'de'],
    ['*, pt-br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['en-US;q=0, es', 'es'],
    ['<script>, en-GB', 'en-GB'],
    ['e, en;q=2, nl;q=0.7', 'nl'],
  ])('%j → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it.each([[''], ['*'], ['x'], ['"><img src=x>'], [null], [undefined], [`${'en-US,'.repeat(300)}`]])(
    '%j gives no locale',
    (header) => {
      expect(localeFromAcceptLanguage(header)).toBeUndefined();
    },
  );
});
