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
  /** ACLED event type, when known; reports of one event agree on its kind. */
  event_type?: string | null;
  place_name?: string | null;
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

// "Unidentified armed group" is a report not knowing who did it: it names no party to compare.
const UNKNOWN_ACTORS = new Set(['unidentified-armed-group', 'civilians']);

function named(k: IncidentKey): string[] {
  return k.actor_ids.filter((id) => !UNKNOWN_ACTORS.has(id));
}

/** Actors agree when either report names none (or only an unidentified group), or they share at least one party. */
export function actorsCompatible(a: IncidentKey, b: IncidentKey): boolean {
  const x = named(a);
  const y = named(b);
  if (x.length === 0 || y.length === 0) return true;
  return x.some((id) => y.includes(id));
}

// Kinds of event that one report may tell as another: a bombing that kills civilians is an explosion
// to one coder and violence against civilians to another; a fight is not a protest or a truce.
const KIND_FAMILY: Record<string, string> = {
  Battles: 'violence',
  'Explosions/Remote violence': 'violence',
  'Violence against civilians': 'violence',
  Protests: 'unrest',
  Riots: 'unrest',
  'Strategic developments': 'development',
};

/** The kinds of event agree: the same ACLED type, or two readings of one act of violence. */
export function kindsCompatible(a: IncidentKey, b: IncidentKey): boolean {
  if (!a.event_type || !b.event_type) return true;
  return (KIND_FAMILY[a.event_type] ?? a.event_type) === (KIND_FAMILY[b.event_type] ?? b.event_type);
}

/** Two incidents, from any two documents, are one event. */
export function sameIncident(a: IncidentKey, b: IncidentKey): boolean {
  return datesOverlap(a, b) && samePlace(a, b) && kindsCompatible(a, b) && actorsCompatible(a, b);
}

/**
 * For a report that names no place ("in the centre of the country"): the one incident of its dates
 * and kind of event that shares a party it names. Several such incidents, or no party named, and the
 * report stands alone; a guess would put its figures on the wrong event.
 */
export function pickPlacelessMatch<T extends IncidentKey>(draft: IncidentKey, candidates: T[]): T | null {
  const parties = named(draft);
  if (parties.length === 0) return null;
  const fits = candidates.filter(
    (c) => datesOverlap(draft, c) && kindsCompatible(draft, c) && named(c).some((id) => parties.includes(id)),
  );
  return fits.length === 1 ? (fits[0] as T) : null;
}

/** Why a report was merged into an incident, in the words an analyst reviewing the merge reads. */
export interface MatchReason {
  date: string;
  place: string;
  event: string;
  parties: string;
}

/** The reasons `sameIncident` held for a draft (a) and the incident it joined (b). */
export function explainMatch(a: IncidentKey, b: IncidentKey): MatchReason {
  return { date: dateReason(a, b), place: placeReason(a, b), event: kindReason(a, b), parties: partyReason(a, b) };
}

function span(k: IncidentKey): string {
  return k.date_start === k.date_end ? k.date_start : `${k.date_start}..${k.date_end}`;
}

function dateReason(a: IncidentKey, b: IncidentKey): string {
  if (!a.date_start) return `this report gives no date; it retells the incident of ${span(b)}`;
  const exact = datesOverlap(a, b, 0);
  return `${span(a)} ${exact ? 'overlaps' : 'is within a day of'} ${span(b)}`;
}

function placeReason(a: IncidentKey, b: IncidentKey): string {
  const an = a.place_name ?? 'its place';
  const bn = b.place_name ?? "the incident's place";
  if (a.gazetteer_id === null && a.admin1 === null)
    return `this report names no place; ${bn} holds the only incident of these dates, kind and parties`;
  if (b.gazetteer_id === null && b.admin1 === null)
    return `the incident had no place; ${an} places the only incident of these dates, kind and parties`;
  if (a.gazetteer_id !== null && a.gazetteer_id === b.gazetteer_id) return `same place: ${an} (${a.gazetteer_id})`;
  const coarse = Math.max(a.where_prec ?? 7, b.where_prec ?? 7);
  if (coarse === 3) return `${an} and ${bn} are in one district: ${a.admin2}, ${a.admin1}`;
  if (coarse === 4) return `${an} and ${bn} are in one province: ${a.admin1}`;
  if (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
    const km = distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon });
    return `${an} is ${km.toFixed(1)} km from ${bn} (at most ${NEAR_KM} km)`;
  }
  return `${an} and ${bn}`;
}

function kindReason(a: IncidentKey, b: IncidentKey): string {
  if (!a.event_type || !b.event_type) return 'the kind of event is unknown on one side';
  if (a.event_type === b.event_type) return `same kind of event: ${a.event_type}`;
  return `two readings of one act of violence: ${a.event_type} and ${b.event_type}`;
}

function partyReason(a: IncidentKey, b: IncidentKey): string {
  const x = named(a);
  const y = named(b);
  if (x.length === 0 && y.length === 0) return 'neither report names a party';
  if (x.length === 0) return `this report names no party; the incident has ${y.join(', ')}`;
  if (y.length === 0) return `the incident names no party; this report has ${x.join(', ')}`;
  return `both name ${x.filter((id) => y.includes(id)).join(', ')}`;
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
