import { once } from 'node:events';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BulkWrites } from './dialect.js';
import { TOTAL_COLUMNS } from './migrations/0008-effective-incidents.js';
import { INSERT_TOTALS_TRIGGER } from './migrations/0013-bulk-totals.js';
import type { Database } from './schema.js';

/** A BulkTotalsRow's fields, in its order. */
const TOTALS_FIELDS = ['month', 'admin1', 'event_type', 'dataset', ...TOTAL_COLUMNS] as const;
const TOTALS_LIST = sql.join(TOTALS_FIELDS.map((c) => sql.id(c)));
const TOTALS_SUM = sql.join(
  TOTAL_COLUMNS.map((c) => sql`${sql.id(c)} = incident_totals.${sql.id(c)} + excluded.${sql.id(c)}`),
);

/** Rows per chunk written to the COPY stream: large enough to keep the socket busy, small in memory. */
const ROWS_PER_CHUNK = 500;

/**
 * One value in COPY's text format: `\N` for null, and the four characters that would end a field or
 * a row escaped with a backslash. Everything Tally stores is text, a number or a boolean.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value} in a number column`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  // Most fields need no escape; the test keeps the common case a single scan.
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Rows as COPY text lines, one chunk at a time. */
export function* copyChunks(rows: readonly unknown[][], perChunk = ROWS_PER_CHUNK): Generator<string> {
  for (let i = 0; i < rows.length; i += perChunk) {
    let chunk = '';
    const end = Math.min(rows.length, i + perChunk);
    for (let r = i; r < end; r++) chunk += `${(rows[r] as unknown[]).map(copyField).join('\t')}\n`;
    yield chunk;
  }
}

/**
 * PostgreSQL's bulk writes through COPY FROM STDIN on the transaction's own connection, so the rows
 * commit or roll back with the rest of the batch. Kysely does not hand out its pg client, so the
 * pool's clients are remembered as they connect and the transaction's is found by its backend pid.
 * The statement triggers (migration 0010) count a batch's totals once, COPY included.
 */
export function postgresBulkWrites(pool: pg.Pool): BulkWrites {
  const clients = new Map<number, pg.PoolClient>();
  pool.on('connect', (client) => {
    // processID arrives with the server's BackendKeyData, which precedes 'connect'.
    const pid = (client as unknown as { processID: number | null }).processID;
    if (pid !== null) clients.set(pid, client);
  });
  pool.on('remove', (client) => {
    const pid = (client as unknown as { processID: number | null }).processID;
    if (pid !== null) clients.delete(pid);
  });
  // A transaction keeps its connection to the end: its client is looked up once, not per COPY
  // (three round trips a batch).
  const clientsOf = new WeakMap<Kysely<Database>, pg.PoolClient>();
  const clientOf = async (trx: Kysely<Database>, table: string): Promise<pg.PoolClient> => {
    let client = clientsOf.get(trx);
    if (client === undefined) {
      const { rows: found } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      client = clients.get(found[0]?.pid as number);
      if (!client) throw new Error(`bulk insert into ${table}: the transaction's connection is not one of the pool's`);
      clientsOf.set(trx, client);
    }
    return client;
  };
  // Each table's id sequence, looked up once: pg_get_serial_sequence per reserved id cost more than
  // the nextval itself (60 ms of 5,000 ids).
  const sequences = new Map<string, string>();
  return {
    findImported: async (trx, dataset, datasetIds) => {
      // One array parameter: 5,000 bound parameters took the server longer to parse than to answer.
      const { rows } = await sql<{ id: number; dataset_id: string }>`select id, dataset_id from incidents
        where dataset = ${dataset} and dataset_id = any(${[...datasetIds]}::text[])`.execute(trx);
      return new Map(rows.map((r) => [r.dataset_id, r.id]));
    },
    reserveIds: async (trx, table, count) => {
      let sequence = sequences.get(table);
      if (sequence === undefined) {
        const { rows } = await sql<{ name: string }>`select pg_get_serial_sequence(${table}, 'id') as name`.execute(
          trx,
        );
        sequence = rows[0]?.name as string;
        sequences.set(table, sequence);
      }
      // One session's nextval calls in one statement are consecutive unless another session takes
      // ids from the same sequence meanwhile: the range comes back as its ends, and only when
      // another writer broke it are the ids listed (5,000 rows to send took 20 ms a batch).
      const taken = sql`select nextval(${sequence}::regclass)::integer as id from generate_series(1, ${count})`;
      const { rows: ends } = await sql<{ first: number; last: number }>`select min(id) as first, max(id) as last
        from (${taken}) as t`.execute(trx);
      const { first, last } = ends[0] as { first: number; last: number };
      if (last - first + 1 === count) return Array.from({ length: count }, (_, i) => first + i);
      const { rows } = await sql<{ id: number }>`${taken}`.execute(trx);
      return rows.map((r) => r.id);
    },
    insertRows: async (trx, table, columns, rows) => {
      if (rows.length === 0) return;
      const client = await clientOf(trx, table);
      const names = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
      const stream = client.query(copyFrom(`copy ${table} (${names}) from stdin`));
      const failed = new Promise<never>((_, reject) => stream.once('error', reject));
      const finished = once(stream, 'finish');
      // A failed COPY rejects `failed` and errors the stream: stop writing and report it.
      const write = async () => {
        for (const chunk of copyChunks(rows)) {
          if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
        }
        stream.end();
        await finished;
      };
      await Promise.race([write(), failed]);
    },
    updateRows: async (trx, table, columns, rows) => {
      if (rows.length === 0) return;
      if (columns[0] !== 'id') throw new Error(`updateRows needs id first, got ${columns.join(', ')}`);
      // One statement for the batch, its rows one JSON parameter unpacked in the table's own types.
      const records = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
      const set = columns.slice(1);
      const list = sql.join(set.map((c) => sql.id(c)));
      const values = sql.join(set.map((c) => sql.ref(`v.${c}`)));
      await sql`update ${sql.table(table)} as t set (${list}) = (${values})
        from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(records)}::json) as v
        where t.id = v.id`.execute(trx);
    },
    withBulkTotals: async (_trx, load) => {
      await load();
    },
    addBulkTotals: async () => {},
    holdTotals: async (trx) => {
      await sql.raw(`alter table incidents disable trigger ${INSERT_TOTALS_TRIGGER}`).execute(trx);
      return async (totals) => {
        if (totals.length > 0) {
          const records = totals.map((row) => Object.fromEntries(TOTALS_FIELDS.map((c, i) => [c, row[i]])));
          await sql`insert into incident_totals (${TOTALS_LIST})
            select ${TOTALS_LIST} from json_populate_recordset(null::incident_totals, ${JSON.stringify(records)}::json)
            on conflict (month, admin1, event_type, dataset) do update set ${TOTALS_SUM}`.execute(trx);
        }
        await sql.raw(`alter table incidents enable trigger ${INSERT_TOTALS_TRIGGER}`).execute(trx);
      };
    },
    suspendIndexes: async (trx) => {
      // Each child row's foreign key is a lookup of its incident, which costs more than writing the
      // row; added back, the key is checked for all rows in one join.
      const { rows: keys } = await sql<{ tbl: string; name: string; def: string }>`
        select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
        from pg_constraint
        where contype = 'f' and confrelid = 'incidents'::regclass
          and conrelid in ('incident_actors'::regclass, 'incident_claims'::regclass, 'dataset_claims'::regclass)`.execute(
        trx,
      );
      const { rows: indexes } = await sql<{ name: string; def: string }>`
        select indexname as name, indexdef as def from pg_indexes
        where schemaname = current_schema() and tablename in ('incidents', 'incident_actors', 'incident_claims', 'dataset_claims')
          and indexdef not ilike 'create unique%' and indexdef not ilike '%(incident_id%'
          and indexdef not ilike '% where %'`.execute(trx);
      for (const k of keys) await sql.raw(`alter table ${k.tbl} drop constraint "${k.name}"`).execute(trx);
      for (const i of indexes) await sql.raw(`drop index "${i.name}"`).execute(trx);
      return async () => {
        // Each index is one sort of the whole table: in memory it is several times quicker than
        // spilled to disk at the default 64 MB. Only for this transaction.
        await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
        for (const i of indexes) await sql.raw(i.def).execute(trx);
        for (const k of keys) await sql.raw(`alter table ${k.tbl} add constraint "${k.name}" ${k.def}`).execute(trx);
      };
    },
  };
}
