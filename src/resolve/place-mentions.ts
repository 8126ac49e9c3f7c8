/**
 * Find gazetteer names in a text, then resolve each with the rest of the document as context.
 *
 * The scanner keys windows of 1..n word tokens and looks them up in the gazetteer's maps, longest first,
 * so "Dara-i Sufi Bala District" wins over "Dara-i Sufi". Capitalisation is required because many
 * Afghan place names are also English or personal words (March, Lash, Lal); a stoplist catches the
 * capitalised ones unless a descriptor ("Lal village") makes the meaning plain.
 */
import type { Span } from '../core/figure.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import {
  aliasTargets,
  descriptorOf,
  foldPlaceName,
  keyConsonants,
  nameWords,
  PLACE_DESCRIPTORS,
  type PlaceDescriptor,
  placeKey,
} from './place-names.js';
import { type PlaceCandidate, resolvePlace } from './resolve-place.js';
import { adjacent, isCapitalised, type Token, wordTokens } from './tokens.js';

/**
 * Gazetteer names that are mostly something else in English-language reports: English words
 * (March, Washer, Titan), personal or tribal names (Lal, Kakar, Shinwari), foreign namesakes
 * (Mashhad in Iran, Panjab in Pakistan). They still match with a descriptor: "Kakar district".
 */
export const PLACE_STOPLIST = new Set([
  'afghan',
  'march',
  'may',
  'now',
  'washer',
  'titan',
  'argo',
  'lash',
  'giro',
  'tani',
  'kai',
  'lal',
  'kang',
  'bati',
  'chal',
  'dehi',
  'daman',
  'nili',
  'miran',
  'maruf',
  'qalandar',
  'kakar',
  'shinwari',
  'gurbuz',
  'dzadran',
  'andar',
  'mashhad',
  'panjab',
  'registan',
  'banu',
  'ramak',
  'wama',
]);

/**
 * Words of English-language reports that are never part of an Afghan place name but, run together with
 * a neighbour, can sound like one ("Shia Iran" has the skeleton of Sharan). Only sound-alike matches
 * are blocked: an exact spelling still matches.
 */
const NOT_PLACE_WORDS = new Set([
  'shia',
  'sunni',
  'hazara',
  'hazaras',
  'uzbek',
  'uzbeks',
  'tajik',
  'tajiks',
  'pashtun',
  'pashtuns',
  'taliban',
  'islamic',
  'afghan',
  'afghans',
  'iran',
  'pakistan',
]);

// A skeleton of one or two consonants (Lal "ll", Bak "bk", Ayubi "AbA") matches by sound far too often.
const MIN_FUZZY_CONSONANTS = 3;

// "the town of Kohsan", "the district of Balkh": the words before a name say what it is; but in
// "Balkhab district of Sar-e-Pul" the name after "district of" is the province.
const PREFIX_DESCRIPTORS: ReadonlyArray<readonly [RegExp, PlaceDescriptor]> = [
  [/\p{Lu}[\p{L}\p{M}'’-]*\s+districts?\s+of\s+$/u, 'province'],
  [/\bdistricts?\s+of\s+$/i, 'district'],
  [/\bprovinces? of\s+$/i, 'province'],
  [/\b(?:town|city|capital) of\s+$/i, 'city'],
  [/\bvillages? of\s+$/i, 'village'],
];
const QUALIFIER_BEFORE =
  /(?:\b(?:near(?:by)?|outside(?: of)?|around|close to|(?:the )?(?:outskirts|edge|vicinity) of)|\b(?:(?:north|south|east|west)(?:-?(?:east|west))?ern|central|rural))\s+(?:the\s+)?$/i;

export interface PlaceMention {
  readonly span: Span;
  /** Words before the name that make it approximate: "near ", "the outskirts of ", "northern ". */
  readonly qualifier: string | null;
  /** "province", "district", "city" or "village" when the text says so ("Balkhab district"). */
  readonly descriptor: PlaceDescriptor | null;
  /** Every entry the words can denote, unranked. */
  readonly entries: readonly GazetteerEntry[];
}

function lookupWindow(words: string, gazetteer: Gazetteer): GazetteerEntry[] {
  const folded = foldPlaceName(words);
  const hasDescriptor = descriptorOf(words) !== null;
  if (!hasDescriptor && PLACE_STOPLIST.has(folded)) return [];
  const exact = gazetteer.byFolded.get(folded);
  if (exact !== undefined) return [...exact];
  const key = placeKey(words);
  if (keyConsonants(key) < MIN_FUZZY_CONSONANTS) return [];
  // By sound only when every word looks like part of a name: "Now we" is not Nawah.
  const significant = words.split(/[\s\-‐‑–]+/).filter((w) => {
    const folded = nameWords(w).join('');
    return folded !== '' && !PLACE_DESCRIPTORS.has(folded) && !['e', 'i', 'ye', 'yi', 'wa', 'o'].includes(folded);
  });
  if (significant.some((w) => !/^\p{Lu}/u.test(w) || NOT_PLACE_WORDS.has(nameWords(w).join('')))) return [];
  const found = new Set(gazetteer.byKey.get(key) ?? []);
  for (const t of aliasTargets(key)) for (const e of gazetteer.byKey.get(t) ?? []) found.add(e);
  return [...found];
}

function isDescriptorWord(token: Token): boolean {
  return PLACE_DESCRIPTORS.has(token.text.toLowerCase()) || token.text.toLowerCase() === 'the';
}

/** Gazetteer names in the text with their spans, left to right, longest match at each position. */
export function findPlaceMentions(text: string, gazetteer: Gazetteer): PlaceMention[] {
  const tokens = wordTokens(text);
  const mentions: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    let found: PlaceMention | null = null;
    let width = 0;
    if (isCapitalised(first.text) && !isDescriptorWord(first)) {
      let last = i;
      while (last + 1 < tokens.length && last - i + 1 < gazetteer.maxWords) {
        if (!adjacent(text, tokens[last] as Token, tokens[last + 1] as Token)) break;
        last += 1;
      }
      for (let j = last; j >= i && found === null; j--) {
        const end = tokens[j] as Token;
        const words = text.slice(first.start, end.end);
        const entries = lookupWindow(words, gazetteer);
        if (entries.length === 0) continue;
        // A short name followed by another capitalised word is usually a person: "Lal Mohammad".
        const next = tokens[j + 1];
        if (
          j === i &&
          keyConsonants(placeKey(words)) < MIN_FUZZY_CONSONANTS &&
          next !== undefined &&
          adjacent(text, end, next) &&
          isCapitalised(next.text) &&
          !isDescriptorWord(next)
        ) {
          continue;
        }
        const before = text.slice(Math.max(0, first.start - 30), first.start);
        found = {
          span: { start: first.start, end: end.end, text: words },
          qualifier: QUALIFIER_BEFORE.exec(before)?.[0] ?? null,
          descriptor: descriptorOf(words) ?? PREFIX_DESCRIPTORS.find(([re]) => re.test(before))?.[1] ?? null,
          entries,
        };
        width = j - i + 1;
      }
    }
    if (found !== null) {
      mentions.push(found);
      i += width;
    } else {
      i += 1;
    }
  }
  return inheritDescriptors(text, mentions);
}

/**
 * Share what the text says about one place with its neighbours: in "Jowzjan and Faryab provinces" and
 * "the provinces of Jowzjan, Sar-i Pol and Faryab" every name is a province; in "Balkhab, Sar-e Pol",
 * the second name is the province that contains the first.
 */
function inheritDescriptors(text: string, mentions: PlaceMention[]): PlaceMention[] {
  // Only pass a descriptor to a name that has a reading of that kind: "..., Sar-e Pol province, Afghanistan".
  const fits = (m: PlaceMention, d: PlaceDescriptor) =>
    m.entries.some((e) => (d === 'city' ? e.kind === 'city' || e.kind === 'town' : e.kind === d));
  const out = [...mentions];
  const listGap = (a: PlaceMention, b: PlaceMention) =>
    /^\s*(?:,|,?\s*(?:and|or))\s*$/.test(text.slice(a.span.end, b.span.start));
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i + 1 < out.length; i++) {
      const a = out[i] as PlaceMention;
      const b = out[i + 1] as PlaceMention;
      if (!listGap(a, b)) continue;
      if (a.descriptor !== null && b.descriptor === null && fits(b, a.descriptor))
        out[i + 1] = { ...b, descriptor: a.descriptor };
      else if (b.descriptor !== null && a.descriptor === null && fits(a, b.descriptor))
        out[i] = { ...a, descriptor: b.descriptor };
      else if (
        a.descriptor === null &&
        b.descriptor === null &&
        /^\s*,\s*$/.test(text.slice(a.span.end, b.span.start))
      ) {
        const contains = b.entries.some(
          (p) => p.kind === 'province' && a.entries.some((e) => e.kind !== 'province' && e.admin1 === p.admin1),
        );
        if (contains) out[i + 1] = { ...b, descriptor: 'province' };
      }
    }
  }
  return out;
}

export interface ResolvedPlaceMention extends PlaceMention {
  /** Ranked best first; the first is the resolution. */
  readonly candidates: readonly PlaceCandidate[];
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

/** Find and resolve every place in a document, each ranked in the light of the others. */
export function resolveDocumentPlaces(text: string, gazetteer: Gazetteer): ResolvedPlaceMention[] {
  const mentions = findPlaceMentions(text, gazetteer);
  const provinces = documentProvinces(mentions);
  return mentions.map((m) => ({
    ...m,
    candidates: resolvePlace(
      `${m.qualifier ?? ''}${m.span.text}`,
      { provinces, ...(m.descriptor === null ? {} : { kind: m.descriptor }) },
      gazetteer,
    ),
  }));
}
