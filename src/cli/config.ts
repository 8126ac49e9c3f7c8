import { InvalidInputError } from '../core/errors.js';
import { readSwitch } from '../core/validate.js';
import { DEFAULT_SERVER_CONFIG } from '../serve/server-types.js';
import { isPostgresUrl } from '../store/open-store.js';

/** The one place that reads the environment; everything below takes plain values. */
/** Where `tally report` finds a browser to print with, unless told. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface CliConfig {
  db: string;
  /** The user's actor registry file, merged over the shipped one. */
  actors: string;
}

export function resolveConfig(flags: { db?: string; actors?: string }, env: NodeJS.ProcessEnv): CliConfig {
  const fromEnv = env.TALLY_DB || (env.DATABASE_URL && isPostgresUrl(env.DATABASE_URL) ? env.DATABASE_URL : undefined);
  return { db: flags.db || fromEnv || './tally.db', actors: flags.actors || env.TALLY_ACTORS || './tally-actors.json' };
}

export interface ServeConfig {
  port: number;
  host: string;
  /** Reads without an account; writes always need an analyst. */
  publicReads: boolean;
  /** Behind a reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto. */
  trustProxy: boolean;
  /** Requests a minute per account, or per address when not signed in; 0 turns the limit off. */
  rateLimit: number;
  /** Threads that write incident pages and the map's answers; undefined: the server's default. */
  pageThreads?: number;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  if (value === undefined || value.trim() === '') return false;
  const on = readSwitch(value);
  if (on === undefined) throw new InvalidInputError(name, `expected true or false, got "${value}"`);
  return on;
}

/** A whole number from the environment, or undefined when the variable is unset or empty. */
function count(env: NodeJS.ProcessEnv, name: string, expected: string): number | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new InvalidInputError(name, `expected ${expected}, got "${value}"`);
  return Number(value);
}

/** What `tally serve` is given on its command line; the environment fills in what it is not. */
export interface ServeFlags {
  port: number;
  host: string;
  publicReads?: boolean;
  trustProxy?: boolean;
  rateLimit?: number;
  pageThreads?: number;
}

export function resolveServeConfig(flags: ServeFlags, env: NodeJS.ProcessEnv): ServeConfig {
  return {
    rateLimit:
      flags.rateLimit ??
      count(env, 'TALLY_RATE_LIMIT', 'requests a minute (0 for no limit)') ??
      DEFAULT_SERVER_CONFIG.rateLimit.max,
    pageThreads:
      flags.pageThreads ?? count(env, 'TALLY_PAGE_THREADS', 'a number of threads (0 writes pages on the main thread)'),
    port: flags.port,
    host: flags.host,
    publicReads: flags.publicReads === true || flag(env, 'TALLY_PUBLIC_READS'),
    trustProxy: flags.trustProxy === true || flag(env, 'TALLY_TRUST_PROXY'),
  };
}
