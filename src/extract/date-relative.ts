import type { DateRange } from '../core/figure.js';
import { daysInMonth, isoDate } from './date-values.js';
import type { DateMention } from './dates.js';
import { MONTHS, WEEKDAYS } from './lexicon.js';
import type { Token } from './tokens.js';

/** A calendar day as numbers; months and days count from 1. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;
const PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'night', 'nighttime', 'overnight']);
const NOT_NOUNS = new Set([
  'in',
  'on',
  'at',
  'and',
  'to',
  'from',
  'after',
  'near',
  'into',
  'when',
  'as',
  'while',
  'by',
  'with',
]);
const SMALL_NUMBERS = new Map(
  ['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map(
    (w, i) => [w, Math.max(1, i - 1)],
  ),
);
const UNITS = new Map<string, 'hour' | 'day' | 'week' | 'month' | 'year'>([
  ['hour', 'hour'],
  ['hours', 'hour'],
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['month', 'month'],
  ['months', 'month'],
  ['year', 'year'],
  ['years', 'year'],
]);

const STARTERS = new Set([
  ...WEEKDAYS,
  'the',
  'yesterday',
  'today',
  'tonight',
  'overnight',
  'this',
  'last',
  'earlier',
  'so',
  'since',
  'in',
  'over',
  'during',
  'within',
  'weekend',
  'that',
  'same',
]);

const toMs = (day: Day) => Date.UTC(day.y, day.m - 1, day.d);
const fromMs = (ms: number): Day => {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};
const iso = (day: Day) => isoDate(day.y, day.m, day.d);

export function shiftDays(day: Day, days: number): Day {
  return fromMs(toMs(day) + days * DAY_MS);
}

function oneDay(day: Day): DateRange {
  return { start: iso(day), end: iso(day), precision: 'day' };
}

function span(a: Day, b: Day): DateRange {
  return toMs(a) === toMs(b) ? oneDay(a) : { start: iso(a), end: iso(b), precision: 'range' };
}

function monthOf(y: number, m: number): DateRange {
  return { start: isoDate(y, m, 1), end: isoDate(y, m, daysInMonth(y, m)), precision: 'month' };
}

const weekday = (day: Day) => new Date(toMs(day)).getUTCDay();

/** Monday of the week holding `day`: news weeks run Monday to Sunday. */
function mondayOf(day: Day): Day {
  return shiftDays(day, -((weekday(day) + 6) % 7));
}

/** "a", "three", "24" before a unit word. */
function countAt(t: Token | undefined): number | null {
  if (!t) return null;
  if (t.type === 'num' && t.value > 0 && t.value < 400) return t.value;
  return SMALL_NUMBERS.get(t.norm) ?? null;
}

function back(ref: Day, n: number, unit: 'hour' | 'day' | 'week' | 'month' | 'year'): Day {
  if (unit === 'hour') return shiftDays(ref, -Math.ceil(n / 24));
  if (unit === 'day') return shiftDays(ref, -n);
  if (unit === 'week') return shiftDays(ref, -7 * n);
  const months = unit === 'month' ? n : 12 * n;
  const total = ref.y * 12 + (ref.m - 1) - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(ref.d, daysInMonth(y, m)) };
}

interface Found {
  end: number;
  value: DateRange;
  /** A period running up to the report ("so far this year", "in the past week"): a tally's span. */
  running?: boolean;
}

/**
 * Words that date a statement against the report's own day: weekdays ("on Tuesday night"),
 * "yesterday", "last week", "three days ago", "in the past 24 hours", "so far this year", and,
 * against `anchor` (the event the text last dated), "the day before" and "the next day".
 */
export function findRelativeDates(
  tokens: Token[],
  from: number,
  to: number,
  ref: Day | null,
  anchor: DateRange | null = null,
): DateMention[] {
  const out: DateMention[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (t.type !== 'word' && t.type !== 'num') continue;
    // Most words start no relative date; one set lookup keeps the scan cheap.
    if (!STARTERS.has(bare(t.norm)) && !UNITS.has(tokens[k + 1]?.norm ?? '')) continue;
    const found = readAt(tokens, k, to, ref, anchor);
    if (!found) continue;
    out.push({ start: k, end: found.end, value: found.value, ...(found.running ? { since: true } : {}) });
    k = found.end - 1;
  }
  return out;
}

/** A word without its possessive: "yesterday's strike", "Tuesday's attack" are dated like the bare word. */
function bare(norm: string): string {
  return norm.endsWith("'s") || norm.endsWith('’s') ? norm.slice(0, -2) : norm;
}

/** Nouns for one event a text has just told, counted from in "two days after the attack". */
const ONE_EVENT = new Set([
  'attack',
  'bombing',
  'blast',
  'blasts',
  'explosion',
  'explosions',
  'strike',
  'airstrike',
  'raid',
  'assault',
  'massacre',
  'ambush',
  'shooting',
  'killings',
  'fall',
  'capture',
  'takeover',
]);

/** Prepositions before "the 28th" when it is a day. */
const ON_DAY = new Set(['on', 'by', 'until', 'till', 'from', 'since']);
/** Nouns an ordinal numbers rather than days: "the 3rd Battalion", "the 28th Brigade". */
const NUMBERED_UNITS = new Set([
  'battalion',
  'brigade',
  'division',
  'regiment',
  'corps',
  'army',
  'company',
  'squadron',
  'fleet',
]);

/**
 * "the 28th" as a day of the month of `anchor`: that month's, or the next month's when the day has
 * already passed in it ("on the 2nd" after 28 May is 2 June). Null for "the 3rd Battalion", "the
 * 28th of May" (a date of its own) and days the month lacks.
 */
function dayOfMonth(tokens: Token[], at: number, to: number, anchor: DateRange): Day | null {
  const t = tokens[at] as Token;
  if (t.type !== 'numword' || !/^\d{1,2}(?:st|nd|rd|th)$/.test(t.norm)) return null;
  const after = at + 1 < to ? tokens[at + 1] : undefined;
  if (after?.norm === 'of' || (after?.type === 'word' && (NUMBERED_UNITS.has(after.norm) || MONTHS.has(after.norm))))
    return null;
  const from = firstDay(anchor);
  let { y, m } = from;
  if (anchor.precision === 'day' && t.value < from.d) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return t.value >= 1 && t.value <= daysInMonth(y, m) ? { y, m, d: t.value } : null;
}

/** Verbs by which one event is placed after another: "The attack came a week after ...". */
const CAME = new Set(['came', 'comes', 'happened', 'occurred', 'followed', 'follows']);

/**
 * Where the event noun starting at `at` ends ("attack", "Tintaboora raid", "Kabul airport bombing"):
 * the noun of ONE_EVENT after at most two names; 0 when there is none.
 */
function eventNounAt(tokens: Token[], at: number, to: number): number {
  for (let j = at; j < Math.min(to, at + 3); j++) {
    const t = tokens[j] as Token;
    if (t.type !== 'word') return 0;
    if (ONE_EVENT.has(t.norm)) return j + 1;
    if (!t.cap) return 0;
  }
  return 0;
}

function readAt(tokens: Token[], k: number, to: number, ref: Day | null, anchor: DateRange | null): Found | null {
  const t = tokens[k] as Token;
  const w = bare(t.norm);
  const next = (i: number) => (k + i < to ? tokens[k + i]?.norm : undefined);
  if (w === 'the' && anchor && ON_DAY.has(tokens[k - 1]?.norm ?? '') && k + 1 < to) {
    // "On the 28th, three contractors were abducted": a day of the month the text last dated.
    const day = dayOfMonth(tokens, k + 1, to, anchor);
    if (day) return { end: k + 2, value: oneDay(day) };
  }
  if (
    w === 'the' &&
    (next(1) === 'day' ||
      next(1) === 'night' ||
      next(1) === 'evening' ||
      next(1) === 'previous' ||
      next(1) === 'next' ||
      next(1) === 'following')
  ) {
    return anchor ? (relativeToAnchor(tokens, k, to, anchor) ?? followingPeriod(next(1), next(2), k, anchor)) : null;
  }
  // "later in the week", "later in the month": as "later that week".
  if (
    anchor &&
    w === 'in' &&
    tokens[k - 1]?.norm === 'later' &&
    next(1) === 'the' &&
    (next(2) === 'week' || next(2) === 'month' || next(2) === 'year')
  ) {
    return thatPeriod(next(2) as 'week' | 'month' | 'year', true, k + 3, anchor);
  }
  if (w === 'the' && next(2) === 'week' && next(3) === 'of' && ORDINALS.has(next(1) ?? '')) {
    // "the first week of April", "the last week of May 2016": seven days of the month named.
    return weekOfMonth(tokens, k, to, ORDINALS.get(next(1) ?? '') as number, anchor, ref);
  }
  if (w === 'the' && (next(2) === 'quarter' || next(2) === 'half') && ORDINALS.has(next(1) ?? '')) {
    // "in the first quarter", "the second half of 2023": three or six months of the year named, else
    // of the report's year, else of the year last dated.
    return partOfYear(tokens, k, to, ORDINALS.get(next(1) ?? '') as number, next(2) as string, anchor, ref);
  }
  if (w === 'the' && next(2) === 'of' && next(3) === 'the') {
    // "by the end of the month", "at the start of the year": a part of the period last dated.
    const from = anchor ?? (ref ? oneDay(ref) : null);
    return from ? partOfPeriod(next(1), next(4), k + 5, from) : null;
  }
  const counted = countAt(t);
  const later = next(2);
  if (counted !== null && (later === 'later' || later === 'earlier' || later === 'into') && anchor) {
    // "Two days later", "a week earlier", "two weeks into the offensive": counted from the event
    // the text last dated.
    return countedFromAnchor(
      counted,
      UNITS.get(next(1) ?? ''),
      later === 'earlier' ? -1 : 1,
      k + 3,
      anchor,
      later === 'later' ? 'last' : 'first',
    );
  }
  if (counted !== null && (later === 'after' || later === 'before') && anchor) {
    const sign = later === 'after' ? 1 : -1;
    // "The attack came a week after militants ambushed a convoy": what follows is the earlier event,
    // counted back from the one the text last dated ("came two days before", forward).
    if (CAME.has(tokens[k - 1]?.norm ?? ''))
      return countedFromAnchor(counted, UNITS.get(next(1) ?? ''), sign > 0 ? -1 : 1, k + 3, anchor, 'first');
    // "Two days after the attack", "a week after the bombing", "two days after that", "three days
    // before the Tintaboora raid": from the event just told, as "later" and "earlier".
    const toEvent = (next(3) === 'the' || next(3) === 'this' || next(3) === 'that') && eventNounAt(tokens, k + 4, to);
    const toThat = next(3) === 'that' && (next(4) === ',' || next(4) === undefined);
    if (toEvent || toThat)
      return countedFromAnchor(
        counted,
        UNITS.get(next(1) ?? ''),
        sign,
        toEvent || k + 4,
        anchor,
        sign > 0 ? 'last' : 'first',
      );
  }
  if (anchor && (w === 'that' || w === 'same' || (w === 'the' && next(1) === 'same'))) {
    // "that night", "later that day", "the same day": the day the text last dated.
    const at = w === 'the' ? 2 : 1;
    const unit = next(at);
    if (unit === 'day' || (w !== 'the' && unit !== undefined && PARTS_OF_DAY.has(unit)))
      return anchor.precision === 'day' ? { end: k + at + 1, value: { ...anchor } } : null;
    // "later that month", "that week", "later that year": the rest of the period last dated, or all of it.
    if (w === 'that' && (unit === 'week' || unit === 'month' || unit === 'year'))
      return thatPeriod(unit, tokens[k - 1]?.norm === 'later', k + 2, anchor);
    return null;
  }
  if (!ref) return null;
  const dayIndex = WEEKDAYS.indexOf(w);
  if (dayIndex >= 0 && t.cap) {
    const before = tokens[k - 1]?.norm;
    let back7 = (weekday(ref) - dayIndex + 7) % 7;
    if (before === 'last' && back7 === 0) back7 = 7;
    // "next Tuesday" and "every Friday" name no day of the story.
    if (before === 'next' || before === 'every' || before === 'coming') return null;
    let end = k + 1;
    if (next(1) && PARTS_OF_DAY.has(next(1) as string)) end++;
    // "between Thursday and Saturday", "from Thursday to Saturday": the last such run of days, the
    // second day the most recent one and the first the one before it.
    const link = tokens[end]?.norm;
    const second = tokens[end + 1];
    const opener = tokens[k - 1]?.norm;
    const secondIndex = second?.cap ? WEEKDAYS.indexOf(bare(second.norm)) : -1;
    if (
      secondIndex >= 0 &&
      ((opener === 'between' && link === 'and') || (opener === 'from' && (link === 'to' || link === 'until')))
    ) {
      const last = shiftDays(ref, -((weekday(ref) - secondIndex + 7) % 7));
      const first = shiftDays(last, -((secondIndex - dayIndex + 7) % 7 || 7));
      return { end: end + 2, value: span(first, last) };
    }
    return { end, value: oneDay(shiftDays(ref, -back7)) };
  }
  switch (w) {
    case 'yesterday':
      return { end: k + 1, value: oneDay(shiftDays(ref, -1)) };
    case 'today':
    case 'tonight':
      return { end: k + 1, value: oneDay(ref) };
    case 'overnight': {
      // "an overnight raid" names a kind of raid; "died overnight" says when.
      const after = tokens[k + 1];
      if (k + 1 < to && after?.type === 'word' && !after.cap && !NOT_NOUNS.has(after.norm)) return null;
      return { end: k + 1, value: span(shiftDays(ref, -1), ref) };
    }
    case 'this':
    case 'last':
    case 'earlier':
      return readThisOrLast(tokens, k, to, ref);
    case 'since':
      // "since the start of the year": a running period, like "so far this year".
      if (
        next(1) === 'the' &&
        (next(2) === 'start' || next(2) === 'beginning') &&
        next(3) === 'of' &&
        next(4) === 'the'
      ) {
        if (next(5) === 'year') return { end: k + 6, value: span({ y: ref.y, m: 1, d: 1 }, ref), running: true };
        if (next(5) === 'month') return { end: k + 6, value: span({ y: ref.y, m: ref.m, d: 1 }, ref), running: true };
      }
      return null;
    case 'so':
      if (next(1) === 'far' && next(2) === 'this' && next(3) === 'year') {
        return { end: k + 4, value: span({ y: ref.y, m: 1, d: 1 }, ref), running: true };
      }
      return null;
    case 'in':
    case 'over':
    case 'during':
    case 'within':
      return readPast(tokens, k, to, ref);
    case 'weekend':
      return tokens[k - 1]?.norm === 'the' ? { end: k + 1, value: lastWeekend(ref) } : null;
    default: {
      const n = countAt(t);
      const unit = UNITS.get(next(1) ?? '');
      if (n !== null && unit && next(2) === 'ago' && unit !== 'hour') {
        const day = back(ref, n, unit);
        if (unit === 'day') return { end: k + 3, value: oneDay(day) };
        if (unit === 'week') return { end: k + 3, value: span(shiftDays(day, -1), shiftDays(day, 1)) };
        if (unit === 'month') return { end: k + 3, value: monthOf(day.y, day.m) };
        return { end: k + 3, value: { ...monthOf(day.y, 1), end: isoDate(day.y, 12, 31), precision: 'year' } };
      }
      return null;
    }
  }
}

function lastWeekend(ref: Day): DateRange {
  const dow = weekday(ref);
  if (dow === 6) return oneDay(ref);
  if (dow === 0) return span(shiftDays(ref, -1), ref);
  const saturday = shiftDays(ref, -(dow + 1));
  return span(saturday, shiftDays(saturday, 1));
}

/** "this week", "earlier this month", "last night", "last week", "last month", "this year". */
function readThisOrLast(tokens: Token[], k: number, to: number, ref: Day): Found | null {
  let i = k;
  const words: string[] = [];
  for (; i < to && words.length < 3; i++) words.push((tokens[i] as Token).norm);
  const phrase = words.join(' ');
  const match = (p: string) => phrase === p || phrase.startsWith(`${p} `);
  if (match('earlier this week') || match('this week')) {
    const n = match('earlier') ? 3 : 2;
    return { end: k + n, value: span(mondayOf(ref), ref) };
  }
  if (match('earlier this month') || match('this month')) {
    const n = match('earlier') ? 3 : 2;
    return { end: k + n, value: span({ y: ref.y, m: ref.m, d: 1 }, ref) };
  }
  if (match('earlier this year') || match('this year')) {
    const n = match('earlier') ? 3 : 2;
    return { end: k + n, value: span({ y: ref.y, m: 1, d: 1 }, ref), running: true };
  }
  if (match('earlier today') || match('this morning') || match('this afternoon') || match('this evening')) {
    return { end: k + 2, value: oneDay(ref) };
  }
  if (match('last night')) return { end: k + 2, value: span(shiftDays(ref, -1), ref) };
  if (match('last weekend') || match('this weekend')) return { end: k + 2, value: lastWeekend(ref) };
  if (match('last week')) {
    const monday = shiftDays(mondayOf(ref), -7);
    return { end: k + 2, value: span(monday, shiftDays(monday, 6)) };
  }
  if (match('last month')) {
    const day = back(ref, 1, 'month');
    return { end: k + 2, value: monthOf(day.y, day.m) };
  }
  // "last August" in a report of April 2018 is August 2017; in one of October, August 2018. Not
  // "last August 5" or "last August 2017", which the absolute reader takes whole.
  const month = words[0] === 'last' ? MONTHS.get(words[1] ?? '') : undefined;
  if (month !== undefined && (words[1] as string).length > 3) {
    const after = tokens[k + 2];
    if (k + 2 >= to || after?.type !== 'num') {
      return { end: k + 2, value: monthOf(month < ref.m ? ref.y : ref.y - 1, month) };
    }
  }
  if (match('last year')) {
    return {
      end: k + 2,
      value: { start: isoDate(ref.y - 1, 1, 1), end: isoDate(ref.y - 1, 12, 31), precision: 'year' },
    };
  }
  return null;
}

/** "in the past 24 hours", "over the last three days", "in the past week", "over the past day". */
function readPast(tokens: Token[], k: number, to: number, ref: Day): Found | null {
  let i = k + 1;
  if (tokens[i]?.norm === 'the') i++;
  const which = tokens[i]?.norm;
  if (which !== 'past' && which !== 'last' && which !== 'previous') return null;
  i++;
  let n = 1;
  const count = countAt(tokens[i]);
  if (count !== null && tokens[i]?.norm !== 'a') {
    n = count;
    i++;
  }
  const unit = UNITS.get(tokens[i]?.norm ?? '');
  if (!unit || i >= to) return null;
  if (tokens[k + 1]?.norm !== 'the' && which === 'last' && count === null) return null;
  // "in the last week of May" is a week of May, not the week before the report.
  if (tokens[i + 1]?.norm === 'of') return null;
  return { end: i + 1, value: span(back(ref, n, unit), ref), running: true };
}

/** The first day of a range, as numbers. */
function firstDay(range: DateRange): Day {
  const [y, m, d] = range.start.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** A run of days short enough to count days from: "on the night of 14–15 June", "between 10 and 14 August". */
const COUNTABLE_RUN_DAYS = 14;

/**
 * The day a count of days starts from: a dated day, or the first or last day of a short run of days
 * ("the next day" after "between 10 and 14 August" is 15 August); nothing for a vaguer anchor.
 */
function dayOf(anchor: DateRange, side: 'first' | 'last'): Day | null {
  const first = firstDay(anchor);
  if (anchor.precision === 'day') return first;
  if (anchor.precision !== 'range' || !/^\d{4}-\d{2}-\d{2}$/.test(anchor.end)) return null;
  const [y, m, d] = anchor.end.split('-').map(Number) as [number, number, number];
  const last = { y, m, d };
  const days = (toMs(last) - toMs(first)) / DAY_MS;
  if (days < 0 || days > COUNTABLE_RUN_DAYS) return null;
  return side === 'first' ? first : last;
}

/**
 * `n` days or weeks after (`sign` 1) or before (-1) a dated day, or `n` months or years after or
 * before a dated month or day; nothing for hours, or for days counted from a vaguer anchor. After a
 * short run of days, "later" counts from its last day, "earlier" and "into" from its first.
 */
function countedFromAnchor(
  n: number,
  unit: 'hour' | 'day' | 'week' | 'month' | 'year' | undefined,
  sign: 1 | -1,
  end: number,
  anchor: DateRange,
  side: 'first' | 'last' = sign > 0 ? 'last' : 'first',
): Found | null {
  const { y, m } = firstDay(anchor);
  // "Two years later", "three months later": the year or month, from an anchor of any precision.
  if (unit === 'year') {
    const year = y + sign * n;
    return { end, value: { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), precision: 'year' } };
  }
  if (unit === 'month' && anchor.precision !== 'year') {
    const total = y * 12 + (m - 1) + sign * n;
    return { end, value: monthOf(Math.floor(total / 12), (total % 12) + 1) };
  }
  const from = unit === 'day' || unit === 'week' ? dayOf(anchor, side) : null;
  if (!from) return null;
  const day = shiftDays(from, sign * n * (unit === 'week' ? 7 : 1));
  // "a week later" is about a week: a day either side, as "a week ago" is read.
  return { end, value: unit === 'day' ? oneDay(day) : span(shiftDays(day, -1), shiftDays(day, 1)) };
}

/** The week (Monday to Sunday), month or year that holds a day. */
function periodOf(unit: 'week' | 'month' | 'year', day: Day): { first: Day; last: Day } {
  if (unit === 'week') {
    const monday = mondayOf(day);
    return { first: monday, last: shiftDays(monday, 6) };
  }
  if (unit === 'month') return { first: { ...day, d: 1 }, last: { ...day, d: daysInMonth(day.y, day.m) } };
  return { first: { y: day.y, m: 1, d: 1 }, last: { y: day.y, m: 12, d: 31 } };
}

function asRange(unit: 'week' | 'month' | 'year', first: Day, last: Day): DateRange {
  if (unit === 'month' && first.d === 1 && last.d === daysInMonth(last.y, last.m) && first.m === last.m)
    return monthOf(first.y, first.m);
  if (unit === 'year' && first.m === 1 && first.d === 1 && last.m === 12 && last.d === 31)
    return { start: iso(first), end: iso(last), precision: 'year' };
  return span(first, last);
}

const PERIODS = new Set(['week', 'month', 'year']);
const ORDINALS = new Map([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
  ['last', 5],
  ['final', 5],
]);

/** "the first quarter [of 2024]", "the second half of 2023": months 1-3 (or 1-6), and so on. */
function partOfYear(
  tokens: Token[],
  k: number,
  to: number,
  nth: number,
  part: string,
  anchor: DateRange | null,
  ref: Day | null,
): Found | null {
  const months = part === 'half' ? 6 : 3;
  const parts = 12 / months;
  const index = nth === 5 ? parts : nth;
  if (index > parts) return null;
  const month = tokens[k + 3]?.norm === 'of' && k + 4 < to ? MONTHS.get(tokens[k + 4]?.norm ?? '') : undefined;
  if (month !== undefined) return partOfMonth(tokens, k, to, index, parts, month, anchor, ref);
  const stated = tokens[k + 3]?.norm === 'of' ? yearAt(tokens, k + 4, to) : null;
  const y = stated ?? ref?.y ?? (anchor ? firstDay(anchor).y : undefined);
  if (y === undefined) return null;
  const first = (index - 1) * months + 1;
  const last = index * months;
  return {
    end: k + (stated === null ? 3 : 5),
    value: span({ y, m: first, d: 1 }, { y, m: last, d: daysInMonth(y, last) }),
  };
}

/**
 * "the first half of July [2009]", "the last quarter of March": that part of the month's days, in the
 * year stated, else the year last dated, else the report's.
 */
function partOfMonth(
  tokens: Token[],
  k: number,
  to: number,
  index: number,
  parts: number,
  month: number,
  anchor: DateRange | null,
  ref: Day | null,
): Found | null {
  const stated = yearAt(tokens, k + 5, to);
  const y = stated ?? (anchor ? firstDay(anchor).y : ref?.y);
  if (y === undefined) return null;
  const days = daysInMonth(y, month);
  const first = Math.floor(((index - 1) * days) / parts) + 1;
  const last = index === parts ? days : Math.floor((index * days) / parts);
  return { end: k + (stated === null ? 5 : 6), value: span({ y, m: month, d: first }, { y, m: month, d: last }) };
}

/** "the first week of April [2016]": days 1-7 (the second 8-14, ...; the last, the month's last seven). */
function weekOfMonth(
  tokens: Token[],
  k: number,
  to: number,
  nth: number,
  anchor: DateRange | null,
  ref: Day | null,
): Found | null {
  const month = MONTHS.get(k + 4 < to ? (tokens[k + 4]?.norm ?? '') : '');
  if (month === undefined) return null;
  const stated = yearAt(tokens, k + 5, to);
  const y = stated ?? (anchor ? firstDay(anchor).y : ref?.y);
  if (y === undefined) return null;
  const days = daysInMonth(y, month);
  const first = nth === 5 ? days - 6 : 7 * (nth - 1) + 1;
  const last = nth === 5 ? days : Math.min(days, first + 6);
  return { end: k + (stated === null ? 5 : 6), value: span({ y, m: month, d: first }, { y, m: month, d: last }) };
}

/** Whether a period can be counted from an anchor: a week needs a day; a month, a month; a year, any date. */
function countsFrom(unit: 'week' | 'month' | 'year', anchor: DateRange): boolean {
  return !((unit === 'week' && anchor.precision !== 'day') || (unit === 'month' && anchor.precision === 'year'));
}

/** A year written at token i ("May 2017", "the first half of 2023"), or null. */
function yearAt(tokens: Token[], i: number, to: number): number | null {
  const t = tokens[i];
  return i < to && t?.type === 'num' && t.value >= 1800 && t.value <= 2200 ? t.value : null;
}

/** "the following week", "the next month", "the following year": the period after the one last dated. */
function followingPeriod(
  which: string | undefined,
  unit: string | undefined,
  k: number,
  anchor: DateRange,
): Found | null {
  if ((which !== 'next' && which !== 'following') || unit === undefined || !PERIODS.has(unit)) return null;
  const u = unit as 'week' | 'month' | 'year';
  if (!countsFrom(u, anchor)) return null;
  const { last } = periodOf(u, firstDay(anchor));
  const { first: nextFirst, last: nextLast } = periodOf(u, shiftDays(last, 1));
  return { end: k + 3, value: asRange(u, nextFirst, nextLast) };
}

/** "later that month": from the day last dated to the period's end; "that month": all of it. */
function thatPeriod(unit: 'week' | 'month' | 'year', later: boolean, end: number, anchor: DateRange): Found | null {
  if (!countsFrom(unit, anchor)) return null;
  const day = firstDay(anchor);
  const { first, last } = periodOf(unit, day);
  if (!later || anchor.precision !== 'day') return { end, value: asRange(unit, first, last) };
  const from = shiftDays(day, 1);
  return toMs(from) > toMs(last) ? null : { end, value: span(from, last) };
}

/**
 * "the end of the month", "the start of the year", "the middle of the week": a part of the period
 * that holds the day last dated, as "late May" and "early 2019" are read (a month's first, middle or
 * last ten days; a year's first, middle or last four months).
 */
function partOfPeriod(
  part: string | undefined,
  unit: string | undefined,
  end: number,
  anchor: DateRange,
): Found | null {
  if (unit !== 'month' && unit !== 'year') return null;
  if (unit === 'month' && anchor.precision === 'year') return null;
  const day = firstDay(anchor);
  if (unit === 'month') {
    const last = daysInMonth(day.y, day.m);
    const at = (d: number) => ({ ...day, d });
    if (part === 'end') return { end, value: span(at(21), at(last)) };
    if (part === 'start' || part === 'beginning') return { end, value: span(at(1), at(10)) };
    if (part === 'middle') return { end, value: span(at(11), at(20)) };
    return null;
  }
  const months =
    part === 'end' ? [9, 12] : part === 'start' || part === 'beginning' ? [1, 4] : part === 'middle' ? [5, 8] : null;
  if (months === null) return null;
  const [a, b] = months as [number, number];
  return { end, value: span({ y: day.y, m: a, d: 1 }, { y: day.y, m: b, d: daysInMonth(day.y, b) }) };
}

/** "the day before", "the previous day", "the next day", "the following day", "the day after". */
function relativeToAnchor(tokens: Token[], k: number, to: number, anchor: DateRange): Found | null {
  const a = tokens[k + 1]?.norm;
  const b = k + 2 < to ? tokens[k + 2]?.norm : undefined;
  let shift = 0;
  if (a === 'day' && (b === 'before' || b === 'earlier')) shift = -1;
  else if (a === 'day' && b === 'after') shift = 1;
  // "the previous evening", "the night before" said of a day: the one before it.
  else if (a === 'previous' && (b === 'day' || b === 'night' || b === 'evening' || b === 'afternoon')) shift = -1;
  else if ((a === 'night' || a === 'evening') && (b === 'before' || b === 'earlier')) shift = -1;
  else if (
    (a === 'next' || a === 'following') &&
    (b === 'day' || b === 'morning' || b === 'afternoon' || b === 'evening')
  )
    shift = 1;
  if (shift === 0) return null;
  // Only a day or a short run of days can be counted from; "the day before" a month says nothing.
  const from = dayOf(anchor, shift > 0 ? 'last' : 'first');
  if (!from) return null;
  // "the day after Christmas" names its own anchor, one we do not read.
  if (b === 'after' && tokens[k + 3]?.type === 'word' && tokens[k + 3]?.cap) return null;
  return { end: k + 3, value: oneDay(shiftDays(from, shift)) };
}
