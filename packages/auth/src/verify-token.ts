import { isStorableText } from '@chatwire/protocol';
import { errors, jwtVerify, type JWTHeaderParameters, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthError, AuthUnavailableError } from './errors.js';

/** What a successful verification yields. `userId` is the token's `sub`, and nothing else. */
export interface VerifiedToken {
  userId: string;
  claims: JWTPayload;
  header: JWTHeaderParameters;
}

/** Anything that turns a compact JWT into a verified identity, or throws `AuthError`/`AuthUnavailableError`. */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

export interface VerifyPolicy {
  issuer: string;
  audience: string | readonly string[];
  algorithms: readonly string[];
  clockToleranceSec: number;
  maxTokenBytes: number;
}

const MAX_SUBJECT_LENGTH = 256;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies a compact JWT against `policy`. Size and shape are checked before anything is
 * decoded; every failure is an `AuthError` (401) except an `AuthUnavailableError` raised by the
 * key lookup, which passes through (503). Nothing that fails here is ever accepted.
 */
export async function verifyToken(token: string, getKey: JWTVerifyGetKey, policy: VerifyPolicy): Promise<VerifiedToken> {
  // The length check comes first so an oversized token is never parsed; the shape check then
  // guarantees ASCII, so length equals byte size.
  if (token.length > policy.maxTokenBytes) {
    throw new AuthError(`the token is larger than ${policy.maxTokenBytes} bytes`, 'invalid_token');
  }
  if (!COMPACT_JWS.test(token)) throw new AuthError('the token is not a compact JWS', 'invalid_token');

  let verified;
  try {
    verified = await jwtVerify(token, getKey, {
      issuer: policy.issuer,
      audience: policy.audience as string | string[],
      algorithms: [...policy.algorithms],
      clockTolerance: policy.clockToleranceSec,
      requiredClaims: ['sub', 'exp'],
    });
  } catch (error) {
    throw toAuthError(error);
  }
  const { payload, protectedHeader } = verified;
  const sub = payload.sub;
  // A lone surrogate has no UTF-8 form: stored, it would become U+FFFD and another user's id.
  if (
    typeof sub !== 'string' ||
    sub === '' ||
    sub.length > MAX_SUBJECT_LENGTH ||
    /[\u0000-\u001f\u007f]/.test(sub) ||
    !isStorableText(sub)
  ) {
    throw new AuthError('the token has no usable "sub" claim', 'invalid_token');
  }
  return { userId: sub, claims: payload, header: protectedHeader };
}

function toAuthError(error: unknown): AuthError | AuthUnavailableError {
  if (error instanceof AuthUnavailableError || error instanceof AuthError) return error;
  return new AuthError(describe(error), 'invalid_token', { cause: error });
}

/** Our own wording for each way a token fails; jose's messages stay in `cause`. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'the token was issued by an issuer that is not accepted';
      case 'aud':
        return 'the token is not meant for this audience';
      case 'nbf':
        return 'the token is not valid yet';
      case 'iat':
        return 'the token was issued in the future';
      default:
        return error.reason === 'missing'
          ? `the token lacks the required "${error.claim}" claim`
          : `the token's "${error.claim}" claim is invalid`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no known key matches the token';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'the token does not identify a single key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSENotSupported) return 'the token uses an unsupported header or algorithm';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is malformed';
  return 'the token could not be verified';
}
