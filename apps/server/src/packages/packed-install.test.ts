import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseJsonResponse, parseSse } from '@chatwire/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * The publishable packages as a user gets them: `npm pack` of each (the integration tier's global
 * setup ran `npm run build` before any test), installed together into a scratch project in the OS temp
 * directory, far from the workspace and its node_modules. There a small app (`packed-app.ts`)
 * and the usage example of every package README are typechecked strictly, declaration files
 * included, and the app is run and asked for two streamed `threads.create` replies over HTTP.
 * A missing file, a broken `exports` map, a dependency a package forgot to declare or a README
 * example that no longer compiles fails here.
 */

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const PUBLISHABLE = ['protocol', 'server', 'postgres', 'auth', 'agents', 'client', 'react', 'next'] as const;
/** Peers and types the scratch project installs besides the tarballs, at the workspace's versions (which the npm cache holds). */
const ALSO_INSTALLED = ['@electric-sql/pglite', 'pg', 'react', 'react-dom', '@types/node', '@types/pg', '@types/react'];
const INSTALL_TIMEOUT_MS = 240_000;
const APP_START_TIMEOUT_MS = 60_000;

/** What `npm pack --json` prints: one entry per package. */
const PackOutput = z.array(z.object({ name: z.string(), filename: z.string(), files: z.array(z.object({ path: z.string() })) }));
type PackedPackage = z.infer<typeof PackOutput>[number];
const Version = z.object({ version: z.string() });
const ExportTarget = z.union([
  z.string(),
  // More conditions beside these (`@chatwire/next`: `browser` is its server-only guard, edge runtimes get the real entry).
  z.object({ types: z.string(), default: z.string() }).catchall(z.string()),
]);
const Manifest = z.object({ name: z.string(), exports: z.record(z.string(), ExportTarget) });
const AppAddress = z.object({ url: z.string(), token: z.string() });

let scratch: string;
let packed: PackedPackage[];
let app: ChildProcess | undefined;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'chatwire-packed-'));
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  const workspaces = PUBLISHABLE.flatMap((name) => ['-w', `@chatwire/${name}`]);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tarballs, ...workspaces], REPO);
  packed = PackOutput.parse(JSON.parse(stdout));
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  if (app && app.exitCode === null && app.signalCode === null) {
    const exited = once(app, 'exit');
    app.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped) app.kill('SIGKILL');
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the npm packages', () => {
  it('hold no test support, test files or build info', () => {
    expect(packed.map((result) => result.name).sort()).toEqual(PUBLISHABLE.map((name) => `@chatwire/${name}`).sort());
    const unwanted = packed.flatMap((result) =>
      result.files
        .map((file) => file.path)
        .filter(
          (path) =>
            /(^|\/)test-support\//.test(path) ||
            /\.test\.[cm]?[jt]sx?(\.map)?$/.test(path) ||
            path.includes('.test.d.') ||
            path.endsWith('.tsbuildinfo'),
        )
        .map((path) => `${result.name}: ${path}`),
    );
    expect(unwanted).toEqual([]);
  });

  it('ship every file their exports name, with declarations beside each module, and a README', async () => {
    const missing: string[] = [];
    for (const result of packed) {
      const files = new Set(result.files.map((file) => file.path));
      if (!files.has('README.md')) missing.push(`${result.name}: README.md`);
      const manifest = Manifest.parse(
        JSON.parse(await readFile(join(REPO, 'packages', result.name.replace('@chatwire/', ''), 'package.json'), 'utf8')),
      );
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        const paths = typeof target === 'string' ? [target] : Object.values(target);
        for (const path of paths) if (!files.has(path.replace(/^\.\//, ''))) missing.push(`${result.name} ${subpath}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it(
    'install outside the workspace, typecheck strictly, and serve streamed replies to an app built on them',
    async () => {
      const project = join(scratch, 'project');
      await mkdir(join(project, 'src'), { recursive: true });
      await writeFile(
        join(project, 'package.json'),
        JSON.stringify({ name: 'packed-install-check', private: true, type: 'module' }, null, 2),
      );
      const extras = await Promise.all(ALSO_INSTALLED.map(async (name) => `${name}@${await workspaceVersion(name)}`));
      const tarballs = packed.map((result) => join(scratch, 'tarballs', result.filename));
      await run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', ...tarballs, ...extras],
        project,
      );

      await writeFile(join(project, 'tsconfig.json'), JSON.stringify(SCRATCH_TSCONFIG, null, 2));
      await copyFile(fileURLToPath(new URL('../test-support/packed-app.ts', import.meta.url)), join(project, 'src', 'server.ts'));
      for (const name of PUBLISHABLE) {
        const readme = await readFile(join(REPO, 'packages', name, 'README.md'), 'utf8');
        const examples = [...readme.matchAll(/```(tsx?)\n([\s\S]*?)```/g)];
        if (examples.length === 0) throw new Error(`packages/${name}/README.md has no \`\`\`ts usage example`);
        for (const [index, [, extension, code]] of examples.entries()) {
          await writeFile(join(project, 'src', `readme-${name}-${index + 1}.${extension}`), code ?? '');
        }
      }
      expect(await typecheckAndCompile(project)).toEqual([]);

      const { url, token } = await startApp(project);
      const post = (path: string, body: unknown, bearer?: string) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(bearer !== undefined && { Authorization: `Bearer ${bearer}` }) },
          body: JSON.stringify(body),
        });
      const create = (text: string) => ({
        type: 'threads.create',
        params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
      });

      expect((await post('/echo', create('Who am I?'))).status).toBe(401);

      const echo = await post('/echo', create('Hello from a packed install'), token);
      expect(echo.status).toBe(200);
      expect(echo.headers.get('content-type')).toBe('text/event-stream');
      const echoed = parseSse(await echo.text());
      expect(echoed.map((event) => event.type)).toEqual([
        'thread.created',
        'thread.item.done',
        'stream_options',
        'thread.item.done',
      ]);
      expect(echoed[3]).toMatchObject({
        item: {
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'You said: Hello from a packed install', annotations: [] }],
        },
      });

      const assistant = await post('/assistant', create('What can you do?'), token);
      expect(assistant.status).toBe(200);
      const answered = parseSse(await assistant.text());
      expect(answered[0]?.type).toBe('thread.created');
      expect(answered).toContainEqual(expect.objectContaining({ type: 'notice', title: 'Offline model' }));
      const reply = answered.findLast((event) => event.type === 'thread.item.done');
      expect(reply?.type === 'thread.item.done' && reply.item.type).toBe('assistant_message');

      const listed = await post('/assistant', { type: 'threads.list', params: {} }, token);
      const threads = parseJsonResponse('threads.list', await listed.text());
      expect(threads.data.map((thread) => thread.id)).toEqual([
        answered[0]?.type === 'thread.created' ? answered[0].thread.id : 'no thread',
      ]);
    },
    INSTALL_TIMEOUT_MS,
  );
});

/**
 * Declaration files of other projects whose errors are theirs: PGlite's refer to the Emscripten
 * types without depending on `@types/emscripten`.
 */
const FOREIGN_TYPE_ERRORS = ['node_modules/@electric-sql/pglite/'];

/**
 * Compiles the scratch project with the workspace's TypeScript (every import resolving inside the
 * scratch project) and returns its errors, less those in `FOREIGN_TYPE_ERRORS`.
 */
async function typecheckAndCompile(project: string): Promise<string[]> {
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project],
      { cwd: project },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  if (errors.length === 0 && /error/i.test(output)) return [output];
  return errors.filter((line) => !FOREIGN_TYPE_ERRORS.some((prefix) => line.startsWith(prefix)));
}

/** Strict NodeNext, as a user's server project would be; declaration files are checked too. */
const SCRATCH_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: false,
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

/** The compiled app in its own process; resolves with the address and session token it prints once listening. */
async function startApp(project: string): Promise<z.infer<typeof AppAddress>> {
  const child = spawn(process.execPath, [join('dist', 'server.js')], {
    cwd: project,
    env: { ...childEnv(), PACKED_APP_DATA_DIR: join(project, '.data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app = child;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout });
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code, signal) =>
      reject(new Error(`the packed app exited (${signal ?? code}) before listening:\n${stderr}`)),
    );
    setTimeout(
      () => reject(new Error(`the packed app did not listen within ${APP_START_TIMEOUT_MS} ms:\n${stderr}`)),
      APP_START_TIMEOUT_MS,
    ).unref();
  });
  return AppAddress.parse(JSON.parse(await first));
}

/** Runs a command to completion; a failure reports everything it printed. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...childEnv(), ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${command} ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * The environment minus what `npm test` sets for its own package (its prefix, workspace and
 * package fields), which would point npm in the scratch project back at the workspace.
 */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^npm_(package_|lifecycle_|config_(local_prefix|prefix|workspaces?|include_workspace_root)$)/i.test(key) &&
        key !== 'INIT_CWD',
    ),
  );
}

async function workspaceVersion(name: string): Promise<string> {
  return Version.parse(JSON.parse(await readFile(join(REPO, 'node_modules', name, 'package.json'), 'utf8'))).version;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
