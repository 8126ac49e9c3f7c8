import type { Kysely } from 'kysely';
import type { Role, User } from '../core/account.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Store } from './open-store.js';
import type { UserRow } from './review-schema.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export function toUser(row: Pick<UserRow, 'id' | 'name' | 'role' | 'created_at'>): User {
  return { id: row.id, name: row.name, role: row.role as Role, created_at: row.created_at };
}

export async function insertUser(
  db: Db,
  user: { name: string; role: Role; passwordHash: string; now: string },
): Promise<User> {
  const taken = await db.selectFrom('users').select('id').where('name', '=', user.name).executeTakeFirst();
  if (taken) throw new ConflictError(`a user called "${user.name}" already exists`);
  const row = await db
    .insertInto('users')
    .values({ name: user.name, role: user.role, password_hash: user.passwordHash, created_at: user.now })
    .returning(['id', 'name', 'role', 'created_at'])
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function findUserByName(db: Db, name: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst()) ?? null;
}

export async function getUserByName(db: Db, name: string): Promise<UserRow> {
  const row = await findUserByName(db, name);
  if (!row) throw new NotFoundError('user', name);
  return row;
}

export async function listUsers(store: Store): Promise<User[]> {
  const rows = await store.db.selectFrom('users').select(['id', 'name', 'role', 'created_at']).orderBy('id').execute();
  return rows.map(toUser);
}

export async function countAdmins(db: Db): Promise<number> {
  const rows = await db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
  return rows.length;
}

/** A team must never lock itself out: the last admin can be neither removed nor demoted. */
async function refuseLastAdmin(db: Db, row: UserRow, what: string): Promise<void> {
  if (row.role === 'admin' && (await countAdmins(db)) <= 1) {
    throw new ConflictError(`cannot ${what} "${row.name}": it is the only admin (add another admin first)`);
  }
}

export async function deleteUser(db: Db, name: string): Promise<UserRow> {
  const row = await getUserByName(db, name);
  await refuseLastAdmin(db, row, 'remove');
  await db.deleteFrom('users').where('id', '=', row.id).execute();
  return row;
}

export async function updateUser(
  db: Db,
  name: string,
  change: { role?: Role; passwordHash?: string },
): Promise<{ before: UserRow; after: User }> {
  const row = await getUserByName(db, name);
  if (change.role && change.role !== 'admin') await refuseLastAdmin(db, row, 'demote');
  const updated = await db
    .updateTable('users')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.passwordHash ? { password_hash: change.passwordHash } : {}),
    })
    .where('id', '=', row.id)
    .returning(['id', 'name', 'role', 'created_at'])
    .executeTakeFirstOrThrow();
  return { before: row, after: toUser(updated) };
}
