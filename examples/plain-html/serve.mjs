// `npm run example:html`: the app (as `npm start` runs it, accepting this page's origin) and this
// folder's page on http://127.0.0.1:8080 (EXAMPLE_PORT). With CHATWIRE_APP_URL set, no app is
// started and the page talks to that one instead.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const DEFAULT_APP = 'http://127.0.0.1:8787';
const app = (process.env.CHATWIRE_APP_URL ?? DEFAULT_APP).replace(/\/+$/, '');
const port = Number(process.env.EXAMPLE_PORT ?? 8080);
const origin = `http://127.0.0.1:${port}`;
const page = fileURLToPath(new URL('./index.html', import.meta.url));

if (!process.env.CHATWIRE_APP_URL) {
  const allowed = [process.env.CHATWIRE_ALLOWED_ORIGINS, origin].filter(Boolean).join(',');
  const main = fileURLToPath(new URL('../../apps/server/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], { stdio: 'inherit', env: { ...process.env, CHATWIRE_ALLOWED_ORIGINS: allowed } });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

createServer(async (request, response) => {
  if (request.url !== '/' && request.url !== '/index.html') {
    response.writeHead(404).end('Not found');
    return;
  }
  const html = (await readFile(page, 'utf8')).replaceAll(DEFAULT_APP, app);
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html);
}).listen(port, '127.0.0.1', () => console.log(`Example page: ${origin} (the chat talks to ${app})`));
