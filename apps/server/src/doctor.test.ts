import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDevIdentity } from '@chatwire/auth';
import { makeKey, startJwksServer } from '@chatwire/test-support/jwks';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotesServer } from './test-support/notes-mcp.js';

/** `npm run doctor` as a user runs it: the built script, in its own process, with nothing from the developer's shell. */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCTOR = join(REPO_ROOT, 'apps/server/dist/doctor.js');
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

let dataDir: string;
let mock: MockOpenAI;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatwire-doctor-'));
  mock = await startMockOpenAI();
});
afterAll(async () => {
  await mock.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function doctor(env: Record<string, string> = {}): Promise<{ code: number | null; lines: string[]; output: string }> {
  const child = spawn(process.execPath, [DOCTOR], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), CHATWIRE_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, lines: output.trimEnd().split('\n'), output };
}

/** A port on 127.0.0.1 with nothing listening (taken, then given back). */
async function deadPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const line = (lines: string[], name: string) =>
  lines.find((text) => new RegExp(`^(ok|warn|FAIL)\\s+${name}\\s`).test(text)) ?? '';

describe('npm run doctor', () => {
  it('is green on a default start: every check ok, exit code 0', async () => {
    const { code, lines } = await doctor();
    expect(lines).toEqual([
      expect.stringMatching(/^ok {4}configuration {2}1 variable\(s\) set, every one valid\.$/),
      expect.stringMatching(
        /^ok {4}database {7}PGlite in .*pglite: made at the first start from the build's ready-made database\.$/,
      ),
      expect.stringMatching(/^ok {4}identity {7}development sign-in \(AUTH_JWKS_URL unset\)/),
      expect.stringMatching(/^ok {4}model {10}offline model/),
      expect.stringMatching(/^ok {4}MCP servers {4}none configured/),
      'All checks passed.',
    ]);
    expect(code).toBe(0);
  });

  it('a DATABASE_URL nothing listens at is one FAIL line naming host and port, with the fix, and exit 1; the password never shows', async () => {
    const port = await deadPort();
    const { code, lines, output } = await doctor({ DATABASE_URL: `postgres://chat:hunter2-secret@127.0.0.1:${port}/chat` });
    expect(line(lines, 'database')).toBe(
      `FAIL  database       nothing is listening at 127.0.0.1:${port} (connection refused). Fix: start Postgres there, or correct the host and port in DATABASE_URL (postgres://user:password@host:5432/database).`,
    );
    expect(output).not.toContain('hunter2-secret');
    expect(lines.at(-1)).toBe('1 check(s) failed.');
    expect(code).toBe(1);
  });

  it.skipIf(!TEST_DATABASE_URL)('a DATABASE_URL naming a database that does not exist says to create it', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = '/chatwire_doctor_missing_db';
    const { code, lines } = await doctor({ DATABASE_URL: url.href });
    expect(line(lines, 'database')).toMatch(
      /^FAIL {2}database {7}database "chatwire_doctor_missing_db" does not exist at .*\. Fix: create it \(createdb chatwire_doctor_missing_db\)/,
    );
    expect(code).toBe(1);
  });

  it.skipIf(!TEST_DATABASE_URL)('a reachable Postgres is ok, with its version and what the next start will migrate', async () => {
    const { code, lines } = await doctor({ DATABASE_URL: TEST_DATABASE_URL! });
    expect(line(lines, 'database')).toMatch(
      /^ok {4}database {7}Postgres \d+\.\d+.* at [^,]+, (schema up to date|\d+ migration\(s\) to apply at the next start)$/,
    );
    expect(code).toBe(0);
  });

  it('an unreachable model endpoint is one FAIL line with the fix; a reachable one is ok, and a model it lacks is named', async () => {
    const port = await deadPort();
    const key = 'sk-proj-DOCTOR-SECRET-KEY-0123456789';
    const dead = await doctor({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_API_KEY: key });
    expect(line(dead.lines, 'model')).toBe(
      `FAIL  model          nothing is listening at 127.0.0.1:${port} (connection refused). Fix: start the model server, or correct the host and port in OPENAI_BASE_URL.`,
    );
    expect(dead.code).toBe(1);

    const live = await doctor({ OPENAI_BASE_URL: mock.baseURL, OPENAI_API_KEY: key, CHATWIRE_MODEL: 'mock-model' });
    expect(line(live.lines, 'model')).toMatch(
      /^ok {4}model {10}mock-model via 127\.0\.0\.1:\d+ \(chat completions\): the endpoint answers and has the model\.$/,
    );
    expect(live.code).toBe(0);
    expect(mock.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);

    const wrong = await doctor({ OPENAI_BASE_URL: mock.baseURL, CHATWIRE_MODEL: 'llama3.2' });
    expect(line(wrong.lines, 'model')).toMatch(
      /does not have "llama3\.2" \(it has mock-model\)\. Fix: set CHATWIRE_MODEL to one of the models it lists\.$/,
    );
    expect(wrong.code).toBe(1);

    const noV1 = await doctor({ OPENAI_BASE_URL: mock.baseURL.replace(/\/v1$/, '/api') });
    expect(line(noV1.lines, 'model')).toMatch(/HTTP 404\): OPENAI_BASE_URL is probably missing its \/v1\. Fix: /);
    for (const run of [dead, live, wrong]) expect(run.output).not.toContain(key);
  });

  it('a bad JWKS URL is one FAIL line with the fix: nothing there, or not a key set; the right one is ok', async () => {
    const key = await makeKey('ES256', 'doctor-key');
    const jwks = await startJwksServer({ keys: [key.publicJwk] });
    try {
      const auth = (url: string) => ({ AUTH_JWKS_URL: url, AUTH_ISSUER: 'https://id.example.test/', AUTH_AUDIENCE: 'chatwire' });
      const port = await deadPort();
      const dead = await doctor(auth(`http://127.0.0.1:${port}/.well-known/jwks.json`));
      expect(line(dead.lines, 'identity')).toBe(
        `FAIL  identity       AUTH_JWKS_URL: nothing is listening at 127.0.0.1:${port} (connection refused). Fix: check that the provider is up and use your identity provider's JWKS URL (often <issuer>/.well-known/jwks.json) in AUTH_JWKS_URL.`,
      );
      expect(dead.code).toBe(1);

      const wrongPath = await doctor(auth(jwks.url.replace('/.well-known/jwks.json', '/jwks')));
      expect(line(wrongPath.lines, 'identity')).toMatch(
        /^FAIL {2}identity {7}http:\/\/127\.0\.0\.1:\d+\/jwks answered HTTP 404\. Fix: use your identity provider's JWKS URL/,
      );

      const wrongAlgorithm = await doctor({ ...auth(jwks.url), AUTH_ALGORITHMS: 'RS256' });
      expect(line(wrongAlgorithm.lines, 'identity')).toMatch(
        /none of the 1 keys at .* \(ES256\) fits AUTH_ALGORITHMS \(RS256\)\. Fix: set AUTH_ALGORITHMS/,
      );

      const good = await doctor(auth(jwks.url));
      expect(line(good.lines, 'identity')).toMatch(
        /^ok {4}identity {7}1 signing key\(s\) at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json; tokens must come from https:\/\/id\.example\.test\/ for chatwire\.$/,
      );
      expect(good.code).toBe(0);
    } finally {
      await jwks.close();
    }
  });

  it('checks each MCP server in CHATWIRE_MCP_SERVERS over HTTP, and a value that is not a list of servers fails the configuration line', async () => {
    const port = await deadPort();
    const servers = JSON.stringify([
      { name: 'notes', url: `${mock.baseURL}/mcp`, auth: 'app-token' },
      { name: 'search', url: `http://127.0.0.1:${port}/mcp` },
    ]);
    const { code, lines } = await doctor({ CHATWIRE_MCP_SERVERS: servers });
    expect(line(lines, 'MCP notes')).toMatch(
      /^ok {4}MCP notes {6}http:\/\/127\.0\.0\.1:\d+\/v1\/mcp answers \(HTTP 404 to a request without credentials; auth app-token\); the app has no signing key yet/,
    );
    expect(line(lines, 'MCP search')).toBe(
      `FAIL  MCP search     nothing is listening at 127.0.0.1:${port} (connection refused). Fix: start the MCP server, or correct its url in CHATWIRE_MCP_SERVERS.`,
    );
    expect(code).toBe(1);

    const garbled = await doctor({ CHATWIRE_MCP_SERVERS: '{"notes": "http://x"' });
    expect(line(garbled.lines, 'configuration')).toMatch(
      /^FAIL {2}configuration {2}CHATWIRE_MCP_SERVERS: the value is not JSON; expected an array of servers such as .*\. Fix: correct CHATWIRE_MCP_SERVERS/,
    );
  });

  it("does the MCP handshake with a token the app's key mints: ok when the server trusts the app's JWKS, a warning when it cannot check it", async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'chatwire-doctor-key-'));
    const signer = await loadDevIdentity({ dataDir: keyDir, origin: 'http://127.0.0.1:8787' });
    const jwks = createHttpServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(signer.jwks()));
    }).listen(0, '127.0.0.1');
    await once(jwks, 'listening');
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    const trusting = await startNotesServer({ jwksUrl });
    const orphan = await startNotesServer({ jwksUrl: `http://127.0.0.1:${await deadPort()}/.well-known/jwks.json` });
    try {
      const servers = JSON.stringify([
        { name: 'notes', url: trusting.url },
        { name: 'orphan', url: orphan.url },
      ]);
      const { lines } = await doctor({ CHATWIRE_DATA_DIR: keyDir, CHATWIRE_MCP_SERVERS: servers });
      expect(line(lines, 'MCP notes')).toMatch(
        new RegExp(
          `^ok {4}MCP notes +${trusting.url} speaks MCP with the app's token: 3 tool\\(s\\) \\(add_note, list_notes, search_notes\\)\\.$`,
        ),
      );
      expect(line(lines, 'MCP orphan')).toMatch(
        /^warn {2}MCP orphan +\S+ answers \(HTTP 401 to a request without credentials; auth app-token\), but the MCP handshake failed: .*\. Fix: the server must trust http:\/\/127\.0\.0\.1:8787\/\.well-known\/jwks\.json/,
      );
    } finally {
      await trusting.stop();
      await orphan.stop();
      jwks.close();
      await rm(keyDir, { recursive: true, force: true });
    }
  });

  it('with CHATWIRE_REDIS_URL, says whether Redis answers there: ok when it does, one FAIL line with the fix when nothing listens', async () => {
    const port = await deadPort();
    const dead = await doctor({ CHATWIRE_REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(line(dead.lines, 'event bus')).toMatch(
      new RegExp(
        `^FAIL  event bus +CHATWIRE_REDIS_URL: nothing is listening at 127\\.0\\.0\\.1:${port} \\(connection refused\\)\\. Fix: start Redis there`,
      ),
    );
    expect(dead.code).toBe(1);
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const live = await doctor({ CHATWIRE_REDIS_URL: redisUrl });
    // Without a Redis on this machine the FAIL line above is all there is to see.
    if (live.code === 0) expect(line(live.lines, 'event bus')).toMatch(/^ok {4}event bus +Redis at .* answers \(PONG\)$/);
  });

  it('a bad variable is the configuration line, naming it, and a likely typo is a warning', async () => {
    const bad = await doctor({ PORT: 'eighty' });
    expect(bad.lines).toEqual([
      'FAIL  configuration  PORT: expected a port number from 0 to 65535, got "eighty". Fix: correct PORT (docs/configuration.md lists every variable).',
      '1 check(s) failed.',
    ]);
    expect(bad.code).toBe(1);
    const typo = await doctor({ CHATWIRE_RATE_LIMT: '10' });
    expect(typo.lines).toContain(
      'warn  configuration  CHATWIRE_RATE_LIMT is set, but the app reads no such variable. Fix: did you mean CHATWIRE_RATE_LIMIT?',
    );
    expect(typo.code).toBe(0);
  });
});
