/**
 * Transliteration-insensitive keys for place names.
 *
 * Dari and Pashto names reach English text through many romanisations (Sar-e Pol, Sar-i Pul, Sari-Pul;
 * Sheberghan, Shibirghan). Short vowels, the izafe particle (-e-, -i-, -ye-) and ay/ai/ey spellings are
 * what vary most; consonants mostly hold. So the key is a consonant skeleton: diacritics folded,
 * digraphs kept as one symbol, vowels dropped except that a leading or trailing vowel leaves a marker
 * (so Bagram and Bagrami stay apart). Irregular short forms (Mazar) go through an explicit alias list.
 */

import { remembered } from './remembered.js';

const EXTRA_LETTERS: Record<string, string> = {
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
};

const ASCII = /^[\x20-\x7e]*$/;

/** Strip accents and transliteration marks (ā, ḩ, ṯ, z̄, s̲h̲) so only base letters remain. */
export function foldDiacritics(text: string): string {
  // Most names are plain ASCII already; normalising them is the costliest step of loading the world.
  if (ASCII.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıøæœßłđðþ]/g, (c) => EXTRA_LETTERS[c] ?? c);
}

// Ayn, hamza and quote marks carry no consonant an English reader would write.
const APOSTROPHES = /['’‘ʿʾʻʼ`´]/g;

/** Izafe particles and "and": "Sar-e Pol", "Darah-ye Suf", "Mazar-i-Sharif", "Tala wa Barfak". */
const PARTICLES = new Set(['e', 'i', 'ye', 'yi', 'y', 'o', 'wa', 'va']);

/** Words that say what kind of place a name is, not which place. Stripped at either end of a name. */
export const PLACE_DESCRIPTORS = new Set([
  'province',
  'provinces',
  'district',
  'districts',
  'city',
  'town',
  'village',
  'wilayat',
  'welayat',
  'woluswali',
  'wuluswali',
  'wuleswali',
  'uluswali',
  'alaqadari',
  'alaqahdari',
  'governorate',
  'oblast',
  'state',
  'region',
  'raion',
  'rayon',
  'township',
  'locality',
  // "the Idlib countryside", "the countryside of Aleppo": the province around the city of the name.
  'countryside',
]);

/** Lowercase words of a name with diacritics, apostrophes and punctuation gone. */
export function nameWords(name: string): string[] {
  return foldDiacritics(name)
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * Arabic's article, as GeoNames and reports variously keep or drop it: Al Fallujah = Fallujah,
 * Ar Raqqah = Raqqa, El Fasher = Fasher.
 */
const ARTICLES = new Set(['al', 'el', 'ar', 'as', 'ad', 'an', 'ash', 'az', 'at', 'ath', 'adh', 'ed', 'er', 'es', 'en']);

/** The words that identify the place: leading "the"/"city of"/article, trailing "district" and izafe removed. */
export function placeWords(name: string): string[] {
  return placeWordsOf(nameWords(name));
}

/** placeWords over words already folded by nameWords (the mention scanner folds each token once). */
export function placeWordsOf(words: readonly string[]): string[] {
  let start = 0;
  let end = words.length;
  if (words[start] === 'the') start += 1;
  // "city of Kabul", "province of Balkh"
  if (end - start > 2 && PLACE_DESCRIPTORS.has(words[start] ?? '') && words[start + 1] === 'of') start += 2;
  while (end - start > 1 && PLACE_DESCRIPTORS.has(words[end - 1] ?? '')) end -= 1;
  while (end - start > 1 && PLACE_DESCRIPTORS.has(words[start] ?? '')) start += 1;
  if (end - start > 1 && ARTICLES.has(words[start] ?? '')) start += 1;
  const kept = words.slice(start, end);
  return kept.length === 1 ? kept : kept.filter((w) => !PARTICLES.has(w));
}

/** Spelling kept, only case/diacritics/punctuation/descriptors folded: "sar e pol" vs "sar i pul" differ. */
export const foldPlaceName: (name: string) => string = remembered((name) => placeWords(name).join(' '));

// y and w have already become 'a' or a consonant symbol by the time vowels are dropped.
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

const DIGRAPHS = /khw|kh|gh|sh|ch|zh|dh|ph|ck|q|v|x/g;
const DIGRAPH_LETTERS = /[hkqvx]/;
const DIGRAPH_SYMBOLS: Record<string, string> = {
  khw: 'X',
  kh: 'X',
  gh: 'G',
  sh: 'S',
  ch: 'C',
  zh: 'Z',
  // Arabic's emphatic d: Al Dhale = Aḑ Ḑāli‘
  dh: 'd',
  ph: 'f',
  ck: 'k',
  q: 'k',
  v: 'w',
  x: 'ks',
};

/** One word to symbols: digraphs become single capitals, y/w that act as vowels become vowels. */
function wordSymbols(word: string): string {
  let w = word;
  // silent final he: Tepah = Tepa, Qal'ah = Qala
  if (w.length > 2 && w.endsWith('h') && VOWELS.has(w[w.length - 2] as string)) w = w.slice(0, -1);
  if (w.startsWith('ts')) w = `ch${w.slice(2)}`; // Pashto ts: Tsamkani = Chamkani
  // One pass, longest spelling first: Khwaja = Khaja = Khoja. Every digraph has one of these letters,
  // and most words none: the test spares loading the world a replace per word.
  if (DIGRAPH_LETTERS.test(w)) w = w.replace(DIGRAPHS, (d) => DIGRAPH_SYMBOLS[d] ?? d);
  // Only y and w change below; most words have neither.
  if (!w.includes('y') && !w.includes('w')) return w;
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i] as string;
    const next = w[i + 1];
    const prev = w[i - 1];
    if (c === 'y') {
      // initial y is a consonant (Yakawlang); elsewhere it spells a vowel (Daykundi, Bamyan, Paktiya)
      out += i === 0 ? 'Y' : 'a';
    } else if (c === 'w') {
      // aw/ow before a consonant is a diphthong (Jowzjan = Jozjan, Kowt = Kot); between vowels a consonant
      const afterVowel = prev !== undefined && 'aeiou'.includes(prev);
      const beforeVowel = next !== undefined && 'aeiouy'.includes(next);
      out += afterVowel && !beforeVowel ? 'a' : 'W';
    } else {
      out += c;
    }
  }
  return out;
}

const N = 110;
const G = 103;

function isVowelCode(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/**
 * The phonetic key of a name (no descriptor stripping): "Sar-e Pol" and "Sari-Pul" give "srpl".
 * Empty when the name has no letters.
 *
 * The word symbols joined, then in one pass: "ng" before anything but a vowel becomes "n" (nasal
 * assimilation across a join: Sang-e Charak = Sancharak), a run of one symbol counts once, and
 * vowels go, a leading or trailing one leaving "A".
 */
export function phoneticKey(words: readonly string[]): string {
  let joined = '';
  for (const w of words) joined += wordSymbols(w);
  const n = joined.length;
  let key = '';
  let previous = -1;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const c = joined.charCodeAt(i);
    // The g of such an "ng" is dropped; the n stays.
    if (c === N && i + 2 < n && joined.charCodeAt(i + 1) === G && !isVowelCode(joined.charCodeAt(i + 2))) i += 1;
    if (c === previous) continue;
    previous = c;
    kept += 1;
    if (!isVowelCode(c)) key += String.fromCharCode(c);
    else if (kept === 1) key = 'A';
  }
  if (kept > 1 && isVowelCode(previous)) key += 'A';
  return key;
}

/** The matching key of a place name: descriptors and izafe stripped, then the phonetic key. */
export const placeKey: (name: string) => string = remembered((name) => phoneticKey(placeWords(name)));

/**
 * phoneticKey of words joined by single spaces, remembered: a text's windows ask for the same few
 * names over and over.
 */
export const phoneticKeyOfJoined: (joined: string) => string = remembered((joined) =>
  phoneticKey(joined === '' ? [] : joined.split(' ')),
);

/**
 * Forms the skeleton cannot reach: short forms, old names and swapped consonants. Each alias lists
 * the spellings it stands for; any gazetteer entry with one of those keys is also found by the alias.
 */
export const PLACE_ALIASES: ReadonlyArray<readonly [alias: string, targets: readonly string[]]> = [
  ['Mazar', ['Mazar-e Sharif']],
  ['Baghdis', ['Badghis']],
  ['Tashqurghan', ['Khulm']],
  ['Tashkurgan', ['Khulm']],
  ['Haibak', ['Aybak']],
  ['Samangan city', ['Aybak']],
  ['Wardak', ['Maidan Wardak']],
  ['Maidan Shahr', ['Maydanshakhr']],
  ['Sharana', ['Sharan']],
  ['Firozkoh', ['Fayroz Koh', 'Chaghcharan']],
  ['Chaghcharan', ['Fayroz Koh']],
  ['Dara-i Sufi', ['Darah-ye Suf-e Bala', 'Darah-ye Suf-e Pa’in']],
  ['Kohsan', ['Kuhsan']],
  ['Islam Qala', ['Eslam Qaleh']],
  ['Pul-i-Charkhi', ['Pul-e Charkhi']],
];

const ALIAS_KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  PLACE_ALIASES.map(([alias, targets]) => [placeKey(alias), targets.map(placeKey)]),
);

/** Keys an alias stands for (none when the key is no alias). */
export function aliasTargets(key: string): readonly string[] {
  return ALIAS_KEYS.get(key) ?? [];
}

/** Whether two spellings name the same place by key or alias. */
export function placeNamesMatch(a: string, b: string): boolean {
  const ka = placeKey(a);
  const kb = placeKey(b);
  if (ka === '' || kb === '') return false;
  return ka === kb || aliasTargets(ka).includes(kb) || aliasTargets(kb).includes(ka);
}

export type PlaceDescriptor = 'province' | 'district' | 'city' | 'village';

/** How many consonant symbols a key has (vowel markers do not count): "AbA" (Ayubi) has one. */
export function keyConsonants(key: string): number {
  return key.replace(/A/g, '').length;
}

/** The descriptor a mention ends with ("Balkhab district" -> district), used to pick among namesakes. */
export function descriptorOf(mention: string): PlaceDescriptor | null {
  return descriptorOfWords(nameWords(mention));
}

/** descriptorOf over words already folded by nameWords. */
export function descriptorOfWords(words: readonly string[]): PlaceDescriptor | null {
  const last = words[words.length - 1];
  const first = words[0] === 'the' ? words[1] : words[0];
  const word = last !== undefined && PLACE_DESCRIPTORS.has(last) ? last : first;
  switch (word) {
    case 'province':
    case 'provinces':
    case 'wilayat':
    case 'welayat':
    case 'governorate':
    case 'oblast':
    case 'state':
    case 'region':
    case 'countryside':
      return 'province';
    case 'district':
    case 'districts':
    case 'woluswali':
    case 'wuluswali':
    case 'wuleswali':
    case 'uluswali':
    case 'alaqadari':
    case 'alaqahdari':
    case 'raion':
    case 'rayon':
    case 'township':
    case 'locality':
      return 'district';
    case 'city':
    case 'town':
      return 'city';
    case 'village':
      return 'village';
    default:
      return null;
  }
}
