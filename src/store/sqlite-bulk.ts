import { availableParallelism } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { BulkTotalsRow, BulkWrites } from './dialect.js';
import { TOTAL_COLUMNS } from './migrations/0008-effective-incidents.js';
import { BULK_LOAD_TABLE, INSERT_TOTALS_TRIGGER } from './migrations/0013-bulk-totals.js';
import { INCIDENT_CHANGES, INCIDENT_CHANGES_INSERT_TRIGGER } from './migrations/0021-sqlite-incident-changes.js';

/** Within SQLite's 32,766 bound parameters for any table Tally has. */
const ROWS_PER_INSERT = 32;

const TOTALS_KEY = ['month', 'admin1', 'event_type', 'dataset'];

/** What a bulk load's groups add to the totals, as many groups a statement as `values` lists. */
const addTotalsStatement = (values: string) =>
  `insert into incident_totals (${[...TOTALS_KEY, ...TOTAL_COLUMNS].join(', ')}) ${values}
  on conflict (${TOTALS_KEY.join(', ')}) do update set
    ${TOTAL_COLUMNS.map((c) => `${c} = incident_totals.${c} + excluded.${c}`).join(', ')}`;

interface IndexRow {
  name: string;
  tbl_name: string;
  sql: string;
}

/** Indexes a bulk load may rebuild: declared ones (not a key's own) on the tables it writes. */
const SUSPENDABLE = `select name, tbl_name, sql from sqlite_master
  where type = 'index' and sql is not null and tbl_name in ('incidents', 'incident_actors', 'incident_claims', 'dataset_claims')`;

/**
 * Whether an index stays in place through the load: unique ones enforce (dataset, dataset_id), and
 * those led by incident_id find a re-imported incident's rows; their keys also arrive in order, so
 * keeping them costs little. A partial index holds only the rows its condition takes: Tally's hold
 * its own extracted incidents, which a dataset's load never writes, so keeping one costs a test per
 * row, where building it again read the whole table (30 ms each after 200,000 GED rows).
 */
function keptByLoad(db: BetterSqlite3.Database, index: IndexRow): boolean {
  if (/^\s*create\s+unique\b/i.test(index.sql) || /\bwhere\b/i.test(index.sql)) return true;
  const first = db.prepare(`select name from pragma_index_info(?) order by seqno limit 1`).get(index.name) as
    | { name: string }
    | undefined;
  return first?.name === 'incident_id';
}

/** Sort threads beside the connection's own while indexes are built: a core besides this one. */
const SORT_THREADS = Math.min(2, Math.max(0, availableParallelism() - 1));

/**
 * Runs `build` (CREATE INDEX statements) with SQLite's sorter on helper threads. The sorter sorts
 * runs of keys on its threads and merges them, but only when it keeps its runs in temporary files
 * (with temp_store = MEMORY it uses none) and only when the keys outgrow one run, whose size is the
 * page cache's: so the cache is made small for the build. Rebuilding the ten indexes a 200,000-row
 * import set aside (nine since migration 0018) took 2.2-2.3 s single-threaded, 1.3-1.4 s this way
 * with a 1 MB cache, 1.6 s with 4 MB and 1.9 s with 8 MB. The connection's settings are put back
 * afterwards, whatever happens.
 */
function sortingInParallel(db: BetterSqlite3.Database, build: () => void): void {
  // Once the connection has opened its temporary database (a migration that dropped a column does),
  // SQLite refuses to change where it keeps temporary files inside a transaction: the sort stays
  // on this thread.
  const tempOpen = (db.pragma('database_list') as { name: string }[]).some((d) => d.name === 'temp');
  if (SORT_THREADS === 0 || tempOpen) {
    build();
    return;
  }
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  db.pragma(`threads = ${SORT_THREADS}`);
  db.pragma('cache_size = -1024');
  try {
    build();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma('threads = 0');
    db.pragma(`temp_store = ${tempStore}`);
  }
}

/**
 * SQLite's bulk writes, straight on the better-sqlite3 handle. Callers are inside a Kysely
 * transaction, which holds the one connection, so nothing else runs on it in between; the work is
 * synchronous and the transaction's write lock makes the reserved ids safe.
 */
export function sqliteBulkWrites(db: BetterSqlite3.Database): BulkWrites {
  const inserts = new Map<string, BetterSqlite3.Statement>();
  const prepare = (key: string, text: () => string) => {
    let statement = inserts.get(key);
    if (!statement) {
      statement = db.prepare(text());
      inserts.set(key, statement);
    }
    return statement;
  };
  /**
   * Rows written ROWS_PER_INSERT to a statement, a fifth less work than one statement per row, and
   * the rest in one statement of their own length (a batch of 250 took 26 more statements before);
   * `text` writes the statement around its `values` lists, prepared once per length.
   */
  const inGroups = (
    key: string,
    width: number,
    rows: readonly (readonly unknown[])[],
    text: (values: string) => string,
  ) => {
    const tuple = `(${Array(width).fill('?').join(', ')})`;
    const full: unknown[] = new Array(ROWS_PER_INSERT * width);
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const count = Math.min(ROWS_PER_INSERT, rows.length - i);
      const params = count === ROWS_PER_INSERT ? full : new Array(count * width);
      let k = 0;
      for (let r = i; r < i + count; r++) for (const value of rows[r] as readonly unknown[]) params[k++] = value;
      prepare(`${key}:${count}`, () => text(`values ${Array(count).fill(tuple).join(', ')}`)).run(params);
    }
  };
  // A group a statement took 217 ms for the 23,332 groups of 200,000 GED rows.
  const addTotals = (totals: readonly BulkTotalsRow[]) =>
    inGroups('bulk:totals', TOTALS_KEY.length + TOTAL_COLUMNS.length, totals, addTotalsStatement);
  return {
    findImported: async (_trx, dataset, datasetIds) => {
      // The ids as one JSON parameter: no statement per length of list, nor SQLite's bound on them.
      const find = prepare(
        'find:imported',
        () => `select id, dataset_id from incidents
          where dataset = ? and dataset_id in (select value from json_each(?))`,
      );
      const found = new Map<string, number>();
      for (const r of find.all(dataset, JSON.stringify(datasetIds)) as { id: number; dataset_id: string }[]) {
        found.set(r.dataset_id, r.id);
      }
      return found;
    },
    reserveIds: async (_trx, table, count) => {
      // AUTOINCREMENT never reuses an id: the next one follows both the highest row and the sequence.
      const next = prepare(
        `next:${table}`,
        () => `select max(coalesce((select seq from sqlite_sequence where name = '${table}'), 0),
                          coalesce((select max(id) from ${table}), 0)) + 1 as id`,
      ).get() as { id: number };
      return Array.from({ length: count }, (_, i) => next.id + i);
    },
    insertRows: async (_trx, table, columns, rows) => {
      const list = columns.join(', ');
      inGroups(`insert:${table}:${list}`, columns.length, rows, (values) => `insert into ${table} (${list}) ${values}`);
    },
    updateRows: async (_trx, table, columns, rows) => {
      if (columns[0] !== 'id') throw new Error(`updateRows needs id first, got ${columns.join(', ')}`);
      const set = columns.slice(1);
      const update = prepare(
        `update:${table}:${columns.join(',')}`,
        () => `update ${table} set ${set.map((c) => `${c} = ?`).join(', ')} where id = ?`,
      );
      for (const [id, ...values] of rows) update.run(...values, id);
    },
    withBulkTotals: async (_trx, load) => {
      prepare('bulk:on', () => `insert into ${BULK_LOAD_TABLE} (active) values (1)`).run();
      // One entry in the log of changed incidents for the whole load, which stands aside (0021).
      prepare('bulk:changed', () => `insert into ${INCIDENT_CHANGES} (incident_id) values (null)`).run();
      try {
        await load();
      } finally {
        prepare('bulk:off', () => `delete from ${BULK_LOAD_TABLE}`).run();
      }
    },
    addBulkTotals: async (_trx, totals) => addTotals(totals),
    holdTotals: async () => {
      // As PostgreSQL disables its trigger: the row triggers' guard (is a bulk load on?) was still a
      // query per inserted row, a sixth of writing 200,000 incidents for the totals' and 5-8% more
      // for the change log's, whose one entry for the load withBulkTotals writes. Dropped inside the
      // load's transaction, the triggers come back with the totals, or with a rollback.
      const triggers = prepare(
        'insert:triggers',
        () => `select name, sql from sqlite_master where type = 'trigger'
          and name in ('${INSERT_TOTALS_TRIGGER}', '${INCIDENT_CHANGES_INSERT_TRIGGER}')`,
      ).all() as { name: string; sql: string }[];
      for (const trigger of triggers) db.exec(`drop trigger ${trigger.name}`);
      return async (totals) => {
        addTotals(totals);
        for (const trigger of triggers) db.exec(trigger.sql);
      };
    },
    suspendIndexes: async () => {
      const suspended = db
        .prepare(SUSPENDABLE)
        .all()
        .filter((i) => keptByLoad(db, i as IndexRow) === false) as IndexRow[];
      for (const i of suspended) db.exec(`drop index "${i.name}"`);
      return async () =>
        sortingInParallel(db, () => {
          for (const i of suspended) db.exec(i.sql);
        });
    },
  };
}
