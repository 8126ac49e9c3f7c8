import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/** Times a transaction runs at most when the server keeps aborting it to let others go on. */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * `work` in one transaction. PostgreSQL breaks a deadlock by aborting one of the transactions that
 * wait on each other: an ingest batch and a review both adding to the same monthly totals, in
 * different orders, were one (the soak found it: 500s for reviews, a batch of 200 reports failed
 * whole). The aborted transaction is rolled back whole, so it runs again from the start, after a
 * short random pause that grows, up to TRANSACTION_ATTEMPTS times; `onRetry` is told before each
 * new attempt, to forget what the failed one kept in memory. Any other error is thrown at once.
 */
export async function inTransaction<T>(
  store: Store,
  work: (trx: Kysely<Database>) => Promise<T>,
  onRetry?: () => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !store.dialect.isAbortedToRetry(error)) throw error;
      onRetry?.();
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
