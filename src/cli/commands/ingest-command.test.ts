import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { threadsFor } from './ingest-command.js';

describe('threads for an ingest', () => {
  it('keeps a small batch on one thread and gives a large one a thread per core', () => {
    expect(threadsFor(5, undefined)).toBe(1);
    expect(threadsFor(49, undefined)).toBe(1);
    expect(threadsFor(100_000, undefined)).toBe(availableParallelism());
  });

  it('takes --jobs as given, but never more threads than inputs', () => {
    expect(threadsFor(5, 2)).toBe(2);
    expect(threadsFor(3, 8)).toBe(3);
    expect(threadsFor(0, 4)).toBe(1);
  });
});
