import { CustomStreamError } from '@chatwire/server';
import {
  InputGuardrailTripwireTriggered,
  MaxTurnsExceededError,
  ModelBehaviorError,
  OutputGuardrailTripwireTriggered,
  ToolInputGuardrailTripwireTriggered,
  ToolOutputGuardrailTripwireTriggered,
} from '@openai/agents-core';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { UNREADABLE_RESPONSE } from './streaming-fetch.js';

export type ModelFailureKind = 'cut' | 'timeout' | 'malformed' | 'failed' | 'incomplete';

/** A model stream that went wrong in a way the SDK does not report itself (found while converting). */
export class ModelStreamError extends Error {
  constructor(
    readonly kind: ModelFailureKind,
    message: string,
    readonly detail?: { code?: string | undefined; reason?: string | undefined },
  ) {
    super(message);
    this.name = 'ModelStreamError';
  }
}

const MESSAGES = {
  credentials: (status: number) =>
    `The AI model service rejected this app's credentials (HTTP ${status}). An administrator needs to check OPENAI_API_KEY.`,
  notFound:
    'The AI model service does not know the configured model (HTTP 404). An administrator needs to check CHATWIRE_MODEL and OPENAI_BASE_URL.',
  refused: (status: number) => `The AI model service refused this request (HTTP ${status}).`,
  busy: 'The AI model service is busy or over its rate limit. Please try again in a moment.',
  serverError: (status: number) => `The AI model service had a problem (HTTP ${status}). Please try again.`,
  streamError: 'The AI model service had a problem while answering. Please try again.',
  timeout: 'The AI model took too long to respond. Please try again.',
  unreachable: 'The AI model service could not be reached. Please try again.',
  cut: "The AI model's reply was cut off. Please try again.",
  malformed: 'The AI model service sent a reply that could not be read. Please try again.',
  unreadable:
    'The AI model service answered in a format this app cannot read (not a stream of model events). An administrator needs to check OPENAI_BASE_URL and CHATWIRE_MODEL_API.',
  failed: 'The AI model could not answer this request.',
  tooLong: "The reply stopped because it reached the model's length limit.",
  filtered: "The reply was stopped by the model's content filter.",
  incomplete: 'The reply stopped before it was finished.',
  tooManySteps: 'The assistant took too many steps without finishing. Try asking in a different way.',
} as const;

/** True for guardrail trips (the response is taken back rather than kept). */
export function isGuardrailTrip(error: unknown): boolean {
  return (
    error instanceof InputGuardrailTripwireTriggered ||
    error instanceof OutputGuardrailTripwireTriggered ||
    error instanceof ToolInputGuardrailTripwireTriggered ||
    error instanceof ToolOutputGuardrailTripwireTriggered
  );
}

/**
 * A model failure as the message the user sees, and whether retrying can help: yes for rate
 * limits, server errors, timeouts and broken streams; no for bad credentials or a refused request.
 * `undefined` for errors that are not the model's (they reach the client as a generic error).
 */
export function toModelFailure(error: unknown): CustomStreamError | undefined {
  const retry = (message: string) => new CustomStreamError(message, { allowRetry: true });
  const final = (message: string) => new CustomStreamError(message, { allowRetry: false });
  if (error instanceof APIConnectionTimeoutError) return retry(MESSAGES.timeout);
  if (error instanceof APIConnectionError) return retry(MESSAGES.unreachable);
  if (error instanceof APIError && error.code === UNREADABLE_RESPONSE) return final(MESSAGES.unreadable);
  if (error instanceof APIError) return fromStatus(error.status, retry, final);
  if (error instanceof ModelStreamError) return fromStreamError(error, retry, final);
  if (error instanceof MaxTurnsExceededError) return retry(MESSAGES.tooManySteps);
  // The SDK's word for a stream that ended before the response was complete.
  if (error instanceof ModelBehaviorError && /final response/i.test(error.message)) return retry(MESSAGES.cut);
  if (error instanceof SyntaxError) return retry(MESSAGES.malformed);
  if (isConnectionDrop(error)) return retry(MESSAGES.cut);
  return undefined;
}

function fromStatus(
  status: number | undefined,
  retry: (message: string) => CustomStreamError,
  final: (message: string) => CustomStreamError,
): CustomStreamError {
  if (status === undefined) return retry(MESSAGES.unreachable);
  if (status === 401 || status === 403) return final(MESSAGES.credentials(status));
  if (status === 404) return final(MESSAGES.notFound);
  if (status === 408) return retry(MESSAGES.timeout);
  if (status === 429) return retry(MESSAGES.busy);
  if (status >= 500) return retry(MESSAGES.serverError(status));
  return final(MESSAGES.refused(status));
}

function fromStreamError(
  error: ModelStreamError,
  retry: (message: string) => CustomStreamError,
  final: (message: string) => CustomStreamError,
): CustomStreamError {
  switch (error.kind) {
    case 'cut':
      return retry(MESSAGES.cut);
    case 'timeout':
      return retry(MESSAGES.timeout);
    case 'malformed':
      return retry(MESSAGES.malformed);
    case 'failed': {
      const code = error.detail?.code ?? '';
      if (/rate_limit|overloaded|quota/i.test(code)) return retry(MESSAGES.busy);
      if (code === '' || /server_error|internal|unavailable/i.test(code)) return retry(MESSAGES.streamError);
      return final(MESSAGES.failed);
    }
    case 'incomplete': {
      const reason = error.detail?.reason;
      return final(
        reason === 'max_output_tokens' ? MESSAGES.tooLong : reason === 'content_filter' ? MESSAGES.filtered : MESSAGES.incomplete,
      );
    }
  }
}

/** undici's "terminated" (the peer closed mid-body) and socket errors under it. */
function isConnectionDrop(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TypeError && error.message === 'terminated') return true;
  const code = 'code' in error ? error.code : undefined;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}
