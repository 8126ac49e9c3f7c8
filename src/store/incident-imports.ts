import type { Insertable } from 'kysely';
import type { Incident } from '../core/incident.js';
import { placeColumns } from './incident-columns.js';
import { writeExtractedValues } from './incident-effective.js';
import type { Store } from './open-store.js';
import type { IncidentActorTable, IncidentClaimTable, IncidentTable } from './schema.js';

/** An incident read from a coded dataset (UCDP GED, ACLED): no source passages, its own id. */
export type ImportedIncident = Omit<Incident, 'id' | 'sources' | 'dataset_id'> & { dataset_id: string };

export interface ImportBatchResult {
  inserted: number;
  updated: number;
}

// Stay under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535).
const MAX_PARAMS = 30_000;

const keyOf = (r: { dataset: string; dataset_id: string | null }) => `${r.dataset}\u0000${r.dataset_id}`;

/** Slices of rows small enough for one multi-row INSERT. */
function* statements<T extends object>(rows: readonly T[]): Generator<T[]> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0] as T).length));
  for (let i = 0; i < rows.length; i += perStatement) yield rows.slice(i, i + perStatement);
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

function childRows(id: number, i: ImportedIncident) {
  const actors: Insertable<IncidentActorTable>[] = i.actors.map((a) => ({
    incident_id: id,
    side: a.side,
    actor_id: a.actor_id,
    name: a.name,
    inter: a.inter,
  }));
  const claims: Insertable<IncidentClaimTable>[] = i.claims.map((c) => ({
    incident_id: id,
    figure_id: null,
    document_id: null,
    kind: c.kind,
    low: c.low,
    high: c.high,
    qualifier: c.qualifier,
    vague: c.vague,
    category: c.category,
    claimant: c.claimant,
    source: c.source,
    evidence_start: c.evidence.start,
    evidence_end: c.evidence.end,
    evidence_text: c.evidence.text,
  }));
  return { actors, claims };
}

/**
 * Store a batch of imported incidents in one transaction. A (dataset, dataset_id) already stored is
 * updated in place, keeping its incident id, so importing a file again, or a corrected release of
 * the same version, never duplicates. Within a batch the later row of an id wins, as it would if
 * the rows came one by one. The dataset's own estimates are stored as they are: imported
 * incidents never go through recomputeIncident (see docs/methodology.md, "Imported datasets").
 */
export async function saveImportedIncidents(
  store: Store,
  incidents: readonly ImportedIncident[],
  now: string,
): Promise<ImportBatchResult> {
  const byKey = new Map<string, ImportedIncident>();
  for (const i of incidents) byKey.set(keyOf(i), i);
  const unique = [...byKey.values()];
  if (unique.length === 0) return { inserted: 0, updated: 0 };
  return store.db.transaction().execute(async (trx) => {
    const existing = new Map<string, number>();
    for (const dataset of new Set(unique.map((i) => i.dataset))) {
      const ids = unique.filter((i) => i.dataset === dataset).map((i) => i.dataset_id);
      const rows = await trx
        .selectFrom('incidents')
        .select(['id', 'dataset_id'])
        .where('dataset', '=', dataset)
        .where('dataset_id', 'in', ids)
        .execute();
      for (const r of rows) existing.set(keyOf({ dataset, dataset_id: r.dataset_id }), r.id);
    }
    const fresh = unique.filter((i) => !existing.has(keyOf(i)));
    const stale = unique.filter((i) => existing.has(keyOf(i)));

    const ids = new Map<ImportedIncident, number>();
    if (stale.length > 0) {
      const staleIds = stale.map((i) => existing.get(keyOf(i)) as number);
      await trx.deleteFrom('incident_actors').where('incident_id', 'in', staleIds).execute();
      await trx.deleteFrom('incident_claims').where('incident_id', 'in', staleIds).execute();
      for (const [n, i] of stale.entries()) {
        const id = staleIds[n] as number;
        const { created_at: _keep, summary, dataset: _d, dataset_id: _i, ...values } = incidentRow(i, now);
        await trx.updateTable('incidents').set({ summary }).where('id', '=', id).execute();
        await writeExtractedValues(trx, id, values);
        ids.set(i, id);
      }
    }
    for (const chunk of statements(fresh.map((i) => incidentRow(i, now)))) {
      // RETURNING order is not guaranteed on SQLite, so ids are matched back by dataset_id.
      const rows = await trx.insertInto('incidents').values(chunk).returning(['id', 'dataset', 'dataset_id']).execute();
      const back = new Map(rows.map((r) => [keyOf(r), r.id]));
      for (const r of chunk) {
        const key = keyOf({ dataset: r.dataset as string, dataset_id: r.dataset_id ?? null });
        ids.set(byKey.get(key) as ImportedIncident, back.get(key) as number);
      }
    }
    const actors: Insertable<IncidentActorTable>[] = [];
    const claims: Insertable<IncidentClaimTable>[] = [];
    for (const [i, id] of ids) {
      const rows = childRows(id, i);
      actors.push(...rows.actors);
      claims.push(...rows.claims);
    }
    for (const part of statements(actors)) await trx.insertInto('incident_actors').values(part).execute();
    for (const part of statements(claims)) await trx.insertInto('incident_claims').values(part).execute();
    return { inserted: fresh.length, updated: incidents.length - fresh.length };
  });
}
