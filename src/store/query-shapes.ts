import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A value a kept query takes anew on each run, put where the value goes when it is built. */
class Slot {
  constructor(readonly name: string) {}
}

/** Where a query builder takes each value: a slot in the kept SQL, or the value itself. */
export type ValueOf = <T>(name: string) => T;

/** Shapes kept per store, at most; a shape is a combination of filters, sort and order. */
const SHAPES_KEPT = 256;
// Kept per dialect adapter, which a store's transactions share with it: a shape built in one
// transaction serves the next.
const kept = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * Runs a query built by Kysely once per shape and kept as SQL; each run binds its own values into
 * the slots. Building a query costs more than running a short indexed one (Kysely copies its tree at
 * every step), and the SQL of a shape never changes. `build` takes every value through `value`,
 * and must give the same SQL for the same `shape` whatever the values: whatever decides the SQL
 * belongs in `shape`.
 */
export async function runShaped<R>(
  db: Kysely<Database>,
  shape: string,
  build: (value: ValueOf) => Compilable<R>,
  values: Readonly<Record<string, unknown>>,
): Promise<R[]> {
  // A plugin may rewrite each query as it is built: keep nothing, and build with the values.
  if (db.getExecutor().plugins.length > 0) {
    return (await db.executeQuery(build(<T>(name: string) => values[name] as T))).rows;
  }
  const adapter = db.getExecutor().adapter;
  let shapes = kept.get(adapter);
  if (!shapes) {
    shapes = new Map();
    kept.set(adapter, shapes);
  }
  let compiled = shapes.get(shape);
  if (!compiled) {
    compiled = build(<T>(name: string) => new Slot(name) as T).compile();
    if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value as string);
    shapes.set(shape, compiled);
  }
  const parameters = compiled.parameters.map((p) => {
    if (!(p instanceof Slot)) return p;
    if (!(p.name in values)) throw new Error(`no value for slot ${p.name} of query shape ${shape}`);
    return values[p.name];
  });
  const result = await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
  return result.rows;
}

/** A row of values as slots of the same names, for an INSERT or UPDATE kept by runShaped. */
export function slotsOf<R extends Record<string, unknown>>(row: R, value: ValueOf): R {
  const slots: Record<string, unknown> = {};
  for (const name of Object.keys(row)) slots[name] = value(name);
  return slots as R;
}
