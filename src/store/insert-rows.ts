import { CompiledQuery, type InsertObject, type Kysely } from 'kysely';
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
  if (rows.length === 0) return;
  // A plugin may rewrite each query as it is built: keep nothing (as query-shapes.ts).
  if (db.getExecutor().plugins.length > 0) {
    await db.insertInto(table).values(rows).execute();
    return;
  }
  const columns = Object.keys(rows[0] as object);
  const values = valuesOf(rows as readonly Record<string, unknown>[], columns);
  const adapter = db.getExecutor().adapter;
  let shapes = kept.get(adapter);
  if (!shapes) {
    shapes = new Map();
    kept.set(adapter, shapes);
  }
  const shape = `${table}|${rows.length}|${columns.join(',')}`;
  const sql = values === null ? null : shapes.get(shape);
  if (sql) {
    await db.executeQuery(CompiledQuery.raw(sql, values as unknown[]));
    return;
  }
  const compiled = db.insertInto(table).values(rows).compile();
  if (values !== null && sql === undefined) {
    const same =
      compiled.parameters.length === values.length && compiled.parameters.every((p, i) => Object.is(p, values[i]));
    if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value as string);
    shapes.set(shape, same ? compiled.sql : null);
  }
  await db.executeQuery(compiled);
}
