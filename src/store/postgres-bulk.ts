import { sql } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * PostgreSQL's bulk writes: a whole batch travels as one JSON parameter that the server unpacks
 * into rows of the table's own types (json_populate_recordset), one statement per table and batch.
 * The statement triggers (migration 0010) count the batch's totals once.
 */
export function postgresBulkWrites(): Pick<StoreDialect, 'reserveIds' | 'insertRows' | 'withBulkTotals'> {
  return {
    reserveIds: async (trx, table, count) => {
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::integer as id
        from generate_series(1, ${count})`.execute(trx);
      return rows.map((r) => r.id);
    },
    insertRows: async (trx, table, columns, rows) => {
      if (rows.length === 0) return;
      const records = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
      const list = sql.join(columns.map((c) => sql.id(c)));
      await sql`insert into ${sql.table(table)} (${list})
        select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(records)}::json)`.execute(
        trx,
      );
    },
    withBulkTotals: async (_trx, _first, _last, load) => {
      await load();
    },
  };
}
