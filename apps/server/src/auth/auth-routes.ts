import { clearSessionCookie, ForbiddenError, isSecureRequest, sessionCookie } from '@chatwire/auth';
import { isStorableText } from '@chatwire/protocol';
import { errorResponse, jsonResponse, PayloadTooLargeError, readBody, silentLogger, toErrorResponse } from '@chatwire/server';
import { z } from 'zod';
import type { AppAuth } from './app-auth.js';
import { trustedOrigin, type RouteTable } from './cors.js';

/** A sign-in body is a few dozen bytes; nothing bigger is read. */
const MAX_LOGIN_BODY_BYTES = 4096;

export const DevLoginBody = z.strictObject({
  user_id: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'must be printable text')
    .refine(isStorableText, 'must be valid Unicode text'),
  name: z.string().trim().min(1).max(256).optional(),
  email: z.email().max(254).optional(),
});
export type DevLoginBody = z.infer<typeof DevLoginBody>;

/**
 * `POST /auth/dev/login` (development mode only), `POST /auth/logout` and
 * `GET /.well-known/jwks.json`. Serve them through `credentialedRoutes` so auth errors and CORS
 * are answered like everywhere else.
 */
export function authRoutes(auth: AppAuth): RouteTable {
  const routes: RouteTable = {
    '/auth/logout': {
      POST: async (request) => {
        refuseForeignOrigin(request, auth);
        return json(200, {}, { 'Set-Cookie': clearSessionCookie({ secure: overHttps(request, auth) }) });
      },
    },
    '/.well-known/jwks.json': {
      GET: async () => json(200, (await auth.signer()).jwks(), { 'Cache-Control': 'public, max-age=300' }),
    },
  };
  if (auth.mode === 'development') {
    routes['/auth/dev/login'] = { POST: (request) => devLogin(request, auth) };
  }
  return routes;
}

async function devLogin(request: Request, auth: AppAuth): Promise<Response> {
  refuseForeignOrigin(request, auth);
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = DevLoginBody.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      return errorResponse(
        400,
        'invalid_request',
        `${issue.keys.join(', ')}: unknown field; send user_id, and optionally name and email`,
      );
    }
    const field = issue?.path.map(String).join('.') || 'body';
    return errorResponse(400, 'invalid_request', `${field}: ${issue?.message ?? 'invalid value'}`);
  }
  const { user_id: userId, name, email } = parsed.data;
  const token = await (await auth.signer()).signSession({ userId, name, email });
  const user = { user_id: userId, ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
  return json(200, { token, user }, { 'Set-Cookie': sessionCookie(token, { secure: overHttps(request, auth) }) });
}

/**
 * Whether the browser is on https, so the cookie must be `Secure`: the request came in over TLS,
 * or the page that sent it is an https origin the app trusts. The second covers a TLS-terminating
 * proxy in front of the app, which reaches the app over plain http.
 */
function overHttps(request: Request, auth: AppAuth): boolean {
  return isSecureRequest(request) || trustedOrigin(request, auth.allowedOrigins)?.startsWith('https:') === true;
}

/**
 * Signing in or out from another site's page (login CSRF) is refused. A request with no `Origin`
 * at all is not a browser's cross-site request (browsers send one on every POST), so scripts and
 * curl may sign in without one.
 */
function refuseForeignOrigin(request: Request, auth: AppAuth): void {
  if (request.headers.get('origin') === null) return;
  if (trustedOrigin(request, auth.allowedOrigins) === undefined) {
    throw new ForbiddenError('the request Origin is not allowed to sign in or out of this app');
  }
}

type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** The body as JSON, read only up to the cap, whether or not it declares its length. */
async function readJson(request: Request): Promise<JsonBody> {
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request, MAX_LOGIN_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    // The 413 every route answers; a client's error is never logged.
    return { ok: false, response: toErrorResponse(error, silentLogger) };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
  } catch {
    return { ok: false, response: errorResponse(400, 'invalid_json', 'Request body is not valid JSON') };
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return jsonResponse(JSON.stringify(body), status, headers);
}
