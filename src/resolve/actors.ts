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
import { nameWords, phoneticKey } from './place-names.js';
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
]);
/** Titles before a person's name: "Commander Mawlawi Mahdi", "General Dostum". */
const TITLES = new Set(['commander', 'general', 'gen', 'marshal', 'president', 'former', 'warlord', 'mr']);
const MIN_PHONETIC = 4;

interface AliasHit {
  readonly actor: Actor;
  readonly alias: string;
  readonly weak: boolean;
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
  readonly maxWords: number;
}

/** Words of a mention with "the" and the possessive dropped. */
function words(mention: string): string[] {
  const w = nameWords(mention.replace(/['’]s\b/g, ''));
  return w[0] === 'the' ? w.slice(1) : w;
}

/**
 * Words without trailing descriptors and leading titles. `stripped` tells whether anything went;
 * `described` whether a group word went ("fighters"), which makes a group likelier than a person.
 */
function coreWords(mention: string): { core: string[]; stripped: boolean; described: boolean } {
  const w = words(mention);
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
  for (const actor of registry.actors) {
    const named = [actor.name, ...actor.aliases].map((alias) => ({ alias, weak: false }));
    const weak = (actor.weak_aliases ?? []).map((alias) => ({ alias, weak: true }));
    for (const { alias, weak: isWeak } of [...named, ...weak]) {
      const letters = alias.replace(/[^\p{L}]/gu, '');
      const { core, described } = coreWords(alias);
      const hit: AliasHit = {
        actor,
        alias,
        weak: isWeak,
        acronym: letters.length <= 6 && letters === letters.toUpperCase(),
        common: alias[0] === alias[0]?.toLowerCase(),
        described,
      };
      push(exact, actorAliasKey(alias), hit);
      maxWords = Math.max(maxWords, alias.split(/\s+/).length);
      if (isWeak) continue;
      push(stripped, core.join(''), hit);
      const key = phoneticKey(core);
      if (key.length >= MIN_PHONETIC) push(phonetic, key, hit);
    }
  }
  const byId = new Map(registry.actors.map((a) => [a.id, a]));
  // One extra word for a descriptor the text adds ("Islamic Emirate forces").
  return { actors: registry.actors, byId, exact, stripped, phonetic, maxWords: maxWords + 1 };
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
  const letters = window.replace(/[^\p{L}]/gu, '');
  return (hitList ?? []).filter(
    (h) => (!h.acronym || letters === letters.toUpperCase()) && (h.common || startsName(window)),
  );
}

function matchWindow(window: string, tokens: readonly Token[], index: ActorIndex): ActorResolution | null {
  const exact = caseFits(index.exact.get(actorAliasKey(window)), window)[0];
  if (exact !== undefined) return toResolution(exact, exact.weak ? 'weak' : 'alias', index);
  const { core, stripped, described } = coreWords(window);
  // Without a descriptor the text must give the alias as written: "Pakistani" alone is not Pakistan's army.
  if (!stripped || tokens.length < 2) return null;
  const hit = pick(caseFits(index.stripped.get(core.join('')), window), described);
  if (hit !== undefined) return toResolution(hit, 'descriptor', index);
  const key = phoneticKey(core);
  const byKey = key.length >= MIN_PHONETIC ? pick(caseFits(index.phonetic.get(key), window), described) : undefined;
  return byKey === undefined ? null : toResolution(byKey, 'phonetic', index);
}

/** Actor names in a text with their spans, left to right, longest match at each position. */
export function findActorMentions(text: string, index: ActorIndex): ActorMention[] {
  const tokens = wordTokens(text);
  const mentions: ActorMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let last = i;
    while (last + 1 < tokens.length && last - i + 1 < index.maxWords) {
      if (!adjacent(text, tokens[last] as Token, tokens[last + 1] as Token, { dash: true, possessive: true })) break;
      last += 1;
    }
    let found: ActorMention | null = null;
    let width = 1;
    for (let j = last; j >= i && found === null; j--) {
      const windowTokens = tokens.slice(i, j + 1);
      const start = (tokens[i] as Token).start;
      const end = (tokens[j] as Token).end;
      const window = text.slice(start, end);
      const actor = matchWindow(window, windowTokens, index);
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
      found = { span: { start, end, text: window }, actor };
      width = j - i + 1;
    }
    if (found !== null) mentions.push(found);
    i += found === null ? 1 : width;
  }
  return mentions;
}
