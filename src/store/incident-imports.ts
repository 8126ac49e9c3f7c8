import type { Insertable, Kysely } from 'kysely';
import type { Incident } from '../core/incident.js';
import { datasetClaimsValue } from './dataset-claims.js';
import type { StoreDialect } from './dialect.js';
import { placeColumns } from './incident-columns.js';
import { writeExtractedValues } from './incident-effective.js';
import type { Store } from './open-store.js';
import type { Database, DatasetClaimTable, IncidentTable } from './schema.js';

/** An incident read from a coded dataset (UCDP GED, ACLED): no source passages, its own id. */
export type ImportedIncident = Omit<Incident, 'id' | 'sources' | 'dataset_id'> & { dataset_id: string };

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

function incidentRow(i: ImportedIncident, now: string): Insertable<IncidentTable> {
  return {
    date_start: i.date.start,
    date_end: i.date.end,
    date_precision: i.date.precision,
    ...placeColumns(i.place),
    event_type: i.event_type,
    sub_event_type: i.sub_event_type,
    violence_type: i.violence_type,
    side_a: i.side_a,
    side_b: i.side_b,
    deaths_low: i.deaths.low,
    deaths_best: i.deaths.best,
    deaths_high: i.deaths.high,
    deaths_a: i.deaths_by.side_a,
    deaths_b: i.deaths_by.side_b,
    deaths_civilians: i.deaths_by.civilians,
    deaths_unknown: i.deaths_by.unknown,
    summary: i.summary.slice(0, 1000),
    dataset: i.dataset,
    dataset_id: i.dataset_id,
    created_at: now,
  };
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
  return store.db.transaction().execute((trx) => writeImportedIncidents(trx, store.dialect, incidents, now));
}

/** The body of saveImportedIncidents, inside a transaction the caller holds (a whole-file import). */
export async function writeImportedIncidents(
  trx: Kysely<Database>,
  dialect: StoreDialect,
  incidents: readonly ImportedIncident[],
  now: string,
): Promise<ImportBatchResult> {
  const byKey = new Map<string, ImportedIncident>();
  for (const i of incidents) byKey.set(keyOf(i), i);
  const unique = [...byKey.values()];
  if (unique.length === 0) return { inserted: 0, updated: 0 };
  const existing = new Map<string, number>();
  for (const dataset of new Set(unique.map((i) => i.dataset))) {
    const ids = unique.filter((i) => i.dataset === dataset).map((i) => i.dataset_id);
    for (const part of slices(ids, MAX_PARAMS - 1)) {
      const rows = await trx
        .selectFrom('incidents')
        .select(['id', 'dataset_id'])
        .where('dataset', '=', dataset)
        .where('dataset_id', 'in', part)
        .execute();
      for (const r of rows) existing.set(keyOf({ dataset, dataset_id: r.dataset_id }), r.id);
    }
  }
  const fresh = unique.filter((i) => !existing.has(keyOf(i)));
  const stale = unique.filter((i) => existing.has(keyOf(i)));

  const ids = new Map<ImportedIncident, number>();
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
      const { created_at: _keep, dataset: _d, dataset_id: _i, ...values } = incidentRow(i, now);
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
    const rows = asTable(fresh.map((i, n) => ({ id: reserved[n] as number, ...incidentRow(i, now) })));
    await dialect.withBulkTotals(trx, reserved[0] as number, reserved.at(-1) as number, () =>
      dialect.insertRows(trx, 'incidents', rows.columns, rows.values),
    );
    for (const [n, i] of fresh.entries()) ids.set(i, reserved[n] as number);
  }
  const actors: unknown[][] = [];
  const stated: unknown[][] = [];
  for (const [i, id] of ids) {
    for (const a of i.actors) actors.push([id, a.side, a.actor_id, a.name, a.inter]);
    if (i.claims.length === 0) continue;
    const value = datasetClaimsValue(i.dataset, i.claims);
    stated.push([id, value.source, value.claims]);
  }
  await dialect.insertRows(trx, 'incident_actors', ACTOR_COLUMNS, actors);
  await dialect.insertRows(trx, 'dataset_claims', DATASET_CLAIM_COLUMNS, stated);
  return { inserted: fresh.length, updated: incidents.length - fresh.length };
}
