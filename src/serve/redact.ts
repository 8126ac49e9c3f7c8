import { type Role, roleAtLeast } from '../core/account.js';

// Exports apply the same rule outside the server, so it lives in core.
export { redactSensitive } from '../core/redact.js';

/** Whether a reader may see fields marked sensitive: analysts and admins only. */
export function seesSensitive(role: Role | null): boolean {
  return roleAtLeast(role, 'analyst');
}

/** Shared values that nobody changes, looked at once and found to hold no sensitive note. */
const clean = new WeakSet<object>();

/**
 * Looks at a value that nobody will change from now on (a cached incident) and, if it holds no
 * sensitive note, remembers that: every response that carries it again skips it.
 */
export function rememberIfClean(value: object): void {
  if (!holdsSensitive(value)) clean.add(value);
}

/**
 * Whether `redactSensitive` would change anything: a note marked sensitive somewhere in the value.
 * Most responses hold none, and looking costs far less than the copy redaction makes.
 */
export function holdsSensitive(value: unknown): boolean {
  // A loop, not recursion, like findUnstorable: a response may nest deeper than a request.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object' || clean.has(item)) continue;
    if (Array.isArray(item)) {
      for (const v of item) stack.push(v);
      continue;
    }
    const record = item as Record<string, unknown>;
    if (record.note_sensitive === true && typeof record.note === 'string') return true;
    for (const key in record) stack.push(record[key]);
  }
  return false;
}
