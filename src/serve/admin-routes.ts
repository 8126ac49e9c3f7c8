import { z } from 'zod';
import { addUser, changeUser, createApiToken, removeUser, revokeToken } from '../app/manage-accounts.js';
import {
  ApiToken,
  CreatedApiToken,
  NewTokenRequest,
  NewUserRequest,
  UpdateUserRequest,
  User,
} from '../core/account.js';
import { listApiTokens } from '../store/credentials-store.js';
import { listUsers } from '../store/users-store.js';
import { agentOf } from './auth-hooks.js';
import type { ServerDeps, ZodApp } from './server-types.js';

const NameParams = z.object({ name: z.string().min(1).max(64) });
const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** Account management: admins only, every change in the audit trail. */
export function registerAdminRoutes(app: ZodApp, deps: ServerDeps): void {
  const accountDeps = { store: deps.store, now: deps.now, scrypt: deps.config.scrypt };
  const admin = { access: 'admin' as const };

  app.get(
    '/api/users',
    { config: admin, schema: { tags: ['accounts'], summary: 'Accounts', response: { 200: z.array(User) } } },
    async () => listUsers(deps.store),
  );

  app.post(
    '/api/users',
    {
      config: admin,
      schema: { tags: ['accounts'], summary: 'Add an account', body: NewUserRequest, response: { 201: User } },
    },
    async (request, reply) => reply.status(201).send(await addUser(accountDeps, agentOf(request), request.body)),
  );

  app.patch(
    '/api/users/:name',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Change a role or password (signs the user out everywhere)',
        params: NameParams,
        body: UpdateUserRequest,
        response: { 200: User },
      },
    },
    async (request) => changeUser(accountDeps, agentOf(request), request.params.name, request.body),
  );

  app.delete(
    '/api/users/:name',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Remove an account (its sessions and tokens go with it)',
        params: NameParams,
        response: { 200: User },
      },
    },
    async (request) => removeUser(accountDeps, agentOf(request), request.params.name),
  );

  app.get(
    '/api/tokens',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'API tokens (never their secrets)',
        querystring: z.object({ user: z.string().min(1).max(64).optional() }),
        response: { 200: z.array(ApiToken) },
      },
    },
    async (request) => listApiTokens(deps.store, request.query),
  );

  app.post(
    '/api/tokens',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for a user; the secret is in this response only',
        body: NewTokenRequest,
        response: { 201: CreatedApiToken },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(accountDeps, agentOf(request), request.body)),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Revoke a token: refused from the next request on',
        params: IdParams,
        response: { 200: ApiToken },
      },
    },
    async (request) => revokeToken(accountDeps, agentOf(request), request.params.id),
  );
}
