import type { Incident } from '../core/incident.js';
import type { IncidentReview } from '../core/review.js';
import { type ActorIndex, resolveActor } from '../resolve/actors.js';
import type { DocumentLabel } from '../store/incident-pages.js';

/** What a row writer needs beyond the incident: its documents' labels and the actor registry. */
export interface ExportContext {
  documents: ReadonlyMap<number, DocumentLabel>;
  actors: ActorIndex | null;
}

export type Cell = string | number | null;

/**
 * An incident as exports write it: the effective values (reviews applied) and the review itself, whose
 * status and note Tally's own formats carry. GED and ACLED have no column for them.
 */
export type ExportIncident = Incident & { review?: IncidentReview | null };

const distinct = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== '')),
];

/** Joined the way both datasets list several sources in one cell. */
export const joinCell = (values: string[]): string | null => (values.length === 0 ? null : values.join('; '));

export function incidentDocuments(i: Incident, ctx: ExportContext): DocumentLabel[] {
  const ids = [...new Set(i.sources.map((s) => s.document_id).filter((id): id is number => id !== null))];
  return ids.map((id) => ctx.documents.get(id)).filter((d): d is DocumentLabel => d !== undefined);
}

/**
 * Where the incident's information comes from, one entry per source. Extracted incidents cite their
 * documents ("Pajhwok 2018-07-18 "Jawzjan: 250 dead...""); imported ones keep the source the
 * dataset named, carried on their claims.
 */
export function sourceArticles(i: Incident, ctx: ExportContext): string[] {
  const docs = incidentDocuments(i, ctx);
  if (docs.length > 0) {
    return docs.map((d) =>
      [d.publisher ?? d.source, d.published?.slice(0, 10), d.title ? `"${d.title}"` : null].filter(Boolean).join(' '),
    );
  }
  return distinct(i.claims.map((c) => c.source));
}

/** Who published the sources: the documents' publishers, or the sources an imported dataset named. */
export function sourceNames(i: Incident, ctx: ExportContext): string[] {
  const docs = incidentDocuments(i, ctx);
  return docs.length > 0 ? distinct(docs.map((d) => d.publisher ?? d.source)) : distinct(i.claims.map((c) => c.source));
}

/** Who stated the numbers, leaving out the dataset itself for imported incidents. */
export function claimants(i: Incident): string[] {
  return distinct(i.claims.map((c) => (c.claimant === i.dataset ? null : c.claimant)));
}

/** ACLED's inter code for an actor: as the dataset stated it, else as the registry knows the actor. */
export function interOf(actor: { name: string; inter: number | null } | undefined, date: string, ctx: ExportContext) {
  if (!actor) return null;
  if (actor.inter !== null) return actor.inter;
  return ctx.actors ? (resolveActor(actor.name, ctx.actors, { date })?.inter ?? null) : null;
}

/** The named side's actor record, else a bare one from the name alone. */
export function sideActor(i: Incident, side: 'a' | 'b'): { name: string; inter: number | null } | undefined {
  const name = side === 'a' ? i.side_a : i.side_b;
  if (!name) return undefined;
  return i.actors.find((a) => a.side === side && a.name === name) ?? { name, inter: null };
}

/** The other actors on a side (ACLED's associated actors). */
export function associatedActors(i: Incident, side: 'a' | 'b'): string[] {
  const main = side === 'a' ? i.side_a : i.side_b;
  return distinct(i.actors.filter((a) => a.side === side && a.name !== main).map((a) => a.name));
}
