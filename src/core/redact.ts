import { REDACTED } from './review.js';

/**
 * A copy with every note marked sensitive replaced, wherever it sits (a figure's review, an
 * incident, an audit entry's before and after). Keyed on the `note_sensitive` flag beside a `note`,
 * so a new response type or export format that carries notes is covered without a change here.
 */
export function redactSensitive<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSensitive) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactSensitive(v);
  if (out.note_sensitive === true && typeof out.note === 'string') out.note = REDACTED;
  return out as T;
}
