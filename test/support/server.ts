import type { LightMyRequestResponse } from 'fastify';
import { createAnalyser, loadResolveData, loadResolvers } from '../../src/app/analyse-document.js';
import { addUser, createApiToken } from '../../src/app/manage-accounts.js';
import type { Role } from '../../src/core/account.js';
import { readDocument } from '../../src/ingest/read-document.js';
import type { Resolvers } from '../../src/merge/build-incidents.js';
import { buildServer } from '../../src/serve/build-server.js';
import { createPageThreads, type PageThreads } from '../../src/serve/page-threads.js';
import {
  DEFAULT_SERVER_CONFIG,
  type ServerConfig,
  type ServerDeps,
  type ZodApp,
} from '../../src/serve/server-types.js';
import { createTestStore, type StoreKind, type TestStore } from './stores.js';

/** Cheap scrypt for tests: the stored parameters make verification work whatever they are. */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'a long enough test password';
const CLI = { userId: null, name: 'test-setup' };

let resolvers: Promise<Resolvers> | null = null;

export interface TestServer {
  app: ZodApp;
  /** The page threads the server sends incident pages to; set to null, the main thread writes them. */
  pages: PageThreads | null;
  t: TestStore;
  /** A bearer token per role (users "viewer", "analyst", "admin"). */
  tokens: Record<Role, string>;
  as(role: Role | null): Record<string, string>;
  close(): Promise<void>;
}

/**
 * A server on a fresh store with one user and token per role; no port is opened (tests use inject).
 * `pages` is how many threads write its incident pages (none: the main thread writes them).
 */
export async function createTestServer(
  kind: StoreKind,
  config: Partial<ServerConfig> = {},
  pages = 0,
): Promise<TestServer> {
  const t = await createTestStore(kind);
  resolvers ??= loadResolvers(t.store);
  const deps = { store: t.store, now: () => new Date().toISOString(), scrypt: FAST_SCRYPT };
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'analyst', 'admin'] as const) {
    await addUser(deps, CLI, { name: role, role, password: PASSWORD });
    tokens[role] = (await createApiToken(deps, CLI, { user: role, name: 'tests' })).token;
  }
  const threads: PageThreads | null =
    pages > 0 ? createPageThreads(pages, { db: t.url, resolve: await loadResolveData(t.store) }, 100) : null;
  const serverDeps: ServerDeps = {
    store: t.store,
    pages: threads,
    resolvers: await resolvers,
    read: readDocument,
    analyse: createAnalyser(await resolvers),
    now: () => new Date().toISOString(),
    config: { ...DEFAULT_SERVER_CONFIG, rateLimit: { max: 100_000, windowMs: 60_000 }, scrypt: FAST_SCRYPT, ...config },
  };
  const app = await buildServer(serverDeps);
  await app.ready();
  return {
    app,
    get pages() {
      return serverDeps.pages ?? null;
    },
    set pages(value) {
      serverDeps.pages = value;
    },
    t,
    tokens,
    as: (role): Record<string, string> => (role ? { authorization: `Bearer ${tokens[role]}` } : {}),
    close: async () => {
      await app.close();
      await serverDeps.pages?.close();
      await t.cleanup();
    },
  };
}

export function json<T = unknown>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

let unique = 0;

/**
 * A short wire report that makes one new incident: each call a different day (three apart, beyond
 * the one-day window incidents merge across), with a killed and an injured figure.
 */
export function wireReport(killed = 12, injured = 30): { text: string; day: string } {
  unique += 1;
  const date = new Date(Date.UTC(2020, 0, 1) + unique * 3 * 86_400_000);
  const day = date.toISOString().slice(0, 10);
  const spoken = `${date.getUTCDate()} ${date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${date.getUTCFullYear()}`;
  return {
    day,
    text: `KUNDUZ, ${spoken} - At least ${killed} civilians were killed and ${injured} others injured when a roadside bomb struck a minibus in Khanabad district, the provincial police spokesman said.\n`,
  };
}

/** Ingest text through the API as an analyst; returns the document id and its incident ids. */
export async function ingestText(
  s: TestServer,
  text: string,
): Promise<{ document: number; incidents: number[]; figures: number[] }> {
  const r = await s.app.inject({ method: 'POST', url: '/api/documents', headers: s.as('analyst'), payload: { text } });
  if (r.statusCode >= 300) throw new Error(`ingest failed: ${r.statusCode} ${r.body}`);
  const document = json<{ id: number }>(r).id;
  const incidents = await s.t.store.db
    .selectFrom('incident_sources')
    .select('incident_id')
    .distinct()
    .where('document_id', '=', document)
    .execute();
  const figures = json<{ figures: { id: number }[] }>(
    await s.app.inject({ method: 'GET', url: `/api/documents/${document}`, headers: s.as('analyst') }),
  ).figures.map((f) => f.id);
  return { document, incidents: incidents.map((i) => i.incident_id), figures };
}

/** A multipart/form-data body with one file, as a browser's upload form sends it. */
export function multipartFile(name: string, content: string): { payload: string; headers: Record<string, string> } {
  const boundary = `----tally${Math.random().toString(16).slice(2)}`;
  return {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
