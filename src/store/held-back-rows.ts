import type { Kysely } from 'kysely';
import { insertRows } from './insert-rows.js';
import type { Database } from './schema.js';

/** The tables whose rows only a later document reads: a document's are written once it is placed. */
export type HeldBackTable = 'incident_merges' | 'incident_sources' | 'incident_actors' | 'incident_claims';

/** Rows of such a table, in order. */
export type HeldBackRowsOf<T extends HeldBackTable> = Parameters<typeof insertRows<T>>[2];

/** A document's held-back rows, every table's in the order its ids should follow. */
export type HeldBackRows = { readonly [T in HeldBackTable]: HeldBackRowsOf<T> };

/** Each table in the order the rows go in. */
export const HELD_BACK_TABLES: readonly HeldBackTable[] = [
  'incident_merges',
  'incident_sources',
  'incident_actors',
  'incident_claims',
];

/**
 * Rows at most per INSERT: each row count is a statement of its own to prepare and keep
 * (insert-rows.ts), so the counts stay few.
 */
const CHUNK = 16;

/** A document's held-back rows as inserts of up to CHUNK rows a table (SQLite, where a statement costs no wait). */
export async function insertHeldBackRows(trx: Kysely<Database>, rows: HeldBackRows): Promise<void> {
  for (const table of HELD_BACK_TABLES) {
    const list = rows[table];
    for (let i = 0; i < list.length; i += CHUNK) await insertRows(trx, table, list.slice(i, i + CHUNK));
  }
}
