import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles, type StaticHandler } from './static-files.js';

let dir: string;
let root: string;
let serve: StaticHandler;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatwire-static-'));
  root = join(dir, 'public');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Chat</title>');
  await writeFile(join(root, 'assets', 'index-B1x2Y3z4.js'), 'console.log("app")');
  await writeFile(join(root, 'assets', 'index-C9d8E7f6.css'), 'body{}');
  await writeFile(join(root, 'robots.txt'), 'User-agent: *');
  await writeFile(join(root, 'chatwire.js'), '(()=>{})()');
  await writeFile(join(root, 'chatwire.css'), 'chatwire-chat{display:block}');
  await writeFile(join(root, 'chatwire-math.js'), 'export{}');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(dir, 'secret.txt'), 'outside the web root');
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link-to-secret.txt'));
  serve = staticFiles(root);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, init: RequestInit = {}) => serve(new Request(`http://127.0.0.1:8787${path}`, init));

async function expectNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = (await response.json()) as { error: { code: string } };
  expect(body.error.code).toBe('not_found');
}

describe('serving the built page', () => {
  it('/ is index.html: HTML, revalidated on every load, with a content security policy', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Chat</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('hashed assets get their content type and are cached for a year', async () => {
    const script = await get('/assets/index-B1x2Y3z4.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("app")');
    const style = await get('/assets/index-C9d8E7f6.css?v=1');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('files without a hash are revalidated', async () => {
    const response = await get('/robots.txt');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('a matching If-None-Match answers 304 without a body', async () => {
    const first = await get('/assets/index-B1x2Y3z4.js');
    const etag = first.headers.get('etag')!;
    const again = await get('/assets/index-B1x2Y3z4.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('HEAD has the headers and no body', async () => {
    const response = await get('/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('34');
    expect(await response.text()).toBe('');
  });

  it('a missing file is the usual 404 JSON error', async () => {
    await expectNotFound(await get('/nope.js'));
  });

  it('before the page is built, / says how to build it', async () => {
    const response = await staticFiles(join(dir, 'not-built'))(new Request('http://127.0.0.1:8787/'));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('build:web');
  });
});

describe('nothing outside the web root is ever served', () => {
  it.each([
    ['an encoded parent segment', '/%2e%2e/secret.txt'],
    ['an encoded slash and parents', '/assets/..%2f..%2fsecret.txt'],
    ['encoded dots and slashes throughout', '/%2e%2e%2fsecret.txt'],
    ['a backslash', '/assets/..%5c..%5csecret.txt'],
    ['a NUL byte', '/index.html%00.js'],
    ['a dot file', '/.env'],
    ['a directory', '/assets/'],
    ['a directory without the slash', '/assets'],
    ['a double slash', '//secret.txt'],
    ['a symbolic link that leads outside', '/assets/link-to-secret.txt'],
    ['a malformed escape', '/%E0%A4%A'],
  ])('%s is a 404', async (_name, path) => {
    await expectNotFound(await get(path));
  });
});

describe('the standalone <chatwire-chat>', () => {
  it('/chatwire.js, /chatwire.css and their chunks may be loaded by any site (no credentials), and are revalidated', async () => {
    for (const [path, type] of [
      ['/chatwire.js', 'text/javascript'],
      ['/chatwire.css', 'text/css'],
      ['/chatwire-math.js', 'text/javascript'],
    ] as const) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    // The page itself and its own assets stay same-origin.
    expect((await get('/')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('/assets/index-B1x2Y3z4.js')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
