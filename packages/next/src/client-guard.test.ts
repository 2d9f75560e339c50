import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const Manifest = z.object({ exports: z.object({ '.': z.object({ browser: z.string(), default: z.string() }) }) });

describe('@chatwire/next in a browser bundle', () => {
  it('resolves to a module that fails at once, saying the proxy belongs in a route handler', async () => {
    const manifest = Manifest.parse(JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')));
    expect(manifest.exports['.'].browser).toBe('./dist/client-guard.js');
    await expect(import('./client-guard.js')).rejects.toThrow(/runs on the server only: import it in a route handler/);
  });
});
