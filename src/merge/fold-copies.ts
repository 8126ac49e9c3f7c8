import type { ResolvedPlace } from '../core/incident.js';
import type { DraftIncident } from './incident-draft.js';

type Absorb = (into: DraftIncident, other: DraftIncident) => void;

const DAY = 86_400_000;

function days(d: DraftIncident): number {
  return (Date.parse(d.date.end) - Date.parse(d.date.start)) / DAY + 1;
}

function within(inner: DraftIncident, outer: DraftIncident): boolean {
  return outer.date.start <= inner.date.start && inner.date.end <= outer.date.end;
}

function overlaps(a: DraftIncident, b: DraftIncident): boolean {
  return a.date.start <= b.date.end && b.date.start <= a.date.end;
}

/** The same place, or `coarse` a province or district that holds `fine`. */
function holds(coarse: ResolvedPlace | null, fine: ResolvedPlace | null): boolean {
  if (coarse === null || fine === null) return false;
  if (coarse.gazetteer_id !== null && coarse.gazetteer_id === fine.gazetteer_id) return true;
  if (coarse.where_prec < fine.where_prec) return false;
  if (coarse.where_prec === 3) return coarse.admin2 !== null && coarse.admin2 === fine.admin2;
  if (coarse.where_prec === 4) return coarse.admin1 !== null && coarse.admin1 === fine.admin1;
  return false;
}

/** Placed only at a country or a region: "at the centre of the country" says nowhere in particular. */
function placeless(d: DraftIncident): boolean {
  return d.place === null || d.place.where_prec >= 5;
}

/** A town changing hands, told as fighting or without: "took over Musa Qala in February", "drove into the town on 1 February". */
const TERRITORY = new Set([
  'Non-state actor overtakes territory',
  'Government regains territory',
  'Non-violent transfer of territory',
]);

function sameKind(a: DraftIncident, b: DraftIncident): boolean {
  return a.event_type === b.event_type || (TERRITORY.has(a.sub_event_type) && TERRITORY.has(b.sub_event_type));
}

/**
 * A draft typed a clash for want of any word of its kind ("Gunmen kill 11 at a coal mine") is of the
 * kind of one told on the very same days, whatever that is; not of one in the same month.
 */
function kindFits(a: DraftIncident, b: DraftIncident): boolean {
  if (sameKind(a, b)) return true;
  return (a.untyped === true || b.untyped === true) && a.date.start === b.date.start && a.date.end === b.date.end;
}

function distance(a: DraftIncident, b: DraftIncident): number {
  return Math.abs((a.sources[0]?.start ?? 0) - (b.sources[0]?.start ?? 0));
}

/** A draft's dates as day numbers, read once: parsing them for every pair was most of the fold's time. */
interface Span {
  start: number;
  end: number;
  days: number;
  /** Its place in the fold's order, which breaks ties between equally near targets. */
  rank: number;
}

/** How many of `sorted` are below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One event, one incident within a document. A report that tells an event on its day and again as
 * part of the month ("in July", "in early July") has one incident, the day's; so has one that places
 * it once in its town and once only in the province or nowhere ("in the centre of the country").
 * The copy's passages and claims join the precise incident, where they stand as claims side by side.
 * Every way of joining needs the two to share a day, so each copy looks only at the drafts whose
 * dates can reach its own (a binary search by first day): a long report folds in time near its length.
 */
export function foldCopies(drafts: DraftIncident[], absorb: Absorb): DraftIncident[] {
  const gone = new Set<DraftIncident>();
  const byPrecision = [...drafts].sort((a, b) => days(a) - days(b) || precision(a) - precision(b));
  const spans = new Map<DraftIncident, Span>();
  let longest = 1;
  byPrecision.forEach((d, rank) => {
    if (d.undated) return;
    const start = Date.parse(d.date.start) / DAY;
    const end = Date.parse(d.date.end) / DAY;
    spans.set(d, { start, end, days: end - start + 1, rank });
    longest = Math.max(longest, end - start + 1);
  });
  const byStart = [...spans.keys()].sort((a, b) => (spans.get(a) as Span).start - (spans.get(b) as Span).start);
  const starts = byStart.map((d) => (spans.get(d) as Span).start);
  for (const copy of [...byPrecision].reverse()) {
    const own = spans.get(copy);
    if (own === undefined) continue;
    // A draft shares a day with this one only if it starts no later than this one ends, and no
    // earlier than the longest draft's span before this one starts.
    const from = lowerBound(starts, own.start - longest + 1);
    const to = lowerBound(starts, own.end + 1);
    const near = byStart.slice(from, to).sort((a, b) => (spans.get(a) as Span).rank - (spans.get(b) as Span).rank);
    let target: DraftIncident | null = null;
    for (const d of near) {
      if (d === copy || gone.has(d) || !kindFits(d, copy) || d.separate || copy.separate) continue;
      const span = spans.get(d) as Span;
      const longer = own.days > Math.max(3, span.days) && within(d, copy);
      const sameSpan = d.date.start === copy.date.start && d.date.end === copy.date.end;
      const coarser = precision(copy) > precision(d);
      const fits =
        (longer && (holds(copy.place, d.place) || placeless(copy))) ||
        (sameSpan && coarser && (placeless(copy) || holds(copy.place, d.place))) ||
        (placeless(copy) && !placeless(d) && overlaps(copy, d) && own.days <= span.days);
      if (fits && (target === null || distance(d, copy) < distance(target, copy))) target = d;
    }
    if (target === null) continue;
    absorb(target, copy);
    gone.add(copy);
  }
  return drafts.filter((d) => !gone.has(d));
}

function precision(d: DraftIncident): number {
  return d.place?.where_prec ?? 7;
}
