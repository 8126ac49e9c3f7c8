import { GROUPS, type Group, type Sample } from './soak-clients.js';

export interface Latency {
  requests: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

export interface MemorySample {
  /** Seconds since the load began. */
  t: number;
  rss: number;
  heapUsed: number;
  external: number;
  /** The page threads' heaps, each after a full collection (0 without page threads). */
  threadsHeapUsed: number;
  /** What the page threads' heaps have taken from the system, garbage not yet collected included. */
  threadsHeapTotal: number;
}

export interface MemoryTrend {
  /** Samples before this many seconds are warm-up and left out. */
  warmup_s: number;
  samples: number;
  heap_first_third_mb: number;
  heap_last_third_mb: number;
  /** Last third's mean heap over the first third's: 1.0 is flat. */
  heap_ratio: number;
  threads_heap_first_third_mb: number;
  threads_heap_last_third_mb: number;
  threads_heap_ratio: number;
  threads_heap_total_first_third_mb: number;
  threads_heap_total_last_third_mb: number;
  rss_first_third_mb: number;
  rss_last_third_mb: number;
  rss_ratio: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => round1(bytes / 1024 / 1024);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function latencyOf(samples: Sample[]): Latency {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: ms.length,
    p50_ms: round1(percentile(ms, 50)),
    p99_ms: round1(percentile(ms, 99)),
    max_ms: round1(ms.at(-1) ?? 0),
  };
}

/** p50 and p99 per route group, and over all requests. */
export function latencyByGroup(samples: Sample[]): Record<Group | 'all', Latency> {
  const out = { all: latencyOf(samples) } as Record<Group | 'all', Latency>;
  for (const group of GROUPS) out[group] = latencyOf(samples.filter((s) => s.group === group));
  return out;
}

/**
 * Whether memory stays flat: after a warm-up, the mean of the last third of the samples against the
 * mean of the first third. Heap figures are taken right after a full collection, so they are what
 * the server keeps, not garbage it has yet to sweep.
 */
export function memoryTrend(samples: MemorySample[], seconds: number): MemoryTrend {
  const warmup = Math.min(30, seconds * 0.2);
  const steady = samples.filter((s) => s.t >= warmup);
  const third = Math.max(1, Math.floor(steady.length / 3));
  const mean = (xs: MemorySample[], key: 'heapUsed' | 'rss' | 'threadsHeapUsed' | 'threadsHeapTotal') =>
    xs.reduce((n, s) => n + s[key], 0) / Math.max(1, xs.length);
  const first = steady.slice(0, third);
  const last = steady.slice(-third);
  return {
    warmup_s: round1(warmup),
    samples: steady.length,
    heap_first_third_mb: mb(mean(first, 'heapUsed')),
    heap_last_third_mb: mb(mean(last, 'heapUsed')),
    heap_ratio: Math.round((mean(last, 'heapUsed') / Math.max(1, mean(first, 'heapUsed'))) * 100) / 100,
    threads_heap_first_third_mb: mb(mean(first, 'threadsHeapUsed')),
    threads_heap_last_third_mb: mb(mean(last, 'threadsHeapUsed')),
    threads_heap_ratio:
      Math.round((mean(last, 'threadsHeapUsed') / Math.max(1, mean(first, 'threadsHeapUsed'))) * 100) / 100,
    threads_heap_total_first_third_mb: mb(mean(first, 'threadsHeapTotal')),
    threads_heap_total_last_third_mb: mb(mean(last, 'threadsHeapTotal')),
    rss_first_third_mb: mb(mean(first, 'rss')),
    rss_last_third_mb: mb(mean(last, 'rss')),
    rss_ratio: Math.round((mean(last, 'rss') / Math.max(1, mean(first, 'rss'))) * 100) / 100,
  };
}
