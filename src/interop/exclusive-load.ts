import type { Kysely } from 'kysely';
import type { StoreDialect } from '../store/dialect.js';
import type { ImportRow } from '../store/import-row.js';
import { BulkTotals, type ImportBatchResult, writeImportedIncidents } from '../store/incident-imports.js';
import { LoadedIds } from '../store/loaded-ids.js';
import type { Database } from '../store/schema.js';

/**
 * An exclusive import rebuilds the incident indexes once it has stored this many rows and at least
 * a quarter as many as the store held: below that, rebuilding costs more than keeping them.
 */
const SUSPEND_INDEXES_AFTER = 10_000;

/** One import's batches inside one transaction the caller holds. */
export interface ExclusiveLoad {
  write(batch: readonly ImportRow[]): Promise<ImportBatchResult>;
  /** Adds the load's totals and builds again what it set aside; call before the transaction commits. */
  finish(): Promise<void>;
}

export async function startExclusiveLoad(trx: Kysely<Database>, dialect: StoreDialect): Promise<ExclusiveLoad> {
  const before = await trx
    .selectFrom('incidents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const held = Number(before?.id ?? 0);
  let rows = 0;
  let restore: (() => Promise<void>) | null = null;
  // The new incidents' totals are counted across batches and added once.
  const totals = new BulkTotals();
  const addTotals = await dialect.holdTotals(trx);
  const loaded = new LoadedIds();
  return {
    write: async (batch) => {
      const result = await writeImportedIncidents(trx, dialect, batch, totals, loaded);
      rows += batch.length;
      if (!restore && rows >= SUSPEND_INDEXES_AFTER && rows * 4 >= held) {
        restore = await dialect.suspendIndexes(trx);
      }
      return result;
    },
    finish: async () => {
      await addTotals(totals.take());
      await restore?.();
      restore = null;
    },
  };
}
