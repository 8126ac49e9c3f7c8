import fastJson from 'fast-json-stringify';
import type { FastifySchema, FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of what a zod schema writes, shaped for fast-json-stringify, or null when zod
 * cannot say it in JSON Schema (a transform, a custom check). A nullable value is one type list
 * (`["string", "null"]`) and a union of literals one `enum`: fast-json-stringify compiles both to a
 * test of the value, where an `anyOf` would run a validator on every value it writes.
 */
export function serializerSchema(schema: ZodType): fastJson.Schema | null {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7' }) as JsonSchema;
  } catch {
    return null;
  }
  const { $schema: _draft, ...rest } = json;
  return simplify(rest) as fastJson.Schema;
}

function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplify(value);
  if (!Array.isArray(out.anyOf)) return out;
  const branches = out.anyOf as JsonSchema[];
  const { anyOf: _anyOf, ...base } = out;
  const literals = branches.filter((b) => b.const !== undefined && typeof b.type === 'string');
  if (literals.length === branches.length && new Set(literals.map((b) => b.type)).size === 1) {
    return { ...base, type: literals[0]?.type, enum: literals.map((b) => b.const) };
  }
  const others = branches.filter((b) => b.type !== 'null');
  const only = others[0];
  const plain = only && typeof only.type === 'string' && !only.anyOf && !only.oneOf && !only.allOf;
  if (branches.length === 2 && others.length === 1 && plain) {
    const enumerated = Array.isArray(only.enum) ? { enum: [...only.enum, null] } : {};
    return { ...base, ...only, type: [only.type, 'null'], ...enumerated };
  }
  return out;
}

/**
 * Route responses written by fast-json-stringify, compiled once per route from the zod schema the
 * route declares (the same schema documents it in OpenAPI). zod's own serializer checked every
 * response against the schema, then wrote it with JSON.stringify: several times the cost of the
 * query behind an aggregate. Written this way, fields the schema does not declare still never leave
 * the server. A schema JSON Schema cannot state keeps zod's serializer.
 */
export const compileResponseSerializer: FastifySerializerCompiler<FastifySchema> = (route) => {
  const schema = route.schema as unknown;
  const write = schema instanceof z.ZodType ? compiledWriter(schema) : null;
  return write ?? zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
};

/**
 * What the zod schema writes, as fast-json-stringify writes it from serializerSchema; null when
 * JSON Schema cannot say it. The routes' serializers and a page thread's are made here alike.
 */
export function compiledWriter(schema: ZodType): ((value: unknown) => string) | null {
  const json = serializerSchema(schema);
  return json ? fastJson(json) : null;
}

/** compiledWriter for a schema that must have one: `what` names it in the error when it has not. */
export function requiredWriter(schema: ZodType, what: string): (value: unknown) => string {
  const write = compiledWriter(schema);
  if (!write) throw new Error(`${what} has no JSON Schema to write it by`);
  return write;
}
