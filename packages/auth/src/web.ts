/**
 * `@chatwire/auth/web`: the part of this package that runs on Web APIs alone (no Node module, no
 * JWT library), for edge runtimes and for proxies that hold a cookie but verify nothing: cookie
 * parsing, the request's own origin, origin normalization and the request errors with their
 * JSON answers.
 */
export * from './errors.js';
export * from './cookies.js';
export { isLoopbackHost, normalizeOrigin } from './verifier-config.js';
