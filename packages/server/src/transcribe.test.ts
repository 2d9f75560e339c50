import { describe, expect, it } from 'vitest';
import { makeServer, type TestContext } from '@chatwire/test-support/hooked-server';

type Audio = { data: Uint8Array; mimeType: string; mediaType: string };

function recordingTranscriber(text = 'ok') {
  const calls: Array<{ audio: Audio; context: TestContext }> = [];
  return {
    calls,
    async transcribe(audio: Audio, context: TestContext) {
      calls.push({ audio, context });
      return { text };
    },
  };
}

describe('input.transcribe', () => {
  it('hands transcribe() the decoded bytes, the MIME type as sent and the media type without parameters', async () => {
    const transcriber = recordingTranscriber('ok');
    const { json, context } = makeServer({ transcribe: transcriber.transcribe });

    const answer = await json('input.transcribe', { audio_base64: 'aGVsbG8gYXVkaW8=', mime_type: 'audio/webm;codecs=opus' });

    expect(answer).toStrictEqual({ text: 'ok' });
    expect(transcriber.calls).toHaveLength(1);
    const [{ audio, context: received }] = transcriber.calls as [{ audio: Audio; context: TestContext }];
    expect(new TextDecoder().decode(audio.data)).toBe('hello audio');
    expect([...audio.data]).toEqual([...new TextEncoder().encode('hello audio')]);
    expect(audio.mimeType).toBe('audio/webm;codecs=opus');
    expect(audio.mediaType).toBe('audio/webm');
    expect(received).toStrictEqual(context);
  });

  it('decodes every byte value exactly, with or without padding and across line breaks', async () => {
    const transcriber = recordingTranscriber();
    const { json } = makeServer({ transcribe: transcriber.transcribe });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const encoded = btoa(String.fromCharCode(...bytes));
    const wrapped = encoded.replace(/.{76}/g, '$&\r\n');

    await json('input.transcribe', { audio_base64: wrapped, mime_type: 'audio/wav' });
    await json('input.transcribe', { audio_base64: btoa('ab'), mime_type: 'audio/wav' });
    await json('input.transcribe', { audio_base64: btoa('ab').replace(/=+$/, ''), mime_type: 'audio/wav' });

    expect(transcriber.calls.map((call) => [...call.audio.data])).toEqual([[...bytes], [97, 98], [97, 98]]);
  });

  it('passes a MIME type without parameters through as the media type', async () => {
    const transcriber = recordingTranscriber('fine');
    const { json } = makeServer({ transcribe: transcriber.transcribe });

    expect(await json('input.transcribe', { audio_base64: '', mime_type: 'audio/wav' })).toStrictEqual({ text: 'fine' });
    expect(transcriber.calls[0]?.audio).toMatchObject({ mimeType: 'audio/wav', mediaType: 'audio/wav' });
    expect(transcriber.calls[0]?.audio.data.byteLength).toBe(0);
  });

  it.each(['not base64!', 'aGVsbG8=x', 'a'])(
    'answers 400 naming params.audio_base64 for invalid base64 %j without calling transcribe()',
    async (audio) => {
      const transcriber = recordingTranscriber();
      const { httpError } = makeServer({ transcribe: transcriber.transcribe });

      const { status, body } = await httpError('input.transcribe', { audio_base64: audio, mime_type: 'audio/webm' });

      expect(status).toBe(400);
      expect(body.error.message).toMatch(/^params\.audio_base64\b/);
      expect(transcriber.calls).toEqual([]);
    },
  );

  it('answers 501 when the server does not transcribe (the reference raises out of process())', async () => {
    const { httpError } = makeServer();
    const { status, body } = await httpError('input.transcribe', { audio_base64: 'aGk=', mime_type: 'audio/webm' });
    expect(status).toBe(501);
    expect(body.error.code).toBe('not_implemented');
  });
});
