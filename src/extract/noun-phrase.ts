import type { FigureKind } from '../core/figure.js';
import {
  AUXILIARIES,
  CASUALTY_NOUNS,
  CLAUSE_WORDS,
  COMBATANT_NOUNS,
  DETERMINERS,
  IMPLIED_KIND_NOUNS,
  inSet,
  KIND_VERBS,
  PERSON_NOUNS,
  PREDICATE_FILLERS,
  PREPOSITIONS,
  stripPossessive,
  THING_NOUNS,
} from './lexicon.js';
import { wordValue } from './numbers.js';
import { isBlockTag, type Token } from './tokens.js';
import { MODALS } from './trigger.js';

export type HeadClass = 'combatant' | 'person' | 'thing' | 'casualty' | 'unknown' | 'none';

/** The noun phrase after a count: "nine of Mahdi Mujahid's fighters", "dozens of deaths and injuries". */
export interface NounPhrase {
  /** Token index just past the phrase. */
  end: number;
  head: number | null;
  headClass: HeadClass;
  /** The head itself states the kind: "70 killed", "casualties", "deaths and injuries". */
  casualtyKind: FigureKind | null;
  /** The head implies a kind unless a verb says otherwise: "refugees", "hostages". */
  impliedKind: FigureKind | null;
  /** A participle before the head: "displaced people", "wounded soldiers". */
  modifierKind: FigureKind | null;
  /** Owner named by a possessive: "Mahdi Mujahid's fighters" -> "Mahdi Mujahid". */
  possessor: [number, number] | null;
  /** Capitalised words before the head: "Taliban soldiers", "IS-KP militants". */
  names: [number, number] | null;
  /** A part of a group: "nine of his fighters", "three of the wounded". */
  partitive: boolean;
}

const PARTICIPLES = new Set([
  'killed',
  'dead',
  'wounded',
  'injured',
  'displaced',
  'captured',
  'detained',
  'abducted',
  'surrendered',
  'missing',
]);
const NON_HEADS = new Set(['more', 'others', 'other', 'further', 'additional', 'new', 'then', 'total']);
const PRONOUN_HEADS = new Set(['them', 'whom', 'those', 'us', 'these']);
/** Past tenses without -ed that follow a count's noun as its verb. */
const IRREGULAR_PAST = new Set([
  'hid',
  'ran',
  'fled',
  'fought',
  'went',
  'came',
  'gave',
  'took',
  'got',
  'stood',
  'swam',
]);

function classify(word: string, cap: boolean): HeadClass | null {
  const w = stripPossessive(word);
  if (CASUALTY_NOUNS.has(w)) return 'casualty';
  if (inSet(COMBATANT_NOUNS, w)) return 'combatant';
  if (inSet(PERSON_NOUNS, w)) return 'person';
  if (!cap && inSet(THING_NOUNS, w)) return 'thing';
  if (cap && inSet(THING_NOUNS, w)) return 'thing';
  return null;
}

function isNounish(t: Token | undefined): boolean {
  if (t?.type !== 'word' || PARTICIPLES.has(t.norm)) return false;
  const c = classify(t.norm, t.cap);
  return c !== null;
}

/**
 * "150 soldiers and policemen were killed": a second noun with no number of its own joins the first.
 * One with a number of its own ("11 children and two teachers") is a count of its own.
 */
function coordinatedNoun(tokens: Token[], j: number, limit: number): number {
  const conj = tokens[j];
  if (!conj || j >= limit || (conj.norm !== 'and' && conj.norm !== 'or')) return j;
  for (let k = j + 1; k < Math.min(limit, j + 4); k++) {
    const t = tokens[k] as Token;
    if (t.type !== 'word' || KIND_VERBS.has(t.norm) || AUXILIARIES.has(t.norm) || PARTICIPLES.has(t.norm)) return j;
    if (wordValue(t.norm) >= 0) return j;
    const c = classify(t.norm, t.cap);
    if (c === 'person' || c === 'combatant') return k + 1;
    if (c !== null) return j;
  }
  return j;
}

/** Coordinated casualty nouns: "deaths and injuries", "killed or wounded", "dead and injured". */
export function joinKinds(a: FigureKind, b: FigureKind): FigureKind | null {
  if (a === b) return a;
  const pair = new Set([a, b]);
  if (pair.has('killed') && pair.has('injured')) return 'killed_or_injured';
  if (pair.has('killed_or_injured') && (pair.has('killed') || pair.has('injured'))) return 'killed_or_injured';
  return null;
}

export function coordinatedKind(
  tokens: Token[],
  k: number,
  limit: number,
  kind: FigureKind,
): { kind: FigureKind; end: number } {
  const conj = tokens[k];
  const other = tokens[k + 1];
  if (!conj || !other || k + 1 >= limit || (conj.norm !== 'and' && conj.norm !== 'or' && conj.norm !== '/')) {
    return { kind, end: k };
  }
  const second = CASUALTY_NOUNS.get(other.norm) ?? KIND_VERBS.get(other.norm);
  const joined = second ? joinKinds(kind, second) : null;
  return joined ? { kind: joined, end: k + 2 } : { kind, end: k };
}

export function readNounPhrase(tokens: Token[], i: number, limit: number): NounPhrase {
  const np: NounPhrase = {
    end: i,
    head: null,
    headClass: 'none',
    casualtyKind: null,
    impliedKind: null,
    modifierKind: null,
    possessor: null,
    names: null,
    partitive: false,
  };
  let j = i;
  let nameStart = -1;
  let lastUnknown = -1;
  const first = tokens[j];
  if (first && j < limit && first.norm === 'of') {
    j++;
    np.partitive = true;
    // "30 of 45 drones", "nine of the 20 men": the whole is counted like its part.
    if (tokens[j]?.norm === 'the' || tokens[j]?.norm === 'his' || tokens[j]?.norm === 'their') {
      if (tokens[j + 1]?.type === 'num') j++;
    }
    if (tokens[j]?.type === 'num') j++;
  }
  for (let steps = 0; j < limit && steps < 10; steps++) {
    const t = tokens[j] as Token;
    if (t.type === 'tag') {
      if (isBlockTag(t)) break;
      j++;
      continue;
    }
    if (t.type === 'punct') {
      const prev = tokens[j - 1];
      const next = tokens[j + 1];
      if ((t.norm === '–' || t.norm === '-') && prev?.cap && next?.cap && j > i) {
        j++;
        continue;
      }
      if (t.norm === '"' && j === i) {
        j++;
        continue;
      }
      break;
    }
    if (t.type !== 'word') break;
    const w = t.norm;
    if (PRONOUN_HEADS.has(w) && j > i) {
      np.head = j;
      np.headClass = 'person';
      j++;
      // "700 of them deaths", "five of them children"
      const after = tokens[j];
      const kind = after && j < limit && !after.cap ? CASUALTY_NOUNS.get(after.norm) : undefined;
      if (kind && !PARTICIPLES.has(after?.norm ?? '')) {
        np.head = j;
        np.headClass = 'casualty';
        np.casualtyKind = kind;
        j++;
      }
      break;
    }
    const possessive = w !== stripPossessive(w);
    if (PARTICIPLES.has(w) || (CASUALTY_NOUNS.has(w) && !t.cap)) {
      const kind = CASUALTY_NOUNS.get(w) ?? null;
      // "internally displaced people", "captured prisoners": a participle before a person noun.
      let k = j + 1;
      if (tokens[k]?.norm === 'civilian' || tokens[k]?.norm === 'foreign') k++;
      const nextClass = tokens[k] && k < limit ? classify((tokens[k] as Token).norm, (tokens[k] as Token).cap) : null;
      if (
        PARTICIPLES.has(w) &&
        (nextClass === 'person' || nextClass === 'combatant') &&
        CASUALTY_NOUNS.get(tokens[k]?.norm ?? '') === undefined
      ) {
        if (kind) np.modifierKind = kind;
        j++;
        continue;
      }
      if (kind) {
        const joined = coordinatedKind(tokens, j + 1, limit, kind);
        np.head = j;
        np.headClass = 'casualty';
        np.casualtyKind = joined.kind;
        np.impliedKind = IMPLIED_KIND_NOUNS.get(w) ?? null;
        j = joined.end > j + 1 ? joined.end : j + 1;
        break;
      }
      break;
    }
    if (
      KIND_VERBS.has(w) ||
      AUXILIARIES.has(w) ||
      (MODALS.has(w) && !t.cap) ||
      CLAUSE_WORDS.has(w) ||
      (PREPOSITIONS.has(w) && w !== 'of')
    )
      break;
    if (w === 'of') {
      // "Taliban of Pakistani origin", "prisoners of war": the head came already.
      break;
    }
    if (w === 'and' || w === 'or') {
      // Coordinated modifiers: "intelligence and diplomatic officers".
      let found = false;
      for (let k = j + 1; k < Math.min(limit, j + 4); k++) {
        const u = tokens[k] as Token;
        if (u.type !== 'word' || KIND_VERBS.has(u.norm) || AUXILIARIES.has(u.norm)) break;
        const c = classify(u.norm, u.cap);
        if (c === 'person' || c === 'combatant') {
          found = true;
          break;
        }
        if (c !== null) break;
      }
      if (!found || np.head !== null || lastUnknown < 0) break;
      j++;
      continue;
    }
    const c = classify(w, t.cap);
    // "60 deserters hid and were arrested": a past tense without -ed ends the phrase.
    if (c === null && !t.cap && j > i && IRREGULAR_PAST.has(w)) break;
    // "and 251 taken hostage", "40 held captive": a participle without -ed is the count's verb.
    if (c === null && !t.cap && (w === 'taken' || w === 'held')) break;
    // "160 initially, 3,000 later": an adverb with no word after it to qualify ends the phrase;
    // "2,500 heavily armed men" goes on.
    if (
      c === null &&
      !t.cap &&
      tokens[j + 1]?.type !== 'word' &&
      (PREDICATE_FILLERS.has(w) || (w.length > 6 && /[^bp]ly$/.test(w)))
    )
      break;
    const next = tokens[j + 1];
    // "advanced with armoured support", "86 survived and were captured": an unknown -ed word before
    // no noun is a verb, not a modifier.
    if (
      c === null &&
      !t.cap &&
      /(?:ed|ing)$/.test(w) &&
      !(
        next?.type === 'word' &&
        next.norm !== 'and' &&
        next.norm !== 'or' &&
        !PREPOSITIONS.has(next.norm) &&
        !CLAUSE_WORDS.has(next.norm) &&
        !AUXILIARIES.has(next.norm)
      )
    )
      break;
    const continues =
      next &&
      j + 1 < limit &&
      !possessive &&
      ((next.type === 'word' &&
        (isNounish(next) || next.cap) &&
        !KIND_VERBS.has(next.norm) &&
        !AUXILIARIES.has(next.norm)) ||
        ((next.norm === '–' || next.norm === '-') && t.cap && tokens[j + 2]?.cap));
    if (t.cap && nameStart < 0 && !NON_HEADS.has(w)) nameStart = j;
    if (possessive) {
      np.possessor = [nameStart >= 0 ? nameStart : j, j + 1];
      nameStart = -1;
      j++;
      continue;
    }
    // "taking 3,000 soldiers prisoner": a complement, not a compound noun.
    const complement = next && /^(?:prisoners?|captives?|hostages?)$/.test(next.norm) && !t.cap;
    if (
      c !== null &&
      !(continues && !complement && (t.cap || ((c === 'person' || c === 'combatant') && isNounish(next))))
    ) {
      np.head = j;
      np.headClass = c;
      np.impliedKind = IMPLIED_KIND_NOUNS.get(w) ?? null;
      if (c === 'casualty') np.casualtyKind = CASUALTY_NOUNS.get(w) ?? null;
      if (w === 'prisoners' && tokens[j + 1]?.norm === 'of' && tokens[j + 2]?.norm === 'war') {
        np.impliedKind = 'captured';
        j += 2;
      }
      if (nameStart >= 0 && nameStart < j) np.names = [nameStart, j];
      j++;
      if (c === 'person' || c === 'combatant') j = coordinatedNoun(tokens, j, limit);
      break;
    }
    if (c === null && !NON_HEADS.has(w) && !DETERMINERS.has(w)) lastUnknown = j;
    j++;
  }
  if (np.head === null && lastUnknown >= 0) {
    np.head = lastUnknown;
    np.headClass = 'unknown';
    const t = tokens[lastUnknown] as Token;
    if (t.cap && t.norm.endsWith('s')) np.headClass = 'person';
    if (nameStart >= 0 && nameStart < lastUnknown) np.names = [nameStart, lastUnknown];
    else if (t.cap) np.names = [lastUnknown, lastUnknown + 1];
  }
  if (np.headClass === 'unknown' || (np.headClass === 'person' && np.head === lastUnknown)) {
    np.end = (np.head as number) + 1;
  } else if (np.head !== null) {
    np.end = j;
  }
  return np;
}
