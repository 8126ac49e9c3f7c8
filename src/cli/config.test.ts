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

  it('refuses a value it cannot read rather than guessing', () => {
    expect(() => resolveServeConfig(flags, { TALLY_PUBLIC_READS: 'maybe' })).toThrow(
      /TALLY_PUBLIC_READS: expected true or false/,
    );
  });
});
