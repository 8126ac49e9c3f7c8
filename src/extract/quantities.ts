import type { Qualifier } from '../core/figure.js';
import { CASUALTY_NOUNS, COMBATANT_NOUNS, inSet, NAME_AFTER_NUMBER, NUMBERED_NOUNS, PERSON_NOUNS } from './lexicon.js';
import { mayStartNumber, type NumberReading, readNumber } from './numbers.js';
import type { Token } from './tokens.js';

/** A stated count with its qualifier: "at least 35", "23–150", "an estimated 27,000", "dozens". */
export interface Quantity {
  /** First token, qualifier included. */
  start: number;
  /** Token index just past the count. */
  end: number;
  /** First token of the number itself. */
  numStart: number;
  low: number | null;
  high: number | null;
  qualifier: Qualifier;
  vague: string | null;
}

type Phrase = readonly string[];
/** Qualifiers before a number. They are tried longest first, so "no more than" is not "more than". */
const PREFIXES = (
  [
    [['in', 'excess', 'of'], 'at_least'],
    [['upwards', 'of'], 'at_least'],
    [['no', 'fewer', 'than'], 'at_least'],
    [['no', 'less', 'than'], 'at_least'],
    [['not', 'less', 'than'], 'at_least'],
    [['a', 'minimum', 'of'], 'at_least'],
    [['at', 'least'], 'at_least'],
    [['more', 'than'], 'at_least'],
    [['over'], 'at_least'],
    [['above'], 'at_least'],
    [['exceeding'], 'at_least'],
    [['no', 'more', 'than'], 'up_to'],
    [['not', 'more', 'than'], 'up_to'],
    [['not', 'fewer', 'than'], 'at_least'],
    [['a', 'maximum', 'of'], 'up_to'],
    [['as', 'many', 'as'], 'up_to'],
    [['as', 'much', 'as'], 'up_to'],
    [['up', 'to'], 'up_to'],
    [['close', 'to'], 'up_to'],
    [['fewer', 'than'], 'up_to'],
    [['less', 'than'], 'up_to'],
    [['at', 'most'], 'up_to'],
    [['almost'], 'up_to'],
    [['nearly'], 'up_to'],
    [['under'], 'up_to'],
    [['approaching'], 'up_to'],
    [['an', 'estimated'], 'about'],
    [['an', 'approximate'], 'about'],
    [['estimated'], 'about'],
    [['about'], 'about'],
    [['around'], 'about'],
    [['approximately'], 'about'],
    [['approx', '.'], 'about'],
    [['approx'], 'about'],
    [['est', '.'], 'about'],
    [['roughly'], 'about'],
    [['some'], 'about'],
    [['c', '.'], 'about'],
    [['ca', '.'], 'about'],
    [['circa'], 'about'],
    [['~'], 'about'],
    [['between'], 'range'],
    [['from'], 'range'],
  ] satisfies [Phrase, Qualifier][]
).sort((a, b) => b[0].length - a[0].length);
const FILLERS: readonly Phrase[] = [
  ['a', 'total', 'of'],
  ['total', 'of'],
  ['a', 'further'],
  ['an', 'additional'],
  ['additional'],
  ['another'],
  ['a', 'reported'],
  ['a', 'staggering'],
  ['just'],
  ['only'],
  ['well'],
  ['slightly'],
];

function phraseEndsAt(tokens: Token[], end: number, phrase: Phrase, floor: number): boolean {
  const start = end - phrase.length;
  if (start < floor) return false;
  for (let k = 0; k < phrase.length; k++) {
    if (tokens[start + k]?.norm !== phrase[k]) return false;
  }
  return true;
}

/** Reads the count whose number starts at `i`. `isDate` marks tokens already read as dates. */
export function readQuantity(
  tokens: Token[],
  i: number,
  floor: number,
  limit: number,
  isDate: (k: number) => boolean,
): Quantity | null {
  const first = tokens[i];
  if (!first || !mayStartNumber(first) || isDate(i)) return null;
  const r1 = readNumber(tokens, i, limit);
  if (!r1) return null;
  let numStart = i;
  if (r1.vague?.startsWith('a ') && tokens[i - 1]?.norm === 'a' && i - 1 >= floor) numStart = i - 1;
  for (let k = numStart; k < r1.end; k++) if (isDate(k)) return null;

  // Qualifiers and fillers before the number, nearest first: "just over", "a total of at least".
  let start = numStart;
  let qualifier: Qualifier | null = null;
  for (let round = 0; round < 3; round++) {
    let matched = false;
    if (qualifier === null) {
      for (const [phrase, q] of PREFIXES) {
        if (phraseEndsAt(tokens, start, phrase, floor)) {
          qualifier = q;
          start -= phrase.length;
          matched = true;
          break;
        }
      }
    }
    if (!matched) {
      for (const phrase of FILLERS) {
        if (phraseEndsAt(tokens, start, phrase, floor)) {
          start -= phrase.length;
          matched = true;
          break;
        }
      }
    }
    if (!matched) break;
  }

  const q: Quantity = { start, end: r1.end, numStart, low: null, high: null, qualifier: 'exact', vague: null };
  if (r1.value === null) {
    q.qualifier = 'vague';
    q.vague = r1.vague;
    return q;
  }
  const v = r1.value;
  const r2 = readSecond(tokens, r1, limit, qualifier, isDate);
  if (r2 && r2.value !== null && r2.value > v) {
    q.low = v;
    q.high = r2.value;
    q.qualifier = 'range';
    q.end = r2.end;
    return withPostfix(tokens, q, limit);
  }
  if (qualifier === 'range') {
    // "between 20" with no second number, or "from 20": the word was no qualifier.
    start += tokens[start]?.norm === 'between' || tokens[start]?.norm === 'from' ? 1 : 0;
    q.start = start;
    qualifier = null;
  }
  q.qualifier = qualifier ?? 'exact';
  q.low = q.qualifier === 'up_to' ? null : v;
  q.high = q.qualifier === 'at_least' ? null : v;
  return withPostfix(tokens, q, limit);
}

function readSecond(
  tokens: Token[],
  r1: NumberReading,
  limit: number,
  qualifier: Qualifier | null,
  isDate: (k: number) => boolean,
): NumberReading | null {
  const link = tokens[r1.end];
  if (!link || r1.end + 1 >= limit) return null;
  const n = link.norm;
  const ok =
    ((n === '–' || n === '-') && link.type === 'punct') ||
    n === 'to' ||
    (n === 'or' && tokens[r1.end + 1]?.norm !== 'more' && tokens[r1.end + 1]?.norm !== 'so') ||
    (n === 'and' && qualifier === 'range');
  if (!ok || isDate(r1.end + 1)) return null;
  const r2 = readNumber(tokens, r1.end + 1, limit);
  if (!r2 || r2.value === null) return null;
  for (let k = r1.end + 1; k < r2.end; k++) if (isDate(k)) return null;
  return r2;
}

function withPostfix(tokens: Token[], q: Quantity, limit: number): Quantity {
  const a = tokens[q.end];
  const b = tokens[q.end + 1];
  if (!a || q.end >= limit) return q;
  const atLeast = () => {
    if (q.qualifier !== 'range') {
      q.high = null;
      q.qualifier = 'at_least';
    }
  };
  if (a.norm === '+' && !a.space) {
    atLeast();
    q.end++;
  } else if (a.norm === 'or' && b?.norm === 'more' && q.end + 1 < limit) {
    atLeast();
    q.end += 2;
  } else if (a.norm === 'or' && b?.norm === 'so' && q.end + 1 < limit) {
    if (q.qualifier === 'exact') q.qualifier = 'about';
    q.end += 2;
  } else if (a.norm === '-' && b?.norm === 'plus' && q.end + 1 < limit) {
    atLeast();
    q.end += 2;
  } else if (a.norm === 'plus' && a.space) {
    atLeast();
    q.end++;
  }
  return q;
}

const CURRENCY_BEFORE = new Set(['$', '£', '€', 'us$', 'usd', 'rs', 'afn', 'sdg', 'uah']);
const CURRENCY_AFTER = new Set([
  'dollars',
  'usd',
  'euros',
  'afghanis',
  'rupees',
  'pounds',
  'hryvnias',
  'riyals',
  'dinars',
]);
const MEASURES = new Set(['am', 'pm', 'hrs', 'gmt', 'utc', "o'clock", 'percent', 'pc', 'bpm']);
const AGE_WORDS = new Set(['aged', 'age', 'ages', 'ager']);

function isPersonish(t: Token | undefined): boolean {
  if (t?.type !== 'word') return false;
  return inSet(PERSON_NOUNS, t.norm) || inSet(COMBATANT_NOUNS, t.norm) || CASUALTY_NOUNS.has(t.norm);
}

/** A 4-digit number that is a year, unless a person noun follows ("2000 troops"). */
export function isYearToken(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t?.type !== 'num' || t.end - t.start !== 4 || t.value < 1800 || t.value > 2100) return false;
  const next = tokens[i + 1];
  return !(isPersonish(next) && !next?.cap);
}

/**
 * Numbers that name or measure something rather than count people: years, citations "[2]",
 * "district 13", "055 Brigade", "7 am", "5%", "$200", "aged 12", "12-year-old".
 */
export function isNonCount(tokens: Token[], q: Quantity): boolean {
  const first = tokens[q.numStart] as Token;
  const prev = tokens[q.start - 1];
  const next = tokens[q.end];
  const after = tokens[q.end + 1];
  if (first.type === 'num') {
    if (isYearToken(tokens, q.numStart) && q.qualifier !== 'range') return true;
    if (first.end - first.start > 13) return true;
    if (q.numStart === q.start && prev && prev.norm === '#') return true;
  }
  if (prev) {
    if (prev.norm === '[' && next?.norm === ']') return true;
    if (prev.type === 'word' && NUMBERED_NOUNS.has(prev.norm) && q.start === q.numStart) return true;
    if (CURRENCY_BEFORE.has(prev.norm) || AGE_WORDS.has(prev.norm)) return true;
    if (prev.norm === ':' && !prev.space && !first.space && tokens[q.start - 2]?.type === 'num') return true;
  }
  if (next) {
    if (next.norm === '%' || next.norm === '٪' || CURRENCY_AFTER.has(next.norm)) return true;
    if (next.norm === ':' && !next.space && after?.type === 'num') return true;
    if (next.type === 'word' && MEASURES.has(next.norm)) return true;
    if (next.type === 'word' && NAME_AFTER_NUMBER.has(next.norm) && next.cap) return true;
    if ((next.norm === 'a' || next.norm === 'p') && after?.norm === '.' && !after.space) return true;
    if (next.norm === 'per' && after?.norm === 'cent') return true;
    if ((next.norm === '-' || next.norm === '–') && !next.space && after?.type === 'word') {
      if (after.norm.startsWith('year') || after.norm === 'day' || after.norm === 'month' || after.norm === 'week')
        return true;
    }
    if (next.type === 'word' && next.norm.startsWith('year-old')) return true;
    if (next.type === 'word' && (next.norm === 'years' || next.norm === 'year') && after?.norm === 'old') return true;
    if (next.cap && next.type === 'word') {
      // "203 Mansoori Corps": a number before a proper name ending in a unit word names the unit.
      for (let k = q.end + 1; k < q.end + 4; k++) {
        const t = tokens[k];
        if (t?.type !== 'word' || !t.cap) break;
        if (NAME_AFTER_NUMBER.has(t.norm)) return true;
      }
    }
  }
  return false;
}
