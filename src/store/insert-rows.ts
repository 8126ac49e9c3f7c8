import { CompiledQuery, type InsertObject, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

type Table = keyof Database;

/** SQL per table, column list and row count, per dialect (its adapter); null when a shape is not kept. */
const kept = new WeakMap<object, Map<string, string | null>>();
const SHAPES_KEPT = 256;

function valuesOf(rows: readonly Record<string, unknown>[], columns: readonly string[]): unknown[] | null {
  const values: unknown[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return null;
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i] as string];
      // Kysely writes DEFAULT for an undefined value: the SQL would differ.
      if (keys[i] !== columns[i] || value === undefined) return null;
      values.push(value);
    }
  }
  return values;
}

/**
 * INSERT rows that share their columns, in order: the SQL Kysely builds for a shape (table, columns,
 * row count) is kept and run again with each call's values. Building an insert costs more than
 * running it (Kysely copies its tree at every step), and ingest runs the same few shapes thousands of
 * times. A shape is kept only once its values are seen to bind in the order Kysely binds them.
 */
export async function insertRows<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: InsertObject<Database, T>[],
): Promise<void> {
  await runInsert(db, table, rows, []);
}

/**
 * insertRows, with the named columns of each row inserted read back in the same statement: in no
 * particular order (SQLite's RETURNING promises none), so name a column that tells the rows apart.
 */
export async function insertRowsReturning<T extends Table, C extends keyof Selectable<Database[T]> & string>(
  db: Kysely<Database>,
  table: T,
  rows: InsertObject<Database, T>[],
  returning: readonly C[],
): Promise<Pick<Selectable<Database[T]>, C>[]> {
  return (await runInsert(db, table, rows, returning)) as Pick<Selectable<Database[T]>, C>[];
}

async function runInsert<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: InsertObject<Database, T>[],
  returning: readonly string[],
): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const build = () => {
    const insert = db.insertInto(table).values(rows);
    return returning.length === 0
      ? insert
      : (insert as unknown as { returning(columns: readonly string[]): typeof insert }).returning(returning);
  };
  // A plugin may rewrite each query as it is built: keep nothing (as query-shapes.ts).
  if (db.getExecutor().plugins.length > 0) return (await db.executeQuery(build().compile())).rows;
  const columns = Object.keys(rows[0] as object);
  const values = valuesOf(rows as readonly Record<string, unknown>[], columns);
  const adapter = db.getExecutor().adapter;
  let shapes = kept.get(adapter);
  if (!shapes) {
    shapes = new Map();
    kept.set(adapter, shapes);
  }
  const shape = `${table}|${rows.length}|${columns.join(',')}|${returning.join(',')}`;
  const sql = values === null ? null : shapes.get(shape);
  if (sql) return (await db.executeQuery(CompiledQuery.raw(sql, values as unknown[]))).rows;
  const compiled = build().compile();
  if (values !== null && sql === undefined) {
    const same =
      compiled.parameters.length === values.length && compiled.parameters.every((p, i) => Object.is(p, values[i]));
    if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value as string);
    shapes.set(shape, same ? compiled.sql : null);
  }
  return (await db.executeQuery(compiled)).rows;
}
