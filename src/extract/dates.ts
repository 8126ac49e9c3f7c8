import type { DateRange } from '../core/figure.js';
import { type DateContext, emptyDate, isValidDay, type PartialDate, spanRanges, toRange } from './date-values.js';
import { CASUALTY_NOUNS, COMBATANT_NOUNS, MONTHS, PERSON_NOUNS, THING_NOUNS } from './lexicon.js';
import { isYearToken } from './quantities.js';
import type { Token } from './tokens.js';

/** A date stated in the text, as token indices, resolved against the document's context. */
export interface DateMention {
  start: number;
  end: number;
  value: DateRange | null;
  /** The two ends of a stated range ("12 July – 1 August 2018"), each with its own precision. */
  ends?: [DateRange, DateRange];
  /** "since 10 May": the start of a period that runs on, not the time of an event. */
  since?: boolean;
}

interface Parsed {
  date: PartialDate;
  end: number;
}

const PARTS = new Map<string, PartialDate['part']>([
  ['early', 'early'],
  ['mid', 'mid'],
  ['late', 'late'],
  ['middle', 'mid'],
  ['beginning', 'early'],
  ['start', 'early'],
  ['end', 'late'],
]);
const SEASON_WORDS = new Map<string, PartialDate['season']>([
  ['spring', 'spring'],
  ['summer', 'summer'],
  ['autumn', 'autumn'],
  ['fall', 'autumn'],
  ['winter', 'winter'],
]);
const RANGE_LINKS = new Set(['–', '-', 'to', 'until', 'till', 'through', 'thru']);
const MONTH_CONTEXT = new Set([
  'in',
  'since',
  'until',
  'by',
  'of',
  'from',
  'between',
  'to',
  'and',
  'during',
  'early',
  'mid',
  'late',
  'till',
  'before',
  'after',
  'last',
  'this',
  'next',
  '–',
  '-',
  'throughout',
]);
function yearAt(tokens: Token[], i: number, end: number): number | null {
  return i < end && isYearToken(tokens, i) && !inCode(tokens, i) ? (tokens[i] as Token).value : null;
}

/** Words glued before a year that still date it: "mid-2019", "pre-2001". */
const YEAR_PREFIXES = new Set(['mid', 'pre', 'post', 'early', 'late', 'c', 'ca', 'circa']);

/** A year inside a code or reference number: "AFG-2019-0412", "S/2019/661", "UNSCR-2019". */
function inCode(tokens: Token[], i: number): boolean {
  const joint = tokens[i - 1];
  const word = tokens[i - 2];
  const year = tokens[i] as Token;
  if (!joint || !word || (joint.norm !== '-' && joint.norm !== '/') || joint.space || year.space) return false;
  return word.type === 'word' && !YEAR_PREFIXES.has(word.norm);
}

function dayAt(tokens: Token[], i: number, end: number): number | null {
  const t = tokens[i];
  if (!t || i >= end) return null;
  if (t.type === 'num' && t.end - t.start <= 2 && t.value >= 1 && t.value <= 31) return t.value;
  if (t.type === 'numword' && /^\d{1,2}(st|nd|rd|th)$/.test(t.norm) && t.value >= 1 && t.value <= 31) return t.value;
  return null;
}

function monthAt(tokens: Token[], i: number, end: number): number | null {
  const t = tokens[i];
  if (!t || i >= end || t.type !== 'word') return null;
  const m = MONTHS.get(t.norm);
  if (m === undefined) return null;
  // Month names that are also words ("may", "march") count only written as names.
  if (!t.cap && (t.norm === 'may' || t.norm === 'march' || t.norm.length <= 3)) return null;
  return m;
}

function skipDot(tokens: Token[], i: number, end: number): number {
  const t = tokens[i];
  // "Aug.", "Sept.": an abbreviated month's dot.
  const month = tokens[i - 1]?.norm ?? '';
  return t && i < end && t.norm === '.' && !t.space && (month.length === 3 || month === 'sept') ? i + 1 : i;
}

function skipComma(tokens: Token[], i: number, end: number): number {
  return tokens[i]?.norm === ',' && i < end ? i + 1 : i;
}

/** One date at token `i`, without ranges: "23 June 2022", "June 23", "mid-July", "late 2001", "2022-10-02". */
function parseOne(tokens: Token[], i: number, end: number): Parsed | null {
  const t = tokens[i];
  if (!t) return null;
  const date = emptyDate();
  // 15.04.2018, as European and local sources write a day (the tokenizer read "15.04" as one number).
  if (t.type === 'num') {
    const dm = /^(\d{1,2})\.(\d{1,2})$/.exec(t.norm);
    const dot = tokens[i + 1];
    const y = dm && dot?.norm === '.' && !dot.space && !tokens[i + 2]?.space ? yearAt(tokens, i + 2, end) : null;
    if (dm && y !== null && isValidDay(y, Number(dm[2]), Number(dm[1])))
      return { date: { ...date, y, m: Number(dm[2]), d: Number(dm[1]) }, end: i + 3 };
  }
  // 2022-10-02
  const y0 = yearAt(tokens, i, end);
  if (y0 !== null && tokens[i + 1]?.norm === '-' && !tokens[i + 1]?.space && tokens[i + 3]?.norm === '-') {
    const m = tokens[i + 2];
    const d = tokens[i + 4];
    if (m?.type === 'num' && d?.type === 'num' && i + 4 < end && isValidDay(y0, m.value, d.value)) {
      return { date: { ...date, y: y0, m: m.value, d: d.value }, end: i + 5 };
    }
  }
  // early / mid / late + month or year; "the end of July"; "mid-July"
  if (t.type === 'word') {
    let part = PARTS.get(t.norm) ?? null;
    let k = i + 1;
    if (t.norm.startsWith('mid-') || t.norm.startsWith('early-') || t.norm.startsWith('late-')) {
      const [head = '', tail = ''] = t.norm.split('-');
      const m = MONTHS.get(tail);
      if (m !== undefined) {
        date.part = PARTS.get(head) ?? null;
        date.m = m;
        return withYear(tokens, skipDot(tokens, i + 1, end), end, date);
      }
    }
    if (part !== null) {
      if (tokens[k]?.norm === '-' && !tokens[k]?.space) k++;
      if (tokens[k]?.norm === 'of') k++;
      if (t.norm === 'end' || t.norm === 'beginning' || t.norm === 'start' || t.norm === 'middle') {
        if (tokens[i + 1]?.norm !== 'of') part = null;
      }
    }
    if (part !== null) {
      const m = monthAt(tokens, k, end);
      if (m !== null) {
        date.part = part;
        date.m = m;
        return withYear(tokens, skipDot(tokens, k + 1, end), end, date);
      }
      const y = yearAt(tokens, k, end);
      if (y !== null) return { date: { ...date, part, y }, end: k + 1 };
      return null;
    }
    const season = SEASON_WORDS.get(t.norm);
    if (season) {
      let k2 = i + 1;
      if (tokens[k2]?.norm === 'of') k2++;
      const y = yearAt(tokens, k2, end);
      if (y !== null) return { date: { ...date, season, y }, end: k2 + 1 };
      return null;
    }
    const m = monthAt(tokens, i, end);
    if (m !== null) {
      date.m = m;
      const k2 = skipDot(tokens, i + 1, end);
      const d = dayAt(tokens, k2, end);
      if (d !== null && yearAt(tokens, k2, end) === null) {
        date.d = d;
        return withYear(tokens, skipComma(tokens, k2 + 1, end), end, date, k2 + 1);
      }
      const y = yearAt(tokens, skipComma(tokens, k2, end), end);
      if (y !== null) return { date: { ...date, y }, end: skipComma(tokens, k2, end) + 1 };
      const prev = tokens[i - 1];
      const next = tokens[k2];
      const linked = next && (next.norm === '–' || next.norm === '-' || next.norm === 'to' || next.norm === 'and');
      if (t.norm !== 'may' || (prev && MONTH_CONTEXT.has(prev.norm)) || linked) return { date, end: k2 };
      return null;
    }
  }
  // 23 June 2022, 15th of April
  const d = dayAt(tokens, i, end);
  if (d !== null) {
    let k = i + 1;
    if (tokens[k]?.norm === 'of') k++;
    const m = monthAt(tokens, k, end);
    if (m !== null) {
      date.d = d;
      date.m = m;
      return withYear(
        tokens,
        skipComma(tokens, skipDot(tokens, k + 1, end), end),
        end,
        date,
        skipDot(tokens, k + 1, end),
      );
    }
  }
  const y = yearAt(tokens, i, end);
  if (y !== null) return { date: { ...date, y }, end: i + 1 };
  return null;
}

function withYear(tokens: Token[], k: number, end: number, date: PartialDate, fallbackEnd = k): Parsed {
  const y = yearAt(tokens, k, end);
  if (y !== null) return { date: { ...date, y }, end: k + 1 };
  return { date, end: fallbackEnd };
}

/** "12–15 July 2018": two days sharing one month. */
function parseDayRange(tokens: Token[], i: number, end: number): { a: PartialDate; b: Parsed } | null {
  const d1 = dayAt(tokens, i, end);
  const link = tokens[i + 1];
  if (d1 === null || !link || (link.norm !== '–' && link.norm !== '-' && link.norm !== 'to' && link.norm !== 'and'))
    return null;
  const b = parseOne(tokens, i + 2, end);
  if (!b || b.date.d === null || b.date.m === null || b.date.d < d1) return null;
  return { a: { ...b.date, d: d1 }, b };
}

/** Whether a word can start what parseOne reads: a month, a part of one, a season. */
function mayStartDate(norm: string): boolean {
  return (
    MONTHS.has(norm) ||
    PARTS.has(norm) ||
    SEASON_WORDS.has(norm) ||
    norm.startsWith('mid-') ||
    norm.startsWith('early-') ||
    norm.startsWith('late-')
  );
}

const RECALLING = new Set(['similar', 'previous']);
const CLAUSE_ENDS = new Set(['.', ';', ':', '!', '?']);

/**
 * Whether the date at tokens[at, end) is one its clause recalls: after "a similar" or "the previous"
 * within the clause, or a bare year after a pluperfect "had".
 */
function recalls(tokens: Token[], at: number, floor: number, end: number): boolean {
  const bareYear = end - at <= 1 && tokens[at]?.type === 'num';
  for (let k = at - 1; k >= Math.max(floor, at - 12); k--) {
    const norm = (tokens[k] as Token).norm;
    if (CLAUSE_ENDS.has(norm)) return false;
    if (RECALLING.has(norm) || (bareYear && norm === 'had')) return true;
  }
  return false;
}

/** Every date in tokens[from, to), in order; explicit years move the context year forward. */
export function findDates(tokens: Token[], from: number, to: number, ctx: DateContext): DateMention[] {
  const found: DateMention[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i] as Token;
    // Most words start no date: only a month, a part ("mid", "end of"), a season or a number can.
    const canStart = t.type === 'word' ? mayStartDate(t.norm) : t.type === 'num' || t.type === 'numword';
    if (!canStart) {
      i++;
      continue;
    }
    // "since 2001" and "(2001–2021)" after a name look back; they do not set the year of what follows.
    // Nor does a year the clause recalls: "the group had carried out a similar attack in 2021".
    const background = (k: number) =>
      tokens[i - 1]?.norm === 'since' ||
      (tokens[i - 1]?.norm === '(' && tokens[k]?.norm === ')') ||
      recalls(tokens, i, from, k);
    const dayRange = parseDayRange(tokens, i, to);
    if (dayRange) {
      found.push(resolve(i, dayRange.b.end, dayRange.a, dayRange.b.date, ctx, background(dayRange.b.end)));
      i = dayRange.b.end;
      continue;
    }
    const one = parseOne(tokens, i, to);
    if (!one) {
      i++;
      continue;
    }
    const monthFirst = monthFirstRange(tokens, one, to);
    if (monthFirst) {
      found.push(resolve(i, monthFirst.end, one.date, monthFirst.date, ctx, background(monthFirst.end)));
      i = monthFirst.end;
      continue;
    }
    const link = tokens[one.end];
    if ((link && RANGE_LINKS.has(link.norm)) || link?.norm === 'and') {
      const second = parseOne(tokens, one.end + 1, to);
      // "between 3 and 7 May" spans; "30 June and 1 July" only when the two days follow each other.
      const spans =
        link.norm !== 'and' || tokens[i - 1]?.norm === 'between' || (second && nextDay(one.date, second.date));
      if (second && spans && compatible(one.date, second.date)) {
        found.push(resolve(i, second.end, one.date, second.date, ctx, background(second.end)));
        i = second.end;
        continue;
      }
    }
    found.push(resolve(i, one.end, one.date, null, ctx, background(one.end)));
    i = one.end;
  }
  for (const m of found) if (tokens[m.start - 1]?.norm === 'since' && m.start - 1 >= from) m.since = true;
  return found;
}

/** "June 5-6, 2016", "June 5 to 8", "June 5 and 6, 2016": a month, then two of its days, then a year. */
function monthFirstRange(tokens: Token[], one: Parsed, end: number): Parsed | null {
  const a = one.date;
  if (a.m === null || a.d === null || a.y !== null) return null;
  const link = tokens[one.end]?.norm ?? '';
  if (!RANGE_LINKS.has(link) && link !== 'and') return null;
  const d = dayAt(tokens, one.end + 1, end);
  // "June 5 to 8 people": a day range needs no count after it, so a noun or a month rules it out;
  // a verb does not ("Fighting on April 27-28 killed 14").
  if (d === null || d <= a.d || countedAfter(tokens[one.end + 2], tokens[one.end + 3])) return null;
  const k = skipComma(tokens, one.end + 2, end);
  const y = yearAt(tokens, k, end);
  return { date: { ...a, d, y }, end: y === null ? one.end + 2 : k + 1 };
}

const COUNT_OPENERS = new Set([
  'at',
  'more',
  'over',
  'about',
  'some',
  'nearly',
  'around',
  'dozens',
  'scores',
  'hundreds',
  'thousands',
  'several',
  'up',
]);

/** Whether a word after "June 5 to 8" makes the 8 a count: a noun of people or things, "more", a month, a name. */
function countedAfter(t: Token | undefined, after: Token | undefined): boolean {
  if (t?.type !== 'word') return false;
  if (t.cap || MONTHS.has(t.norm)) return true;
  const w = t.norm;
  // "April 27-28 killed 14 people": "killed" before a count is the verb; "June 5 to 8 killed" counts.
  if (CASUALTY_NOUNS.has(w))
    return !(after && (after.type === 'num' || after.type === 'numword' || COUNT_OPENERS.has(after.norm)));
  return (
    PERSON_NOUNS.has(w) ||
    COMBATANT_NOUNS.has(w) ||
    THING_NOUNS.has(w) ||
    /^(?:more|others?|of|among|were|are|had|have)$/.test(w)
  );
}

/** Whether `b` is the day after `a` ("30 June and 1 July"), the years aside. */
function nextDay(a: PartialDate, b: PartialDate): boolean {
  if (a.d === null || b.d === null || a.m === null || b.m === null) return false;
  if (a.m === b.m) return b.d === a.d + 1;
  return b.d === 1 && (b.m === a.m + 1 || (a.m === 12 && b.m === 1)) && a.d >= 28;
}

function compatible(a: PartialDate, b: PartialDate): boolean {
  // "May to July 1997", "12 July – 1 August 2018", "1992–1996"; never "23 June to 5".
  if (a.m !== null && b.m === null) return false;
  if (a.m === null && a.y === null) return false;
  return b.m !== null || b.y !== null;
}

function resolve(
  start: number,
  end: number,
  a: PartialDate,
  b: PartialDate | null,
  ctx: DateContext,
  background = false,
): DateMention {
  const first = { ...a };
  const second = b ? { ...b } : null;
  if (second && second.y === null && first.y !== null && second.m !== null) second.y = first.y;
  if (second && first.y === null && second.y !== null) {
    first.y = first.m !== null && second.m !== null && first.m > second.m ? second.y - 1 : second.y;
  }
  const lastYear = second?.y ?? first.y;
  if (first.y === null) {
    first.y = ctx.yearFor(first.m, first.d);
    // "On 14 June 2019 gunmen ...": a day the text states in full elsewhere gives its year to the
    // yearless days after it, when nothing else has.
    const stated = first.m !== null && first.d !== null ? ctx.fullDays.get(`${first.m}-${first.d}`) : null;
    if (ctx.year === null && stated && !background) ctx.noteYear(stated);
  }
  if (second && second.y === null) second.y = first.y;
  if (lastYear !== null && !background) ctx.noteYear(lastYear, (second?.m ?? first.m) !== null);
  const r1 = toRange(first);
  const r2 = second ? toRange(second) : null;
  const value = r1 && r2 ? spanRanges(r1, r2) : r1;
  if (value && r1 && r2 && value.precision !== 'range' && (r1.start !== r2.start || r1.end !== r2.end)) {
    value.precision = 'range';
  }
  return r1 && r2 ? { start, end, value, ends: [r1, r2] } : { start, end, value };
}

/** The date stated nearest the number; `mentions` are in token order. */
export function nearestMention(mentions: DateMention[], at: number): DateRange | null {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid] as DateMention).start <= at) lo = mid + 1;
    else hi = mid;
  }
  let best: DateMention | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  // The nearest dated mentions on each side are enough; look a few further for undated ones.
  for (const m of mentions.slice(Math.max(0, lo - 4), lo + 4)) {
    if (!m.value) continue;
    // A date before the number reads as its time ("On 3 July, ... executed nine"); after it, slightly less so.
    const distance = m.end <= at ? at - m.end : (m.start - at) * 1.5;
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best?.value ?? null;
}
