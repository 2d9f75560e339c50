import type { Agent } from '@openai/agents-core';
import type { AgentContext } from './agent-context.js';

/**
 * An agent the responder can run: typed for this app's request context, or for any (like the
 * default assistant). The SDK's `Agent` is invariant in its context type, hence the union.
 */
export type ChatAgent<TContext> = Agent<AgentContext<TContext>, 'text'> | Agent<AgentContext, 'text'>;
