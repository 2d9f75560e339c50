import { existsSync } from 'node:fs';

/**
 * Global setup of the browser tier: when there is no Chromium, one loud line for the whole run
 * (the test files skip themselves on the same check).
 */
export default function setup(): void {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  process.stderr.write(`\nSKIPPED: browser tests (no Chromium at ${path}; set CHROMIUM_PATH or apt-get install -y chromium)\n\n`);
}
