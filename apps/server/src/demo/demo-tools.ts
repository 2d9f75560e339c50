import { AgentContext, clientTool } from '@chatwire/agents';
import type { StructuredInputItem } from '@chatwire/protocol';
import { tool, type RunContext, type Tool } from '@openai/agents-core';
import { z } from 'zod';
import { galleryBasic, galleryList, GRADIENT_PNG, streamedGallery } from './gallery-widgets.js';

function contextOf(runContext: RunContext<AgentContext> | undefined): AgentContext {
  const context = runContext?.context;
  if (!(context instanceof AgentContext)) throw new Error('Demo tools run inside the app’s assistant');
  return context;
}

const showWidgetGallery = tool({
  name: 'show_widget_gallery',
  description: 'Shows the widget gallery: one of every widget component, with a counter, a form and a list to try.',
  parameters: z.object({}),
  execute: async (_input: unknown, runContext?: RunContext<AgentContext>) => {
    const context = contextOf(runContext);
    await context.streamWidget(streamedGallery(40), { copyText: 'Widget gallery' });
    await context.streamWidget(galleryList(), { copyText: 'Pick a city' });
    await context.streamWidget(galleryBasic());
    return 'The gallery is shown: a card with every component, a list of cities and a basic root.';
  },
});

const askPreferences = tool({
  name: 'ask_preferences',
  description:
    'Asks the user two questions with a structured form (a multiple choice and a free-form one); their answers arrive with the next turn.',
  parameters: z.object({}),
  execute: (_input: unknown, runContext?: RunContext<AgentContext>) => {
    const context = contextOf(runContext);
    const item: StructuredInputItem = {
      type: 'structured_input',
      id: context.generateId('message'),
      thread_id: context.thread.id,
      created_at: new Date().toISOString(),
      status: 'pending',
      inputs: [
        {
          id: 'colour',
          type: 'multiple_choice',
          question: 'Which colour should the theme use?',
          options: [{ value: 'Blue' }, { value: 'Green' }, { value: 'Purple' }],
          multiple: false,
        },
        { id: 'reason', type: 'freeform', question: 'Why that one?', description: 'A few words are enough.' },
      ],
    };
    context.stream({ type: 'thread.item.done', item });
    return 'The questions are shown to the user; wait for their answers.';
  },
});

const drawPicture = tool({
  name: 'draw_picture',
  description: 'Draws a small gradient picture, showing its progress while it is made.',
  parameters: z.object({}),
  execute: async (_input: unknown, runContext?: RunContext<AgentContext>) => {
    const context = contextOf(runContext);
    const base = { type: 'generated_image' as const, id: context.generateId('message'), thread_id: context.thread.id };
    const created_at = new Date().toISOString();
    context.streamProgress('Drawing a picture…', 'images');
    context.stream({ type: 'thread.item.added', item: { ...base, created_at } });
    for (const progress of [0.25, 0.6]) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      context.stream({
        type: 'thread.item.updated',
        item_id: base.id,
        update: { type: 'generated_image.updated', image: { id: 'demo_picture', url: GRADIENT_PNG }, progress },
      });
    }
    context.stream({ type: 'thread.item.done', item: { ...base, created_at, image: { id: 'demo_picture', url: GRADIENT_PNG } } });
    return 'The picture is shown to the user.';
  },
});

const celebrate = tool({
  name: 'celebrate',
  description: 'Makes the page celebrate (a client effect the page shows).',
  parameters: z.object({ message: z.string() }),
  execute: ({ message }: { message: string }, runContext?: RunContext<AgentContext>) => {
    contextOf(runContext).clientEffect('celebrate', { message });
    return 'The page celebrated.';
  },
});

/** A client tool: the page answers it with its colour scheme. */
const getColorScheme = clientTool({
  name: 'get_color_scheme',
  description: "Asks the user's page whether it shows the light or the dark theme.",
  parameters: z.object({}),
});

/**
 * The demo's tools (`CHATWIRE_DEMO_TOOLS=on`): a widget gallery, structured questions, a
 * generated picture, a client effect and a client tool, so every rich item can be tried (and
 * tested) against a real model or the mock one.
 */
export const DEMO_TOOLS: Tool<AgentContext>[] = [showWidgetGallery, askPreferences, drawPicture, celebrate, getColorScheme];
