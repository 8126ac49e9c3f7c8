import type { Role } from '../core/account.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findApiToken,
  findSession,
  insertSession,
  touchApiToken,
} from '../store/credentials-store.js';
import type { Store } from '../store/open-store.js';
import type { UserRow } from '../store/review-schema.js';
import { findUserByName } from '../store/users-store.js';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams, verifyPassword } from './passwords.js';
import { hashSecret, newSecret, sameSecret, TOKEN_PREFIX } from './secrets.js';

export interface Principal {
  userId: number;
  name: string;
  role: Role;
  via: 'session' | 'token';
  /** For cookie sessions: the hash writes must match with the X-CSRF-Token header. */
  csrfHash: string | null;
}

function principalOf(user: UserRow, via: Principal['via'], csrfHash: string | null): Principal {
  return { userId: user.id, name: user.name, role: user.role as Role, via, csrfHash };
}

export interface SessionOptions {
  /** How long a session lasts from sign-in, in milliseconds. */
  ttlMs: number;
  scrypt?: ScryptParams;
}

let dummy: { params: ScryptParams; hash: Promise<string> } | null = null;

/**
 * Check a name and password. An unknown name costs the same scrypt work as a known one, so timing
 * does not reveal which accounts exist.
 */
export async function checkPassword(
  store: Store,
  name: string,
  password: string,
  params = DEFAULT_SCRYPT,
): Promise<UserRow | null> {
  const user = await findUserByName(store.db, name);
  if (!user) {
    if (dummy?.params !== params) dummy = { params, hash: hashPassword('no such account', params) };
    await verifyPassword(password, await dummy.hash);
    return null;
  }
  return (await verifyPassword(password, user.password_hash)) ? user : null;
}

/**
 * A new session for a signed-in user. Ids are always minted here, never taken from the request, and
 * the caller drops the session the request came with: a planted session id (fixation) never signs in.
 */
export async function startSession(
  store: Store,
  user: UserRow,
  options: SessionOptions,
  now: Date,
): Promise<{ secret: string; csrfToken: string; expiresAt: Date }> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + options.ttlMs);
  await deleteExpiredSessions(store.db, now.toISOString());
  await insertSession(store.db, {
    userId: user.id,
    secretHash: hashSecret(secret),
    csrfHash: hashSecret(csrfToken),
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { secret, csrfToken, expiresAt };
}

export async function endSession(store: Store, secret: string): Promise<void> {
  await deleteSession(store.db, hashSecret(secret));
}

export async function sessionPrincipal(store: Store, secret: string, now: Date): Promise<Principal | null> {
  const found = await findSession(store.db, hashSecret(secret), now.toISOString());
  return found ? principalOf(found.user, 'session', found.csrfHash) : null;
}

// Writing last_used_at on every request would turn reads into writes; a minute's precision is enough.
const TOUCH_EVERY_MS = 60_000;

/** The user of a bearer token, or null when it is unknown or revoked (checked on every request). */
export async function tokenPrincipal(store: Store, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const found = await findApiToken(store.db, hashSecret(token));
  if (!found) return null;
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOUCH_EVERY_MS) {
    await touchApiToken(store.db, found.tokenId, now.toISOString());
  }
  return principalOf(found.user, 'token', null);
}

export function csrfMatches(principal: Principal, header: string | undefined): boolean {
  return (
    principal.csrfHash !== null &&
    typeof header === 'string' &&
    header.length > 0 &&
    sameSecret(header, principal.csrfHash)
  );
}
