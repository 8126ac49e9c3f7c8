import { type Role, roleAtLeast } from '../core/account.js';

// Exports apply the same rule outside the server, so it lives in core.
export { redactSensitive } from '../core/redact.js';

/** Whether a reader may see fields marked sensitive: analysts and admins only. */
export function seesSensitive(role: Role | null): boolean {
  return roleAtLeast(role, 'analyst');
}
