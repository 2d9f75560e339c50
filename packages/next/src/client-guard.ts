/**
 * What a browser bundle gets for `@chatwire/next` (the `browser` condition of its exports): the
 * proxy reads the session cookie and forwards the user's token, so it belongs in a route handler
 * on the server. Importing it from a client component fails loudly here instead of shipping the
 * proxy to the browser.
 */
throw new Error(
  '@chatwire/next runs on the server only: import it in a route handler (app/**/route.ts) or other server code, never in a client component.',
);

export {};
