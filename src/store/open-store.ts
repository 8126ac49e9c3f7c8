import { Kysely, Migrator, sql } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { StoreDialect } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite-dialect.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  close(): Promise<void>;
}

export interface StoreStatus {
  dialect: 'sqlite' | 'postgres';
  location: string;
  schemaVersion: string | null;
  migrationsApplied: number;
  migrationsPending: number;
  documents: number;
  figures: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The memory map a server reads a SQLite store through (OpenOptions.mapMb): the whole file of a store
 * of a million incidents; SQLite reads any part beyond it as before.
 */
export const SERVER_MAP_MB = 2048;

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** SQLite's page cache in MB (default 64); a long writer that reads few pages back takes less. */
  cacheMb?: number;
  /** SQLite: read the store's file through a memory map of up to this many MB (default none). */
  mapMb?: number;
  /** PostgreSQL: connections kept open at most (default 10); a thread that helps a server takes fewer. */
  connections?: number;
}

/** Open a store by URL or path, applying any pending migrations (both dialects share one list). */
export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  // The PostgreSQL client is loaded only for a PostgreSQL store: loading it took ~90 ms of every
  // command on the embedded default.
  const dialect = isPostgresUrl(url)
    ? (await import('./postgres-dialect.js')).createPostgresDialect(url, options.connections)
    : createSqliteDialect(url, options.cacheMb, options.mapMb);
  const db = new Kysely<Database>({ dialect: dialect.kysely });
  const store: Store = { db, dialect, close: () => db.destroy() };
  if (options.migrate !== false) {
    try {
      await migrateStore(store);
    } catch (error) {
      await db.destroy().catch(() => {});
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot prepare the store at ${dialect.location}: ${(error as Error).message}`);
    }
  }
  return store;
}

export async function migrateStore(store: Store): Promise<void> {
  // Migrations numbered by issue land in any order (0004 shipped before 0003); each stands alone,
  // so a store that already has a later one still takes an earlier newcomer.
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new StoreError(
      `migration ${failed?.migrationName ?? '(unknown)'} failed on ${store.dialect.location}: ${(error as Error).message}`,
    );
  }
}

export async function readStoreStatus(store: Store): Promise<StoreStatus> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const migrations = await migrator.getMigrations();
  const applied = migrations.filter((m) => m.executedAt);
  const count = async (table: 'documents' | 'figures') => {
    const row = await store.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    dialect: store.dialect.name,
    location: store.dialect.location,
    schemaVersion: applied.at(-1)?.name ?? null,
    migrationsApplied: applied.length,
    migrationsPending: migrations.length - applied.length,
    documents: await count('documents'),
    figures: await count('figures'),
  };
}
