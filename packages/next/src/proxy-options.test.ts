import { describe, expect, it } from 'vitest';
import { createChatKitProxy } from './create-chatkit-proxy.js';
import { ProxyConfigError } from './proxy-options.js';

describe('createChatKitProxy options', () => {
  it.each([
    [{ upstream: 'not a url', cookieName: 'sid' }, 'upstream'],
    [{ upstream: 'ftp://files.example/chatkit', cookieName: 'sid' }, 'upstream'],
    [{ upstream: 'http://user:pw@app.internal:8787', cookieName: 'sid' }, 'upstream'],
    [{ upstream: 'http://app.internal:8787/chatkit?x=1', cookieName: 'sid' }, 'upstream'],
    [{ upstream: 'http://app.internal:8787', cookieName: 'my session' }, 'cookieName'],
    [{ upstream: 'http://app.internal:8787' }, 'cookieName'],
    [{ upstream: 'http://app.internal:8787', cookieName: 'sid', allowedOrigins: ['www.example.com'] }, 'allowedOrigins'],
    [{ upstream: 'http://app.internal:8787', cookieName: 'sid', maxBodyBytes: 0 }, 'maxBodyBytes'],
    [{ upstream: 'http://app.internal:8787', cookieName: 'sid', maxUploadBytes: 1.5 }, 'maxUploadBytes'],
    [{ upstream: 'http://app.internal:8787', cookieName: 'sid', attachmentsPath: 'files' }, 'attachmentsPath'],
  ])('refuses %j when the proxy is created, naming %s', (options, option) => {
    let thrown: unknown;
    try {
      createChatKitProxy(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProxyConfigError);
    expect((thrown as ProxyConfigError).option).toBe(option);
  });

  it('needs no cookie name when getToken finds the token', () => {
    expect(() => createChatKitProxy({ upstream: 'http://app.internal:8787', getToken: () => 't' })).not.toThrow();
  });
});
