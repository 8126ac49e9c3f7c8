import { sql } from 'kysely';
import type { Store } from './open-store.js';

/** A job as a worker sees it. */
export interface Job {
  id: number;
  name: string;
  content: Uint8Array;
  /** The day the input was published, given at enqueue for a text that does not say. */
  published: string | null;
  attempts: number;
}

// A job that has taken down its worker this many times is poison: stop handing it out.
export const MAX_ATTEMPTS = 3;

export async function enqueueJob(
  store: Store,
  name: string,
  content: Uint8Array,
  now: string,
  published: string | null = null,
): Promise<number> {
  const row = await store.db
    .insertInto('jobs')
    .values({ name, content, published, status: 'queued', attempts: 0, enqueued_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Take the oldest job that is queued, or running under a lease that ran out (its worker died).
 * One UPDATE statement, so two workers can never take the same job: PostgreSQL's subquery skips
 * rows another transaction holds, and SQLite runs one writer at a time.
 */
export async function claimJob(store: Store, worker: string, now: Date, leaseMs: number): Promise<Job | null> {
  const nowIso = now.toISOString();
  let next = store.db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowIso)])]),
    )
    .where('attempts', '<', MAX_ATTEMPTS)
    .orderBy('id')
    .limit(1);
  if (store.dialect.skipLocked) next = next.forUpdate().skipLocked();
  const row = await store.db
    .updateTable('jobs')
    .set({
      status: 'running',
      worker,
      lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', '=', (eb) => eb.selectFrom(next.as('next')).select('next.id'))
    .returning(['id', 'name', 'content', 'published', 'attempts'])
    .executeTakeFirst();
  if (!row) return null;
  const content = new Uint8Array(row.content);
  return { id: row.id, name: row.name, content, published: row.published, attempts: row.attempts };
}

/** Keep a long job's lease alive; false when the job was taken from this worker meanwhile. */
export async function extendLease(store: Store, id: number, worker: string, until: Date): Promise<boolean> {
  const result = await store.db
    .updateTable('jobs')
    .set({ lease_until: until.toISOString() })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type JobResult =
  | { status: 'done'; documentId: number; outcome: 'ingested' | 'unchanged' }
  | { status: 'failed'; error: string };

/** Record how a job ended, if this worker still holds it. */
export async function finishJob(
  store: Store,
  id: number,
  worker: string,
  result: JobResult,
  now: string,
): Promise<boolean> {
  const done = result.status === 'done';
  const update = await store.db
    .updateTable('jobs')
    .set({
      status: result.status,
      document_id: done ? result.documentId : null,
      outcome: done ? result.outcome : null,
      error: done ? null : result.error,
      lease_until: null,
      finished_at: now,
    })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .executeTakeFirst();
  return Number(update.numUpdatedRows) === 1;
}

/** Jobs whose workers died on them MAX_ATTEMPTS times are failed, with the reason said. */
export async function failPoisonJobs(store: Store, now: Date): Promise<number> {
  const result = await store.db
    .updateTable('jobs')
    .set({
      status: 'failed',
      error: `gave up after ${MAX_ATTEMPTS} attempts: its workers stopped before finishing it`,
      finished_at: now.toISOString(),
    })
    .where('status', '=', 'running')
    .where('lease_until', '<', now.toISOString())
    .where('attempts', '>=', MAX_ATTEMPTS)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface QueueStatus {
  queued: number;
  running: number;
  done: number;
  failed: number;
  workers: string[];
  oldestQueued: string | null;
  recentFailures: { id: number; name: string; error: string | null }[];
}

export async function readQueueStatus(store: Store): Promise<QueueStatus> {
  const counts = await store.db
    .selectFrom('jobs')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  const n = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const workers = await store.db
    .selectFrom('jobs')
    .select('worker')
    .distinct()
    .where('status', '=', 'running')
    .execute();
  const oldest = await store.db
    .selectFrom('jobs')
    .select('enqueued_at')
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const failures = await store.db
    .selectFrom('jobs')
    .select(['id', 'name', 'error'])
    .where('status', '=', 'failed')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return {
    queued: n('queued'),
    running: n('running'),
    done: n('done'),
    failed: n('failed'),
    workers: workers.map((w) => w.worker).filter((w): w is string => w !== null),
    oldestQueued: oldest?.enqueued_at ?? null,
    recentFailures: failures,
  };
}
