/**
 * What a browser bundle gets for `@chatwire/next` (the `browser` condition of its exports): the
 * proxy reads the session cookie and forwards the user's token, so it belongs in a route handler
 * on the server. This module exports nothing, so a client component importing the proxy fails
 * the build (Turbopack and webpack find none of the names it asks for); a bundler that let it
 * through gets this error when the module loads, instead of the proxy in the browser.
 */
throw new Error(
  '@chatwire/next runs on the server only: import it in a route handler (app/**/route.ts) or other server code, never in a client component.',
);

export {};
