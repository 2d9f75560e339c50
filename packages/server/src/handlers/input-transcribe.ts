import type { InputTranscribeReq, TranscriptionResult } from '@chatwire/protocol';
import { BadRequestError } from '../errors.js';
import type { RequestEnv } from '../request-env.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes the audio and hands it to `transcribe()`; `mediaType` is the MIME type without parameters. */
export async function inputTranscribe<TContext>(
  request: InputTranscribeReq,
  env: RequestEnv<TContext>,
): Promise<TranscriptionResult> {
  const { audio_base64, mime_type } = request.params;
  const compact = audio_base64.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    throw new BadRequestError('params.audio_base64: not valid base64', 'params.audio_base64');
  }
  const data = decodeBase64(compact);
  const mediaType = (mime_type.split(';')[0] ?? '').trim();
  const result = await env.hooks.transcribe({ data, mimeType: mime_type, mediaType }, env.context);
  return { text: result.text };
}

/** `atob`, the Web API, gives one character per byte; `compact` was checked above. */
function decodeBase64(compact: string): Uint8Array {
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
