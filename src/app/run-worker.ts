import { setTimeout as sleep } from 'node:timers/promises';
import { claimJob, extendLease, failPoisonJobs, finishJob, readQueueStatus } from '../store/job-queue.js';
import type { Store } from '../store/open-store.js';
import { type IngestDeps, ingestOne } from './ingest-documents.js';

export interface WorkerOptions {
  /** Shown in `tally queue status`; unique per process. */
  id: string;
  /** How long a claimed job stays this worker's without a heartbeat. */
  leaseMs: number;
  /** How long to wait when the queue is empty. */
  pollMs: number;
  /** Stop once nothing is queued or running, instead of waiting for more. */
  exitWhenEmpty: boolean;
  maxBytes: number;
  signal?: AbortSignal;
  onJob?(name: string, outcome: string): void;
}

export interface WorkerStats {
  done: number;
  failed: number;
}

/**
 * Take jobs from the queue and ingest them until told to stop. Each job's document goes in with
 * its own transaction; if this process dies mid-job, the lease runs out and another worker takes
 * the job again, and the content hash makes the second attempt find the document already stored.
 */
export async function runWorker(store: Store, deps: IngestDeps, options: WorkerOptions): Promise<WorkerStats> {
  const stats: WorkerStats = { done: 0, failed: 0 };
  while (!options.signal?.aborted) {
    await failPoisonJobs(store, new Date());
    const job = await claimJob(store, options.id, new Date(), options.leaseMs);
    if (!job) {
      if (options.exitWhenEmpty) {
        const status = await readQueueStatus(store);
        if (status.queued === 0 && status.running === 0) break;
      }
      await sleep(options.pollMs, undefined, { signal: options.signal }).catch(() => {});
      continue;
    }
    const heartbeat = setInterval(
      () => {
        extendLease(store, job.id, options.id, new Date(Date.now() + options.leaseMs)).catch(() => {});
      },
      Math.max(50, options.leaseMs / 3),
    );
    try {
      const outcome = await ingestOne(
        { name: job.name, size: job.content.byteLength, read: async () => job.content },
        deps,
        { maxBytes: options.maxBytes, published: job.published },
      );
      const now = deps.now();
      if (outcome.status === 'failed') {
        await finishJob(store, job.id, options.id, { status: 'failed', error: outcome.error }, now);
        stats.failed += 1;
      } else {
        await finishJob(
          store,
          job.id,
          options.id,
          { status: 'done', documentId: outcome.id, outcome: outcome.status },
          now,
        );
        stats.done += 1;
      }
      options.onJob?.(job.name, outcome.status);
    } finally {
      clearInterval(heartbeat);
    }
  }
  return stats;
}
