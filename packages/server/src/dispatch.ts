import type { ChatKitReq } from '@chatwire/protocol';
import { chatwireThreadsResume } from './handlers/chatwire-threads-resume.js';
import { chatwireThreadsStop } from './handlers/chatwire-threads-stop.js';
import { attachmentsCreate } from './handlers/attachments-create.js';
import { attachmentsDelete } from './handlers/attachments-delete.js';
import { inputTranscribe } from './handlers/input-transcribe.js';
import { itemsFeedback } from './handlers/items-feedback.js';
import { itemsList } from './handlers/items-list.js';
import { threadsAddClientToolOutput } from './handlers/threads-add-client-tool-output.js';
import { threadsAddStructuredInput } from './handlers/threads-add-structured-input.js';
import { threadsAddUserMessage } from './handlers/threads-add-user-message.js';
import { threadsCreate } from './handlers/threads-create.js';
import { threadsCustomAction } from './handlers/threads-custom-action.js';
import { threadsDelete } from './handlers/threads-delete.js';
import { threadsGetById } from './handlers/threads-get-by-id.js';
import { threadsList } from './handlers/threads-list.js';
import { threadsRetryAfterItem } from './handlers/threads-retry-after-item.js';
import { threadsSyncCustomAction } from './handlers/threads-sync-custom-action.js';
import { threadsUpdate } from './handlers/threads-update.js';
import type { StreamPlan } from './handlers/stream-plan.js';
import type { RequestEnv } from './request-env.js';

export type Outcome = { kind: 'json'; body: unknown } | { kind: 'stream'; plan: StreamPlan };

const json = async (body: Promise<unknown>): Promise<Outcome> => ({ kind: 'json', body: await body });
const stream = async (plan: Promise<StreamPlan>): Promise<Outcome> => ({ kind: 'stream', plan: await plan });

/**
 * One handler per request type. Streaming handlers do every check (and every write that must
 * precede the reply) before they return their event stream, so a missing thread is a 404
 * answer, not a stream that opens and then fails.
 */
export function dispatch<TContext>(request: ChatKitReq, env: RequestEnv<TContext>): Promise<Outcome> {
  switch (request.type) {
    case 'threads.get_by_id':
      return json(threadsGetById(request, env));
    case 'threads.list':
      return json(threadsList(request, env));
    case 'items.list':
      return json(itemsList(request, env));
    case 'items.feedback':
      return json(itemsFeedback(request, env));
    case 'attachments.create':
      return json(attachmentsCreate(request, env));
    case 'attachments.delete':
      return json(attachmentsDelete(request, env));
    case 'threads.update':
      return json(threadsUpdate(request, env));
    case 'threads.delete':
      return json(threadsDelete(request, env));
    case 'input.transcribe':
      return json(inputTranscribe(request, env));
    case 'threads.sync_custom_action':
      return json(threadsSyncCustomAction(request, env));
    case 'threads.create':
      return stream(threadsCreate(request, env));
    case 'threads.add_user_message':
      return stream(threadsAddUserMessage(request, env));
    case 'threads.add_client_tool_output':
      return stream(threadsAddClientToolOutput(request, env));
    case 'threads.add_structured_input':
      return stream(threadsAddStructuredInput(request, env));
    case 'threads.retry_after_item':
      return stream(threadsRetryAfterItem(request, env));
    case 'threads.custom_action':
      return stream(threadsCustomAction(request, env));
    case 'chatwire.threads.stop':
      return json(chatwireThreadsStop(request, env));
    case 'chatwire.threads.resume':
      return stream(chatwireThreadsResume(request, env));
    default:
      return assertNever(request);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled request: ${JSON.stringify(value)}`);
}
