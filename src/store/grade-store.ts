import type { Kysely } from 'kysely';
import type { Grade, GradeOverride, IncidentGrade } from '../core/grade.js';
import type { Incident } from '../core/incident.js';
import type { FindActors, PartySide } from '../grade/claimant-party.js';
import { gradeIncident } from '../grade/grade-incident.js';
import type { SourceDocument } from '../grade/independence.js';
import { actorTypeOn } from '../resolve/actor-registry.js';
import { type ActorIndex, findActorMentions } from '../resolve/actors.js';
import { chunks } from './review-store.js';
import type { Database } from './schema.js';
import { readDocumentSources, type SourceProfile } from './source-store.js';

type Db = Kysely<Database>;

/** An incident as the grade reads it; reviewed incidents also say whether a claim's figure was rejected. */
export type GradableIncident = Omit<Incident, 'claims'> & {
  review?: { status: string } | null;
  claims: (Incident['claims'][number] & { figure_review?: { status: string } | null })[];
};

/** Actor ids a text names, through the registry: the grade's test of whether a claimant is a party. */
export function actorFinder(index: ActorIndex | null | undefined): FindActors | undefined {
  if (!index) return undefined;
  // A finder lives for one batch of incidents, whose claims repeat the same few claimants.
  const found = new Map<string, string[]>();
  return (text) => {
    let ids = found.get(text);
    if (!ids) {
      ids = findActorMentions(text, index).flatMap((m) =>
        [m.actor.id, m.actor.group?.id, m.actor.stands_for?.id].filter((id): id is string => typeof id === 'string'),
      );
      found.set(text, ids);
    }
    return ids;
  };
}

/**
 * The grade of each incident: the rule over its claims and its documents' source types, under the
 * newest reviewer override. Computed when read, so merges, splits, figure reviews and source-type
 * corrections show at once, and an override (keyed to the incident) survives re-extraction.
 */
export async function gradeIncidents(
  db: Db,
  incidents: readonly GradableIncident[],
  actors?: ActorIndex | null,
  profiles?: ReadonlyMap<number, SourceProfile>,
): Promise<Map<number, IncidentGrade>> {
  const out = new Map<number, IncidentGrade>();
  if (incidents.length === 0) return out;
  const documentIds = incidents.flatMap((i) => [
    ...i.sources.map((s) => s.document_id),
    ...i.claims.map((c) => c.document_id),
  ]);
  const known =
    profiles ??
    (await readDocumentSources(
      db,
      documentIds.filter((d): d is number => d !== null),
    ));
  const overrides = await latestGradeOverrides(
    db,
    incidents.map((i) => i.id),
  );
  const findActors = actorFinder(actors);
  for (const incident of incidents) {
    const result = gradeIncident({
      claims: incident.claims.map((c) => ({
        document_id: c.document_id,
        kind: c.kind,
        low: c.low,
        high: c.high,
        category: c.category,
        claimant: c.claimant,
        source: c.source,
        rejected: c.figure_review?.status === 'rejected',
      })),
      documents: sourceDocuments(incident, known),
      sides: partySides(incident, actors),
      status: incident.review?.status ?? 'unreviewed',
      findActors,
    });
    const override = overrides.get(incident.id) ?? null;
    out.set(incident.id, {
      grade: override?.grade ?? result.grade,
      sources: result.sources,
      // The note stays in `override`, where redaction finds it; the reason never repeats it.
      reason: override ? `set by ${override.by} (the rule gives ${result.grade}: ${result.reason})` : result.reason,
      computed: result.grade,
      party_claimants: result.partyClaimants,
      override,
    });
  }
  return out;
}

/**
 * The incident's sides that can be parties: civilians are on a side as the harmed, never as a party.
 * Whether a side is a state's forces comes from the dataset or, on the event's date, from the registry
 * (an insurgency that took power is a state after that day).
 */
function partySides(incident: GradableIncident, actors?: ActorIndex | null): PartySide[] {
  return incident.actors.flatMap((a) => {
    const actor = a.actor_id && actors ? actors.byId.get(a.actor_id) : undefined;
    const type = actor && actors ? actorTypeOn(actor, incident.date.start, actors.byId) : null;
    if (type === 'civilians' || a.actor_id === 'civilians' || (a.inter === 7 && !actor)) return [];
    const state = a.state || type === 'state_forces' || type === 'external_forces';
    return [{ side: a.side, actor_id: a.actor_id, name: a.name, state }];
  });
}

/** The incidents with their grades attached, in the same order. */
export async function withGrades<T extends GradableIncident>(
  db: Db,
  incidents: T[],
  actors?: ActorIndex | null,
): Promise<(T & { grade: IncidentGrade })[]> {
  const grades = await gradeIncidents(db, incidents, actors);
  return incidents.map((i) => ({ ...i, grade: grades.get(i.id) as IncidentGrade }));
}

/** Each document the incident cites, with what it says about the incident, for the independence test. */
function sourceDocuments(incident: GradableIncident, profiles: ReadonlyMap<number, SourceProfile>): SourceDocument[] {
  const texts = new Map<number, string[]>();
  const add = (id: number | null, text: string) => {
    if (id === null || !profiles.has(id)) return;
    texts.set(id, [...(texts.get(id) ?? []), text]);
  };
  for (const s of incident.sources) add(s.document_id, s.text);
  for (const c of incident.claims) add(c.document_id, c.evidence.text);
  return [...texts.entries()].map(([id, parts]) => {
    const p = profiles.get(id) as SourceProfile;
    return {
      id,
      type: p.source_type,
      agency: p.agency,
      publisher: p.publisher,
      title: p.title,
      text: [...new Set(parts)].join('\n'),
    };
  });
}

/** The newest grade review of each incident, when it sets a grade (a cleared override counts as none). */
export async function latestGradeOverrides(db: Db, incidentIds: number[]): Promise<Map<number, GradeOverride>> {
  const out = new Map<number, GradeOverride>();
  const seen = new Set<number>();
  for (const ids of chunks([...new Set(incidentIds)])) {
    const rows = await db
      .selectFrom('grade_reviews as r')
      .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
      .selectAll('r')
      .select('a.user_name')
      .where('r.incident_id', 'in', ids)
      .orderBy('r.id', 'desc')
      .execute();
    for (const r of rows) {
      if (seen.has(r.incident_id)) continue;
      seen.add(r.incident_id);
      if (r.grade === null) continue;
      out.set(r.incident_id, {
        grade: r.grade as Grade,
        note: r.note,
        note_sensitive: r.note_sensitive === 1,
        by: r.user_name,
        at: r.created_at,
        audit_id: r.audit_id,
      });
    }
  }
  return out;
}
