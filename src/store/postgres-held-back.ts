import { CompiledQuery, type Kysely } from 'kysely';
import { HELD_BACK_TABLES, type HeldBackRows, type HeldBackTable } from './held-back-rows.js';
import type { Database } from './schema.js';

/** Each table's columns as a document's rows give them, with the PostgreSQL type of their array. */
const COLUMNS: Record<HeldBackTable, readonly (readonly [column: string, type: 'int' | 'text'])[]> = {
  incident_merges: [
    ['incident_id', 'int'],
    ['document_id', 'int'],
    ['how', 'text'],
    ['reason', 'text'],
    ['created_at', 'text'],
  ],
  incident_sources: [
    ['incident_id', 'int'],
    ['document_id', 'int'],
    ['start', 'int'],
    ['end', 'int'],
    ['text', 'text'],
  ],
  incident_actors: [
    ['incident_id', 'int'],
    ['side', 'text'],
    ['actor_id', 'text'],
    ['name', 'text'],
  ],
  incident_claims: [
    ['incident_id', 'int'],
    ['figure_id', 'int'],
    ['document_id', 'int'],
    ['kind', 'text'],
    ['low', 'int'],
    ['high', 'int'],
    ['qualifier', 'text'],
    ['vague', 'text'],
    ['category', 'text'],
    ['claimant', 'text'],
    ['source', 'text'],
    ['evidence_start', 'int'],
    ['evidence_end', 'int'],
    ['evidence_text', 'text'],
    ['sum_group', 'int'],
  ],
};

/**
 * Refuses a row whose columns are not exactly `names`: a statement that takes its rows as arrays of
 * named columns would otherwise leave a column out unseen.
 */
export function refuseOtherColumns(row: object, names: readonly string[], what: string): void {
  const keys = Object.keys(row);
  if (keys.length !== names.length || keys.some((k) => !names.includes(k)))
    throw new Error(`${what} has columns ${keys.join(', ')}, not ${names.join(', ')}`);
}

/** Each table's column names, worked out once: the check and the arrays below run for every document. */
const NAMES = {} as Record<HeldBackTable, readonly string[]>;
for (const table of HELD_BACK_TABLES) NAMES[table] = COLUMNS[table].map(([column]) => column);

/**
 * One statement for all four tables: each takes its rows as one array a column (unnest), in their
 * order (with ordinality), so their ids follow that order as they did a row at a time. Whatever the
 * row counts, the text is the same, and so one prepared statement serves every document.
 */
const SQL = (() => {
  let parameter = 0;
  const parts = HELD_BACK_TABLES.map((table, t) => {
    const names = NAMES[table].map((column) => `"${column}"`);
    const arrays = COLUMNS[table].map(([, type]) => `$${++parameter}::${type}[]`);
    return `w${t} as (insert into ${table} (${names.join(', ')})
      select ${names.join(', ')} from unnest(${arrays.join(', ')}) with ordinality as r(${names.join(', ')}, ordinal)
      order by ordinal)`;
  });
  return `with ${parts.join(',\n')}\nselect 1`;
})();

/**
 * A document's held-back rows, every table in one statement: on PostgreSQL each statement waits for
 * the server, and these were four a document (more past 16 rows a table). A row's columns must be
 * those COLUMNS names for its table, so that none is left out unseen.
 */
export async function writeHeldBackOnce(trx: Kysely<Database>, rows: HeldBackRows): Promise<void> {
  if (HELD_BACK_TABLES.every((table) => rows[table].length === 0)) return;
  const parameters: unknown[][] = [];
  for (const table of HELD_BACK_TABLES) {
    const columns = NAMES[table];
    const list = rows[table] as readonly object[] as readonly Record<string, unknown>[];
    for (const row of list) refuseOtherColumns(row, columns, `a held-back row of ${table}`);
    for (const column of columns) parameters.push(list.map((row) => row[column] ?? null));
  }
  await trx.executeQuery(CompiledQuery.raw(SQL, parameters));
}
