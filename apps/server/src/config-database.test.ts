import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: where data lives', () => {
  it('with no configuration, data lives in .chatwire under the working directory (PGlite)', () => {
    const config = loadConfig({});
    expect(config.dataDir).toBe(join(process.cwd(), '.chatwire'));
    expect(config.databaseUrl).toBeUndefined();
  });

  it('CHATWIRE_DATA_DIR is resolved against the working directory', () => {
    expect(loadConfig({ CHATWIRE_DATA_DIR: 'var/chat' }).dataDir).toBe(resolve('var/chat'));
    expect(loadConfig({ CHATWIRE_DATA_DIR: '/srv/chatwire' }).dataDir).toBe('/srv/chatwire');
  });

  it.each(['postgres://app:secret@db.internal:5432/chat', 'postgresql://localhost/chat?sslmode=require'])(
    'DATABASE_URL %s is used as given',
    (url) => {
      expect(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url);
    },
  );

  it.each(['mysql://app:hunter2@db/chat', 'app:hunter2@db:5432/chat', 'hunter2', 'http://app:hunter2@db/chat'])(
    'a DATABASE_URL that is not a postgres URL (%s) is an error naming DATABASE_URL, without repeating the value',
    (url) => {
      const error = configError({ DATABASE_URL: url });
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).toMatch(/^DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(error.message).not.toContain('hunter2');
    },
  );
});
