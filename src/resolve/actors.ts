/**
 * Resolve actor mentions ("Taliban fighters", "ISIS–K", "Mawlawi Mahdi") to registry actors.
 *
 * Three tiers, most certain first: the alias as written (case, diacritics, dashes and "the" folded);
 * the alias with a descriptor the text added ("Taliban fighters", "US troops", "Malik's forces");
 * the phonetic skeleton place names use (Junbish-e Milli = Junbish-i-Milli). Weak aliases (Daesh,
 * Massoud, Pakistan) only match as written and carry lower confidence.
 */
import type { Span } from '../core/figure.js';
import {
  type Actor,
  type ActorRegistryFile,
  type ActorType,
  actorAliasKey,
  actorTypeOn,
  INTER_CODES,
  periodOn,
  type UcdpActorClass,
  ucdpClassOf,
} from './actor-registry.js';
import { nameWords, phoneticKey, phoneticKeyOfJoined } from './place-names.js';
import { remembered } from './remembered.js';
import { adjacent, startsName, type Token, wordTokens } from './tokens.js';

/** Words a report adds to a group's name that do not change who it is. */
const DESCRIPTORS = new Set([
  'forces',
  'force',
  'fighters',
  'militants',
  'troops',
  'soldiers',
  'members',
  'men',
  'loyalists',
  'supporters',
  'insurgents',
  'gunmen',
  'militiamen',
  'units',
  'commanders',
  // "American aircraft", "Russian warplanes", "Israeli jets": a state's arms stand for its forces.
  'aircraft',
  'warplanes',
  'jets',
  'drones',
  'helicopters',
  'gunships',
  // "Three Russian missiles hit the centre", "a Russian strike on Chernihiv": a state's fire for its forces.
  'missiles',
  'missile',
  'rockets',
  'shells',
  'shelling',
  'artillery',
  'bombers',
  'airstrikes',
  'strikes',
  'strike',
  // "Ukrainian positions", "a Russian convoy": where a state's forces stand, for the forces.
  'positions',
  'outposts',
  'convoy',
  'convoys',
]);
/** Titles before a person's name: "Commander Mawlawi Mahdi", "General Dostum". */
const TITLES = new Set(['commander', 'general', 'gen', 'marshal', 'president', 'former', 'warlord', 'mr']);
const MIN_PHONETIC = 4;

interface AliasHit {
  readonly actor: Actor;
  readonly alias: string;
  readonly weak: boolean;
  /** A weak alias's countries: the reports that mean this actor by it (all, when absent). */
  readonly weakIn?: readonly string[];
  /** Written in capitals in the registry (IEA, NRF): must be capitals in a text too. */
  readonly acronym: boolean;
  /** Written lowercase in the registry (civilians, gunmen): may match lowercase text. */
  readonly common: boolean;
  /** The alias itself ends in a group word ("Pakistani forces"), so its bare core is not attested. */
  readonly described: boolean;
}

export interface ActorIndex {
  readonly actors: readonly Actor[];
  readonly byId: ReadonlyMap<string, Actor>;
  readonly exact: ReadonlyMap<string, readonly AliasHit[]>;
  readonly stripped: ReadonlyMap<string, readonly AliasHit[]>;
  readonly phonetic: ReadonlyMap<string, readonly AliasHit[]>;
  /** Every leading part of every exact key: a text window whose key is not one can only grow into none. */
  readonly exactPrefixes: ReadonlySet<string>;
  readonly maxWords: number;
  /** The folded words of names of two words or more: only a span of these can be inside a name. */
  readonly wordsOfLongNames: ReadonlySet<string>;
}

/** Words of a mention with "the" and the possessive dropped. */
function words(mention: string): string[] {
  return withoutThe(nameWords(mention.replace(/['’]s\b/g, '')));
}

function withoutThe(w: readonly string[]): string[] {
  // "An Israeli strike" is no phonetic "Ansar Allah": an article names nobody.
  return w[0] === 'the' || ((w[0] === 'a' || w[0] === 'an') && w.length > 1) ? w.slice(1) : [...w];
}

/**
 * Words without trailing descriptors and leading titles. `stripped` tells whether anything went;
 * `described` whether a group word went ("fighters"), which makes a group likelier than a person.
 */
function coreWords(mention: string): { core: string[]; stripped: boolean; described: boolean } {
  return coreOfWords(words(mention));
}

function coreOfWords(w: readonly string[]): { core: string[]; stripped: boolean; described: boolean } {
  let start = 0;
  let end = w.length;
  while (end - start > 1 && DESCRIPTORS.has(w[end - 1] ?? '')) end -= 1;
  while (end - start > 1 && TITLES.has(w[start] ?? '')) start += 1;
  return { core: w.slice(start, end), stripped: start > 0 || end < w.length, described: end < w.length };
}

function push(map: Map<string, AliasHit[]>, key: string, hit: AliasHit): void {
  if (key === '') return;
  const list = map.get(key) ?? [];
  if (!list.some((h) => h.actor === hit.actor && h.alias === hit.alias)) list.push(hit);
  map.set(key, list);
}

export function createActorIndex(registry: ActorRegistryFile): ActorIndex {
  const exact = new Map<string, AliasHit[]>();
  const stripped = new Map<string, AliasHit[]>();
  const phonetic = new Map<string, AliasHit[]>();
  let maxWords = 1;
  const wordsOfLongNames = new Set<string>();
  for (const actor of registry.actors) {
    const named = [actor.name, ...actor.aliases].map((alias) => ({ alias, weak: false, weakIn: undefined }));
    const weak = (actor.weak_aliases ?? []).map((alias) => ({ alias, weak: true, weakIn: actor.weak_in }));
    const home = actor.country === undefined ? [] : [actor.country];
    const generic = (actor.generic_aliases ?? []).map((alias) => ({ alias, weak: true, weakIn: home }));
    for (const { alias, weak: isWeak, weakIn: places } of [...named, ...weak, ...generic]) {
      const letters = alias.replace(/[^\p{L}]/gu, '');
      const { core, described } = coreWords(alias);
      const hit: AliasHit = {
        actor,
        alias,
        weak: isWeak,
        ...(places === undefined ? {} : { weakIn: places }),
        acronym: letters.length <= 6 && letters === letters.toUpperCase(),
        common: alias[0] === alias[0]?.toLowerCase(),
        described,
      };
      push(exact, actorAliasKey(alias), hit);
      maxWords = Math.max(maxWords, alias.split(/\s+/).length);
      const folded = nameWords(alias);
      if (folded.length > 1) for (const w of folded) wordsOfLongNames.add(w);
      if (isWeak) continue;
      push(stripped, core.join(''), hit);
      const key = phoneticKey(core);
      if (key.length >= MIN_PHONETIC) push(phonetic, key, hit);
    }
  }
  const byId = new Map(registry.actors.map((a) => [a.id, a]));
  const exactPrefixes = new Set<string>();
  for (const key of exact.keys()) for (let n = 1; n <= key.length; n++) exactPrefixes.add(key.slice(0, n));
  // One extra word for a descriptor the text adds ("Islamic Emirate forces").
  return {
    actors: registry.actors,
    byId,
    exact,
    stripped,
    phonetic,
    exactPrefixes,
    maxWords: maxWords + 1,
    wordsOfLongNames,
  };
}

export type ActorMatch = 'alias' | 'descriptor' | 'phonetic' | 'weak';

export interface ActorResolution {
  readonly id: string;
  readonly name: string;
  readonly kind: Actor['kind'];
  /** On the date given, when the actor's type changed over time (the Taliban). */
  readonly type: ActorType;
  readonly inter: number;
  readonly ucdp_class: UcdpActorClass;
  /** The group a person or unit belongs to. */
  readonly group: { readonly id: string; readonly name: string } | null;
  /** A generic name's concrete actor on the date: "Government of Afghanistan" in 2022 is the Taliban. */
  readonly stands_for: { readonly id: string; readonly name: string } | null;
  readonly match: ActorMatch;
  readonly alias: string;
  /** 1 as written; lower for descriptor, phonetic and weak matches. */
  readonly confidence: number;
}

const CONFIDENCE: Record<ActorMatch, number> = { alias: 1, descriptor: 0.9, phonetic: 0.8, weak: 0.6 };

export interface ResolveActorOptions {
  /** ISO date of the event (any precision) for actors whose type changed. */
  readonly date?: string;
}

function toResolution(hit: AliasHit, match: ActorMatch, index: ActorIndex, date?: string): ActorResolution {
  const { actor } = hit;
  const type = actorTypeOn(actor, date, index.byId);
  const group = actor.member_of === undefined ? undefined : index.byId.get(actor.member_of);
  const asId = date === undefined ? undefined : periodOn(actor, date)?.as;
  const standsFor = asId === undefined ? undefined : index.byId.get(asId);
  const effective = standsFor === undefined ? type : actorTypeOn(standsFor, date, index.byId);
  return {
    id: actor.id,
    name: actor.name,
    kind: actor.kind,
    type: effective,
    inter: INTER_CODES[effective],
    ucdp_class: ucdpClassOf(effective),
    group: group === undefined ? null : { id: group.id, name: group.name },
    stands_for: standsFor === undefined ? null : { id: standsFor.id, name: standsFor.name },
    match,
    alias: hit.alias,
    confidence: CONFIDENCE[match],
  };
}

/**
 * The mention as a report from `country` means it: a weak alias ("Islamic State", "Daesh") names the
 * actor whose reports use it so there, else no actor at all. Null `country` keeps the first reading.
 */
export function weakIn(resolution: ActorResolution, index: ActorIndex, country: string | null): ActorResolution | null {
  if (resolution.match !== 'weak' || country === null) return resolution;
  const hits = index.exact.get(actorAliasKey(resolution.alias)) ?? [];
  const places = hits.find((h) => h.weak && h.actor.id === resolution.id)?.weakIn;
  if (places === undefined || places.includes(country)) return resolution;
  const hit = hits.find((h) => h.weak && h.weakIn?.includes(country) === true);
  return hit === undefined ? null : { ...toResolution(hit, 'weak', index), confidence: resolution.confidence };
}

/**
 * The actor a generic name ("security forces") names in reports from `country`: the one whose home
 * it is. Read on `date` when given, so it stands for whoever held power then.
 */
export function genericActor(alias: string, index: ActorIndex, country: string, date?: string): ActorResolution | null {
  const hits = index.exact.get(actorAliasKey(alias)) ?? [];
  const hit = hits.find((h) => h.weak && h.actor.country === country && h.weakIn?.includes(country) === true);
  return hit === undefined ? null : toResolution(hit, 'weak', index, date);
}

/**
 * The same mention read on an event's date: a generic name ("government forces") stands for the
 * actor that held power then, and a group's type follows its periods.
 */
export function resolutionOn(resolution: ActorResolution, index: ActorIndex, date: string): ActorResolution {
  const actor = index.byId.get(resolution.id);
  if (actor === undefined) return resolution;
  const hit = { actor, alias: resolution.alias } as AliasHit;
  return { ...toResolution(hit, resolution.match, index, date), confidence: resolution.confidence };
}

/**
 * Choose among actors sharing a core. Without a group word in the mention, only aliases attested
 * without one count ("Pakistani" is not "Pakistani forces"); with one ("Mahdi Mujahid fighters"),
 * a group outranks the person whose name it carries.
 */
function pick(hits: readonly AliasHit[], described: boolean): AliasHit | undefined {
  if (!described) return hits.find((h) => !h.described);
  return hits.find((h) => h.actor.kind !== 'person') ?? hits[0];
}

/** The actor a mention names, or null. `options.date` picks the type the actor had then. */
export function resolveActor(
  mention: string,
  index: ActorIndex,
  options: ResolveActorOptions = {},
): ActorResolution | null {
  const exact = index.exact.get(actorAliasKey(mention));
  const first = pick(exact ?? [], false);
  if (first !== undefined) return toResolution(first, first.weak ? 'weak' : 'alias', index, options.date);
  const { core, stripped, described } = coreWords(mention);
  const byCore = pick(index.stripped.get(core.join('')) ?? [], described);
  if (byCore !== undefined) return toResolution(byCore, stripped ? 'descriptor' : 'alias', index, options.date);
  const key = phoneticKey(core);
  if (key.length < MIN_PHONETIC) return null;
  const byKey = pick(index.phonetic.get(key) ?? [], described);
  return byKey === undefined ? null : toResolution(byKey, 'phonetic', index, options.date);
}

export interface ActorMention {
  readonly span: Span;
  readonly actor: ActorResolution;
}

function caseFits(hitList: readonly AliasHit[] | undefined, window: string): AliasHit[] {
  if (hitList === undefined) return [];
  const name = startsName(window);
  let capitals: boolean | undefined;
  return hitList.filter((h) => {
    if (!h.common && !name) return false;
    if (!h.acronym) return true;
    if (capitals === undefined) {
      const letters = window.replace(/[^\p{L}]/gu, '');
      capitals = letters === letters.toUpperCase();
    }
    return capitals;
  });
}

/**
 * A window of tokens, its words folded once per token: the exact key (possessives kept as "s") and
 * the words with possessives dropped, as `actorAliasKey` and `words` would fold the window's text.
 */
interface Window {
  readonly text: string;
  readonly exactKey: string | null;
  readonly words: () => string[];
  readonly tokens: number;
}

function matchWindow(w: Window, index: ActorIndex): ActorResolution | null {
  if (w.exactKey !== null) {
    const exact = caseFits(index.exact.get(w.exactKey), w.text)[0];
    if (exact !== undefined) return toResolution(exact, exact.weak ? 'weak' : 'alias', index);
  }
  // Without a descriptor the text must give the alias as written: "Pakistani" alone is not Pakistan's army.
  if (w.tokens < 2) return null;
  const { core, stripped, described } = coreOfWords(w.words());
  if (!stripped) return null;
  const joined = core.join(' ');
  const hit = pick(caseFits(index.stripped.get(joined.replaceAll(' ', '')), w.text), described);
  if (hit !== undefined) return toResolution(hit, 'descriptor', index);
  const key = phoneticKeyOfJoined(joined);
  const byKey = key.length >= MIN_PHONETIC ? pick(caseFits(index.phonetic.get(key), w.text), described) : undefined;
  return byKey === undefined ? null : toResolution(byKey, 'phonetic', index);
}

/**
 * Actor names in a text with their spans, left to right, longest match at each position. Each token is
 * folded once; windows only grow while their key can still become an alias, so a document is one pass
 * over its tokens with a few lookups each, not a fold of every window.
 */
export function findActorMentions(
  text: string,
  index: ActorIndex,
  within?: { readonly start: number; readonly end: number },
): ActorMention[] {
  const tokens = within ? tokensWithin(wordTokens(text), within) : wordTokens(text);
  const n = tokens.length;
  // Reports repeat their words, and reports of one war each other's: each distinct word is folded,
  // keyed and looked up once per index.
  let keysOf = tokenKeysByIndex.get(index);
  if (keysOf === undefined) {
    keysOf = remembered((word) => tokenKeys(nameWords(word), index), ACTOR_WORDS_KEPT);
    tokenKeysByIndex.set(index, keysOf);
  }
  const keys: TokenKeys[] = new Array(n);
  for (let k = 0; k < n; k++) keys[k] = keysOf((tokens[k] as Token).text);
  // Walking back once: the last token each token's name can reach through joined neighbours, and the
  // first token at or after each that ends in a group word, so no token re-reads the ones after it.
  const runEnd = new Int32Array(n);
  const nextDescribed = new Int32Array(n + 1);
  nextDescribed[n] = n;
  for (let k = n - 1; k >= 0; k--) {
    runEnd[k] =
      k + 1 < n && adjacent(text, tokens[k] as Token, tokens[k + 1] as Token, JOIN) ? (runEnd[k + 1] as number) : k;
    nextDescribed[k] = (keys[k] as TokenKeys).described ? k : (nextDescribed[k + 1] as number);
  }
  const mentions: ActorMention[] = [];
  let i = 0;
  while (i < n) {
    const last = Math.min(runEnd[i] as number, i + index.maxWords - 1);
    const head = keys[i] as TokenKeys;
    const startsTitled = head.onlyThe ? (keys[i + 1]?.titleFirst ?? false) : head.titled;
    // Most words start no alias and no titled name, and no group word follows within reach: nothing
    // can start here.
    if (!head.opens && !startsTitled && (nextDescribed[i + 1] as number) > last) {
      i += 1;
      continue;
    }
    // The exact key of each window i..j while it can still become an alias; null beyond.
    const exactKeys: (string | null)[] = [];
    let key = head.head;
    let open = head.opens;
    if (open) exactKeys.push(key);
    for (let j = i + 1; j <= last && open; j++) {
      key += (possessiveAfter(text, tokens[j - 1] as Token) ? 's' : '') + (keys[j] as TokenKeys).part;
      open = key === '' || index.exactPrefixes.has(key);
      if (open) exactKeys.push(key);
    }
    let found: ActorMention | null = null;
    let width = 1;
    for (let j = last; j >= i && found === null; j--) {
      const exactKey = exactKeys[j - i] ?? null;
      // A window no alias spells can still name one through a title or a descriptor at its ends.
      if (exactKey === null && !(j > i && (startsTitled || (keys[j] as TokenKeys).described))) continue;
      // A one-word window is only ever an alias as written.
      if (j === i && (exactKey === null || !index.exact.has(exactKey))) continue;
      const start = (tokens[i] as Token).start;
      const end = (tokens[j] as Token).end;
      const windowText = text.slice(start, end);
      const words = () => withoutThe(wordsOf(keys, i, j));
      const actor = matchWindow({ text: windowText, exactKey, words, tokens: j - i + 1 }, index);
      if (actor === null) continue;
      const next = tokens[j + 1];
      // A lone weak name followed by more name is someone else: "Massoud Ekhtiarai", "Malik Shah".
      if (
        actor.match === 'weak' &&
        j === i &&
        next !== undefined &&
        adjacent(text, tokens[j] as Token, next) &&
        startsName(next.text)
      ) {
        continue;
      }
      found = { span: { start, end, text: windowText }, actor };
      width = j - i + 1;
    }
    if (found !== null) mentions.push(found);
    i += found === null ? 1 : width;
  }
  return mentions;
}

const inLongNamesByIndex = new WeakMap<ActorIndex, (name: string) => boolean>();

/** How far around a span a name holding it may reach: the longest alias is a few words. */
const NAME_REACH = 80;

/**
 * Whether the text at [start, end) is part of a longer name of a party written there: "Haram" of
 * "Boko Haram", "Uzbekistan" of "Islamic Movement of Uzbekistan". Such a word names no place.
 */
export function insideActorName(text: string, start: number, end: number, index: ActorIndex): boolean {
  // Most places' names are in no party's name: a look at their words settles it.
  let inLongNames = inLongNamesByIndex.get(index);
  if (inLongNames === undefined) {
    inLongNames = remembered((name) => nameWords(name).every((w) => index.wordsOfLongNames.has(w)), ACTOR_WORDS_KEPT);
    inLongNamesByIndex.set(index, inLongNames);
  }
  if (!inLongNames(text.slice(start, end))) return false;
  const around = { start: Math.max(0, start - NAME_REACH), end: Math.min(text.length, end + NAME_REACH) };
  return findActorMentions(text, index, around).some(
    (m) =>
      m.actor.match !== 'phonetic' &&
      m.span.start <= start &&
      m.span.end >= end &&
      m.span.end - m.span.start > end - start,
  );
}

/**
 * The tokens wholly inside a span of the text (a sentence): names never run across a sentence's end,
 * so the mentions read from them are the mentions a scan of the whole text finds inside the span.
 */
function tokensWithin(tokens: readonly Token[], span: { readonly start: number; readonly end: number }): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let k = lo; k < tokens.length && (tokens[k] as Token).end <= span.end; k++) out.push(tokens[k] as Token);
  return out;
}

/** Names join across a spaced dash ("Islamic State – Khorasan Province") and a possessive ("Malik's forces"). */
const JOIN = { dash: true, possessive: true } as const;

/** Whether a possessive 's follows the token: "Malik's" keeps its s in the exact key. */
function possessiveAfter(text: string, t: Token): boolean {
  return text.charCodeAt(t.end + 1) === 115 && /^['’]s\b/.test(text.slice(t.end, t.end + 3));
}

/** The words of tokens i..j in one list (Array.prototype.flat took a tenth of the scanner's time). */
function wordsOf(keys: readonly TokenKeys[], i: number, j: number): string[] {
  const out: string[] = [];
  for (let k = i; k <= j; k++) for (const w of (keys[k] as TokenKeys).words) out.push(w);
  return out;
}

/** What the scanner asks of one token, worked out once per distinct word of a text. */
interface TokenKeys {
  /** nameWords of the token. */
  readonly words: string[];
  /** Its part of an exact key when it starts a window ("the" dropped)... */
  readonly head: string;
  /** ...and when it continues one. */
  readonly part: string;
  /** Whether a window starting with it can still spell an alias. */
  readonly opens: boolean;
  /** Whether it ends in a group word ("fighters"). */
  readonly described: boolean;
  /** Whether its first word is a title ("General"). */
  readonly titleFirst: boolean;
  /** Whether a window starting with it starts with a title: its first word, or the one after "the"... */
  readonly titled: boolean;
  /** ...unless it is "the" alone: then the next token's first word decides. */
  readonly onlyThe: boolean;
}

const tokenKeysByIndex = new WeakMap<ActorIndex, (word: string) => TokenKeys>();
// A word's keys take ~250 bytes; a corpus's everyday words come back within a few thousand, and a
// long ingest should not hold 50,000 rare ones.
const ACTOR_WORDS_KEPT = 20_000;

function tokenKeys(words: string[], index: ActorIndex): TokenKeys {
  const head = withoutThe(words).join('');
  // After a "the", the title is the next word: this token's second, else the next token's first.
  const first = words[0] !== 'the' ? words[0] : words[1];
  return {
    words,
    head,
    part: words.join(''),
    opens: head === '' || index.exactPrefixes.has(head),
    described: described(words),
    titleFirst: words[0] !== undefined && TITLES.has(words[0]),
    titled: first !== undefined && TITLES.has(first),
    onlyThe: words.length === 1 && words[0] === 'the',
  };
}

function described(lastWords: readonly string[]): boolean {
  const w = lastWords.at(-1);
  return w !== undefined && DESCRIPTORS.has(w);
}
