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

/**
 * A yes-or-no setting written as text (an environment variable, a URL parameter): true, yes, on, 1
 * and false, no, off, 0 in any case; undefined for anything else.
 */
export function readSwitch(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return undefined;
}
