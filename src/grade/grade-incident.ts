import type { Grade } from '../core/grade.js';
import { claimantSide, type FindActors, type PartySide } from './claimant-party.js';
import { independentSources, type SourceDocument } from './independence.js';

/** A claim as the grade reads it: who said what, in which document, and whether a reviewer rejected it. */
export interface GradeClaim {
  document_id: number | null;
  kind: string;
  low: number | null;
  high: number | null;
  /** side_a, side_b, civilians or unknown: whose dead or wounded the figure counts. */
  category: string;
  claimant: string | null;
  /** The source an imported dataset named, for claims without a document. */
  source: string | null;
  rejected: boolean;
}

export interface GradeInput {
  claims: readonly GradeClaim[];
  /** Every document the incident cites, through its passages or its claims. */
  documents: readonly SourceDocument[];
  sides: readonly PartySide[];
  /** The incident's review status: a rejected incident is discounted. */
  status: string;
  findActors?: FindActors;
}

export interface GradeResult {
  grade: Grade;
  sources: number;
  reason: string;
  /** Claimants taken for a party to the incident, as written. */
  partyClaimants: string[];
}

/** Factor by which two sources' figures for the same people may differ before the incident is contested. */
export const DISAGREEMENT_FACTOR = 2;
// Force sizes and surrenders are not tolls: sources disagreeing on them says nothing of the harm.
const COMPARED_KINDS = new Set(['killed', 'injured', 'killed_or_injured', 'captured', 'displaced']);

/** One voice: a claimant within one independent source, or the source speaking for itself. */
interface Voice {
  source: number;
  label: string;
  party: boolean;
  side: 'a' | 'b' | null;
  /** kind|category → the largest figure this voice gives for it. */
  values: Map<string, number>;
  admits: boolean;
}

/**
 * The grade of one incident by the rule of docs/methodology.md (section 7), in this order: discounted
 * (rejected by an analyst); contested (sources disagree by more than a factor of two on the same count);
 * confirmed (a party acknowledges its own losses); contested (only parties to the conflict speak);
 * confirmed (two independent non-party sources give agreeing figures); fair (two or more independent
 * sources); weak (one source, or none).
 */
export function gradeIncident(input: GradeInput): GradeResult {
  // An incident's claims mostly share a few claimants (a dataset's every row, a wire's one spokesman).
  const sides = new Map<string | null, 'a' | 'b' | null>();
  const sideOf = (speaker: string | null): 'a' | 'b' | null => {
    let side = sides.get(speaker);
    if (side === undefined) {
      side = claimantSide(speaker, input.sides, input.findActors);
      sides.set(speaker, side);
    }
    return side;
  };
  const { voices, sources, label } = voicesOf(input, sideOf);
  const partyClaimants = distinct(
    input.claims.flatMap((c) => (c.claimant && sideOf(c.claimant) !== null ? [c.claimant] : [])),
  );
  return { ...rule(input.status, voices, sources, label), partyClaimants };
}

function voicesOf(
  input: GradeInput,
  sideOf: (speaker: string | null) => 'a' | 'b' | null,
): { voices: Voice[]; sources: number; label: string | null } {
  const groups = independentSources(input.documents);
  const sourceOf = new Map<number, number>();
  groups.forEach((g, i) => {
    for (const d of g) sourceOf.set(d.id, i);
  });
  const docOf = new Map(input.documents.map((d) => [d.id, d]));
  const nameOf = (i: number) => sourceName(groups[i]);
  // Claims without a document (imported datasets) stand for the source they name.
  const named = new Map<string, number>();
  const voices = new Map<string, Voice>();
  for (const claim of input.claims) {
    if (claim.rejected) continue;
    let source: number;
    if (claim.document_id !== null && sourceOf.has(claim.document_id))
      source = sourceOf.get(claim.document_id) as number;
    else {
      const key = (claim.source ?? claim.claimant ?? '').toLowerCase().trim();
      if (!named.has(key)) named.set(key, groups.length + named.size);
      source = named.get(key) as number;
    }
    const doc = claim.document_id === null ? undefined : docOf.get(claim.document_id);
    const docType = doc?.type;
    // A party's own release speaks in its own name: its publisher is the claimant.
    const speaker = claim.claimant ?? (docType === 'party' ? (doc?.publisher ?? null) : null);
    const side = sideOf(speaker);
    const party = side !== null || (claim.claimant === null && docType === 'party');
    const label = claim.claimant?.trim() || (source < groups.length ? nameOf(source) : claim.source) || 'a source';
    const key = `${source}|${side ?? ''}|${(claim.claimant ?? '').toLowerCase().trim()}`;
    const voice = voices.get(key) ?? { source, label, party, side, values: new Map(), admits: false };
    voices.set(key, voice);
    const value = claimValue(claim);
    if (value !== null && COMPARED_KINDS.has(claim.kind)) {
      const k = `${claim.kind}|${claim.category}`;
      voice.values.set(k, Math.max(voice.values.get(k) ?? 0, value));
    }
    if (side !== null && claim.category === `side_${side}` && COMPARED_KINDS.has(claim.kind)) voice.admits = true;
  }
  const sources = groups.length + named.size;
  return { voices: [...voices.values()], sources, label: nameOf(0) ?? [...named.keys()][0] ?? null };
}

function rule(
  status: string,
  all: Voice[],
  sources: number,
  label: string | null,
): Omit<GradeResult, 'partyClaimants'> {
  if (status === 'rejected') return { grade: 'discounted', sources, reason: 'an analyst rejected the incident' };

  const disagreement = findDisagreement(all);
  if (disagreement) return { grade: 'contested', sources, reason: disagreement };

  const admission = all.find((v) => v.admits);
  if (admission) {
    return {
      grade: 'confirmed',
      sources,
      reason: `${admission.label}, a party to the conflict, acknowledges losses on its own side`,
    };
  }
  if (all.length > 0 && all.every((v) => v.party)) {
    return {
      grade: 'contested',
      sources,
      reason: `only parties to the conflict claim it (${distinct(all.map((v) => v.label)).join('; ')})`,
    };
  }
  const agreeing = agreeingSources(all.filter((v) => !v.party));
  if (agreeing.length >= 2) {
    return {
      grade: 'confirmed',
      sources,
      reason: `${agreeing.length} independent non-party sources give agreeing figures (within a factor of ${DISAGREEMENT_FACTOR})`,
    };
  }
  if (sources >= 2) return { grade: 'fair', sources, reason: `${sources} independent sources report it` };
  if (sources === 1) return { grade: 'weak', sources, reason: `one source only (${label ?? 'unnamed'})` };
  return { grade: 'weak', sources, reason: 'no source document' };
}

/** A figure's single value: the middle of a range, else whichever bound the text gives. */
function claimValue(c: GradeClaim): number | null {
  if (c.low !== null && c.high !== null) return (c.low + c.high) / 2;
  return c.low ?? c.high;
}

/**
 * The first count on which two voices differ by more than the factor, described for the reader. Only
 * counts of the same people (kind and category) compare: a total may rightly exceed the civilians among
 * it, and "four of the dead were children" is a part, not a rival toll.
 */
function findDisagreement(voices: Voice[]): string | null {
  const said = voices.flatMap((v) =>
    [...v.values].map(([key, n]) => {
      const [kind = '', category = ''] = key.split('|');
      return { v, kind, category, n };
    }),
  );
  for (const a of said) {
    for (const b of said) {
      if (a.v === b.v || a.kind !== b.kind || a.n <= b.n) continue;
      if (a.category === b.category && a.n > DISAGREEMENT_FACTOR * b.n) {
        const whose = a.category === 'unknown' ? '' : ` (${a.category.replace('_', ' ')})`;
        return `sources disagree by more than a factor of ${DISAGREEMENT_FACTOR}: ${a.v.label} gives ${fmt(a.n)} ${a.kind.replace(/_/g, ' ')}${whose}, ${b.v.label} gives ${fmt(b.n)}`;
      }
    }
  }
  return null;
}

/**
 * Independent sources among the non-party voices that share a count: two sources agree when both give
 * a figure for the same people (kind and category). Disagreement was ruled out before this is asked.
 */
function agreeingSources(voices: Voice[]): number[] {
  const byKey = new Map<string, Set<number>>();
  for (const v of voices) {
    for (const key of v.values.keys()) byKey.set(key, (byKey.get(key) ?? new Set()).add(v.source));
  }
  let best: number[] = [];
  for (const sources of byKey.values()) if (sources.size > best.length) best = [...sources];
  return best;
}

function sourceName(group: SourceDocument[] | undefined): string | null {
  const first = group?.[0];
  if (!first) return null;
  return first.agency ?? first.publisher ?? (first.title ? `“${first.title}”` : `document ${first.id}`);
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
