import { sql } from 'kysely';
import type { Store } from '../../src/store/open-store.js';
import type { TestServer } from './server.js';

/** Enough of JSON Schema (as the OpenAPI document spells it) to build requests from it. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  $ref?: string;
}

export interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI spelling: /api/figures/{id}. */
  path: string;
  /** Fastify spelling: /api/figures/:id (as in the route table). */
  route: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes JSON. */
  body: Schema | null;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the OpenAPI document the app serves: what a client can learn the API is. */
export async function listOperations(s: TestServer): Promise<Operation[]> {
  const r = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (r.statusCode !== 200) throw new Error(`openapi.json: ${r.statusCode}`);
  const spec = JSON.parse(r.body) as OpenApi;
  const deref = (schema: Schema): Schema => {
    const name = schema.$ref?.replace('#/components/schemas/', '');
    return name ? deref(spec.components?.schemas?.[name] ?? {}) : schema;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const json = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: deref(p.schema) })),
        body: json ? deref(json) : null,
      });
    }
  }
  return operations;
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function variants(schema: Schema): Schema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/**
 * The smallest value a schema accepts, as far as the schema can tell: required properties only,
 * the first enum value, the minimum. Good enough to get past validation to the handler on most
 * routes; a route whose rules go further answers 400, which the tests accept.
 */
export function exampleOf(schema: Schema): unknown {
  const s = variants(schema)[0] ?? schema;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = exampleOf(s.properties?.[name] ?? {});
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string':
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2020-01-01';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    default:
      return null;
  }
}

/** Paths to every string-valued property of a body schema, nested objects included (["side_a", "name"]). */
export function stringFields(schema: Schema, at: string[] = []): string[][] {
  const out: string[][] = [];
  for (const v of variants(schema)) {
    if (v.type === 'string' && !v.enum && at.length > 0) out.push(at);
    if (v.type === 'object') {
      for (const [name, child] of Object.entries(v.properties ?? {})) out.push(...stringFields(child, [...at, name]));
    }
  }
  return out;
}

/** A copy of `body` (an example of `schema`) with `value` at `path`, filling in the objects on the way. */
export function withValue(schema: Schema, body: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const s = variants(schema).find((v) => v.type === 'object') ?? schema;
  const child = s.properties?.[head] ?? {};
  const base = (body ?? {}) as Record<string, unknown>;
  const inner =
    base[head] ?? (rest.length > 0 ? exampleOf(variants(child).find((v) => v.type === 'object') ?? child) : null);
  return { ...base, [head]: withValue(child, inner, rest, value) };
}

/** Row counts of every table, by name: what a destructive injection would change. */
export async function countRows(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await store.db.introspection.getTables()) {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(store.db);
    out[table.name] = Number(row.rows[0]?.n);
  }
  return out;
}

// Written by reads on purpose: a token's last use (at most once a minute).
const VOLATILE: Record<string, string[]> = { api_tokens: ['last_used_at'] };

/** Every row of every table, in a stable order: equal snapshots mean nothing was written. */
export async function snapshotStore(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await store.db.introspection.getTables()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(store.db);
    out[table.name] = rows.rows
      .map((row) => {
        for (const column of VOLATILE[table.name] ?? []) delete row[column];
        return JSON.stringify(row);
      })
      .sort();
  }
  return out;
}
