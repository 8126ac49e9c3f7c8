/**
 * Resolve a place mention to ranked gazetteer candidates with a UCDP `where_prec`.
 *
 * Ranking follows how a coder reads a report: first the candidate consistent with the other places the
 * document names (Balkhab in Sar-e Pol, not a namesake elsewhere), then the kind the text asks for
 * ("Balkh province" vs "Balkh"), then size. Pure: the gazetteer and context come in as arguments.
 */
import type { ResolvedPlace } from '../core/incident.js';
import { distanceKm, type Gazetteer, type GazetteerEntry, type PlaceKind } from './gazetteer.js';
import {
  aliasTargets,
  descriptorOf,
  foldPlaceName,
  keyConsonants,
  type PlaceDescriptor,
  placeKey,
} from './place-names.js';

/**
 * UCDP GED `where_prec`: 1 exact location; 2 within ~25 km of a known point or a named part of a district;
 * 3 district (ADM2); 4 province (ADM1); 5 part of a country larger than a province; 6 country;
 * 7 international waters or airspace.
 */
export const WHERE_PRECISIONS = [1, 2, 3, 4, 5, 6, 7] as const;
export type WherePrecision = (typeof WHERE_PRECISIONS)[number];
export const PRECISION_LABELS = {
  1: 'exact',
  2: 'near',
  3: 'district',
  4: 'province',
  5: 'region',
  6: 'country',
  7: 'international',
} as const satisfies Record<WherePrecision, string>;
export type PrecisionLabel = (typeof PRECISION_LABELS)[WherePrecision];

export interface PlaceContext {
  /** Provinces the rest of the document names or implies. */
  readonly provinces?: readonly string[];
  /** A point the place is likely near (another resolved place, a dateline). */
  readonly near?: { readonly lat: number; readonly lon: number };
  /** What the surrounding words say the place is ("the town of Kohsan"), when the mention itself does not. */
  readonly kind?: PlaceDescriptor;
  /** Countries (ISO alpha-2) the report is about. */
  readonly countries?: ReadonlySet<string>;
  /** Rank these entries (what a scanner already found and kept) instead of looking the name up. */
  readonly entries?: readonly GazetteerEntry[];
}

export type PlaceMatch = 'exact' | 'phonetic' | 'alias';

export interface PlaceCandidate {
  readonly entry: GazetteerEntry;
  readonly where_prec: WherePrecision;
  readonly precision: PrecisionLabel;
  readonly match: PlaceMatch;
  readonly score: number;
  /** Why the candidate ranks where it does, for a coder reviewing the choice. */
  readonly reasons: readonly string[];
}

// "near Mazar", "outskirts of Kabul", "north of Sheberghan": the event is around the point, not at it.
const NEAR_PREFIX =
  /^(?:near(?:by)?|outside(?: of)?|around|close to|(?:on )?(?:the )?(?:outskirts|edge|vicinity|environs) of|(?:north|south|east|west)(?:-?(?:east|west))?(?: part)? of)\s+/i;
// "northern Kabul", "central Helmand": a part of the named place.
const PART_PREFIX = /^(?:(?:the )?(?:north|south|east|west)(?:-?(?:east|west))?ern|central|rural|eastern|western)\s+/i;
// "Dezdan Valley", "Kabul area": a part of the named place.
const PART_SUFFIX = /\s+(?:valley|area|areas|region|outskirts|suburbs|countryside|surroundings)$/i;

/**
 * Preference among namesakes when the text does not say which kind it means: a city before the
 * province named after it (Kunduz), a province before a lesser district or town of its name (Balkh),
 * a district before the town at its centre (Darzab). Gaps exceed the exact-vs-sound gap below, so
 * the spelling a report happens to use does not flip the choice.
 */
const BARE_KIND_RANK: Record<PlaceKind, number> = {
  city: 24,
  country: 20,
  province: 16,
  district: 12,
  town: 6,
  village: 4,
  area: 2,
};

const MATCH_SCORE: Record<PlaceMatch, number> = { exact: 100, phonetic: 95, alias: 93 };
// A one- or two-consonant skeleton (Lal, Bak, Ghor) matches too much by sound alone.
const SHORT_KEY_PENALTY = 30;
const SAME_PROVINCE_BONUS = 50;
// The document names provinces and this candidate lies in none of them: possible, but less likely.
const OTHER_PROVINCE_PENALTY = 10;
const DESCRIPTOR_BONUS = 40;
// A place in a country the report is about, over a namesake abroad.
const COUNTRY_BONUS = 30;

/** An incident's place from a gazetteer entry, at the precision the reading gave it. */
export function placeFromEntry(e: GazetteerEntry, where_prec: ResolvedPlace['where_prec']): ResolvedPlace {
  return {
    name: e.name,
    gazetteer_id: e.id,
    lat: e.lat,
    lon: e.lon,
    admin1: e.admin1 ?? (e.kind === 'province' ? e.name : null),
    admin2: e.admin2 ?? (e.kind === 'district' ? e.name : null),
    country: e.country,
    where_prec,
    approximate: e.approximate,
  };
}

/** The UCDP precision an entry stands for when the text names it plainly. */
export function wherePrecisionOf(entry: GazetteerEntry): WherePrecision {
  switch (entry.kind) {
    case 'country':
      return 6;
    case 'province':
      return 4;
    case 'district':
      return 3;
    case 'area':
      return entry.admin2 !== null ? 2 : entry.admin1 !== null ? 4 : 5;
    default:
      return entry.approximate ? 2 : 1;
  }
}

function descriptorFits(descriptor: PlaceDescriptor | null, kind: PlaceKind): boolean | null {
  if (descriptor === null) return null;
  switch (descriptor) {
    case 'province':
      return kind === 'province';
    case 'district':
      return kind === 'district';
    case 'city':
      return kind === 'city' || kind === 'town';
    case 'village':
      return kind === 'village' || kind === 'town';
  }
}

function matchOf(entry: GazetteerEntry, folded: string, key: string): PlaceMatch {
  const names = [entry.name, ...entry.alt_names];
  if (names.some((n) => foldPlaceName(n) === folded)) return 'exact';
  return names.some((n) => placeKey(n) === key) ? 'phonetic' : 'alias';
}

/** Entries a mention can denote, before ranking: exact spellings, same key, and alias targets. */
export function lookupPlace(mention: string, gazetteer: Gazetteer): GazetteerEntry[] {
  const found = new Set<GazetteerEntry>(gazetteer.withFolded(foldPlaceName(mention)));
  const key = placeKey(mention);
  for (const e of gazetteer.withKey(key)) found.add(e);
  for (const target of aliasTargets(key)) for (const e of gazetteer.withKey(target)) found.add(e);
  return [...found];
}

/** Split a mention into the name and what the words around it say (near, part of, province). */
export function parseMention(mention: string): { name: string; near: boolean; part: boolean } {
  let name = mention.trim().replace(/['’]s$/, '');
  let near = false;
  let part = false;
  const prefix = NEAR_PREFIX.exec(name);
  if (prefix !== null) {
    near = true;
    name = name.slice(prefix[0].length);
  }
  const partPrefix = PART_PREFIX.exec(name);
  if (partPrefix !== null) {
    part = true;
    name = name.slice(partPrefix[0].length);
  }
  if (PART_SUFFIX.test(name)) {
    part = true;
    name = name.replace(PART_SUFFIX, '');
  }
  return { name, near, part };
}

/** Ranked candidates for a mention, best first; empty when nothing in the gazetteer matches. */
export function resolvePlace(mention: string, context: PlaceContext, gazetteer: Gazetteer): PlaceCandidate[] {
  const { name, near, part } = parseMention(mention);
  const folded = foldPlaceName(name);
  const key = placeKey(name);
  if (key === '') return [];
  const descriptor = descriptorOf(name) ?? context.kind ?? null;
  const provinceKeys = new Set<string>();
  for (const p of context.provinces ?? []) {
    const k = placeKey(p);
    provinceKeys.add(k);
    for (const t of aliasTargets(k)) provinceKeys.add(t);
  }

  const countries = context.countries ?? new Set<string>();
  const entries = context.entries ?? lookupPlace(name, gazetteer);
  const candidates = entries.map((entry): PlaceCandidate => {
    const match = matchOf(entry, folded, key);
    const reasons: string[] = [`${match} match on "${name}"`];
    let score = MATCH_SCORE[match];
    if (match !== 'exact' && keyConsonants(key) < 3) score -= SHORT_KEY_PENALTY;
    if (entry.admin1 !== null && provinceKeys.has(placeKey(entry.admin1))) {
      score += SAME_PROVINCE_BONUS;
      reasons.push(`in ${entry.admin1}, a province the document names`);
    } else if (provinceKeys.size > 0 && entry.kind !== 'country') {
      score -= OTHER_PROVINCE_PENALTY;
      reasons.push('outside every province the document names');
    }
    if (countries.size > 0 && entry.kind !== 'country') {
      if (countries.has(entry.country)) score += COUNTRY_BONUS;
      else {
        score -= COUNTRY_BONUS;
        reasons.push('outside every country the report is about');
      }
    }
    const fits = descriptorFits(descriptor, entry.kind);
    if (fits === true) {
      score += DESCRIPTOR_BONUS;
      reasons.push(`the text calls it a ${descriptor}`);
    } else if (fits === false) {
      score -= DESCRIPTOR_BONUS;
    }
    score += BARE_KIND_RANK[entry.kind];
    if (context.near !== undefined) {
      const km = distanceKm(context.near, entry);
      score += Math.max(0, 30 - km / 10);
      if (km < 100) reasons.push(`${Math.round(km)} km from the reference point`);
    }
    // Size breaks ties among namesakes: a town of 3,000 gets 4, a city of a million 7.
    if (entry.population !== undefined && entry.population > 0) score += Math.min(7, Math.log10(entry.population));
    let where = wherePrecisionOf(entry);
    // "near X" or "X valley" places the event around a point or inside a district, never exactly at it.
    if ((near || part) && where === 1) where = 2;
    if (part && entry.kind === 'district') where = 2;
    // "northern Afghanistan": a part of the country larger than a province.
    if ((near || part) && entry.kind === 'country') where = 5;
    return {
      entry,
      where_prec: where,
      precision: PRECISION_LABELS[where],
      match,
      score: Math.round(score * 100) / 100,
      reasons,
    };
  });
  return candidates.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1));
}
