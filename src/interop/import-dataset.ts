import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { Resolvers } from '../merge/build-incidents.js';
import type { ImportRow } from '../store/import-row.js';
import { type ImportBatchResult, saveImportRows } from '../store/incident-imports.js';
import type { Store } from '../store/open-store.js';
import type { Database } from '../store/schema.js';
import type { DatasetFormat } from './dataset-header.js';
import { startExclusiveLoad } from './exclusive-load.js';
import { type ImportSource, readImportSource } from './import-rows.js';
import { type ImportResolveData, readInWorker } from './import-thread.js';

export interface ImportOptions {
  /** The file's name, for messages ("FILE:LINE: problem") and to read a GED version from. */
  file: string;
  /** The release, e.g. "19.1": stored as the dataset "ucdp-ged 19.1". */
  datasetVersion?: string;
  resolvers: Resolvers;
  now: string;
  /** Rows per batch (and per transaction unless the import is exclusive); see BATCH_ROWS. */
  batchSize?: number;
  /** Called once per row that cannot be imported, as it is found. */
  onProblem?: (problem: ImportProblem) => void;
  /** Called as records are read, a few hundred at a time: for a progress bar. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * The import may hold the store for its whole run (the CLI): the file is then stored in one
   * transaction, all or nothing, and a load of at least a quarter of the store's incidents rebuilds
   * their indexes once at the end instead of writing them row by row (on PostgreSQL, readers of the
   * incident tables wait for it meanwhile). A server leaves this off, so that its other requests
   * still run between batches.
   */
  exclusive?: boolean;
  /**
   * On SQLite, read and check the rows on a worker thread, which opens `path` itself and resolves
   * places and actors from `resolve` (the data `resolvers` were built from), while this thread only
   * stores: for a file on disk, where the two threads together finish sooner. `input` is then not
   * read. See openSource.
   */
  worker?: { path: string; resolve: ImportResolveData };
}

/** A row that could not be imported: where it is and why. */
export interface ImportProblem {
  file: string;
  /** The line the row starts on; null when it is not known. */
  line: number | null;
  message: string;
}

/**
 * How far an import has read: records (rows and problems) and bytes of the file. Once every row is
 * stored, `finishing` says what remains: the indexes set aside built again, the commit, statistics.
 */
export interface ImportProgress {
  records: number;
  bytes: number;
  finishing?: true;
}

/** "FILE:LINE: problem", as the CLI prints it. */
export function formatProblem(p: ImportProblem): string {
  return `${p.file}:${p.line ?? '?'}: ${p.message}`;
}

export interface ImportSummary {
  format: DatasetFormat;
  dataset: string;
  /** Rows stored, new or updated. */
  imported: number;
  /** Of those, rows whose (dataset, id) was already stored and was updated in place. */
  updated: number;
  failed: number;
}

/**
 * Rows per batch by engine. SQLite writes a batch synchronously and gains nothing from large
 * ones, while rows held for a large batch outlive V8's young generation and every scavenge copies
 * them: 250 rows spent a quarter of the collector's time of 5,000 (GED, 200k rows). PostgreSQL
 * pays a COPY and its statement triggers per batch, and parses the next batch while the server
 * writes this one: 250 rows ran twice as long as 5,000 there.
 */
const BATCH_ROWS = { sqlite: 250, postgres: 5000 } as const;

/** Imports this large change the tables enough that the planner needs fresh statistics. */
const STATISTICS_AFTER = 1000;

/** Where a batch goes: its own transaction, or the one transaction of an exclusive import. */
type WriteBatch = (batch: readonly ImportRow[]) => Promise<ImportBatchResult>;

/**
 * An exclusive import: the rows are stored in one transaction. (On SQLite a writer thread with its
 * own connection was tried: copying the rows between threads cost more than it saved on 2 cores.)
 */
async function exclusively(store: Store, read: (write: WriteBatch) => Promise<void>) {
  await store.db.transaction().execute(async (trx: Kysely<Database>) => {
    const load = await startExclusiveLoad(trx, store.dialect);
    await read(load.write);
    await load.finish();
  });
}

/**
 * Where the rows are read: here, or on a worker thread for a file the worker can open itself. Only
 * SQLite gains from it: its writes run on this thread, while PostgreSQL's run in the server's own
 * process, which on 2 cores then competed with both threads (200k GED rows: 27 s with the worker,
 * 21 s without; on SQLite 16 s with it, 17-19 s without).
 */
async function openSource(
  store: Store,
  input: Readable,
  options: ImportOptions,
  sliceSize: number,
): Promise<ImportSource> {
  const read = { ...options, sliceSize };
  if (options.worker && store.dialect.name === 'sqlite') {
    return readInWorker(options.worker.path, options.worker.resolve, read);
  }
  return readImportSource(input, read);
}

/**
 * Import a UCDP GED or ACLED CSV, streamed: rows are read, checked and stored a batch at a time, so
 * a file of any size runs in constant memory. A malformed row is reported with its line and
 * skipped; the rest go on. A header that is not a dataset's refuses the whole file.
 */
export async function importDataset(store: Store, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const { file } = options;
  const batchSize = options.batchSize ?? BATCH_ROWS[store.dialect.name];
  const report = options.onProblem ?? (() => {});
  let source: ImportSource | null = null;
  try {
    source = await openSource(store, input, options, batchSize);
    const { format, dataset, slices, bytesRead } = source;
    const summary: ImportSummary = { format, dataset, imported: 0, updated: 0, failed: 0 };
    let batch: ImportRow[] = [];
    let lastLine = 1;
    let records = 0;

    const readRows = async (write: WriteBatch) => {
      // One batch is stored while the next is read: on PostgreSQL the server writes as this process
      // parses. Batches still commit one after another, in file order.
      let pending: Promise<void> = Promise.resolve();
      const flush = async () => {
        await pending;
        if (batch.length === 0) return;
        const rows = batch;
        const upTo = lastLine;
        batch = [];
        pending = write(rows).then(
          (result) => {
            summary.updated += result.updated;
            summary.imported += rows.length;
          },
          (error: unknown) => {
            throw new StoreError(`${file}: storing the rows up to line ${upTo} failed: ${(error as Error).message}`);
          },
        );
        // Reported where it is awaited, at the next batch or the end, not as an unhandled rejection.
        pending.catch(() => {});
      };

      for await (const slice of slices) {
        for (const event of slice) {
          lastLine = event.line;
          if ('problem' in event) {
            summary.failed += 1;
            report({ file, line: event.line, message: event.problem });
            continue;
          }
          batch.push(event.row);
          if (batch.length >= batchSize) await flush();
        }
        records += slice.length;
        options.onProgress?.({ records, bytes: bytesRead() });
      }
      await flush();
      await pending;
      options.onProgress?.({ records, bytes: bytesRead(), finishing: true });
    };
    const refresh = async () => {
      if (summary.imported >= STATISTICS_AFTER) await store.dialect.refreshStatistics(store.db);
    };
    if (options.exclusive) {
      await store.dialect.checkpointAside(() => exclusively(store, readRows), refresh);
    } else {
      await readRows((rows) => saveImportRows(store, rows));
      await refresh();
    }
    return summary;
  } finally {
    // A refused header or a store failure stops reading; the file must not stay open behind it.
    await source?.close();
    input.destroy();
  }
}
