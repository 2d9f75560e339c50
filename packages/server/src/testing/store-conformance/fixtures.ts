import type {
  AssistantMessageItem,
  FileAttachment,
  ImageAttachment,
  ThreadMetadata,
  UserMessageItem,
  WidgetItem,
} from '@chatwire/protocol';
import { time, uniqueId } from './harness.js';

export function makeThread(overrides: Partial<ThreadMetadata> = {}): ThreadMetadata {
  return {
    id: uniqueId('thr'),
    title: 'Test Thread',
    created_at: time(0),
    status: { type: 'active' },
    metadata: { test: 'test' },
    ...overrides,
  };
}

export function userMessage(threadId: string, overrides: Partial<UserMessageItem> = {}): UserMessageItem {
  return {
    id: uniqueId('msg'),
    thread_id: threadId,
    created_at: time(0),
    type: 'user_message',
    content: [{ type: 'input_text', text: 'Hello!' }],
    attachments: [],
    inference_options: {},
    ...overrides,
  };
}

export function assistantMessage(threadId: string, overrides: Partial<AssistantMessageItem> = {}): AssistantMessageItem {
  return {
    id: uniqueId('msg'),
    thread_id: threadId,
    created_at: time(0),
    type: 'assistant_message',
    content: [{ type: 'output_text', text: 'Hi there!', annotations: [] }],
    ...overrides,
  };
}

export function widgetItem(threadId: string, overrides: Partial<WidgetItem> = {}): WidgetItem {
  return {
    id: uniqueId('msg'),
    thread_id: threadId,
    created_at: time(0),
    type: 'widget',
    widget: {
      type: 'Card',
      children: [
        {
          type: 'Col',
          padding: { x: 4, y: 3 },
          children: [
            { type: 'Text', value: 'Title', weight: 'medium', size: 'sm' },
            { type: 'Text', value: 'test' },
          ],
        },
      ],
    },
    copy_text: 'Title test',
    ...overrides,
  };
}

/** Assistant messages whose ids and text are their index, `seconds` apart from each other. */
export function numberedMessages(threadId: string, count: number, seconds = 1): AssistantMessageItem[] {
  return Array.from({ length: count }, (_, index) =>
    assistantMessage(threadId, {
      created_at: time(index * seconds),
      content: [{ type: 'output_text', text: String(index), annotations: [] }],
    }),
  );
}

export function fileAttachment(overrides: Partial<FileAttachment> = {}): FileAttachment {
  return { id: uniqueId('atc'), type: 'file', name: 'test.txt', mime_type: 'text/plain', ...overrides };
}

export function imageAttachment(overrides: Partial<ImageAttachment> = {}): ImageAttachment {
  return {
    id: uniqueId('atc'),
    type: 'image',
    name: 'test.png',
    mime_type: 'image/png',
    preview_url: 'https://example.com/test.png',
    upload_descriptor: { url: 'https://uploads.example.com/test.png', method: 'PUT', headers: { 'x-test': '1' } },
    metadata: { source: 'test', nested: { bucket: 'b' } },
    ...overrides,
  };
}

export function ids(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id);
}
