import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { IncidentTable } from '../../src/store/schema.js';

/** The server every PostgreSQL test uses; each test run makes and drops its own database on it. */
export const PG_ADMIN_URL = process.env.TALLY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface TestStore {
  url: string;
  store: Store;
  /** Close the store and delete its file or drop its database. */
  cleanup(): Promise<void>;
}

/** The fewest columns an incident row needs (a battle on 1 January 2019), with `fields` over them. */
export function incidentRow(fields: Partial<Insertable<IncidentTable>> = {}): Insertable<IncidentTable> {
  return {
    date_start: '2019-01-01',
    date_end: '2019-01-01',
    date_precision: 'day',
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    place_approximate: 0,
    summary: 'a battle',
    dataset: 'tally',
    created_at: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

/** A fresh, empty, migrated store of the given kind. */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const url = await createEmptyDatabase(kind);
  const store = await openStore(url.url);
  return {
    url: url.url,
    store,
    cleanup: async () => {
      await store.close();
      await url.drop();
    },
  };
}

/** An empty database (nothing migrated) and how to remove it. */
export async function createEmptyDatabase(kind: StoreKind): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tally-test-'));
    return { url: join(dir, 'tally.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tally_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
