import { buildPgliteTemplate, TEMPLATE_FILE } from './pglite-template.js';

/**
 * `npm run build`'s last step: the embedded database a first start restores. Made only when
 * missing or out of date (a few seconds), so an up-to-date build costs a hash of the migrations.
 */
const started = performance.now();
if (await buildPgliteTemplate()) {
  process.stdout.write(`Made ${TEMPLATE_FILE} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
