import type { Insertable, Kysely } from 'kysely';
import type { BulkTotalsRow, StoreDialect } from './dialect.js';
import { type ImportedIncident, type ImportRow, INCIDENT_COLUMNS, importRow } from './import-row.js';
import { writeExtractedValues } from './incident-effective.js';
import type { LoadedIds } from './loaded-ids.js';
import type { Store } from './open-store.js';
import type { Database, DatasetClaimTable, IncidentTable } from './schema.js';
import { inTransaction } from './transactions.js';

export interface ImportBatchResult {
  inserted: number;
  updated: number;
}

// Stay under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535): IN lists.
const MAX_PARAMS = 30_000;

const keyOf = (r: { dataset: string; dataset_id: string | null }) => `${r.dataset}\u0000${r.dataset_id}`;

function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** A row's values by column name (a re-imported row's update, which is rare enough for objects). */
function incidentRow(values: readonly unknown[]): Insertable<IncidentTable> {
  return Object.fromEntries(INCIDENT_COLUMNS.map((c, n) => [c, values[n]])) as unknown as Insertable<IncidentTable>;
}

const at = (column: (typeof INCIDENT_COLUMNS)[number]) => INCIDENT_COLUMNS.indexOf(column);
const DATE_START = at('date_start');
const ADMIN1 = at('admin1');
const EVENT_TYPE = at('event_type');
const DEATHS_LOW = at('deaths_low');
const DEATHS_BEST = at('deaths_best');
const DEATHS_HIGH = at('deaths_high');

function child<V>(map: Map<string, V>, key: string, value: V): V {
  map.set(key, value);
  return value;
}

/**
 * What new incidents add to the totals, a row per month, province, event type and dataset, as the
 * totals triggers count them (0008): new imported incidents are unreviewed, so all count. A whole-
 * file import keeps one across its batches and adds it once at the end.
 */
export class BulkTotals {
  /** Month, province, event type, dataset. */
  readonly #groups = new Map<string, Map<string, Map<string, Map<string, BulkTotalsRow>>>>();

  add(rows: Iterable<ImportRow>): void {
    for (const { values: v, dataset } of rows) {
      // Nested by the row's own strings: no key is built per row.
      const month = (v[DATE_START] as string).slice(0, 7);
      const admin1 = (v[ADMIN1] as string | null) ?? '';
      const eventType = v[EVENT_TYPE] as string;
      const g = this.#group(month, admin1, eventType, dataset);
      const low = v[DEATHS_LOW] as number | null;
      const best = v[DEATHS_BEST] as number | null;
      const high = v[DEATHS_HIGH] as number | null;
      g[4] += 1;
      if (best !== null) g[5] += 1;
      if (low !== null) g[6] += 1;
      if (high !== null) g[7] += 1;
      g[8] += low ?? 0;
      g[9] += best ?? 0;
      g[10] += high ?? 0;
    }
  }

  #group(month: string, admin1: string, eventType: string, dataset: string): BulkTotalsRow {
    const byAdmin = this.#groups.get(month) ?? child(this.#groups, month, new Map());
    const byType = byAdmin.get(admin1) ?? child(byAdmin, admin1, new Map());
    const byDataset = byType.get(eventType) ?? child(byType, eventType, new Map());
    return (
      byDataset.get(dataset) ?? child(byDataset, dataset, [month, admin1, eventType, dataset, 0, 0, 0, 0, 0, 0, 0])
    );
  }

  /** What was counted, a row per group, starting again from nothing. */
  take(): BulkTotalsRow[] {
    const rows: BulkTotalsRow[] = [];
    for (const byAdmin of this.#groups.values()) {
      for (const byType of byAdmin.values()) for (const byDataset of byType.values()) rows.push(...byDataset.values());
    }
    this.#groups.clear();
    return rows;
  }

  /** Adds what was counted to the store's totals and starts again from nothing. */
  async write(trx: Kysely<Database>, dialect: StoreDialect): Promise<void> {
    await dialect.addBulkTotals(trx, this.take());
  }
}

/** What the dataset states, once per incident: its claims are read from it (dataset-claims.ts). */
const DATASET_CLAIM_COLUMNS = [
  'incident_id',
  'source',
  'claims',
] as const satisfies readonly (keyof DatasetClaimTable)[];

const ACTOR_COLUMNS = ['incident_id', 'side', 'actor_id', 'name', 'inter'] as const;

/** Rows built by one function as value lists, in the column order of the first one. */
function asTable<T extends object>(rows: readonly T[]): { columns: string[]; values: unknown[][] } {
  const columns = rows.length > 0 ? Object.keys(rows[0] as T) : [];
  return { columns, values: rows.map((r) => columns.map((c) => r[c as keyof T])) };
}

/**
 * Store a batch of imported incidents in one transaction. A (dataset, dataset_id) already stored is
 * updated in place, keeping its incident id, so importing a file again, or a corrected release of
 * the same version, never duplicates. Within a batch the later row of an id wins, as it would if
 * the rows came one by one. The dataset's own estimates are stored as they are: imported
 * incidents never go through recomputeIncident (see docs/methodology.md, "Imported datasets").
 * New incidents go in through the dialect's bulk path: ids reserved up front, rows written at the
 * engine's bulk rate, and the totals taken in once for the batch.
 */
export async function saveImportedIncidents(
  store: Store,
  incidents: readonly ImportedIncident[],
  now: string,
): Promise<ImportBatchResult> {
  return saveImportRows(
    store,
    incidents.map((i) => importRow(i, now)),
  );
}

/** saveImportedIncidents of rows already built by importRow. */
export async function saveImportRows(store: Store, rows: readonly ImportRow[]): Promise<ImportBatchResult> {
  return inTransaction(store, (trx) => writeImportedIncidents(trx, store.dialect, rows));
}

/**
 * The body of saveImportedIncidents, inside a transaction the caller holds (a whole-file import).
 * With `totals`, what the new incidents add to the totals is counted there for the caller to write
 * before it commits, and the caller has taken them from the store's own counting (holdTotals);
 * otherwise they are counted with the batch. With `loaded`, the ids of the caller's earlier
 * batches, only the ids the store may hold are looked up.
 */
export async function writeImportedIncidents(
  trx: Kysely<Database>,
  dialect: StoreDialect,
  incidents: readonly ImportRow[],
  totals?: BulkTotals,
  loaded?: LoadedIds,
): Promise<ImportBatchResult> {
  const byKey = new Map<string, ImportRow>();
  for (const i of incidents) byKey.set(keyOf(i), i);
  const unique = [...byKey.values()];
  if (unique.length === 0) return { inserted: 0, updated: 0 };
  const existing = new Map<string, number>();
  for (const dataset of new Set(unique.map((i) => i.dataset))) {
    const ids = unique.filter((i) => i.dataset === dataset).map((i) => i.dataset_id);
    const asked = loaded ? await loaded.mayBeStored(trx, dataset, ids) : ids;
    if (asked.length === 0) continue;
    for (const [datasetId, id] of await dialect.findImported(trx, dataset, asked)) {
      existing.set(keyOf({ dataset, dataset_id: datasetId }), id);
    }
  }
  const fresh: ImportRow[] = [];
  const stale: ImportRow[] = [];
  for (const i of unique) (existing.has(keyOf(i)) ? stale : fresh).push(i);

  const ids = new Map<ImportRow, number>();
  if (stale.length > 0) {
    const staleIds = stale.map((i) => existing.get(keyOf(i)) as number);
    for (const part of slices(staleIds, MAX_PARAMS)) {
      await trx.deleteFrom('incident_actors').where('incident_id', 'in', part).execute();
      await trx.deleteFrom('dataset_claims').where('incident_id', 'in', part).execute();
    }
    // A reviewed incident keeps its review over the new values (writeExtractedValues); the rest,
    // nearly all of a re-import, take them in one bulk update.
    const reviewed = new Set<number>();
    for (const part of slices(staleIds, MAX_PARAMS)) {
      const rows = await trx
        .selectFrom('incident_extractions')
        .select('incident_id')
        .where('incident_id', 'in', part)
        .execute();
      for (const r of rows) reviewed.add(r.incident_id);
    }
    const plain: Record<string, unknown>[] = [];
    for (const [n, i] of stale.entries()) {
      const id = staleIds[n] as number;
      const { created_at: _keep, dataset: _d, dataset_id: _i, ...values } = incidentRow(i.values);
      ids.set(i, id);
      if (!reviewed.has(id)) {
        plain.push({ id, ...values });
        continue;
      }
      const { summary, ...extracted } = values;
      await trx.updateTable('incidents').set({ summary }).where('id', '=', id).execute();
      await writeExtractedValues(trx, id, extracted);
    }
    const updates = asTable(plain);
    await dialect.updateRows(trx, 'incidents', updates.columns, updates.values);
  }
  if (fresh.length > 0) {
    const reserved = await dialect.reserveIds(trx, 'incidents', fresh.length);
    const rows = fresh.map((i, n) => [reserved[n], ...i.values]);
    await dialect.withBulkTotals(trx, () => dialect.insertRows(trx, 'incidents', ['id', ...INCIDENT_COLUMNS], rows));
    const counted = totals ?? new BulkTotals();
    counted.add(fresh);
    if (!totals) await counted.write(trx, dialect);
    for (const [n, i] of fresh.entries()) {
      ids.set(i, reserved[n] as number);
      loaded?.add(i.dataset, [i.dataset_id]);
    }
  }
  const actors: unknown[][] = [];
  const stated: unknown[][] = [];
  for (const [i, id] of ids) {
    for (const a of i.actors) actors.push([id, ...a]);
    if (i.stated) stated.push([id, ...i.stated]);
  }
  await dialect.insertRows(trx, 'incident_actors', ACTOR_COLUMNS, actors);
  await dialect.insertRows(trx, 'dataset_claims', DATASET_CLAIM_COLUMNS, stated);
  return { inserted: fresh.length, updated: incidents.length - fresh.length };
}
