import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
  sql,
} from 'kysely';
import { StoreError } from '../core/errors.js';
import { errorCode, type StoreDialect } from './dialect.js';
import { insertDocumentRows } from './document-rows.js';
import { insertHeldBackRows } from './held-back-rows.js';
import { keptPlans, planInLists } from './in-lists.js';
import { sqliteBulkWrites } from './sqlite-bulk.js';
import { checkpointAside } from './sqlite-checkpoint.js';
import { rowsAsObjects } from './sqlite-rows.js';
import { dropStatisticsSamples } from './sqlite-statistics.js';

export function createSqliteDialect(path: string, cacheMb = 64, mapMb = 0): StoreDialect {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path);
    // WAL keeps readers working while an ingest writes, and a killed writer leaves a store that opens cleanly.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    // The default 2 MB page cache holds little of a large store's indexes: bulk loads and page reads
    // went to the OS for every other page. 64 MB is an upper bound, used as pages are touched.
    db.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`);
    // A checkpoint copies the log into the store and waits for the disk; at the default 1,000 pages
    // (4 MB) commits took 1.4-1.7 s of an ingest of 5,000 reports, 0.9 s at 8,192 pages (32 MB).
    db.pragma('wal_autocheckpoint = 8192');
    // A statement that can fire a trigger or write several rows opens a statement journal, by default
    // a temporary file: an incident insert (the totals trigger fires) took 120-160 us, 77 with the
    // journal in memory, and ingesting 5,000 reports spent 13% less time in SQLite. A 200,000-row
    // import's sorts left its peak memory where it was.
    db.pragma('temp_store = MEMORY');
    // Read through a memory map, pages are the OS's own, shared by every connection and thread, and
    // read without a copy: a walk over incident pages nobody had asked for took 8.2-8.7 ms of the
    // server's CPU a page through the page cache, 6.3 mapped (200,000 incidents). Not for writers:
    // the mapped pages a long ingest touched would count as its memory.
    if (mapMb > 0) db.pragma(`mmap_size = ${Math.round(mapMb * 1024 * 1024)}`);
  } catch (error) {
    throw new StoreError(`cannot open SQLite store at ${path}: ${(error as Error).message}`);
  }
  return {
    name: 'sqlite',
    location: path === ':memory:' ? ':memory:' : resolve(path),
    kysely: new WriteFirstSqliteDialect({ database: cachingStatements(db) }),
    binaryType: 'blob',
    jsonRows: (values, order) => sql<string>`json_group_array(json_array(${sql.join(values)}) order by ${order})`,
    skipLocked: false,
    writesOneAtATime: true,
    addIdColumn: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    lockIncidentMerging: async () => {},
    writeHeldBack: insertHeldBackRows,
    writeDocument: insertDocumentRows,
    isAbortedToRetry: () => false,
    isUniqueViolation: (error) => errorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE',
    refreshStatistics: async (kysely) => {
      // Analyses every table that changed enough to need it (0x10000), in full: with optimize's own
      // bound on the sample (0x10), 200,000 imported incidents read as 2,001 per event type instead of
      // 100,000, and the long-span flag as selective when every row had the same value.
      await sql`pragma optimize=0x10002`.execute(kysely);
      await dropStatisticsSamples(kysely);
    },
    checkpointAside: (load, after) => checkpointAside(db, resolve(path), load, after),
    ...sqliteBulkWrites(db),
  };
}

/** How many prepared statements to keep: every query shape the app uses, each IN list at ten lengths. */
const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query it runs; preparing costs as much as running a short indexed query.
 * Statements are kept by their SQL, least recently used dropped first, with their IN lists padded
 * to a few lengths (in-lists.ts). A statement still being iterated (a streamed read) is busy and
 * cannot run twice at once: that caller gets a fresh one.
 */
function cachingStatements(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, { statement: BetterSqlite3.Statement; rows: SqliteStatement }>();
  const planOf = keptPlans(planInLists);
  const statementOf = (text: string): SqliteStatement => {
    const cached = cache.get(text);
    if (cached && !cached.statement.busy) {
      cache.delete(text);
      cache.set(text, cached);
      return cached.rows;
    }
    const statement = db.prepare(text);
    const rows = rowsAsObjects(statement);
    if (!cached) {
      cache.set(text, { statement, rows });
      if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
    }
    return rows;
  };
  return {
    close: () => db.close(),
    prepare: (text: string) => {
      const plan = planOf(text);
      const rows = statementOf(plan.text);
      const pad = plan.pad;
      if (!pad) return rows;
      return {
        reader: rows.reader,
        all: (parameters) => rows.all(pad(parameters)),
        run: (parameters) => rows.run(pad(parameters)),
        iterate: (parameters) => rows.iterate(pad(parameters)),
      };
    },
  };
}

/**
 * Transactions begin IMMEDIATE: they take the write lock first, waiting up to busy_timeout for it.
 * Kysely's plain BEGIN reads first and asks for the lock at the first write; when another process
 * (`tally ingest` beside `tally serve`) has committed in between, SQLite refuses that upgrade at once
 * with SQLITE_BUSY, whatever the timeout, and the request failed with a 500.
 */
class WriteFirstSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new WriteFirstSqliteDriver(this.#config);
  }
}

class WriteFirstSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
