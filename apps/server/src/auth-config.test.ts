import { isAbsolute, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const PROVIDER = {
  AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
  AUTH_ISSUER: 'https://id.example.com/',
  AUTH_AUDIENCE: 'chatwire',
};

/** The ConfigError `loadConfig(env)` throws, or a failure if it does not throw one. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('auth configuration', () => {
  it('with no auth variables the development identity provider signs users in, and only the app origin is allowed', () => {
    expect(loadConfig({}).auth).toEqual({ allowedOrigins: [] });
  });

  it('AUTH_JWKS_URL with AUTH_ISSUER and AUTH_AUDIENCE turns production auth on, with RS256, ES256 and EdDSA by default', () => {
    expect(loadConfig(PROVIDER).auth).toEqual({
      provider: {
        jwksUrl: PROVIDER.AUTH_JWKS_URL,
        issuer: PROVIDER.AUTH_ISSUER,
        audience: 'chatwire',
        algorithms: ['RS256', 'ES256', 'EdDSA'],
      },
      allowedOrigins: [],
    });
  });

  it.each(['http://localhost:9000/jwks.json', 'http://127.0.0.2/jwks', 'http://[::1]:8080/jwks'])(
    'a loopback JWKS may use plain http (%s)',
    (url) => {
      expect(loadConfig({ ...PROVIDER, AUTH_JWKS_URL: url }).auth.provider?.jwksUrl).toBe(new URL(url).href);
    },
  );

  it.each([
    ['plain http to another host', { AUTH_JWKS_URL: 'http://id.example.com/jwks.json' }, 'AUTH_JWKS_URL', /must use https/],
    ['not a URL', { AUTH_JWKS_URL: 'id.example.com' }, 'AUTH_JWKS_URL', /not a valid URL/],
    ['another scheme', { AUTH_JWKS_URL: 'ftp://id.example.com/jwks' }, 'AUTH_JWKS_URL', /https/],
    ['a shared-secret algorithm', { AUTH_ALGORITHMS: 'RS256,HS256' }, 'AUTH_ALGORITHMS', /HS256 is not allowed/],
    ['alg none', { AUTH_ALGORITHMS: 'none' }, 'AUTH_ALGORITHMS', /none is not allowed/],
    ['an unknown algorithm', { AUTH_ALGORITHMS: 'RS257' }, 'AUTH_ALGORITHMS', /unknown algorithm RS257/],
    ['an issuer with a line break', { AUTH_ISSUER: 'https://id.example.com/\nx' }, 'AUTH_ISSUER', /single line/],
    ['a missing issuer', { AUTH_ISSUER: '' }, 'AUTH_ISSUER', /required when AUTH_JWKS_URL is set/],
    ['a missing audience', { AUTH_AUDIENCE: '  ' }, 'AUTH_AUDIENCE', /required when AUTH_JWKS_URL is set/],
  ])('%s stops startup with one line naming the variable', (_case, change, variable, problem) => {
    const error = configError({ ...PROVIDER, ...change });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    // The library's own option name is not repeated after the variable's.
    expect(error.message.slice(variable.length + 2)).not.toContain(`${variable}:`);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('\n');
  });

  it.each(['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_ALGORITHMS'])(
    '%s without AUTH_JWKS_URL is an error, not a silent development login',
    (variable) => {
      const error = configError({ [variable]: variable === 'AUTH_ALGORITHMS' ? 'RS256' : 'something' });
      expect(error.variable).toBe(variable);
      expect(error.message).toContain('AUTH_JWKS_URL is not');
    },
  );

  it('AUTH_ALGORITHMS narrows the accepted algorithms', () => {
    expect(loadConfig({ ...PROVIDER, AUTH_ALGORITHMS: ' EdDSA , ES256 ' }).auth.provider?.algorithms).toEqual(['EdDSA', 'ES256']);
  });

  it('CHATWIRE_ALLOWED_ORIGINS is a comma list of bare origins, normalized and deduplicated', () => {
    const { auth } = loadConfig({
      CHATWIRE_ALLOWED_ORIGINS: 'https://a.example.com/, https://B.example.com:443 ,https://a.example.com',
    });
    expect(auth.allowedOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  it.each(['https://a.example.com/app', 'a.example.com', 'javascript:alert(1)', '*'])(
    'an allowed origin that is not a bare http(s) origin (%s) is an error naming CHATWIRE_ALLOWED_ORIGINS',
    (origin) => {
      expect(configError({ CHATWIRE_ALLOWED_ORIGINS: origin }).variable).toBe('CHATWIRE_ALLOWED_ORIGINS');
    },
  );
});

describe('CHATWIRE_DATA_DIR', () => {
  it('defaults to .chatwire under the working directory, and is made absolute', () => {
    expect(loadConfig({}).dataDir).toBe(resolve('.chatwire'));
    const dir = loadConfig({ CHATWIRE_DATA_DIR: 'var/chat' }).dataDir;
    expect(isAbsolute(dir)).toBe(true);
    expect(dir).toBe(resolve('var/chat'));
  });
});
