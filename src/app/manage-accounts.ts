import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from '../auth/passwords.js';
import { hashSecret, newApiToken } from '../auth/secrets.js';
import {
  type Agent,
  type ApiToken,
  type CreatedApiToken,
  NewUserRequest,
  Password,
  type Role,
  type User,
  UserName,
} from '../core/account.js';
import { InvalidInputError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import { appendAudit } from '../store/audit-store.js';
import { deleteSessionsOf, getApiToken, insertApiToken, revokeApiToken } from '../store/credentials-store.js';
import type { Store } from '../store/open-store.js';
import { countAdmins, deleteUser, getUserByName, insertUser, toUser, updateUser } from '../store/users-store.js';

export interface AccountDeps {
  store: Store;
  now(): string;
  scrypt?: ScryptParams;
}

/** Add an account. There is no default password: the caller must supply one. */
export async function addUser(
  deps: AccountDeps,
  agent: Agent,
  input: { name: string; role: Role; password: string },
): Promise<User> {
  const { name, role, password } = parseInput(NewUserRequest, input, 'user');
  const passwordHash = await hashPassword(password, deps.scrypt ?? DEFAULT_SCRYPT);
  return deps.store.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, { name, role, passwordHash, now: deps.now() });
    await appendAudit(trx, {
      agent,
      action: 'user.add',
      entityType: 'user',
      entityId: user.id,
      before: { [`user:${user.id}`]: null },
      after: { [`user:${user.id}`]: user },
      reason: null,
      now: deps.now(),
    });
    return user;
  });
}

export async function removeUser(deps: AccountDeps, agent: Agent, name: string): Promise<User> {
  return deps.store.db.transaction().execute(async (trx) => {
    const row = await deleteUser(trx, name);
    const user = toUser(row);
    await appendAudit(trx, {
      agent,
      action: 'user.remove',
      entityType: 'user',
      entityId: user.id,
      before: { [`user:${user.id}`]: user },
      after: { [`user:${user.id}`]: null },
      reason: null,
      now: deps.now(),
    });
    return user;
  });
}

/** Change a role or a password; either signs the user out everywhere, so the change takes effect at once. */
export async function changeUser(
  deps: AccountDeps,
  agent: Agent,
  name: string,
  change: { role?: Role; password?: string },
): Promise<User> {
  if (change.password !== undefined) parseInput(Password, change.password, 'password');
  const passwordHash =
    change.password === undefined ? undefined : await hashPassword(change.password, deps.scrypt ?? DEFAULT_SCRYPT);
  return deps.store.db.transaction().execute(async (trx) => {
    const { before, after } = await updateUser(trx, name, { role: change.role, passwordHash });
    await deleteSessionsOf(trx, after.id);
    await appendAudit(trx, {
      agent,
      action: 'user.update',
      entityType: 'user',
      entityId: after.id,
      before: { [`user:${after.id}`]: { ...toUser(before), password_changed: false } },
      after: { [`user:${after.id}`]: { ...after, password_changed: passwordHash !== undefined } },
      reason: null,
      now: deps.now(),
    });
    return after;
  });
}

/** Create an API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  deps: AccountDeps,
  agent: Agent,
  input: { user: string; name: string },
): Promise<CreatedApiToken> {
  const userName = parseInput(UserName, input.user, 'user');
  const label = input.name.trim();
  if (label.length === 0 || label.length > 100)
    throw new InvalidInputError('name', 'expected a label of 1 to 100 characters');
  const token = newApiToken();
  return deps.store.db.transaction().execute(async (trx) => {
    const user = await getUserByName(trx, userName);
    const id = await insertApiToken(trx, {
      userId: user.id,
      name: label,
      tokenHash: hashSecret(token),
      now: deps.now(),
    });
    const info = await getApiToken(trx, id);
    await appendAudit(trx, {
      agent,
      action: 'token.create',
      entityType: 'token',
      entityId: id,
      before: { [`token:${id}`]: null },
      after: { [`token:${id}`]: info },
      reason: null,
      now: deps.now(),
    });
    return { ...info, token };
  });
}

export async function revokeToken(deps: AccountDeps, agent: Agent, id: number): Promise<ApiToken> {
  return deps.store.db.transaction().execute(async (trx) => {
    const { before, after } = await revokeApiToken(trx, id, deps.now());
    await appendAudit(trx, {
      agent,
      action: 'token.revoke',
      entityType: 'token',
      entityId: id,
      before: { [`token:${id}`]: before },
      after: { [`token:${id}`]: after },
      reason: null,
      now: deps.now(),
    });
    return after;
  });
}

export async function hasAdmin(store: Store): Promise<boolean> {
  return (await countAdmins(store.db)) > 0;
}
