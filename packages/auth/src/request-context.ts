import { parsePageContext, sanitizeText, type PageContext } from '@chatwire/protocol';
import type { AuthenticatedIdentity } from './authenticate.js';
import { localeFromAcceptLanguage } from './accept-language.js';

/** Who a request is for, and what they told us about where they are. Only `userId` is identity. */
export interface RequestContext {
  /** The verified token's `sub`. Every store call is scoped by it. */
  userId: string;
  /** Display data: from the token's claims, else from `metadata.userInfo`. */
  user: { name?: string; email?: string };
  page?: PageContext;
  locale?: string;
}

export interface BuildRequestContextInput {
  identity: Pick<AuthenticatedIdentity, 'userId' | 'claims'>;
  /** The request envelope's `metadata`, as sent: untrusted. */
  metadata?: unknown;
  /** The `Accept-Language` header. */
  acceptLanguage?: string | null;
}

const MAX_NAME_BYTES = 256;
const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The context every store call and responder receives. The user id comes from the token and
 * nothing in `metadata` can change it; `metadata.userInfo` only fills display fields the token
 * lacks; `metadata.pageContext` is cleaned and capped (invalid parts dropped, never an error).
 */
export function buildRequestContext({ identity, metadata, acceptLanguage }: BuildRequestContextInput): RequestContext {
  const envelope = isRecord(metadata) ? metadata : {};
  const userInfo = isRecord(envelope.userInfo) ? envelope.userInfo : {};
  const name = displayName(identity.claims.name) ?? displayName(identity.claims.preferred_username) ?? displayName(userInfo.name);
  const email = emailAddress(identity.claims.email) ?? emailAddress(userInfo.email);

  const context: RequestContext = { userId: identity.userId, user: {} };
  if (name !== undefined) context.user.name = name;
  if (email !== undefined) context.user.email = email;
  const page = parsePageContext(envelope.pageContext);
  if (page !== undefined) context.page = page;
  const locale = localeFromAcceptLanguage(acceptLanguage);
  if (locale !== undefined) context.locale = locale;
  return context;
}

function displayName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = sanitizeText(value, { maxBytes: MAX_NAME_BYTES });
  return clean === '' ? undefined : clean;
}

function emailAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.trim();
  return clean.length <= MAX_EMAIL_LENGTH && EMAIL.test(clean) && !/[\u0000-\u001f\u007f]/.test(clean) ? clean : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
