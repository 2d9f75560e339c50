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
