/** Real-HTTP JWKS endpoint and jose-made keys, for tests of token verification in any workspace. */
export { startJwksServer, type JwksServer } from './jwks-server.js';
export { AUDIENCE, decodeSegment, encodeJson, hmacToken, ISSUER, makeKey, signToken, type TestKey } from './jwt-keys.js';
