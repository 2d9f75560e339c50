import * as view from '../widgets/widget-view.js';

/** `widgets/widget-chunk.ts` in the standalone build: the widget views are inside the one script. */
export const loadWidgetBody = (): Promise<typeof view> => Promise.resolve(view);
