export * from './errors.js';
export * from './verifier-config.js';
export * from './verify-token.js';
export * from './jwt-verifier.js';
export { SIGNING_KEY_FILE, type SigningAlgorithm } from './signing-key-file.js';
export * from './dev-identity.js';
export * from './cookies.js';
export * from './authenticate.js';
// The page-context rule lives in @chatwire/protocol (the client and the agents apply it too).
export { PAGE_CONTEXT_LIMITS, PageContext, parsePageContext } from '@chatwire/protocol';
export * from './accept-language.js';
export * from './request-context.js';
