import { z } from 'zod';
import { PLACE_ALIASES, phoneticKey, placeKey, placeWords } from './place-names.js';

export const PLACE_KINDS = ['country', 'province', 'district', 'city', 'town', 'village', 'area'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

/**
 * How a position was obtained: an observed point; the mean of the unit's own towns; the mean of its parts
 * (a province from its districts); or, for a district with no town of its own, its province's towns.
 */
export const POSITION_BASES = ['point', 'towns', 'parts', 'province-towns'] as const;

/** One place. admin1/admin2 are names (not codes) so a coder can read them; country is ISO 3166-1 alpha-2. */
export const GazetteerEntry = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  alt_names: z.array(z.string()),
  kind: PlaceKind,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** True when lat/lon stand for an area (a district or province) or were derived, not observed. */
  approximate: z.boolean(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  country: z.string().length(2),
  population: z.number().int().nonnegative().optional(),
  position_basis: z.enum(POSITION_BASES).optional(),
  source: z.string().min(1),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

/** The shipped file: entries plus the attribution the data's licence requires. */
export const GazetteerFile = z.object({
  attribution: z.string(),
  license: z.string(),
  generated_by: z.string(),
  entries: z.array(GazetteerEntry),
});
export type GazetteerFile = z.infer<typeof GazetteerFile>;

/** An indexed gazetteer: entries by id, by matching key and by exact folded spelling. */
export interface Gazetteer {
  readonly entries: readonly GazetteerEntry[];
  readonly byId: ReadonlyMap<string, GazetteerEntry>;
  /** Entries with a name or alternate name of this placeKey (or an alias's key that points at them); none: []. */
  withKey(key: string): readonly GazetteerEntry[];
  /** Entries with a name or alternate name of this foldPlaceName; an exact-spelling hit outranks a key hit. */
  withFolded(folded: string): readonly GazetteerEntry[];
  /** Longest name in words, so a mention scanner knows how wide a window to try. */
  readonly maxWords: number;
  /**
   * First word of every folded name -> the most words a name starting with it has, so the scanner
   * tries only windows that can match exactly (one pass over a document's tokens, no wide windows).
   */
  readonly firstWords: ReadonlyMap<string, number>;
  /** Folded names of regions that reports write in lower case ("the central highlands"). */
  readonly lowercaseNames: ReadonlySet<string>;
}

/**
 * Most keys name one place: a key holds its entry itself, and a list only when it names several
 * (the shipped index took 23 MB instead of 34 MB with a list for every key).
 */
export type Hits = GazetteerEntry | GazetteerEntry[];

function addTo(map: Map<string, Hits>, key: string, entry: GazetteerEntry): void {
  if (key === '') return;
  const hits = map.get(key);
  if (hits === undefined) map.set(key, entry);
  else if (!Array.isArray(hits)) {
    if (hits !== entry) map.set(key, [hits, entry]);
  } else if (hits[hits.length - 1] !== entry) {
    // An entry's names are added one after another, so a repeat is the last one: a common key holds
    // thousands of towns, and searching the whole list made loading the world quadratic.
    hits.push(entry);
  }
}

const NONE: readonly GazetteerEntry[] = [];

function hitsOf(map: ReadonlyMap<string, Hits>, key: string): readonly GazetteerEntry[] {
  return hitList(map.get(key));
}

/**
 * The lookup tables of a gazetteer, as maps: what createGazetteer answers from, and what
 * compileGazetteer (gazetteer-index.ts) writes to disk so a process can skip building them.
 */
export interface GazetteerTables {
  readonly byKey: ReadonlyMap<string, Hits>;
  readonly byFolded: ReadonlyMap<string, Hits>;
  readonly firstWords: ReadonlyMap<string, number>;
  readonly lowercaseNames: ReadonlySet<string>;
  /** Longest name in words (createGazetteer adds one for a trailing "district"). */
  readonly longestName: number;
}

/** Build the lookup tables. Pure: the same entries always give the same tables, in the same order. */
export function gazetteerTables(entries: readonly GazetteerEntry[]): GazetteerTables {
  const byKey = new Map<string, Hits>();
  const byFolded = new Map<string, Hits>();
  const firstWords = new Map<string, number>();
  const lowercaseNames = new Set<string>();
  let maxWords = 1;
  for (const entry of entries) {
    for (let n = -1; n < entry.alt_names.length; n++) {
      const words = placeWords(n < 0 ? entry.name : (entry.alt_names[n] as string));
      const folded = words.join(' ');
      addTo(byKey, phoneticKey(words), entry);
      addTo(byFolded, folded, entry);
      maxWords = Math.max(maxWords, words.length);
      const first = words[0];
      if (first !== undefined) firstWords.set(first, Math.max(firstWords.get(first) ?? 0, words.length));
      if (entry.kind === 'area' && entry.admin1 === null && words.length > 1) lowercaseNames.add(folded);
    }
  }
  // An alias is a key of its own: "Mazar" finds whatever "Mazar-e Sharif" finds.
  for (const [alias, targets] of PLACE_ALIASES) {
    const aliasKey = placeKey(alias);
    for (const target of targets) {
      for (const entry of hitsOf(byKey, placeKey(target))) {
        if (!hitsOf(byKey, aliasKey).includes(entry)) addTo(byKey, aliasKey, entry);
      }
    }
  }
  return { byKey, byFolded, firstWords, lowercaseNames, longestName: maxWords };
}

/** The entries a table holds under a key, as a list. */
export function hitList(hits: Hits | undefined): readonly GazetteerEntry[] {
  return hits === undefined ? NONE : Array.isArray(hits) ? hits : [hits];
}

/** Index entries for lookup. Pure: the same entries always give the same index. */
export function createGazetteer(entries: readonly GazetteerEntry[]): Gazetteer {
  const tables = gazetteerTables(entries);
  const byId = new Map<string, GazetteerEntry>();
  for (const entry of entries) byId.set(entry.id, entry);
  return {
    entries,
    byId,
    withKey: (key) => hitsOf(tables.byKey, key),
    withFolded: (folded) => hitsOf(tables.byFolded, folded),
    // One word wider than the longest name, for a trailing "district" or "province".
    maxWords: tables.longestName + 1,
    firstWords: tables.firstWords,
    lowercaseNames: tables.lowercaseNames,
  };
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
