import type { ActionConfig } from '@chatwire/protocol';

/** Where a widget action goes: the integrator's `widgets.onAction`, or the server, streamed or not. */
export type ActionRoute = 'client' | 'stream' | 'sync';

/**
 * The spec's routing: `handler: "client"` → `widgets.onAction`; `handler: "server"` (the default)
 * → `threads.custom_action` when `streaming` (the default), else `threads.sync_custom_action`.
 */
export function actionRoute(config: Pick<ActionConfig, 'handler' | 'streaming'>): ActionRoute {
  if (config.handler === 'client') return 'client';
  return config.streaming ? 'stream' : 'sync';
}

/** What an action is bound to, which decides what `loadingBehavior: "auto"` means. */
export type ActionSource = 'click' | 'change' | 'submit' | 'confirm';

/** Which part shows the loading state while the action runs. */
export type LoadingTarget = 'self' | 'container' | 'none';

/**
 * The loading state an action shows. `auto` adapts to the binding, as the reference describes:
 * a button, list item or form submission loads itself, a field's change action shows none, a
 * card's confirm or cancel loads the whole card.
 */
export function loadingTarget(config: Pick<ActionConfig, 'loadingBehavior'>, source: ActionSource): LoadingTarget {
  if (config.loadingBehavior !== 'auto') return config.loadingBehavior;
  switch (source) {
    case 'click':
    case 'submit':
      return 'self';
    case 'change':
      return 'none';
    case 'confirm':
      return 'container';
  }
}
