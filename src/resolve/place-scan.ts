/**
 * Find gazetteer names in a text in one pass over its tokens.
 *
 * Each token is folded once; at a token that can start a name, only windows the compiled index says can
 * match are tried (as wide as the longest name starting with that word, or a few words for a match by
 * sound), longest first, so "Dara-i Sufi Bala District" wins over "Dara-i Sufi". Capitalisation is
 * required because many place names are also English or personal words (March, Police, Lal); a
 * stoplist catches the capitalised ones unless a descriptor ("Lal village") makes the meaning plain.
 */
import type { Span } from '../core/figure.js';
import { isPeopleWord } from './demonyms.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import {
  aliasTargets,
  descriptorOfWords,
  keyConsonants,
  nameWords,
  PLACE_DESCRIPTORS,
  type PlaceDescriptor,
  phoneticKey,
  phoneticKeyOfJoined,
  placeWords,
  placeWordsOf,
} from './place-names.js';
import { NOT_PLACE_WORDS, PLACE_STOPLIST } from './place-stoplist.js';
import { remembered } from './remembered.js';
import { adjacent, isCapitalised, type Token, wordTokens } from './tokens.js';

export { PLACE_STOPLIST } from './place-stoplist.js';

// A skeleton of one or two consonants (Lal "ll", Bak "bk", Ayubi "AbA") matches by sound far too often.
const MIN_FUZZY_CONSONANTS = 3;
// A name spelled differently from every gazetteer spelling is tried over at most this many tokens.
const MAX_FUZZY_TOKENS = 3;
// Words capitalised at the start of a sentence that begin no place name ("In Deir ez-Zor"), among them
// English words that are also an article in GeoNames' Arabic names ("As Sulaymaniyah"): "As Kabul fell".
const NOT_NAME_START = new Set(
  'as at an ad ash es en in on of to by for from with into after before during since when while if this that these those it its he she they we our their his her a and but or nor so yet then there here however meanwhile also both each every some all no not'.split(
    ' ',
  ),
);

// "the town of Kohsan", "the district of Balkh": the words before a name say what it is; but in
// "Balkhab district of Sar-e-Pul" the name after "district of" is the province.
const PREFIX_DESCRIPTORS: ReadonlyArray<readonly [RegExp, PlaceDescriptor]> = [
  [/\p{Lu}[\p{L}\p{M}'’-]*\s+districts?\s+of\s+$/u, 'province'],
  [/\bdistricts?\s+of\s+$/i, 'district'],
  [/\b(?:provinces?|governorates?|oblasts?|regions?|states?|countryside) of\s+$/i, 'province'],
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
  /** Matched by spelling (folded), not only by sound. */
  readonly exact: boolean;
}

interface Folded {
  /** nameWords of the token. */
  readonly words: readonly string[];
  readonly capitalised: boolean;
  readonly descriptor: boolean;
  /** The first word of its place words: the one the gazetteer's names are listed by. */
  readonly firstPlaceWord: string | undefined;
  /** Its place words sound too short to stand alone ("Lal", "Bak"). */
  readonly short: boolean;
  /** Written in capitals: "CAR", "DRC", never "Car". */
  readonly capitals: boolean;
}

// A pure function of the word as written: remembered across documents, which share most words.
const foldWord = remembered((text: string): Folded => {
  const lower = text.toLowerCase();
  const words = nameWords(text);
  const capitalised = isCapitalised(text);
  const place = placeWordsOf(words);
  return {
    words,
    capitalised,
    descriptor: PLACE_DESCRIPTORS.has(lower) || lower === 'the',
    firstPlaceWord: place[0],
    short: keyConsonants(phoneticKeyOfJoined(place.join(' '))) < MIN_FUZZY_CONSONANTS,
    capitals: text === text.toUpperCase(),
  };
});

function foldToken(token: Token): Folded {
  return foldWord(token.text);
}

interface WindowHit {
  readonly entries: GazetteerEntry[];
  readonly exact: boolean;
  readonly descriptor: PlaceDescriptor | null;
}

function kindFits(descriptor: PlaceDescriptor | null, e: GazetteerEntry): boolean {
  if (descriptor === 'city') return e.kind === 'city' || e.kind === 'town';
  if (descriptor === 'village') return e.kind === 'village' || e.kind === 'town';
  return e.kind === descriptor;
}

/**
 * Endings of English words, not of names: "Shelling" opening a sentence sounds like Shillong, and a
 * place spelled so is found by its spelling.
 */
const ENGLISH_ENDING = /.{3}(?:ing|tion|ment|ness)$/;

/** The entries a window of folded tokens names, by spelling, else by sound when every word looks like a name. */
function lookupWindow(folded: readonly Folded[], gazetteer: Gazetteer, lowercase: boolean): WindowHit | null {
  const words = folded.flatMap((f) => f.words);
  const place = placeWordsOf(words);
  const key = place.join(' ');
  const descriptor = descriptorOfWords(words);
  if (lowercase) {
    const hit = gazetteer.lowercaseNames.has(key) ? gazetteer.withFolded(key) : [];
    return hit.length === 0 ? null : { entries: [...hit], exact: true, descriptor };
  }
  if (descriptor === null && PLACE_STOPLIST.has(key)) return null;
  if (isPeopleWord(key)) return peopleNamed(key, gazetteer.withFolded(key), descriptor);
  const spelled = gazetteer.withFolded(key);
  // An initialism ("CAR") names its place only in capitals: "Car bomb" opens a headline. Two capitals
  // are initials only: "the UN said" names no town called Un, "US" only the place known by it.
  const capitals = folded.every((f) => f.capitals);
  const exact =
    (key.length <= MAX_INITIALISM && !capitals) || (capitals && key.length <= 2)
      ? byInitials(spelled, key, capitals)
      : spelled;
  if (exact.length > 0) return { entries: [...exact], exact: true, descriptor };
  if (folded.length > MAX_FUZZY_TOKENS + (descriptor === null ? 0 : 1)) return null;
  // By sound only when every word looks like part of a name: "Now we" is not Nawah. Checked before the
  // key is made, as most windows fail here.
  for (const f of folded) {
    const joined = f.words.join('');
    if (joined === '' || PLACE_DESCRIPTORS.has(joined) || ['e', 'i', 'ye', 'yi', 'wa', 'o'].includes(joined)) continue;
    if (!f.capitalised || NOT_PLACE_WORDS.has(joined) || isPeopleWord(joined) || ENGLISH_ENDING.test(joined))
      return null;
  }
  const sound = phoneticKey(place);
  // A descriptor makes a short name plain enough to match by sound among places of that kind ("Al Dhale province").
  const short = keyConsonants(sound) < MIN_FUZZY_CONSONANTS;
  // Too short to match by sound alone, a name may still be another romanisation letter for letter:
  // "Aybak" is Aibak, "Nawa" Nawah, "Alasay" Alah Say.
  if (short && keyConsonants(sound) < 2) return null;
  if (short && descriptor === null) return respelled(place, gazetteer.withKey(sound));
  const found = new Set(gazetteer.withKey(sound));
  for (const t of aliasTargets(sound)) for (const e of gazetteer.withKey(t)) found.add(e);
  const entries = short ? [...found].filter((e) => kindFits(descriptor, e)) : [...found];
  return entries.length === 0 ? null : { entries, exact: false, descriptor };
}

/**
 * A spelling with the choices romanisations differ on made one way: y as i, a silent h after a
 * word's last vowel dropped, doubled letters single, words run together.
 */
function respelling(words: readonly string[]): string {
  let out = '';
  for (const w of words)
    out += w.length > 2 && w.endsWith('h') && /[aeiou]/.test(w[w.length - 2] as string) ? w.slice(0, -1) : w;
  return out.replace(/y/g, 'i').replace(/(.)\1+/g, '$1');
}

/** Each entry's names respelled, worked out once: a short word sounds like many places. */
const respellings = new WeakMap<GazetteerEntry, readonly string[]>();

function respellingsOf(e: GazetteerEntry): readonly string[] {
  let names = respellings.get(e);
  if (names === undefined) {
    names = [e.name, ...e.alt_names].map((n) => respelling(placeWords(n)));
    respellings.set(e, names);
  }
  return names;
}

/** The entries among those that sound like a short name that are also spelled like it, but for respelling. */
function respelled(place: readonly string[], sounding: readonly GazetteerEntry[]): WindowHit | null {
  if (sounding.length === 0) return null;
  const spelling = respelling(place);
  const entries = sounding.filter((e) => respellingsOf(e).includes(spelling));
  return entries.length === 0 ? null : { entries, exact: false, descriptor: null };
}

/** A word that joins a name with Arabic's article: "al-Nahr", "el-Arish", "ash-Shaddadi". */
const ARTICLE_JOINED = /^(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|ez|ul|ud|us)[-‐‑]\p{L}/iu;

function anyLarge(entries: readonly GazetteerEntry[]): boolean {
  return entries.some((e) => e.kind === 'city' || e.kind === 'province' || e.kind === 'country');
}

const MAX_INITIALISM = 5;
const INITIALISM = /^[A-Z]{2,5}$/;

/** The entries that go by `key` in some name other than an initialism. */
/** The entries that go by `key` as an initialism ("US", "UK"), or `initials` false, by some other name. */
function byInitials(entries: readonly GazetteerEntry[], key: string, initials: boolean): readonly GazetteerEntry[] {
  return entries.filter((e) =>
    [e.name, ...e.alt_names].some((n) => INITIALISM.test(n) === initials && placeWords(n).join(' ') === key),
  );
}

/**
 * A people's word ("Ukrainian", "Somali") is never a place by itself, nor with a descriptor that
 * makes a different name ("an eastern Ukrainian town" is no Ukrainian Village). With a descriptor, it
 * is the place the gazetteer names with exactly those words: "Somali region" of Ethiopia.
 */
function peopleNamed(
  key: string,
  entries: readonly GazetteerEntry[],
  descriptor: PlaceDescriptor | null,
): WindowHit | null {
  if (descriptor === null) return null;
  const named = entries.filter(
    (e) => kindFits(descriptor, e) && [e.name, ...e.alt_names].some((n) => nameWords(n).join(' ') === key),
  );
  return named.length === 0 ? null : { entries: named, exact: true, descriptor };
}

// Lookups are a pure function of the window and the gazetteer, and reports of one war repeat their
// places: remembered per gazetteer across documents, forgotten wholesale past a bound. A window is
// found by its tokens' folds one after another (a trie keyed by the folds themselves, which foldWord
// shares between equal words), so trying a window builds no key text: a third of the scanner's time
// went to making and hashing such keys.
const MEMO_LIMIT = 100_000;

interface Remembered {
  /** The window's lookup; undefined until it is first asked for. */
  hit: WindowHit | null | undefined;
  next: Map<Folded, Remembered> | null;
}

interface WindowMemo {
  /** Windows starting with a capitalised token, and those starting in lower case (after "the"). */
  readonly upper: Map<Folded, Remembered>;
  readonly lower: Map<Folded, Remembered>;
  size: number;
}

const memos = new WeakMap<Gazetteer, WindowMemo>();
function memoOf(gazetteer: Gazetteer): WindowMemo {
  let memo = memos.get(gazetteer);
  if (memo === undefined || memo.size > MEMO_LIMIT) {
    memo = { upper: new Map(), lower: new Map(), size: 0 };
    memos.set(gazetteer, memo);
  }
  return memo;
}

/** The trie's nodes for the windows i..i, i..i+1, ..., i..last, made where missing. */
function windowNodes(memo: WindowMemo, roots: Map<Folded, Remembered>, folds: readonly Folded[]): Remembered[] {
  const path: Remembered[] = [];
  let level: Map<Folded, Remembered> = roots;
  for (let k = 0; k < folds.length; k++) {
    const f = folds[k] as Folded;
    let node = level.get(f);
    if (node === undefined) {
      node = { hit: undefined, next: null };
      level.set(f, node);
      memo.size += 1;
    }
    path.push(node);
    if (k + 1 < folds.length) {
      node.next ??= new Map();
      level = node.next;
    }
  }
  return path;
}

/** Whether a word is "the" in any case, without making its lower-case copy (most tokens ask). */
function isThe(word: string): boolean {
  return (
    word.length === 3 &&
    (word.charCodeAt(0) | 32) === 116 &&
    (word.charCodeAt(1) | 32) === 104 &&
    (word.charCodeAt(2) | 32) === 101
  );
}

/**
 * Gazetteer names in the text with their spans, left to right, longest match at each position, before
 * the rest of the report is considered (place-mentions.ts filters them in its light).
 */
export function scanPlaceNames(text: string, gazetteer: Gazetteer): PlaceMention[] {
  const tokens = wordTokens(text);
  const folded: (Folded | undefined)[] = new Array(tokens.length);
  const fold = (k: number): Folded => {
    let f = folded[k];
    if (f === undefined) {
      f = foldToken(tokens[k] as Token);
      folded[k] = f;
    }
    return f;
  };
  const mentions: PlaceMention[] = [];
  const memo = memoOf(gazetteer);
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    const lowercase = !isCapitalised(first.text);
    // Lower case only for a region ("the central highlands"), after "the". Decided before folding:
    // most tokens start no name.
    const canStart = lowercase
      ? i > 0 && gazetteer.lowercaseNames.size > 0 && isThe((tokens[i - 1] as Token).text)
      : !NOT_NAME_START.has(first.text.toLowerCase());
    if (!canStart) {
      i += 1;
      continue;
    }
    const head = fold(i);
    const firstWord = head.firstPlaceWord;
    const exactWidth = firstWord === undefined ? 0 : (gazetteer.firstWords.get(firstWord) ?? 0);
    let width = lowercase ? exactWidth : Math.max(exactWidth + 1, MAX_FUZZY_TOKENS + 1);
    // A hyphenated token holds several words: "Mazar-i-Sharif".
    width = Math.min(width, gazetteer.maxWords);
    let found: PlaceMention | null = null;
    let used = 0;
    if (!head.descriptor && width > 0) {
      let last = i;
      while (last + 1 < tokens.length && last - i + 1 < width) {
        if (!adjacent(text, tokens[last] as Token, tokens[last + 1] as Token)) break;
        last += 1;
      }
      const folds: Folded[] = [];
      for (let k = i; k <= last; k++) folds.push(fold(k));
      // A report names its places again and again: each spelling is looked up once.
      const nodes = windowNodes(memo, lowercase ? memo.lower : memo.upper, folds);
      for (let j = last; j >= i && found === null; j--) {
        const node = nodes[j - i] as Remembered;
        let hit = node.hit;
        if (hit === undefined) {
          hit = lookupWindow(folds.slice(0, j - i + 1), gazetteer, lowercase);
          node.hit = hit;
        }
        if (hit === null) continue;
        const end = tokens[j] as Token;
        const words = text.slice(first.start, end.end);
        // A short name followed by another capitalised word is usually a person: "Lal Mohammad".
        const next = tokens[j + 1];
        if (
          j === i &&
          head.short &&
          next !== undefined &&
          adjacent(text, end, next) &&
          fold(j + 1).capitalised &&
          !fold(j + 1).descriptor
        ) {
          continue;
        }
        // "Qasr al-Nahr", "Ras al-Ain": the name goes on past the town the gazetteer knows by its
        // first word. A city keeps its quarter ("Mosul al-Jadida" is in Mosul).
        if (next !== undefined && adjacent(text, end, next) && ARTICLE_JOINED.test(next.text) && !anyLarge(hit.entries))
          continue;
        const before = text.slice(Math.max(0, first.start - 30), first.start);
        found = {
          span: { start: first.start, end: end.end, text: words },
          qualifier: QUALIFIER_BEFORE.exec(before)?.[0] ?? null,
          descriptor: hit.descriptor ?? PREFIX_DESCRIPTORS.find(([re]) => re.test(before))?.[1] ?? null,
          entries: hit.entries,
          exact: hit.exact,
        };
        used = j - i + 1;
      }
    }
    if (found !== null) {
      mentions.push(found);
      i += used;
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
