/** One line of `npm run doctor`: what was checked, how it went, and for a failure what to do. */
export interface CheckResult {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  /** What was found, in one sentence. */
  detail: string;
  /** What to do about a failure or warning. */
  fix?: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'warn', detail, fix });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'fail', detail, fix });

/** How long any one check may wait on the network. */
export const CHECK_TIMEOUT_MS = 5_000;

const LABEL = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export function formatResult(result: CheckResult, width: number): string {
  const fix = result.fix ? ` Fix: ${result.fix}` : '';
  return `${LABEL[result.status]}  ${result.name.padEnd(width)}  ${result.detail}${fix}`;
}

/**
 * Why a request to `host` failed, in words: refused, unknown host, timed out, TLS trouble. The
 * `fetch` error hides the socket error in its `cause`; `pg` throws it directly.
 */
export function describeNetworkError(error: unknown, host: string): string {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return `nothing is listening at ${host} (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `${host.replace(/:\d+$/, '')} is not a known host name (DNS lookup failed)`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || isTimeout(error)) {
    return `no answer from ${host} within ${CHECK_TIMEOUT_MS / 1000} s`;
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `${host} closed the connection`;
  if (code !== undefined && /CERT|SSL|TLS/.test(code)) return `the TLS certificate of ${host} is not accepted (${code})`;
  return `cannot reach ${host} (${code ?? deepestMessage(error)})`;
}

/** `fetch failed` says nothing; the reason is in its cause. */
function deepestMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    message = current.message;
    current = current.cause;
  }
  return message;
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') return current.code;
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || /timeout/i.test(error.message));
}

/** `fetch` with the doctor's timeout. */
export function fetchWithTimeout(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(CHECK_TIMEOUT_MS), redirect: 'manual' });
}

/** Host and path of a URL, never its user info or query (either may hold a secret). */
export function safeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
