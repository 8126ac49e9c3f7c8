import type { ExtractionResult } from '../core/figure.js';
import type { ResolvedPlace } from '../core/incident.js';
import { type ActorIndex, insideActorName } from '../resolve/actors.js';
import { distanceKm, type Gazetteer, type GazetteerEntry, type PlaceKind } from '../resolve/gazetteer.js';
import { documentProvinces, type ResolvedPlaceMention, resolveDocumentPlaces } from '../resolve/place-mentions.js';
import { placeFromEntry } from '../resolve/resolve-place.js';
import { namesRoad } from '../resolve/tokens.js';
import type { Passage } from './incident-draft.js';

// Where an incident happened, from the places a report names (section 2.4 of docs/methodology.md).

const ARRIVED_FROM =
  /\b(?:arrived|arriving|arrives|came|coming|returned|returning|brought(?: in)?|sent|flown(?: in)?|moved|redeployed|dispatched|transferred|reinforcements)\s+(?:\w+\s+){0,2}?from\s+(?:the\s+)?(?:city\s+of\s+|province\s+of\s+)?$/i;
// "Families fled to Kandahar and Kabul", "the wounded were taken to hospital in Herat": where people
// went after the event, not where it happened. The towns of a list after the verb go with the first.
const WENT_TO =
  /\b(?:fled|fleeing|escaped|evacuated|airlifted|flown|taken|transferred|displaced|relocated|sought (?:refuge|shelter|safety)|took (?:refuge|shelter))\s+(?:\w+\s+){0,2}?(?:to|into|in)\s+(?:the\s+)?(?:(?:a\s+|the\s+)?hospitals?\s+in\s+|(?:city|town|province|capital)\s+of\s+)?(?:\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?(?:,\s+|\s+and\s+|\s+or\s+)){0,3}$/u;
const NEAR_BEFORE =
  /\b(?:near|outside|around|close to|outskirts of|vicinity of|(?:north|south|east|west)(?:-?(?:east|west))? of)\s+(?:the\s+)?(?:city of\s+|town of\s+)?$/i;

/**
 * How many items of a list sorted by position start before `at` (a binary search): per-passage
 * lookups stay logarithmic, where a scan of every figure or mention per passage was quadratic.
 */
export function countBefore<T>(sorted: readonly T[], at: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (startOf(sorted[mid] as T) < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface PlaceAt {
  place: ResolvedPlace;
  start: number;
  end: number;
  /** Named in the infobox's Place line, for the document's own place. */
  text: string;
  /** What the gazetteer calls it: a city, a town, a district... */
  kind: PlaceKind;
  /** Where the sources of a sentence spoke ("..., officials in Kandahar said"): its place only if it names no other. */
  heard?: true;
}

function toResolvedPlace(m: ResolvedPlaceMention): ResolvedPlace | null {
  const best = m.candidates[0];
  return best ? placeFromEntry(best.entry, best.where_prec) : null;
}

/** A town this large is itself, wherever it is: no quarter of another town goes by its name unnoticed. */
const KNOWN_TOWN = 50_000;

/**
 * The places a document names that can locate an incident. A country is too coarse to say where
 * anything happened ("the UN mission in Afghanistan"). A town or village that only resolves to a
 * namesake in a province the document never names is more likely a quarter the gazetteer lacks than
 * a far-off namesake, so it is left out, unless it is a town of KNOWN_TOWN people (Pokrovsk in a
 * report that names only other provinces).
 */
export function placeMentions(text: string, gazetteer: Gazetteer, actors?: ActorIndex): PlaceAt[] {
  const insideName = actors && ((start: number, end: number) => insideActorName(text, start, end, actors));
  const mentions = resolveDocumentPlaces(text, gazetteer, insideName);
  const provinces = new Set(documentProvinces(mentions));
  // Which names put the document in each province: a district's own name, matched only by its sound,
  // does not vouch for its province (a Syedabad near Mazar is not the Sayyidabad district of Wardak).
  const vouchers = new Map<string, Set<string>>();
  for (const m of mentions) {
    const admin1 = new Set(m.entries.map((e) => e.admin1).filter((a): a is string => a !== null));
    if (admin1.size !== 1) continue;
    const province = [...admin1][0] as string;
    vouchers.set(province, (vouchers.get(province) ?? new Set()).add(m.span.text.toLowerCase()));
  }
  const vouched = (admin1: string, name: string) =>
    [...(vouchers.get(admin1) ?? [])].some((v) => v !== name.toLowerCase());
  const out: PlaceAt[] = [];
  // Namesakes found to be a quarter of a city the report names, for its later bare mentions ("in Podilskyi").
  const quarters = new Set<string>();
  for (const m of mentions) {
    const place = toResolvedPlace(m);
    // "a warehouse in the Podilskyi district" of a Kyiv the sentence names: a quarter the gazetteer
    // lacks, not the namesake it holds in another region.
    if (place?.gazetteer_id && (quarters.has(place.gazetteer_id) || isQuarterOfCity(text, m, mentions))) {
      quarters.add(place.gazetteer_id);
      continue;
    }
    if (!place || place.where_prec >= 6) continue;
    const known = (m.candidates[0]?.entry.population ?? 0) >= KNOWN_TOWN;
    if (provinces.size > 0 && place.where_prec !== 4 && place.admin1 !== null && !provinces.has(place.admin1) && !known)
      continue;
    const loose = m.candidates[0]?.match === 'phonetic' && place.where_prec === 3;
    if (provinces.size > 1 && loose && place.admin1 !== null && !vouched(place.admin1, m.span.text)) continue;
    // A dateline ("SHEBERGHAN, May 16 -") says where the report was filed, not where things happened.
    if (isDateline(text, m.span.start, m.span.text)) continue;
    // "Kyiv said", "officials in Baghdad": where words came from, not where the event was.
    if (m.role === 'source') continue;
    // "Reinforcements arrived from Mazar-i-Sharif": where they came from, not where anything happened.
    if (ARRIVED_FROM.test(text.slice(Math.max(0, m.span.start - 50), m.span.start))) continue;
    if (WENT_TO.test(text.slice(Math.max(0, m.span.start - 80), m.span.start))) continue;
    // "north of Herat", "near Mazar": a reference point, not the place itself (UCDP's precision 2).
    const before = text.slice(Math.max(0, m.span.start - 40), m.span.start);
    if (place.where_prec === 1 && NEAR_BEFORE.test(before)) place.where_prec = 2;
    // "on the Jalalabad-Torkham highway": somewhere on the road out of the town, near it.
    if (place.where_prec === 1 && namesRoad(text, m.span.start, m.span.end)) place.where_prec = 2;
    const at: PlaceAt = {
      place,
      start: m.span.start,
      end: m.span.end,
      text: m.span.text,
      kind: m.candidates[0]?.entry.kind ?? 'area',
    };
    if (m.heard) at.heard = true;
    out.push(at);
  }
  return withoutContainers(text, out);
}

/**
 * "Kandahar's Maiwand district", "Helmand's Nad Ali": the possessive names the province that holds
 * the place after it, whatever namesake it has as a town; only the place after it locates anything.
 */
function withoutContainers(text: string, places: PlaceAt[]): PlaceAt[] {
  return places.filter((m, k) => {
    const next = places[k + 1];
    if (next === undefined || !/^['’]s\s+$/.test(text.slice(m.end, next.start))) return true;
    return !(next.place.admin1 !== null && next.place.admin1 === m.place.admin1 && next.place.where_prec >= 2);
  });
}

// "the outskirts of the city", "fighters entered the town": a place the text named before, by its kind.
const DEFINITE_PLACE = /\bthe (city|town)\b(?!\s+(?:of|council|hall|centre|center|'s)\b)/i;
const KINDS_OF: Record<string, ReadonlySet<PlaceKind>> = {
  city: new Set<PlaceKind>(['city']),
  town: new Set<PlaceKind>(['city', 'town']),
};
/** How far back "the city" looks for the city it means, in mentions. */
const DEFINITE_LOOKBACK = 200;

/**
 * The place a sentence that names none calls "the city" or "the town": the last city (or town) its
 * paragraph named, else the document's own place when it is one the text named, else the last city
 * named before; null when the sentence says neither. "In June the Taliban took Darzab and Qush Tepa.
 * On 1 July they attacked checkpoints on the outskirts of the city" is about Sheberghan, the
 * article's city, not Darzab; in an article on Ghazni, "insurgents entered the city" after a
 * paragraph that placed Ghazni "on the highway between Kabul and Kandahar" is Ghazni.
 */
export function definitePlace(
  sentence: string,
  places: readonly PlaceAt[],
  before: number,
  home: ResolvedPlace | null,
  paragraphStart = 0,
): ResolvedPlace | null {
  const said = DEFINITE_PLACE.exec(sentence)?.[1]?.toLowerCase();
  const kinds = said ? KINDS_OF[said] : undefined;
  if (!kinds) return null;
  const last = countBefore(places, before, (m) => m.start) - 1;
  let earlier: ResolvedPlace | null = null;
  for (let k = last; k >= 0 && last - k < DEFINITE_LOOKBACK; k--) {
    const m = places[k] as PlaceAt;
    if (!kinds.has(m.kind) || m.place.where_prec > 2) continue;
    if (m.start >= paragraphStart) return m.place;
    earlier = m.place;
    break;
  }
  const homeAt =
    home === null
      ? undefined
      : places.find((m) => m.place.gazetteer_id !== null && m.place.gazetteer_id === home.gazetteer_id);
  return homeAt && kinds.has(homeAt.kind) ? home : earlier;
}

// After a name written as a name, the day and a dash or a colon: "Khartoum, 3 May 2025 —", "Goma, DRC,
// June 4 -", "Kabul, 14 June 2021 (Pajhwok):".
const NAME_DATELINE_AFTER =
  /^\s*(?:,\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?)?(?:\s*,\s*|\s+[—–-]\s*)(?:\d{1,2}\s+[A-Z][a-z]{2,}\.?(?:,?\s+\d{4})?|[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*(?:\([^()\n]{1,30}\)\s*)?\)?\s*(?:—|–|--|-|:)/;

/** A city with quarters of its own that reports name: "Kyiv's Podilskyi district", "Hodan district of Mogadishu". */
const QUARTERED_CITY = 100_000;
/** Farther than this from the city, a quarter's namesake is not the quarter. */
const QUARTER_KM = 40;
const QUARTER_AFTER = /^\s+(?:neighbou?rhoods?|quarters?|suburbs?|areas?)\b/i;

/**
 * Whether a district or neighbourhood ("the Podilskyi district", "the Shujaiya neighbourhood") lies
 * far from the only large city its sentence names: then the text means a quarter of that city and
 * the gazetteer's namesake is elsewhere.
 */
function isQuarterOfCity(text: string, m: ResolvedPlaceMention, mentions: readonly ResolvedPlaceMention[]): boolean {
  const own = m.candidates[0]?.entry;
  if (own === undefined || own.kind === 'province' || own.kind === 'country') return false;
  if (m.descriptor !== 'district' && !QUARTER_AFTER.test(text.slice(m.span.end, m.span.end + 20))) return false;
  const from = sentenceStart(text, m.span.start);
  const to = sentenceEnd(text, m.span.end);
  // Mentions come in text order: only the sentence's own are looked at, found by a binary search.
  const cities: ResolvedPlaceMention[] = [];
  for (let k = countBefore(mentions, from, (n) => n.span.start); k < mentions.length; k++) {
    const n = mentions[k] as ResolvedPlaceMention;
    if (n.span.start >= to) break;
    const e = n !== m && n.span.end <= to ? n.candidates[0]?.entry : undefined;
    if (e !== undefined && (e.kind === 'city' || e.kind === 'town') && (e.population ?? 0) >= QUARTERED_CITY)
      cities.push(n);
  }
  const [city] = cities;
  if (city === undefined || cities.some((c) => c.candidates[0]?.entry !== city.candidates[0]?.entry)) return false;
  if (distanceKm(own, city.candidates[0]?.entry as GazetteerEntry) <= QUARTER_KM) return false;
  // The sentence must say the quarter is the city's: "Kyiv's Podilskyi district", "the Hodan district of
  // Mogadishu", or a sentence set in the city ("In Kherson, a man was killed in the Dniprovskyi
  // district"); "in Kabul and in the Jaghori district" names two places.
  return cities.some((c) =>
    c.span.end <= m.span.start
      ? POSSESSIVE_BEFORE.test(text.slice(c.span.end, m.span.start)) ||
        (SET_IN.test(text.slice(from, c.span.start)) && text[c.span.end] === ',')
      : OF_CITY.test(text.slice(m.span.end, c.span.start)),
  );
}

const POSSESSIVE_BEFORE = /^['’]s\s+(?:[\p{L}-]+\s+){0,2}$/u;
const SET_IN = /^\s*(?:In|Inside|Across)\s+$/;
const OF_CITY =
  /^\s+(?:(?:neighbou?rhoods?|quarters?|suburbs?|areas?)\s+)?(?:of|in)\s+(?:the\s+(?:city|capital)\s+of\s+)?$/i;

/** How far a sentence is looked for either side of a name: a run-on line does not make the scan quadratic. */
const SENTENCE_REACH = 300;

function sentenceStart(text: string, at: number): number {
  const floor = Math.max(0, at - SENTENCE_REACH);
  for (let k = at - 1; k > floor; k--) {
    const c = text[k];
    if (c === '\n' || ((c === '.' || c === '!' || c === '?') && /\s/.test(text[k + 1] ?? ''))) return k + 1;
  }
  return floor;
}

function sentenceEnd(text: string, at: number): number {
  const ceiling = Math.min(text.length, at + SENTENCE_REACH);
  for (let k = at; k < ceiling; k++) {
    const c = text[k];
    if (c === '\n' || ((c === '.' || c === '!' || c === '?') && /\s|$/.test(text[k + 1] ?? ''))) return k;
  }
  return ceiling;
}

function isDateline(text: string, start: number, name: string): boolean {
  // Only a name at the start of its line can be a dateline: a few characters back, not the whole line;
  // a rights group's may open with a bracket ("(Nairobi, 4 April 2024) –").
  for (let k = start - 1; k >= 0 && text[k] !== '\n'; k--) {
    const c = text[k] as string;
    if (c === '(' && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', k - 1) + 1, k))) continue;
    if (!/\s/.test(c)) return false;
  }
  const after = text.slice(start + name.length, start + name.length + 60);
  // "MOSUL, Iraq, March 3", "ADEN, Yemen -", "KABUL (Wire) -"
  if (name === name.toUpperCase())
    return /^[\s,]*(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*,?\s*)?(?:\(|[-–—]|[A-Z][a-z]{2,}\.?\s+\d|\d)/.test(after);
  return NAME_DATELINE_AFTER.test(after);
}

/** The place of a passage: the most precise it names, and among equals the one nearest the event's words. */
export function placeOf(places: PlaceAt[], passage: Passage, cueAt: number): ResolvedPlace | null {
  let best: PlaceAt | null = null;
  const level = (p: ResolvedPlace) => p.where_prec;
  // Mentions come in text order, found left to right.
  for (let k = countBefore(places, passage.start, (m) => m.start); k < places.length; k++) {
    const m = places[k] as PlaceAt;
    if (m.start >= passage.end) break;
    if (m.end > passage.end || (m.heard && best !== null && !best.heard)) continue;
    if (
      best === null ||
      (best.heard && !m.heard) ||
      level(m.place) < level(best.place) ||
      (level(m.place) === level(best.place) && Math.abs(m.start - cueAt) < Math.abs(best.start - cueAt))
    ) {
      best = m;
    }
  }
  return best?.place ?? null;
}

/** A province that holds the document's own, more precise place stands for that place ("Jowzjan" in a Darzab report). */
export function withinHome(place: ResolvedPlace | null, home: ResolvedPlace | null): ResolvedPlace | null {
  if (place && home && place.where_prec >= 4 && home.where_prec < place.where_prec && home.admin1 === place.admin1)
    return home;
  return place;
}

/** The place a document is about: its infobox's place, else the district or province it names most. */
export function documentPlace(extraction: ExtractionResult, places: PlaceAt[]): ResolvedPlace | null {
  const box = extraction.conflict?.evidence;
  const placeLine = extraction.conflict?.place;
  if (box && placeLine) {
    const named = places.filter((m) => m.start >= box.start && m.end <= box.end && placeLine.includes(m.text));
    named.sort((a, b) => a.place.where_prec - b.place.where_prec);
    if (named[0]) return named[0].place;
  }
  const counts = new Map<string, { place: ResolvedPlace; n: number }>();
  for (const { place } of places) {
    if (place.where_prec > 4) continue;
    const key = place.gazetteer_id ?? place.name;
    const seen = counts.get(key) ?? { place, n: 0 };
    seen.n += 1;
    counts.set(key, seen);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.place ?? null;
}

/** The places inside a passage precise enough to hold an incident of their own (district or better). */
export function placesIn(places: PlaceAt[], passage: Passage): { place: ResolvedPlace; at: number }[] {
  const out: { place: ResolvedPlace; at: number }[] = [];
  for (let k = countBefore(places, passage.start, (m) => m.start); k < places.length; k++) {
    const m = places[k] as PlaceAt;
    if (m.start >= passage.end) break;
    if (m.end <= passage.end && m.place.where_prec <= 3 && !m.heard) out.push({ place: m.place, at: m.start });
  }
  return out;
}
