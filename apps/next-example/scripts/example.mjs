// `npm run example:next`: the Chatwire app (as `npm start` runs it, same environment) and this
// Next.js example in production mode (`next build`, then `next start`), side by side. The
// example's proxy forwards to CHATWIRE_UPSTREAM, by default the app just started. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../', import.meta.url));
const NEXT_BIN = fileURLToPath(new URL('../../../node_modules/next/dist/bin/next', import.meta.url));

const appHost = process.env.HOST ?? '127.0.0.1';
const appPort = process.env.PORT ?? '8787';
const nextPort = process.env.NEXT_PORT ?? '3000';
const upstream = process.env.CHATWIRE_UPSTREAM ?? `http://${appHost}:${appPort}`;
const nextEnv = { ...process.env, CHATWIRE_UPSTREAM: upstream, NEXT_TELEMETRY_DISABLED: '1' };
// `next start` would take the app's PORT; the example has its own.
delete nextEnv.PORT;

const children = new Set();
let stopping = false;

function run(command, args, options) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) stop(code ?? (signal ? 1 : 0));
  });
  return child;
}

function stop(code) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const exit = () => (children.size === 0 ? process.exit(code) : setTimeout(exit, 50));
  exit();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Build the example first (the workspace packages it uses are built by `npm run build` before this).
const build = spawn(process.execPath, [NEXT_BIN, 'build'], { cwd: EXAMPLE, env: nextEnv, stdio: 'inherit' });
build.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  if (stopping) return;
  run(process.execPath, ['apps/server/dist/main.js'], { cwd: REPO, env: process.env });
  run(process.execPath, [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', nextPort], { cwd: EXAMPLE, env: nextEnv });
  void announce(`http://127.0.0.1:${nextPort}`);
});

/** One line with the address to open, once the site answers. */
async function announce(site) {
  while (!stopping) {
    const status = await fetch(site).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) {
      process.stdout.write(`\nNext.js example on ${site} (its /chatkit proxy forwards to ${upstream})\n`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
