import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { authenticateRequest, createJwtVerifier, type TokenVerifier } from '@chatwire/auth';
import { makeRow, median, type BenchOptions, type BenchRow } from '../report.js';

/**
 * What authentication costs one `/chatkit` request with the identity provider's keys already
 * cached: `authenticateRequest` on a Bearer RS256 token and on an EdDSA token, against the
 * floor an unverified integration pays, reading the same headers and decoding the token's
 * claims without checking the signature. Median and p99 per request, in microseconds.
 */

const SUITE = 'auth';
/** Requests timed one by one in each run; a run's figure is their median (or p99). */
const REQUESTS_PER_RUN = 1_000;
const ISSUER = 'https://id.bench.invalid/';
const AUDIENCE = 'chatwire';
const JWKS_URL = 'https://id.bench.invalid/.well-known/jwks.json';

interface BenchKey {
  alg: 'RS256' | 'EdDSA';
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

function makeKey(alg: BenchKey['alg']): BenchKey {
  const { privateKey, publicKey } =
    alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const kid = `bench-${alg.toLowerCase()}`;
  return { alg, kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token as an identity provider issues it, for one hour. */
function signToken(key: BenchKey, sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${segment({ alg: key.alg, kid: key.kid, typ: 'JWT' })}.${segment({ iss: ISSUER, aud: AUDIENCE, sub, iat: now, exp: now + 3600 })}`;
  const signature = sign(key.alg === 'RS256' ? 'sha256' : null, Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** The request a browser's chat sends, minus the body (authentication never reads it). */
function chatkitRequest(token: string): Request {
  return new Request('http://127.0.0.1:8787/chatkit', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      'Accept-Language': 'en-GB,en;q=0.8',
      Origin: 'http://127.0.0.1:8787',
    },
  });
}

/**
 * The floor: the same header work as `authenticateRequest` (URL query check, the Authorization
 * header and its scheme), then the claims decoded with no signature check, as an integration that
 * trusts the token's `sub` would do.
 */
function decodeWithoutVerifying(request: Request): string {
  for (const name of new URL(request.url).searchParams.keys()) if (name === 'token') throw new Error('token in URL');
  const token = /^Bearer +(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (payload === undefined) throw new Error('no bearer token');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
  if (typeof claims.sub !== 'string') throw new Error('no sub');
  return claims.sub;
}

type Workload = () => Promise<string> | string;

/** One run: `REQUESTS_PER_RUN` calls, each timed alone; returns its median and p99 in µs. */
async function timedRun(workload: Workload, expectedUser: string): Promise<{ median: number; p99: number }> {
  const times = new Float64Array(REQUESTS_PER_RUN);
  for (let i = 0; i < REQUESTS_PER_RUN; i++) {
    const start = performance.now();
    const user = await workload();
    times[i] = (performance.now() - start) * 1000;
    if (user !== expectedUser) throw new Error(`authenticated ${user}, expected ${expectedUser}`);
  }
  times.sort();
  return { median: median([...times]), p99: times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]! };
}

export async function authBench({ runs, warmup }: BenchOptions): Promise<BenchRow[]> {
  const rsa = makeKey('RS256');
  const ed = makeKey('EdDSA');
  const jwks = JSON.stringify({ keys: [rsa.publicJwk, ed.publicJwk] });
  let fetches = 0;
  const verifier: TokenVerifier & { refresh(): Promise<void> } = createJwtVerifier({
    jwksUrl: JWKS_URL,
    issuer: ISSUER,
    audience: AUDIENCE,
    // The provider, in process: only the first fetch may happen, the cache serves the rest.
    fetch: async () => {
      fetches += 1;
      return new Response(jwks, { headers: { 'Content-Type': 'application/json' } });
    },
  });
  await verifier.refresh();

  const rsaRequest = chatkitRequest(signToken(rsa, 'bench-user'));
  const edRequest = chatkitRequest(signToken(ed, 'bench-user'));
  const workloads: Array<{ name: string; run: Workload }> = [
    { name: 'baseline: same headers, claims decoded, no verification', run: () => decodeWithoutVerifying(rsaRequest) },
    { name: 'Bearer RS256, warm JWKS cache', run: async () => (await authenticateRequest(rsaRequest, { verifier })).userId },
    { name: 'Bearer EdDSA, warm JWKS cache', run: async () => (await authenticateRequest(edRequest, { verifier })).userId },
  ];

  for (const { run } of workloads) for (let i = 0; i < warmup; i++) await timedRun(run, 'bench-user');
  const medians = workloads.map((): number[] => []);
  const p99s = workloads.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    // Rotate who goes first, so drift over the runs does not land on one workload only.
    for (let k = 0; k < workloads.length; k++) {
      const w = (r + k) % workloads.length;
      const figures = await timedRun(workloads[w]!.run, 'bench-user');
      medians[w]!.push(figures.median);
      p99s[w]!.push(figures.p99);
    }
  }
  if (fetches !== 1) throw new Error(`the JWKS was fetched ${fetches} times; a warm cache fetches it once`);

  const unit = 'µs/request';
  const baseline = makeRow({ suite: SUITE, name: `${workloads[0]!.name}, median`, unit, samples: medians[0]! });
  const rows = [baseline, makeRow({ suite: SUITE, name: `${workloads[0]!.name}, p99`, unit, samples: p99s[0]! })];
  for (let w = 1; w < workloads.length; w++) {
    rows.push(
      makeRow({ suite: SUITE, name: `authenticateRequest, ${workloads[w]!.name}, median`, unit, samples: medians[w]! }, baseline),
    );
    rows.push(makeRow({ suite: SUITE, name: `authenticateRequest, ${workloads[w]!.name}, p99`, unit, samples: p99s[w]! }));
  }
  return rows;
}
