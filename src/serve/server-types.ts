import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IngestDeps } from '../app/ingest-documents.js';
import type { Principal } from '../auth/authenticate.js';
import type { AccountLockoutOptions } from '../auth/login-throttle.js';
import type { ScryptParams } from '../auth/passwords.js';
import type { Resolvers } from '../merge/build-incidents.js';
import type { Store } from '../store/open-store.js';
import type { PageThreads } from './page-threads.js';

/**
 * Who may call a route. `read` follows the server's public-reads setting; `signed-in` needs any
 * account; `analyst` and `admin` need at least that role.
 */
export const ACCESS_LEVELS = ['public', 'read', 'signed-in', 'analyst', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface ServerConfig {
  /** Anyone may read without signing in; writes still need an analyst. */
  publicReads: boolean;
  /** Behind a reverse proxy: trust X-Forwarded-* for the client address and https (Secure cookies). */
  trustProxy: boolean;
  sessionTtlMs: number;
  /** Largest JSON body, in bytes. */
  bodyLimit: number;
  /** Largest uploaded or pasted document, in bytes. */
  uploadLimit: number;
  /** Largest dataset CSV for POST /api/import, in bytes: streamed into the store, never held whole. */
  importLimit: number;
  /** Requests per window and caller (account when signed in, else address); max 0 turns it off. */
  rateLimit: { max: number; windowMs: number };
  /** Sign-ins per client address. */
  loginRateLimit: { max: number; windowMs: number };
  /** Failed sign-ins per account name before it locks for new browsers (see auth/login-throttle.ts). */
  accountLockout: AccountLockoutOptions;
  /** A built web page to serve at /, if there is one. */
  webRoot: string | null;
  logLevel: 'silent' | 'error' | 'warn' | 'info';
  scrypt?: ScryptParams;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  publicReads: false,
  trustProxy: false,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  bodyLimit: 1024 * 1024,
  uploadLimit: 20 * 1024 * 1024,
  // A whole GED release is a few hundred megabytes.
  importLimit: 1024 * 1024 * 1024,
  rateLimit: { max: 600, windowMs: 60_000 },
  loginRateLimit: { max: 5, windowMs: 60_000 },
  accountLockout: { max: 10, windowMs: 15 * 60_000 },
  webRoot: null,
  logLevel: 'silent',
};

/** Everything the server needs, made once by the caller (the CLI, or a test). */
export interface ServerDeps {
  store: Store;
  /** Gazetteer and actor registry, loaded once at start. */
  resolvers: Resolvers;
  read: IngestDeps['read'];
  analyse: IngestDeps['analyse'];
  now(): string;
  config: ServerConfig;
  /** Threads that write incident pages (page-threads.ts); without them, this thread writes them. */
  pages?: PageThreads | null;
}

export type ZodApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}
