import type { z } from 'zod';
import { InvalidInputError } from './errors.js';

/** Parse with a schema; a failure becomes an InvalidInputError naming the field ("name", "body.low"). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.join('.')}` : where;
  throw new InvalidInputError(path, issue?.message ?? 'invalid');
}
