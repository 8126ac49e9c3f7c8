/**
 * Find the places a report names and resolve each in the light of the rest of the report: the
 * countries it is about, the provinces it names, its main place, and what the words around each name
 * say (a facility, a city that speaks for its government, a person).
 */
import { distanceKm, type Gazetteer, type GazetteerEntry } from './gazetteer.js';
import { isWorldEntry } from './gazetteer-compact.js';
import { documentCountries, isFacility, isHeardPlace, isSourcePlace, looksLikePersonName } from './place-context.js';
import { foldPlaceName } from './place-names.js';
import { type PlaceMention, scanPlaceNames } from './place-scan.js';
import { type PlaceCandidate, PRECISION_LABELS, resolvePlace } from './resolve-place.js';

export { PLACE_STOPLIST, type PlaceMention } from './place-scan.js';

/** Abroad, or with no country in view, only a town this large is taken for itself. */
const LARGE_TOWN = 100_000;
const TOWN_WITHOUT_CONTEXT = 15_000;
/** A facility named after a town is in that town when the town is this near the report's main place. */
const FACILITY_RADIUS_KM = 50;
const LARGE_FACILITY_TOWN = 50_000;
/** Namesakes closer in size than this ratio, and not told apart by context, are a coin toss. */
const AMBIGUOUS_SIZE_RATIO = 10;
const AMBIGUOUS_SCORE_GAP = 10;

function isSettlement(e: GazetteerEntry): boolean {
  return e.kind === 'city' || e.kind === 'town' || e.kind === 'village';
}

/**
 * Whether an entry can be what the report means, given the countries it is about. A detailed national
 * gazetteer (no populations) is trusted as before; the world's towns need the country in view, or size.
 */
function plausible(e: GazetteerEntry, countries: ReadonlySet<string>, exact: boolean): boolean {
  // A world place matches by sound only in a country in view: "Maulvi" is a title, not Malawi.
  if (!exact && isWorldEntry(e) && !countries.has(e.country)) return false;
  if (countries.size === 0) {
    if (e.kind === 'area') return true;
    return e.population === undefined || e.population >= TOWN_WITHOUT_CONTEXT || e.kind === 'province';
  }
  if (e.kind === 'country' || countries.has(e.country)) return true;
  return isSettlement(e) && (e.population ?? 0) >= LARGE_TOWN;
}

/**
 * The name of a newspaper after a place's: "The New York Times", "the Kabul Times", "Kyiv Post"; or
 * what a place-named outlet is: "the Irrawaddy news outlet", "Yangon radio".
 */
const PUBLICATION_AFTER =
  /^[ \t]+(?:Times|Post|Herald|Tribune|Journal|Gazette|Independent|Observer|Telegraph|Chronicle|Daily|Standard|Examiner|Courier|media[ \t]+(?:outlet|site|website|agency|portal|service)|newspaper|news|radio|television|TV)\b/;

interface DocumentMentions {
  readonly mentions: PlaceMention[];
  readonly countries: Set<string>;
  /** Span starts of facility names and of places that speak: each decided once per report. */
  readonly facilities: ReadonlySet<number>;
  readonly sources: ReadonlySet<number>;
}

// A lower-case word as the text writes it: what /\b\p{Ll}[\p{Ll}'’-]*\b/gu finds, scanning from the start.
const LOWER_WORD = /\b\p{Ll}[\p{Ll}'’-]*\b/gu;
const LOWER_WORD_AT = new RegExp(LOWER_WORD.source, 'uy');
const IN_LOWER_WORD = /[\p{Ll}'’-]/u;

/**
 * Whether `word` is one of the text's lower-case words ("police" beside the capitalised "Police").
 * Gathering every word of every report was a tenth of place resolution, and most names' lower-case
 * forms never occur: each occurrence is read where it stands instead. A scan from the start finds a
 * word at an occurrence the character before cannot belong to (else that word would hold it); where
 * it could, the text's words are gathered as before.
 */
export function lowerWordIn(text: string, word: string): boolean {
  const asciiStart = isAsciiWordChar(word.charCodeAt(0));
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : -1;
    // Inside an ASCII word ("regional" holds "al"): no word boundary there, so no word starts there.
    if (asciiStart && isAsciiWordChar(before)) continue;
    // A low surrogate may end a lower-case letter outside the BMP: decided the long way, as where the
    // character before could belong to the word that holds this one ("al-", "d’", "é").
    if (before >= 0 && ((before >= 0xdc00 && before <= 0xdfff) || IN_LOWER_WORD.test(text[at - 1] as string)))
      return lowerWordsOf(text).has(word);
    LOWER_WORD_AT.lastIndex = at;
    if (LOWER_WORD_AT.exec(text)?.[0] === word) return true;
  }
  return false;
}

// A report asks for several names: its words are gathered once, for the last text asked about.
let gatheredText: string | null = null;
let gathered: ReadonlySet<string> = new Set();

function lowerWordsOf(text: string): ReadonlySet<string> {
  if (text !== gatheredText) {
    gathered = new Set(text.match(LOWER_WORD));
    gatheredText = text;
  }
  return gathered;
}

/** What \b takes for a word character, with or without the u flag: [A-Za-z0-9_]. */
function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** Whether a span of the text is part of another kind of name (a party's: "Boko Haram"). */
export type InsideName = (start: number, end: number) => boolean;

function documentMentions(text: string, gazetteer: Gazetteer, insideName?: InsideName): DocumentMentions {
  const scanned = scanPlaceNames(text, gazetteer);
  // Mentions come sorted and apart: the last starting at or before the offset is the only one that can hold it.
  const isPlaceAt = (offset: number) => {
    let lo = 0;
    let hi = scanned.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = (scanned[mid] as PlaceMention).span;
      if (offset < span.start) hi = mid - 1;
      else if (offset >= span.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  // Whether the text writes a name's word in lower case, asked once per word: a long report repeats its
  // names, and each asking scans the text.
  const lowerWords = new Map<string, boolean>();
  const inLowerCase = (word: string) => {
    let found = lowerWords.get(word);
    if (found === undefined) {
      found = lowerWordIn(text, word);
      lowerWords.set(word, found);
    }
    return found;
  };
  // Words and people first, so that "Nasir" the man does not put a report in South Sudan.
  const raw = scanned.filter((m) => {
    // "The New York Times", "the Kyiv Independent": a paper's name says where it is printed, if anything.
    if (PUBLICATION_AFTER.test(text.slice(m.span.end, m.span.end + 24))) return false;
    // "Boko Haram": a party's name holds no town of the report. A country in one ("Myanmar National
    // Democratic Alliance Army") still says where the report is.
    if (insideName && !m.entries.some((e) => e.kind === 'country') && insideName(m.span.start, m.span.end))
      return false;
    if (m.descriptor !== null) return true;
    // "police" written in lower case elsewhere: the capitalised "Police" is the word, not the Polish town.
    const word = !/\s/.test(m.span.text) && inLowerCase(m.span.text.toLowerCase());
    if (word && m.entries.every(isSettlement)) return false;
    return !looksLikePersonName(text, m, isPlaceAt);
  });
  const facilities = new Set(raw.filter((m) => isFacility(text, m)).map((m) => m.span.start));
  const sources = new Set(raw.filter((m) => isSourcePlace(text, m)).map((m) => m.span.start));
  const countries = documentCountries(text, raw, (m) => facilities.has(m.span.start));
  const mentions: PlaceMention[] = [];
  for (const m of raw) {
    const entries = m.entries.filter((e) => plausible(e, countries, m.exact));
    if (entries.length > 0) mentions.push(entries.length === m.entries.length ? m : { ...m, entries });
  }
  return { mentions, countries, facilities, sources };
}

/** Gazetteer names in the text with their spans, left to right, each keeping the readings the report allows. */
export function findPlaceMentions(text: string, gazetteer: Gazetteer): PlaceMention[] {
  return documentMentions(text, gazetteer).mentions;
}

export interface ResolvedPlaceMention extends PlaceMention {
  /** Ranked best first; the first is the resolution. Empty when no reading is safe. */
  readonly candidates: readonly PlaceCandidate[];
  /** "source": where words came from ("Kyiv said", "officials in Baghdad"), not where anything happened. */
  readonly role: 'event' | 'source';
  /** Where a sentence's sources spoke (", officials in Kandahar said"): its place only when it names no other. */
  readonly heard: boolean;
  /** The name of a building or site ("Mirwais Hospital", "Camp Bastion"): at most near the town it names. */
  readonly facility: boolean;
}

/**
 * Provinces a document names or implies: a province mention, or any mention whose every reading lies
 * in one province (Balkhab can only be in Sar-e Pol). Ambiguous mentions add nothing.
 */
export function documentProvinces(mentions: readonly PlaceMention[]): string[] {
  const provinces = new Set<string>();
  for (const m of mentions) {
    const admin1 = new Set(m.entries.map((e) => e.admin1).filter((a): a is string => a !== null));
    if (admin1.size === 1) provinces.add([...admin1][0] as string);
  }
  return [...provinces];
}

/** The report's main point: the unambiguous town or district it names most. */
function mainPoint(mentions: readonly PlaceMention[], aside: (m: PlaceMention) => boolean): GazetteerEntry | null {
  const counts = new Map<GazetteerEntry, number>();
  for (const m of mentions) {
    const [only] = m.entries;
    if (m.entries.length !== 1 || only === undefined || aside(m)) continue;
    if (!isSettlement(only) && only.kind !== 'district') continue;
    counts.set(only, (counts.get(only) ?? 0) + 1);
  }
  let best: GazetteerEntry | null = null;
  for (const [e, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = e;
  return best;
}

function provinceOf(e: GazetteerEntry, gazetteer: Gazetteer): GazetteerEntry | undefined {
  if (e.admin1 === null) return undefined;
  return gazetteer
    .withFolded(foldPlaceName(e.admin1))
    .find((p) => p.kind === 'province' && p.country === e.country && p.admin1 === e.admin1);
}

/**
 * A name whose best readings are towns of like size in different places, with nothing in the report to
 * tell them apart, is placed no finer than what they share (their province), or not at all: never a
 * guessed town.
 */
function settleAmbiguity(
  cands: readonly PlaceCandidate[],
  gazetteer: Gazetteer,
  neighbours: () => readonly GazetteerEntry[],
): readonly PlaceCandidate[] {
  const [best, next] = cands;
  if (best === undefined || next === undefined) return cands;
  if (!isSettlement(best.entry) || !isSettlement(next.entry)) return cands;
  if (best.score - next.score >= AMBIGUOUS_SCORE_GAP) return cands;
  if (distanceKm(best.entry, next.entry) < 25) return cands;
  const [a, b] = [best.entry.population, next.entry.population];
  if (a !== undefined && b !== undefined && a >= AMBIGUOUS_SIZE_RATIO * b) return cands;
  if (a === undefined && b === undefined && best.score > next.score) return cands;
  // The namesake among the other places the report names: a Pokrovsk beside Kherson and Mykolaiv is
  // the one in Donetsk, not the one in Yakutia.
  const others = neighbours();
  const [near, far] = [nearest(best.entry, others), nearest(next.entry, others)];
  if (near <= NEIGHBOUR_KM && near * NEIGHBOUR_RATIO < far) return cands;
  if (far <= NEIGHBOUR_KM && far * NEIGHBOUR_RATIO < near) {
    const reason = `nearer the other places the report names than ${best.entry.name}, ${best.entry.admin1 ?? best.entry.country}`;
    return [{ ...next, reasons: [...next.reasons, reason] }, best, ...cands.slice(2)];
  }
  const province = best.entry.admin1 === next.entry.admin1 ? provinceOf(best.entry, gazetteer) : undefined;
  if (province === undefined) return [];
  return [
    {
      entry: province,
      where_prec: 4,
      precision: PRECISION_LABELS[4],
      match: best.match,
      score: best.score,
      reasons: [...best.reasons, `namesakes in ${province.name} cannot be told apart: placed at the province`],
    },
  ];
}

/**
 * A facility named after a town is in that town only when the town fits the rest of the report (its
 * province, or near its main place); then it is near the town (where_prec 2). Otherwise it is named
 * after someone or something else, and says nothing about where it is.
 */
function placeFacility(
  cands: readonly PlaceCandidate[],
  provinces: readonly string[],
  main: GazetteerEntry | null,
): readonly PlaceCandidate[] {
  const best = cands[0];
  if (best === undefined) return cands;
  const e = best.entry;
  // "Kandahar prison", "Mosul University": a city or a division lends its name to what is in it.
  const named = best.match === 'exact' && (e.kind === 'city' || e.kind === 'province' || e.kind === 'district');
  const large = (e.population ?? 0) >= LARGE_FACILITY_TOWN;
  // A lesser namesake only where the report is: "Ahmadabad school in Kunduz" is no Ahmadabad of Paktia.
  const inView = e.kind === 'province' || provinces.length === 0 || (e.admin1 !== null && provinces.includes(e.admin1));
  const fits =
    large ||
    (named && inView) ||
    (e.admin1 !== null && provinces.includes(e.admin1) && (main === null || main.admin1 === e.admin1)) ||
    (main !== null && distanceKm(main, e) <= FACILITY_RADIUS_KM);
  if (!fits) return [];
  const where = best.where_prec === 1 ? 2 : best.where_prec;
  return [
    {
      ...best,
      where_prec: where,
      precision: PRECISION_LABELS[where],
      reasons: [...best.reasons, 'a facility named after the place'],
    },
  ];
}

/**
 * "Al Dhale province" that the gazetteer knows only as a town by that name: the province the town is
 * in (where_prec 4), not the town.
 */
function asProvince(cands: readonly PlaceCandidate[], gazetteer: Gazetteer): readonly PlaceCandidate[] {
  const best = cands[0];
  if (best === undefined || best.entry.kind === 'province' || !isSettlement(best.entry)) return cands;
  const province = provinceOf(best.entry, gazetteer);
  if (province === undefined) return cands;
  return [
    {
      ...best,
      entry: province,
      where_prec: 4,
      precision: PRECISION_LABELS[4],
      reasons: [...best.reasons, `the text names a province: ${province.name}, where ${best.entry.name} is`],
    },
  ];
}

/** A namesake this close to another place the report names, and this many times closer than the other, is the one meant. */
const NEIGHBOUR_KM = 400;
const NEIGHBOUR_RATIO = 4;

/** The distance from an entry to the nearest of others (Infinity for none). */
function nearest(entry: GazetteerEntry, others: readonly GazetteerEntry[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const o of others) if (o !== entry) best = Math.min(best, distanceKm(entry, o));
  return best;
}

/**
 * A country's name is the country, not a town that shares it: "Colombia" is no town in Huila and
 * "Mexico" no Mexico City, unless the text says "the town of".
 */
function asCountry(cands: readonly PlaceCandidate[]): readonly PlaceCandidate[] {
  const country = cands.filter((c) => c.entry.kind === 'country');
  return country.length > 0 ? country : cands;
}

/** Find and resolve every place in a document, each ranked in the light of the others. */
export function resolveDocumentPlaces(
  text: string,
  gazetteer: Gazetteer,
  insideName?: InsideName,
): ResolvedPlaceMention[] {
  const { mentions, countries, facilities, sources } = documentMentions(text, gazetteer, insideName);
  const provinces = documentProvinces(mentions.filter((m) => !facilities.has(m.span.start)));
  const main = mainPoint(mentions, (m) => facilities.has(m.span.start) || sources.has(m.span.start));
  // The readings of the report's other names, for telling namesakes apart: gathered once, when first
  // asked for, each entry once with the names that read it (a long report repeats its names), and
  // kept per name asked about.
  let readings: Map<GazetteerEntry, Set<string>> | null = null;
  const asked = new Map<string, GazetteerEntry[]>();
  const neighboursOf = (m: PlaceMention): GazetteerEntry[] => {
    const own = m.span.text.toLowerCase();
    const known = asked.get(own);
    if (known) return known;
    if (readings === null) {
      readings = new Map();
      for (const n of mentions) {
        for (const e of n.entries) {
          if (e.kind === 'country') continue;
          const names = readings.get(e) ?? new Set<string>();
          names.add(n.span.text.toLowerCase());
          readings.set(e, names);
        }
      }
    }
    const others = [...readings].filter(([, names]) => names.size > 1 || !names.has(own)).map(([e]) => e);
    asked.set(own, others);
    return others;
  };
  return mentions.map((m) => {
    const facility = facilities.has(m.span.start);
    const ranked = resolvePlace(
      `${m.qualifier ?? ''}${m.span.text}`,
      {
        provinces,
        countries,
        entries: m.entries,
        ...(main === null ? {} : { near: main }),
        ...(m.descriptor === null ? {} : { kind: m.descriptor }),
      },
      gazetteer,
    );
    const candidates = facility
      ? placeFacility(ranked, provinces, main)
      : m.descriptor === 'province'
        ? asProvince(ranked, gazetteer)
        : m.descriptor === null && m.exact && m.entries.some((e) => e.kind === 'country')
          ? asCountry(ranked)
          : settleAmbiguity(ranked, gazetteer, () => neighboursOf(m));
    const role = sources.has(m.span.start) ? 'source' : 'event';
    return { ...m, candidates, facility, role, heard: isHeardPlace(text, m) };
  });
}
