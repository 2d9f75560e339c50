import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorResponse } from '@chatwire/server';

/** Where `npm run build:web` puts the chat page: `apps/server/dist/public/`, beside this module's `dist/web/`. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../public/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Vite names built assets `name-<hash>.ext` under `assets/`: their content never changes. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The page may load scripts, styles and fonts only from the app itself; images also from https
 * (the chat loads them only from a thread's allowed domains); no plugins, no framing by others.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * The standalone `<chatwire-chat>` (`/chatwire.js`, `/chatwire.css`, the `/chatwire-*.js` chunks
 * it imports on demand) is embedded by other sites: any origin may load it (its chunks are ES
 * modules, fetched with CORS). It is public code and carries no credentials.
 */
const STANDALONE = /^\/chatwire(-[a-z0-9-]+)?\.(js|css)$/;
const PUBLIC_ASSET = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

export type StaticHandler = (request: Request) => Promise<Response>;

/**
 * Serves the built chat page for `GET`/`HEAD`: `/` is `index.html`, other paths are files under
 * `root`. Only regular files inside `root` are ever read: encoded dots and slashes, `..`, dot
 * files, NUL bytes, backslashes and symbolic links that lead outside are all a plain 404, the same
 * as a missing file. Hashed assets are cached for a year; everything else is revalidated (ETag).
 */
export function staticFiles(root: string = DEFAULT_WEB_ROOT): StaticHandler {
  const base = resolve(root);
  let realBase: Promise<string> | undefined;
  return async (request) => {
    const pathname = requestPath(request);
    const file =
      pathname === undefined ? undefined : await findFile(base, (realBase ??= realpath(base).catch(() => base)), pathname);
    if (!file) return notFound(pathname);
    const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': HASHED_ASSET.test(file.urlPath) ? IMMUTABLE : 'no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (file.path.endsWith('.html')) headers['Content-Security-Policy'] = PAGE_POLICY;
    if (STANDALONE.test(file.urlPath)) Object.assign(headers, PUBLIC_ASSET);
    if (
      request.headers
        .get('if-none-match')
        ?.split(',')
        .some((tag) => tag.trim() === etag)
    ) {
      return new Response(null, { status: 304, headers });
    }
    const body = await readFile(file.path).catch(() => undefined);
    if (!body) return notFound(pathname);
    headers['Content-Length'] = String(body.byteLength);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** The decoded path, or `undefined` for one that could not name a file of ours. */
function requestPath(request: Request): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return undefined;
  }
  if (pathname === '/') return '/index.html';
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.endsWith('/')) return undefined;
  // No `..`, no `.`, no dot files (`.env`, `.git`), no empty segments.
  if (
    pathname
      .split('/')
      .slice(1)
      .some((segment) => segment === '' || segment.startsWith('.'))
  )
    return undefined;
  return pathname;
}

interface FoundFile {
  path: string;
  urlPath: string;
  size: number;
  mtimeMs: number;
}

async function findFile(base: string, realBase: Promise<string>, urlPath: string): Promise<FoundFile | undefined> {
  const path = resolve(base, `.${urlPath}`);
  if (!path.startsWith(base + sep)) return undefined;
  try {
    const [real, realRoot] = await Promise.all([realpath(path), realBase]);
    if (!real.startsWith(realRoot + sep)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    return { path: real, urlPath, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

function notFound(pathname: string | undefined): Response {
  if (pathname === '/index.html') {
    return errorResponse(
      404,
      'not_found',
      'The chat page is not built: run `npm run build:web -w @chatwire/app-server` (or `npm start`)',
    );
  }
  return errorResponse(404, 'not_found', `No file at ${pathname === undefined ? 'that path' : pathname.slice(0, 200)}`);
}

/** The app's chat page, from `DEFAULT_WEB_ROOT`. */
export const serveWebPage: StaticHandler = staticFiles();
