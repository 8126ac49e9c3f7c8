import type { CreateTableBuilder, Dialect, Kysely, RawBuilder } from 'kysely';
import type { DocumentRows, WrittenDocument } from './document-rows.js';
import type { HeldBackRows } from './held-back-rows.js';
import type { Database } from './schema.js';

/** The code a database driver's error carries (SQLite's name, PostgreSQL's SQLSTATE), if any. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface,
 * so the rest of the store is written once.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Where the store is, safe to print (no password). */
  readonly location: string;
  readonly kysely: Dialect;
  /** An auto-incrementing integer primary key column. */
  addIdColumn<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /**
   * An aggregate of `values`, one JSON array a row, in `order`, as JSON text ('[]' for no rows):
   * SQLite's json_group_array, PostgreSQL's json_agg.
   */
  jsonRows(values: readonly RawBuilder<unknown>[], order: RawBuilder<unknown>): RawBuilder<string>;
  /** The column type for raw bytes. */
  readonly binaryType: 'blob' | 'bytea';
  /**
   * Claim the oldest claimable job row so that concurrent workers never take the same one:
   * PostgreSQL skips rows another transaction holds; SQLite has one writer at a time anyway.
   */
  readonly skipLocked: boolean;
  /**
   * Whether a transaction holds every other writer off from its start to its end, so that nothing
   * can change between a stamp read as it starts and its commit (SQLite's `begin immediate`).
   */
  readonly writesOneAtATime: boolean;
  /** Whether an error is a unique-constraint violation (another writer stored the same row first). */
  isUniqueViolation(error: unknown): boolean;
  /**
   * Whether the server aborted a transaction, whole, only to let another go on: a deadlock or a
   * serialization conflict on PostgreSQL. Never on SQLite, where one writer runs at a time.
   */
  isAbortedToRetry(error: unknown): boolean;
  /**
   * Serialise incident merging inside a transaction, so two writers never both insert the same
   * incident. SQLite already runs one writer at a time; PostgreSQL takes an advisory lock.
   */
  lockIncidentMerging(trx: Kysely<Database>): Promise<void>;
  /**
   * A document's held-back merges, sources, parties and claims (incident-store.ts), each table's
   * rows in order: SQLite inserts them a table at a time; PostgreSQL, where each statement waits
   * for the server, sends them all in one.
   */
  writeHeldBack(trx: Kysely<Database>, rows: HeldBackRows): Promise<void>;
  /**
   * A new document, its extraction and the extraction's figures; null, with nothing written, when
   * a document of the same content is stored already. SQLite writes them a statement at a time;
   * PostgreSQL sends one statement.
   */
  writeDocument(trx: Kysely<Database>, rows: DocumentRows): Promise<WrittenDocument | null>;
  /**
   * Bring the query planner's statistics up to date after a bulk load. PostgreSQL plans a table it
   * has no statistics for as if it were small, and autovacuum may not have caught up yet.
   */
  refreshStatistics(db: Kysely<Database>): Promise<void>;
  /**
   * The stored incidents of `dataset` among `datasetIds`, by dataset id: which rows of a load
   * update an incident instead of adding one. One statement however many ids.
   */
  findImported(trx: Kysely<Database>, dataset: string, datasetIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * `count` fresh ids for a table's rows, taken inside the caller's transaction, so that a bulk
   * load writes children beside their parents without reading ids back.
   */
  reserveIds(trx: Kysely<Database>, table: BulkTable, count: number): Promise<number[]>;
  /**
   * Insert rows, given as values in `columns` order, inside the caller's transaction, at the
   * engine's bulk rate: SQLite runs one cached prepared statement per row, PostgreSQL sends whole
   * columns as arrays to one INSERT ... SELECT FROM unnest.
   */
  insertRows(trx: Kysely<Database>, table: BulkTable, columns: readonly string[], rows: unknown[][]): Promise<void>;
  /**
   * Update rows by id, given as values in `columns` order with `id` the first column, inside the
   * caller's transaction: SQLite runs one cached statement per row, PostgreSQL one statement for all.
   */
  updateRows(trx: Kysely<Database>, table: 'incidents', columns: readonly string[], rows: unknown[][]): Promise<void>;
  /**
   * Keep the incident totals once for a bulk load of incidents instead of once per row: `load`
   * inserts new incidents while SQLite's row triggers stand aside, and the caller adds what they
   * count with addBulkTotals before the transaction commits. PostgreSQL's statement triggers
   * already count a load once.
   */
  withBulkTotals(trx: Kysely<Database>, load: () => Promise<void>): Promise<void>;
  /** Add what a bulk load's new incidents count to the totals (PostgreSQL's triggers did: nothing to do). */
  addBulkTotals(trx: Kysely<Database>, totals: readonly BulkTotalsRow[]): Promise<void>;
  /**
   * For a load of many batches in one transaction: from here on the totals of new incidents are
   * the caller's to count, across all its batches (BulkTotals), and to hand once to the returned
   * function before the transaction commits. PostgreSQL's statement trigger otherwise rewrites
   * every touched totals row once per batch, and each rewrite is a new row version in three indexes;
   * it stands aside until then, which holds off other writers of incidents (not readers) until the
   * load commits. SQLite's row triggers (the totals' and the change log's) stand aside in
   * withBulkTotals, but their guard is a query per inserted row: a held load drops them and writes
   * them again with the totals.
   */
  holdTotals(trx: Kysely<Database>): Promise<(totals: readonly BulkTotalsRow[]) => Promise<void>>;
  /**
   * For a load that adds many rows in one transaction: drop the secondary indexes whose upkeep is
   * a random write per row (not partial ones, which hold none of a dataset's rows), and return what
   * builds them again, in one sorted pass each, before that transaction commits. PostgreSQL also sets aside the children's foreign keys to incidents
   * and checks them again in one join. SQLite readers never see the store without its indexes;
   * PostgreSQL's readers of those tables wait for the load to commit.
   */
  suspendIndexes(trx: Kysely<Database>): Promise<() => Promise<void>>;
  /**
   * Run `load`, one large transaction, and then `after`, while the load's writes are copied from
   * SQLite's log into the store on a helper thread instead of at the load's commit: the copy is
   * mostly the disk's work, and `after` (refreshing statistics) mostly the processor's. Resolves once
   * both are done. PostgreSQL runs the two one after the other.
   */
  checkpointAside<T>(load: () => Promise<T>, after: () => Promise<void>): Promise<T>;
}

/** What each engine's bulk path provides of the dialect (sqlite-bulk.ts, postgres-bulk.ts). */
export type BulkWrites = Pick<
  StoreDialect,
  | 'findImported'
  | 'reserveIds'
  | 'insertRows'
  | 'updateRows'
  | 'withBulkTotals'
  | 'addBulkTotals'
  | 'holdTotals'
  | 'suspendIndexes'
>;

/**
 * What a bulk load adds to incident_totals for one month, province ('' for none), event type and
 * dataset: incidents, with_best, with_low, with_high, deaths_low, deaths_best, deaths_high.
 */
export type BulkTotalsRow = [
  month: string,
  admin1: string,
  event_type: string,
  dataset: string,
  incidents: number,
  with_best: number,
  with_low: number,
  with_high: number,
  deaths_low: number,
  deaths_best: number,
  deaths_high: number,
];

/** The tables a bulk load writes. */
export type BulkTable = 'incidents' | 'incident_actors' | 'incident_claims' | 'dataset_claims';
