import type { Kysely } from 'kysely';
import type { ApiToken } from '../core/account.js';
import { NotFoundError } from '../core/errors.js';
import type { Store } from './open-store.js';
import type { UserRow } from './review-schema.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export async function insertSession(
  db: Db,
  session: { userId: number; secretHash: string; csrfHash: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      user_id: session.userId,
      secret_hash: session.secretHash,
      csrf_hash: session.csrfHash,
      created_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

export interface SessionWithUser {
  sessionId: number;
  csrfHash: string;
  user: UserRow;
}

/** The live session with this secret hash, and its user; expired sessions are gone as far as callers know. */
export async function findSession(db: Db, secretHash: string, now: string): Promise<SessionWithUser | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.csrf_hash',
      's.expires_at',
      'u.id',
      'u.name',
      'u.role',
      'u.password_hash',
      'u.created_at',
    ])
    .where('s.secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  return {
    sessionId: row.session_id,
    csrfHash: row.csrf_hash,
    user: { id: row.id, name: row.name, role: row.role, password_hash: row.password_hash, created_at: row.created_at },
  };
}

export async function deleteSession(db: Db, secretHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('secret_hash', '=', secretHash).execute();
}

/** Sign a user out everywhere: after a password or role change, old sessions must not linger. */
export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(
  db: Db,
  token: { userId: number; name: string; tokenHash: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, created_at: token.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The unrevoked token with this hash and its user. Revocation is checked on every request, not cached. */
export async function findApiToken(
  db: Db,
  tokenHash: string,
): Promise<{ tokenId: number; lastUsedAt: string | null; user: UserRow } | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.name', 'u.role', 'u.password_hash', 'u.created_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenId: row.token_id,
    lastUsedAt: row.last_used_at,
    user: { id: row.id, name: row.name, role: row.role, password_hash: row.password_hash, created_at: row.created_at },
  };
}

export async function touchApiToken(db: Db, tokenId: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

export async function getApiToken(db: Db, id: number): Promise<ApiToken> {
  const [token] = await selectTokens(db, { id });
  if (!token) throw new NotFoundError('API token', String(id));
  return token;
}

export async function listApiTokens(store: Store, filter: { user?: string } = {}): Promise<ApiToken[]> {
  return selectTokens(store.db, filter);
}

async function selectTokens(db: Db, filter: { id?: number; user?: string }): Promise<ApiToken[]> {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 'u.name as user', 't.name', 't.created_at', 't.last_used_at', 't.revoked_at']);
  if (filter.id !== undefined) query = query.where('t.id', '=', filter.id);
  if (filter.user !== undefined) query = query.where('u.name', '=', filter.user);
  return query.orderBy('t.id').execute();
}

/** Revoke a token; revoking one already revoked keeps the first revocation time. */
export async function revokeApiToken(db: Db, id: number, now: string): Promise<{ before: ApiToken; after: ApiToken }> {
  const before = await getApiToken(db, id);
  if (before.revoked_at === null) {
    await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
  }
  return { before, after: await getApiToken(db, id) };
}
