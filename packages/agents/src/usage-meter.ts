import type { AgentInputItem, RunStreamEvent } from '@openai/agents-core';
import { estimateTokens } from './history-budget.js';

/** What one reply cost in model tokens, its title included. */
export interface ReplyUsage {
  /** The model name (`offline` for the built-in one). */
  model: string;
  /** Model calls made. */
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /**
   * Some counts are estimates: a call was stopped (the user pressed Stop, the connection broke)
   * before the endpoint reported what it used, so its tokens are guessed from what was sent and
   * streamed. Stopping a reply is never a way to spend nothing.
   */
  estimated: boolean;
}

/** The token counts a model reports per call, as the agents SDK carries them. */
export interface ReportedUsage {
  requests?: number | undefined;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Adds up what a reply's model calls report, and estimates the call in flight when the reply
 * ends before that call reported (4 characters a token, as the history budget counts).
 */
export class UsageMeter {
  #requests = 0;
  #input = 0;
  #output = 0;
  #estimated = false;
  /** A call began and has not reported; the characters it streamed so far. */
  #open = false;
  #streamedChars = 0;

  constructor(readonly model: string) {}

  /** A whole call's own report (a title, a non-streamed call). */
  add(usage: ReportedUsage): void {
    this.#requests += usage.requests ?? 1;
    this.#input += usage.inputTokens;
    this.#output += usage.outputTokens;
  }

  /** Follows a run's stream: calls starting, text streaming, calls reporting. */
  observe(event: RunStreamEvent): void {
    if (event.type !== 'raw_model_stream_event') return;
    const data = event.data;
    if (data.type === 'response_done') {
      this.add({ requests: 1, ...data.response.usage });
      this.#open = false;
      this.#streamedChars = 0;
    } else if (data.type === 'response_started') {
      this.#open = true;
    } else if (data.type === 'output_text_delta') {
      this.#open = true;
      this.#streamedChars += data.delta.length;
    }
  }

  /** The run ended without its last call reporting: count that call from what was sent and shown. */
  settleOpenCall(input: readonly AgentInputItem[]): void {
    if (!this.#open) return;
    this.#open = false;
    this.#estimated = true;
    this.#requests += 1;
    this.#input += estimateTokens(input);
    this.#output += Math.ceil(this.#streamedChars / 4);
    this.#streamedChars = 0;
  }

  total(): ReplyUsage {
    return {
      model: this.model,
      requests: this.#requests,
      inputTokens: this.#input,
      outputTokens: this.#output,
      estimated: this.#estimated,
    };
  }
}
