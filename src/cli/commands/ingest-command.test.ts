import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { threadsFor } from './ingest-command.js';

describe('threads for an ingest', () => {
  it('keeps a small batch on one thread and gives a large one a thread per core', () => {
    expect(threadsFor(5, 40_000, undefined)).toBe(1);
    expect(threadsFor(1200, 3_000_000, undefined)).toBe(1);
    expect(threadsFor(20_000, 500_000_000, undefined)).toBe(availableParallelism());
    // A few huge files get no more threads than files.
    expect(threadsFor(1, 500_000_000, undefined)).toBe(1);
  });

  it('takes --jobs as given, but never more threads than inputs', () => {
    expect(threadsFor(5, 1000, 2)).toBe(2);
    expect(threadsFor(3, 1000, 8)).toBe(3);
    expect(threadsFor(0, 0, 4)).toBe(1);
  });
});
