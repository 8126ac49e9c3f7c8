import type { FastifyRequest } from 'fastify';
import { InvalidInputError } from '../core/errors.js';

/** PostgreSQL's `integer` columns (ids, counts) hold 32 bits. */
const LARGEST_INT = 2 ** 31 - 1;

/**
 * The first value in a request that no store can hold, or null. PostgreSQL refuses U+0000 in text
 * and integers beyond 32 bits where SQLite takes both; without this check the same request would
 * answer 200 on one store and 500 on the other.
 */
export function findUnstorable(parts: Record<string, unknown>): { where: string; problem: string } | null {
  // A loop, not recursion: validated bodies are shallow, but this must not depend on it.
  const stack: [string, unknown][] = Object.entries(parts);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [where, value] = item;
    if (typeof value === 'string' && value.includes('\u0000')) {
      return { where, problem: 'contains a NUL character (U+0000), which cannot be stored' };
    }
    if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > LARGEST_INT) {
      return { where, problem: `${value} is out of range (at most ${LARGEST_INT})` };
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) stack.push([`${where}.${key}`, v]);
    }
  }
  return null;
}

/** preHandler: runs after validation, so it sees numbers as the handler will (coerced from the query string). */
export async function refuseUnstorable(request: FastifyRequest): Promise<void> {
  const bad = findUnstorable({ params: request.params, querystring: request.query, body: request.body });
  if (bad) throw new InvalidInputError(bad.where, bad.problem);
}
