import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startJwksServer } from '@chatwire/test-support/jwks';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDevIdentity, MAX_MINTED_TTL_SEC, SESSION_AUDIENCE, SESSION_TTL_SEC } from './dev-identity.js';
import { AuthError } from './errors.js';
import { createJwtVerifier } from './jwt-verifier.js';
import { SIGNING_KEY_FILE } from './signing-key-file.js';

const ORIGIN = 'http://127.0.0.1:8787';
const dirs: string[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatwire-auth-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the signing key', () => {
  it('is generated once, kept in <dataDir>/dev-signing-key.json with mode 0600, and reused by the next start', async () => {
    const dir = await dataDir();
    const first = await loadDevIdentity({ dataDir: dir, origin: ORIGIN });
    const keyFile = join(dir, SIGNING_KEY_FILE);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

    const second = await loadDevIdentity({ dataDir: dir, origin: ORIGIN });
    expect(second.kid).toBe(first.kid);
    expect(second.jwks()).toEqual(first.jwks());
    const token = await first.signSession({ userId: 'alice' });
    await expect(second.verifier.verify(token)).resolves.toMatchObject({ userId: 'alice' });
  });

  it('two instances starting together on an empty directory end up with the same key', async () => {
    const dir = await dataDir();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadDevIdentity({ dataDir: join(dir, 'nested'), origin: ORIGIN })));
    expect(new Set([a?.kid, b?.kid, c?.kid]).size).toBe(1);
  });

  it('a key file readable by others is tightened to 0600 when loaded', async () => {
    const dir = await dataDir();
    await loadDevIdentity({ dataDir: dir, origin: ORIGIN });
    const keyFile = join(dir, SIGNING_KEY_FILE);
    await chmod(keyFile, 0o644);
    await loadDevIdentity({ dataDir: dir, origin: ORIGIN });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('a damaged key file stops startup with its path instead of being silently replaced', async () => {
    const dir = await dataDir();
    const keyFile = join(dir, SIGNING_KEY_FILE);
    await writeFile(keyFile, '{"version":1}', { mode: 0o600 });
    await expect(loadDevIdentity({ dataDir: dir, origin: ORIGIN })).rejects.toThrow(
      `${keyFile} is not a valid Chatwire signing key file`,
    );
    expect(await readFile(keyFile, 'utf8')).toBe('{"version":1}');
  });

  it.each(['EdDSA', 'ES256'] as const)('the %s JWKS exposes only the public key, with kid, alg and use', async (algorithm) => {
    const identity = await loadDevIdentity({ dataDir: await dataDir(), origin: ORIGIN, algorithm });
    const { keys } = identity.jwks();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ kid: identity.kid, alg: algorithm, use: 'sig' });
    expect(key).not.toHaveProperty('d');
    expect(Object.keys(key ?? {}).sort()).toEqual(
      algorithm === 'EdDSA' ? ['alg', 'crv', 'kid', 'kty', 'use', 'x'] : ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'],
    );
  });

  it('an existing key keeps its algorithm when another one is asked for', async () => {
    const dir = await dataDir();
    await loadDevIdentity({ dataDir: dir, origin: ORIGIN, algorithm: 'ES256' });
    const reloaded = await loadDevIdentity({ dataDir: dir, origin: ORIGIN, algorithm: 'EdDSA' });
    expect(reloaded.algorithm).toBe('ES256');
  });
});

describe('session tokens', () => {
  it('carry iss = the app origin, aud = chatwire, sub, display claims and a 12 h lifetime', async () => {
    const identity = await loadDevIdentity({ dataDir: await dataDir(), origin: `${ORIGIN}/` });
    const token = await identity.signSession({ userId: 'alice', name: 'Alice', email: 'alice@example.test' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: ORIGIN,
      aud: SESSION_AUDIENCE,
      sub: 'alice',
      name: 'Alice',
      email: 'alice@example.test',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(SESSION_TTL_SEC);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: identity.kid, typ: 'JWT' });
    await expect(identity.verifier.verify(token)).resolves.toMatchObject({ userId: 'alice', claims: { name: 'Alice' } });
  });

  it('from another app origin are refused', async () => {
    const dir = await dataDir();
    const here = await loadDevIdentity({ dataDir: dir, origin: ORIGIN });
    const elsewhere = await loadDevIdentity({ dataDir: dir, origin: 'http://localhost:9999' });
    const error = await here.verifier.verify(await elsewhere.signSession({ userId: 'alice' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
  });

  it('refuses an empty or control-character user id', async () => {
    const identity = await loadDevIdentity({ dataDir: await dataDir(), origin: ORIGIN });
    await expect(identity.signSession({ userId: '' })).rejects.toThrow(TypeError);
    await expect(identity.signSession({ userId: 'a\nb' })).rejects.toThrow(TypeError);
  });
});

describe('minted tokens', () => {
  it('carry the audience asked for and expire within 5 minutes', async () => {
    const identity = await loadDevIdentity({ dataDir: await dataDir(), origin: ORIGIN });
    const token = await identity.mintToken({
      userId: 'alice',
      audience: 'http://127.0.0.1:9100/mcp',
      claims: { scope: 'notes.read' },
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: ORIGIN, sub: 'alice', aud: 'http://127.0.0.1:9100/mcp', scope: 'notes.read' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(MAX_MINTED_TTL_SEC);
    expect(typeof claims.jti).toBe('string');
  });

  it('verify at the receiving service through the app JWKS, and never open a chatwire session', async () => {
    const identity = await loadDevIdentity({ dataDir: await dataDir(), origin: ORIGIN });
    const jwks = await startJwksServer(identity.jwks());
    try {
      const audience = 'http://127.0.0.1:9100/mcp';
      const token = await identity.mintToken({ userId: 'alice', audience, ttlSec: 60 });
      const service = createJwtVerifier({ jwksUrl: jwks.url, issuer: ORIGIN, audience });
      await expect(service.verify(token)).resolves.toMatchObject({ userId: 'alice' });
      await expect(identity.verifier.verify(token)).rejects.toThrow('the token is not meant for this audience');
    } finally {
      await jwks.close();
    }
  });

  it('refuse a lifetime over 300 s, the session audience, and overriding registered claims', async () => {
    const identity = await loadDevIdentity({ dataDir: await dataDir(), origin: ORIGIN });
    const base = { userId: 'alice', audience: 'notes' };
    await expect(identity.mintToken({ ...base, ttlSec: 301 })).rejects.toThrow(RangeError);
    await expect(identity.mintToken({ ...base, ttlSec: 0 })).rejects.toThrow(RangeError);
    await expect(identity.mintToken({ ...base, audience: SESSION_AUDIENCE })).rejects.toThrow(/reserved for sessions/);
    await expect(identity.mintToken({ ...base, claims: { sub: 'mallory', exp: 9_999_999_999 } })).rejects.toThrow(
      /may not set sub, exp/,
    );
    await expect(identity.mintToken({ ...base, ttlSec: MAX_MINTED_TTL_SEC })).resolves.toEqual(expect.any(String));
  });
});
