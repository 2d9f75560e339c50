import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('listens on 127.0.0.1:8787 with no configuration', () => {
    expect(loadConfig({})).toMatchObject({ port: 8787, host: '127.0.0.1' });
  });

  it('reads PORT and HOST, treating empty values as unset', () => {
    expect(loadConfig({ PORT: '9000', HOST: '0.0.0.0' })).toMatchObject({ port: 9000, host: '0.0.0.0' });
    expect(loadConfig({ PORT: ' 0 ', HOST: '' })).toMatchObject({ port: 0, host: '127.0.0.1' });
    expect(loadConfig({ HOST: '[::1]' }).host).toBe('::1');
  });

  it.each(['abc', '-1', '65536', '80.5', '1e3'])('a bad PORT (%s) is an error naming PORT', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: port })).toThrow(/^PORT: expected a port number/);
  });

  it('a bad HOST is an error naming HOST', () => {
    let error: unknown;
    try {
      loadConfig({ HOST: 'http://example.com/' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('HOST');
    expect((error as ConfigError).message).not.toContain('\n');
  });
});

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Looks like a real key, so a test can tell if it ever shows up in a message. */
const KEY = 'sk-proj-CONFIG-TEST-0123456789abcdef';

describe('loadConfig: the model', () => {
  it('with no model variables, the built-in offline model answers at its own pace', () => {
    const config = loadConfig({});
    expect(config.model).toEqual({ kind: 'offline' });
    expect(config.offlineWordDelayMs).toBeUndefined();
  });

  it('OPENAI_API_KEY alone is OpenAI with the Responses API and the default model; CHATWIRE_MODEL names another', () => {
    expect(loadConfig({ OPENAI_API_KEY: KEY }).model).toEqual({
      kind: 'openai',
      api: 'responses',
      model: 'gpt-4.1-mini',
      apiKey: KEY,
    });
    expect(loadConfig({ OPENAI_API_KEY: KEY, CHATWIRE_MODEL: 'gpt-4.1' }).model).toMatchObject({ model: 'gpt-4.1' });
  });

  it('OPENAI_BASE_URL sends every call there with Chat Completions and needs no key; CHATWIRE_MODEL_API=responses switches the API', () => {
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', CHATWIRE_MODEL: 'llama3.2' }).model).toEqual({
      kind: 'openai',
      api: 'chat_completions',
      model: 'llama3.2',
      apiKey: 'not-needed',
      baseURL: 'http://127.0.0.1:11434/v1',
    });
    expect(loadConfig({ OPENAI_BASE_URL: 'https://gw.example.test/v1', CHATWIRE_MODEL_API: 'responses' }).model).toMatchObject({
      api: 'responses',
    });
  });

  it('empty model variables count as unset', () => {
    expect(loadConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: ' ', CHATWIRE_MODEL_API: '' }).model).toEqual({ kind: 'offline' });
  });

  it('an unknown CHATWIRE_MODEL_API is one line naming the variable and the choices', () => {
    const error = configError({ OPENAI_API_KEY: KEY, CHATWIRE_MODEL_API: 'anthropic' });
    expect(error.variable).toBe('CHATWIRE_MODEL_API');
    expect(error.message).toBe('CHATWIRE_MODEL_API: must be "responses" or "chat_completions", not "anthropic"');
    expect(error.message).not.toContain(KEY);
  });

  it.each([KEY, 'not a url', 'localhost:11434', 'ftp://models.example.test/v1'])(
    'an OPENAI_BASE_URL that is not an http(s) URL (%s) is one line naming the variable, never repeating the value (a key pasted into the wrong variable)',
    (url) => {
      const error = configError({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: url });
      expect(error.variable).toBe('OPENAI_BASE_URL');
      expect(error.message).toMatch(/^OPENAI_BASE_URL: /);
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toContain(KEY);
      expect(error.message).not.toContain(url);
    },
  );

  it('CHATWIRE_OFFLINE_WORD_DELAY_MS sets the offline model pause between words; a bad value names the variable', () => {
    expect(loadConfig({ CHATWIRE_OFFLINE_WORD_DELAY_MS: '0' }).offlineWordDelayMs).toBe(0);
    expect(loadConfig({ CHATWIRE_OFFLINE_WORD_DELAY_MS: '250' }).offlineWordDelayMs).toBe(250);
    for (const bad of ['-1', 'fast', '1.5', '60001']) {
      expect(configError({ CHATWIRE_OFFLINE_WORD_DELAY_MS: bad }).variable).toBe('CHATWIRE_OFFLINE_WORD_DELAY_MS');
    }
  });
});

describe('CHATWIRE_MODELS', () => {
  it('lists the models a user may pick, trimmed and without duplicates; none when unset', () => {
    expect(loadConfig({}).allowedModels).toEqual([]);
    expect(loadConfig({ CHATWIRE_MODELS: ' gpt-4.1-mini, gpt-4.1 ,,gpt-4.1' }).allowedModels).toEqual([
      'gpt-4.1-mini',
      'gpt-4.1',
    ]);
    expect(loadConfig({ CHATWIRE_MODELS: 'llama3.2:3b,Qwen/Qwen2.5-7B-Instruct' }).allowedModels).toEqual([
      'llama3.2:3b',
      'Qwen/Qwen2.5-7B-Instruct',
    ]);
  });

  it('a name that cannot be a model name is an error naming CHATWIRE_MODELS', () => {
    const error = configError({ CHATWIRE_MODELS: 'gpt-4.1, drop table; --' });
    expect(error.variable).toBe('CHATWIRE_MODELS');
    expect(error.message).toMatch(/^CHATWIRE_MODELS: expected model names separated by commas/);
  });

  it('reads CHATWIRE_MCP_SERVERS with app-token as the default auth and no approval', () => {
    expect(loadConfig({}).mcpServers).toEqual([]);
    const config = loadConfig({
      CHATWIRE_MCP_SERVERS:
        '[{"name":"notes","url":"http://127.0.0.1:9100/mcp"},{"name":"crm","url":"https://crm.example.com/mcp","auth":"none","approval":["delete_contact"]}]',
    });
    expect(config.mcpServers).toEqual([
      { name: 'notes', url: 'http://127.0.0.1:9100/mcp', auth: 'app-token', approval: false },
      { name: 'crm', url: 'https://crm.example.com/mcp', auth: 'none', approval: ['delete_contact'] },
    ]);
  });

  it.each([
    ['{"name":"notes"}', 'the value: Invalid input: expected array, received object'],
    ['[{"name":"my notes","url":"http://x/mcp"}]', 'entry 1 field name: must be 1 to 32 letters, digits or dashes'],
    ['[{"name":"notes","url":"file:///etc/passwd"}]', 'entry 1 field url: must be an http(s) URL'],
    ['[{"name":"notes","url":"http://x/mcp","auth":"password"}]', 'entry 1 field auth: Invalid option'],
    ['[{"name":"notes","url":"http://x/mcp","token":"abc"}]', 'entry 1: has unknown field(s) token'],
    ['[{"name":"a","url":"http://x/mcp"},{"name":"a","url":"http://y/mcp"}]', 'entry 2 field name: "a" is used twice'],
  ])('a bad CHATWIRE_MCP_SERVERS (%s) names the entry and field', (value, message) => {
    const error = configError({ CHATWIRE_MCP_SERVERS: value });
    expect(error.variable).toBe('CHATWIRE_MCP_SERVERS');
    expect(error.message).toContain(`CHATWIRE_MCP_SERVERS: ${message}`);
  });
});
