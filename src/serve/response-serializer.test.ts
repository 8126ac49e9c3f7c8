import type { FastifySchema } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeathsAggregate } from '../core/aggregate.js';
import { compileResponseSerializer, serializerSchema } from './response-serializer.js';

const compile = (schema: z.ZodType) =>
  compileResponseSerializer({
    schema: schema as unknown as FastifySchema,
    method: 'GET',
    url: '/t',
    httpStatus: '200',
  });

const Item = z.object({
  id: z.number().int(),
  place: z.object({ name: z.string(), lat: z.number().nullable() }).nullable(),
  violence: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  side: z.enum(['a', 'b']),
  note: z.string().optional(),
  counts: z.record(z.string(), z.number().int()),
  extra: z.unknown(),
});

describe('response serialisers compiled from zod schemas', () => {
  it('writes what zod writes: nullable values and objects, literal unions, records, absent optionals', () => {
    const write = compile(Item);
    const items: z.input<typeof Item>[] = [
      {
        id: 1,
        place: { name: 'Lashkar Gah "centre"\n', lat: null },
        violence: 2,
        side: 'a',
        note: 'ē ✓',
        counts: { a: 1 },
        extra: [1, { b: null }],
      },
      { id: 2, place: null, violence: null, side: 'b', counts: {}, extra: null },
    ];
    for (const item of items) expect(JSON.parse(write(item))).toEqual(JSON.parse(JSON.stringify(z.encode(Item, item))));
  });

  it('leaves out fields the schema does not declare, at any depth', () => {
    const write = compile(Item);
    const out = JSON.parse(
      write({
        id: 1,
        place: { name: 'x', lat: 1, secret: 'no' },
        violence: 1,
        side: 'a',
        counts: {},
        extra: 0,
        password_hash: 'no',
      }),
    );
    expect(out).not.toHaveProperty('password_hash');
    expect(out.place).toEqual({ name: 'x', lat: 1 });
  });

  it('states nullables and literal unions as type lists and enums, with no anyOf left to validate', () => {
    const json = JSON.stringify(serializerSchema(Item));
    expect(json).not.toMatch(/anyOf|oneOf/);
    expect(json).toContain('"violence":{"type":["number","null"],"enum":[1,2,3,null]}');
    expect(json).toContain('"lat":{"type":["number","null"]}');
  });

  it('writes an aggregate exactly as before, byte for byte', () => {
    const aggregate = {
      by: 'month' as const,
      rows: [
        { key: null, incidents: 2, with_best: 1, low: null, best: 4, high: null },
        { key: '2006-01', incidents: 3, with_best: 3, low: 1, best: 5, high: 9 },
      ],
      total: { key: null, incidents: 5, with_best: 4, low: 1, best: 9, high: 9 },
    };
    expect(compile(DeathsAggregate)(aggregate)).toBe(JSON.stringify(z.encode(DeathsAggregate, aggregate)));
  });

  it('keeps zod for a schema JSON Schema cannot state', () => {
    const Odd = z.object({ at: z.string().transform((s) => s.length) });
    expect(serializerSchema(Odd)).toBeNull();
    expect(() => compile(Odd)({ at: 3 })).toThrow();
  });
});
