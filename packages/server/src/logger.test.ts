import { afterEach, describe, expect, it, vi } from 'vitest';
import { stderrLogger } from './logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('stderrLogger (the default logger)', () => {
  it('writes errors and warnings as one JSON line each through the console, and drops info', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});

    stderrLogger.error('Stream failed', { threadId: 'thr_1' });
    stderrLogger.warn('Slow store');
    stderrLogger.info('hello');

    expect(error.mock.calls).toEqual([['{"level":"error","message":"Stream failed","threadId":"thr_1"}']]);
    expect(warn.mock.calls).toEqual([['{"level":"warn","message":"Slow store"}']]);
    expect(info).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});
