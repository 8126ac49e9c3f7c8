import { describe, expect, it } from 'vitest';
import { resolveServeConfig } from './config.js';

describe('serve configuration', () => {
  const flags = { port: 8080, host: '127.0.0.1' };

  it('keeps reads private unless the flag or TALLY_PUBLIC_READS opens them', () => {
    expect(resolveServeConfig(flags, {}).publicReads).toBe(false);
    expect(resolveServeConfig({ ...flags, publicReads: true }, {}).publicReads).toBe(true);
    expect(resolveServeConfig(flags, { TALLY_PUBLIC_READS: 'true' }).publicReads).toBe(true);
    expect(resolveServeConfig(flags, { TALLY_PUBLIC_READS: '0' }).publicReads).toBe(false);
    expect(resolveServeConfig(flags, { TALLY_TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
  });

  it('takes the rate limit from the flag, else TALLY_RATE_LIMIT, else 600 a minute', () => {
    expect(resolveServeConfig(flags, {}).rateLimit).toBe(600);
    expect(resolveServeConfig(flags, { TALLY_RATE_LIMIT: '0' }).rateLimit).toBe(0);
    expect(resolveServeConfig({ ...flags, rateLimit: 5000 }, { TALLY_RATE_LIMIT: '0' }).rateLimit).toBe(5000);
    expect(() => resolveServeConfig(flags, { TALLY_RATE_LIMIT: '-1' })).toThrow(/TALLY_RATE_LIMIT: expected requests/);
    expect(() => resolveServeConfig(flags, { TALLY_RATE_LIMIT: 'lots' })).toThrow(/TALLY_RATE_LIMIT/);
  });

  it('takes the page threads from the flag, else TALLY_PAGE_THREADS, else leaves them to the server', () => {
    expect(resolveServeConfig(flags, {}).pageThreads).toBeUndefined();
    expect(resolveServeConfig(flags, { TALLY_PAGE_THREADS: ' ' }).pageThreads).toBeUndefined();
    expect(resolveServeConfig(flags, { TALLY_PAGE_THREADS: '0' }).pageThreads).toBe(0);
    expect(resolveServeConfig({ ...flags, pageThreads: 3 }, { TALLY_PAGE_THREADS: '0' }).pageThreads).toBe(3);
    expect(() => resolveServeConfig(flags, { TALLY_PAGE_THREADS: 'two' })).toThrow(
      /TALLY_PAGE_THREADS: expected a number of threads/,
    );
  });

  it('refuses a value it cannot read rather than guessing', () => {
    expect(() => resolveServeConfig(flags, { TALLY_PUBLIC_READS: 'maybe' })).toThrow(
      /TALLY_PUBLIC_READS: expected true or false/,
    );
  });
});
