import { PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { errorCode, type StoreDialect } from './dialect.js';
import { postgresBulkWrites } from './postgres-bulk.js';
import { writeDocumentOnce } from './postgres-document.js';
import { writeHeldBackOnce } from './postgres-held-back.js';
import { namingClient, readPrepareSetting, StatementNames } from './postgres-statements.js';

// COUNT and SUM come back as bigint/numeric text; every count we keep fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

// Any fixed number works; it only has to be the same for every Tally process on the database.
const INCIDENT_LOCK = 7_246_001;

/** Connections a process keeps open to the server at most, unless it asks for fewer. */
export const POSTGRES_CONNECTIONS = 10;

export function createPostgresDialect(url: string, connections = POSTGRES_CONNECTIONS): StoreDialect {
  const { url: connectionString, prepare } = readPrepareSetting(url);
  const pool = new pg.Pool({
    connectionString,
    max: connections,
    ...(prepare ? { Client: namingClient(new StatementNames()) } : {}),
  });
  // An idle connection the server ends (a restart, a dropped database) must not take the process
  // down; the pool replaces it, and the next query reports any real outage.
  pool.on('error', () => {});
  // Transactions that hold the merging lock; each is a Kysely transaction of its own, never reused.
  const locked = new WeakSet<object>();
  return {
    name: 'postgres',
    location: redactPassword(url),
    kysely: new PostgresDialect({ pool }),
    binaryType: 'bytea',
    jsonRows: (values, order) =>
      sql<string>`coalesce(json_agg(json_build_array(${sql.join(values)}) order by ${order}), '[]')::text`,
    skipLocked: true,
    writesOneAtATime: false,
    addIdColumn: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
    lockIncidentMerging: async (trx) => {
      // Held to the transaction's end: a batch of documents asks once, not once a document.
      if (locked.has(trx)) return;
      await sql`select pg_advisory_xact_lock(${INCIDENT_LOCK})`.execute(trx);
      locked.add(trx);
    },
    writeHeldBack: writeHeldBackOnce,
    writeDocument: writeDocumentOnce,
    // deadlock_detected and serialization_failure: the transaction was rolled back and may run again.
    isAbortedToRetry: (error) => {
      const code = errorCode(error);
      return code === '40P01' || code === '40001';
    },
    isUniqueViolation: (error) => errorCode(error) === '23505',
    refreshStatistics: async (db) => {
      await sql`analyze incidents, incident_actors, incident_sources, incident_claims, dataset_claims, incident_totals`.execute(
        db,
      );
    },
    checkpointAside: async (load, after) => {
      const result = await load();
      await after();
      return result;
    },
    ...postgresBulkWrites(pool),
  };
}

export function redactPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
