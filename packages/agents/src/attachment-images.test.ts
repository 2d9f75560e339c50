import type { Attachment } from '@chatwire/protocol';
import { startMockOpenAI, type MockOpenAI } from '@chatwire/test-support/mock-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageAttachmentsAsInput, sniffImageType } from './attachment-images.js';
import { createDefaultAssistant } from './default-assistant.js';
import { estimateTokens, IMAGE_TOKENS } from './history-budget.js';
import { AgentTestServer, mockModel, serverHelpers } from './test-support/agent-server.js';

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const image = (id: string, mime = 'image/png'): Attachment => ({
  type: 'image',
  id,
  name: `${id}.png`,
  mime_type: mime,
  preview_url: `https://app.example/chatkit/attachments/${id}`,
});

describe('image attachments as model input', () => {
  const bytes: Record<string, Uint8Array> = {
    photo: PNG,
    fake: new TextEncoder().encode('<svg onload="alert(1)"></svg>'),
    huge: new Uint8Array([...PNG, ...new Uint8Array(2_000)]),
  };
  const convert = imageAttachmentsAsInput({ readBytes: async (a) => bytes[a.id], maxImageBytes: 1_000 });

  it('an image whose bytes are a real PNG reaches the model as an input_image with its bytes', async () => {
    const [note, part] = await convert(image('photo'), undefined as never);
    expect(note).toMatchObject({ type: 'input_text' });
    expect(part).toEqual({
      type: 'input_image',
      image: `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`,
      detail: 'auto',
    });
  });

  it('bytes that are not the image they claim, a missing upload, a too-large image and files stay a note', async () => {
    for (const attachment of [
      image('fake'),
      image('missing'),
      image('huge'),
      { type: 'file', id: 'doc', name: 'doc.pdf', mime_type: 'application/pdf' } satisfies Attachment,
    ]) {
      const parts = await convert(attachment, undefined as never);
      expect(parts).toHaveLength(1);
      expect(parts[0]).toMatchObject({ type: 'input_text' });
      expect(JSON.stringify(parts)).toContain('not available');
    }
  });

  it('tells image types by their first bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('hello'))).toBeUndefined();
  });

  it('counts an image as a fixed number of tokens in the history budget, not by the length of its bytes', () => {
    const big = `data:image/png;base64,${'A'.repeat(400_000)}`;
    const tokens = estimateTokens([{ type: 'message', role: 'user', content: [{ type: 'input_image', image: big }] }]);
    expect(tokens).toBeGreaterThanOrEqual(IMAGE_TOKENS);
    expect(tokens).toBeLessThan(IMAGE_TOKENS + 100);
  });
});

describe('an image the user attached, through the responder to the model', () => {
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
  });
  afterAll(() => mock.close());

  it('arrives in the Chat Completions request as an image_url with the bytes, read with the request context', async () => {
    const readers: string[] = [];
    const server = new AgentTestServer({
      agent: createDefaultAssistant(),
      model: mockModel(mock, 'chat_completions'),
      items: (context) => ({
        attachment: imageAttachmentsAsInput({
          readBytes: async () => {
            readers.push(context.userId);
            return PNG;
          },
        }),
      }),
    });
    await server.store.saveAttachment(image('atc_1'), { userId: 'alice' });
    mock.reply({ text: ['A red pixel.'] });
    await serverHelpers(server).create('What is this?', undefined, { attachments: ['atc_1'] });
    const body = JSON.stringify(mock.requests.at(-1)?.body);
    expect(body).toContain(`"url":"data:image/png;base64,${btoa(String.fromCharCode(...PNG))}"`);
    expect(readers).toEqual(['alice']);
  });
});
