// @ts-check
import { noImportCycles } from './no-import-cycles.js';

/** Chatwire's own lint rules. */
export default { meta: { name: 'chatwire' }, rules: { 'no-import-cycles': noImportCycles } };
