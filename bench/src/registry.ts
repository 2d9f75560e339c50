import type { Suite } from './report.js';

/**
 * Every benchmark `npm run bench` runs, in order. A new suite is one module under `suites/` and
 * one line here. Suites load lazily, so one that fails to import crashes alone.
 */
export const SUITES: Suite[] = [
  { name: 'pipeline', run: async (options) => (await import('./suites/pipeline.js')).pipelineBench(options) },
  { name: 'http', run: async (options) => (await import('./suites/http.js')).httpBench(options) },
  { name: 'auth', run: async (options) => (await import('./suites/auth.js')).authBench(options) },
  { name: 'ui-bundle', run: async (options) => (await import('./suites/ui-bundle.js')).uiBundleBench(options) },
  { name: 'ui-render', run: async (options) => (await import('./suites/ui-render.js')).uiRenderBench(options) },
  { name: 'store', run: async (options) => (await import('./suites/store.js')).storeBench(options) },
  { name: 'startup', run: async (options) => (await import('./suites/startup.js')).startupBench(options) },
  { name: 'agents-latency', run: async (options) => (await import('./suites/agents-latency.js')).agentsLatencyBench(options) },
  { name: 'e2e-stream', run: async (options) => (await import('./suites/e2e-stream.js')).e2eStreamBench(options) },
  { name: 'concurrency', run: async (options) => (await import('./suites/concurrency.js')).concurrencyBench(options) },
];
