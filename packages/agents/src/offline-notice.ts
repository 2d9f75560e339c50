import type { NoticeEvent } from '@chatwire/protocol';

/** What opens the first reply of every thread the offline model answers. */
export const OFFLINE_NOTICE: NoticeEvent = {
  type: 'notice',
  level: 'info',
  title: 'Offline model',
  message:
    "This chat is answered by Chatwire's built-in **offline model**, not an AI model: it matches your words against the page and the conversation. " +
    'To use a real model, set `OPENAI_API_KEY` (OpenAI) or `OPENAI_BASE_URL` (any OpenAI-compatible server, such as Ollama or vLLM) and restart the app.',
};
