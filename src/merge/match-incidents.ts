import { distanceKm } from '../resolve/gazetteer.js';

/** What decides whether two reports describe one incident. */
export interface IncidentKey {
  date_start: string;
  date_end: string;
  gazetteer_id: string | null;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  admin2: string | null;
  where_prec: number | null;
  actor_ids: string[];
}

const DAY = 86_400_000;
// A report's "on 23 June" and another's "late on 22 June" are the same night.
const DATE_SLACK_DAYS = 1;
// Beyond this, "the same place" at town precision is another town.
const NEAR_KM = 25;

export function datesOverlap(a: IncidentKey, b: IncidentKey, slackDays = DATE_SLACK_DAYS): boolean {
  const slack = slackDays * DAY;
  return (
    Date.parse(a.date_start) - slack <= Date.parse(b.date_end) &&
    Date.parse(b.date_start) - slack <= Date.parse(a.date_end)
  );
}

/**
 * Same or nested place: the same gazetteer entry; a place inside the other's district or province
 * (a village in Darzab and Darzab district); or two points within 25 km. Unknown places never match.
 */
export function samePlace(a: IncidentKey, b: IncidentKey): boolean {
  if (a.gazetteer_id !== null && a.gazetteer_id === b.gazetteer_id) return true;
  const coarse = Math.max(a.where_prec ?? 7, b.where_prec ?? 7);
  if (coarse === 3 && a.admin2 !== null && a.admin2 === b.admin2 && a.admin1 === b.admin1) return true;
  if (coarse === 4 && a.admin1 !== null && a.admin1 === b.admin1) return true;
  if (coarse <= 2 && a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
    return distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) <= NEAR_KM;
  }
  return false;
}

/** Actors agree when either side is unknown, or they share at least one party. */
export function actorsCompatible(a: IncidentKey, b: IncidentKey): boolean {
  if (a.actor_ids.length === 0 || b.actor_ids.length === 0) return true;
  return a.actor_ids.some((id) => b.actor_ids.includes(id));
}

/** Two incidents, from any two documents, are one event. */
export function sameIncident(a: IncidentKey, b: IncidentKey): boolean {
  return datesOverlap(a, b) && samePlace(a, b) && actorsCompatible(a, b);
}

/**
 * For a report that gives no date: the dated incident it most likely retells, if exactly one party
 * set fits. Same place and every named party shared; the earliest such incident wins, as a report
 * on "the clashes" usually follows their outbreak.
 */
export function pickUndatedMatch<T extends IncidentKey>(draft: IncidentKey, candidates: T[]): T | null {
  const fits = candidates.filter(
    (c) => samePlace(draft, c) && draft.actor_ids.length > 0 && draft.actor_ids.every((id) => c.actor_ids.includes(id)),
  );
  fits.sort((x, y) => x.date_start.localeCompare(y.date_start));
  return fits[0] ?? null;
}
