import type { DateRange } from '../core/figure.js';

/** A stored date: Incident.date keeps its precision as plain text. */
type StoredDate = { start: string; end: string; precision: string };

const DAY_MS = 86_400_000;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function isoOf(y: number, m: number, d: number): string | null {
  const t = Date.UTC(y, m - 1, d);
  const date = new Date(t);
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A date as the datasets write it: ISO (GED's "2017-01-01 00:00:00.000" included) or ACLED's
 * "16 February 2023". Null when it is no real calendar day.
 */
export function parseDatasetDate(text: string): string | null {
  let iso = parsedDates.get(text);
  if (iso === undefined) {
    if (parsedDates.size >= MAX_PARSED_DATES) parsedDates.clear();
    iso = parseDate(text);
    parsedDates.set(text, iso);
  }
  return iso;
}

// A dataset repeats its days thousands of times: each text is parsed once. Bounded for any file.
const parsedDates = new Map<string, string | null>();
const MAX_PARSED_DATES = 20_000;

function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(t);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const long = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(t);
  if (long) {
    const word = (long[2] as string).toLowerCase();
    const month = MONTHS.findIndex((m) => m === word || (word.length === 3 && m.startsWith(word)));
    return month < 0 ? null : isoOf(Number(long[3]), month + 1, Number(long[1]));
  }
  return null;
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days the range covers, both ends included. */
export function daySpan(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS) + 1;
}

function monthEnd(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Tally's precision for a range a dataset states: a whole month or year is that, anything else a range. */
export function rangeOf(start: string, end: string): DateRange {
  if (start === end) return { start, end, precision: 'day' };
  if (start.endsWith('-01-01') && end === `${start.slice(0, 4)}-12-31`) return { start, end, precision: 'year' };
  if (start.endsWith('-01') && end === monthEnd(start)) return { start, end, precision: 'month' };
  return { start, end, precision: 'range' };
}

export function yearRange(year: number): DateRange {
  return { start: `${year}-01-01`, end: `${year}-12-31`, precision: 'year' };
}

/** GED date_prec: 1 the day; 2 within 2-6 days; 3 the week; 4 the month (8-31 days); 5 longer, or the year. */
export function gedDatePrec(date: StoredDate): 1 | 2 | 3 | 4 | 5 {
  if (date.precision === 'year') return 5;
  if (date.precision === 'month') return 4;
  const days = daySpan(date.start, date.end);
  if (days <= 1) return 1;
  if (days <= 6) return 2;
  if (days === 7) return 3;
  return days <= 31 ? 4 : 5;
}

/**
 * ACLED codes one day per event with a time_precision: 1 the day; 2 a week, coded to its middle;
 * 3 only the month is known. A range longer than a week goes out as 3 on its middle day, which an
 * import reads back as that day's month: ACLED cannot say more.
 */
export function acledDate(date: StoredDate): { event_date: string; time_precision: 1 | 2 | 3 } {
  const days = daySpan(date.start, date.end);
  const middle = addDays(date.start, Math.floor((days - 1) / 2));
  if (days <= 1) return { event_date: date.start, time_precision: 1 };
  if (days <= 7 && date.precision !== 'month') return { event_date: middle, time_precision: 2 };
  return { event_date: middle, time_precision: 3 };
}

/** The range an ACLED date stands for, the inverse of acledDate for what ACLED can express. */
export function acledRange(eventDate: string, timePrecision: 1 | 2 | 3): DateRange {
  if (timePrecision === 1) return { start: eventDate, end: eventDate, precision: 'day' };
  if (timePrecision === 2) return { start: addDays(eventDate, -3), end: addDays(eventDate, 3), precision: 'range' };
  const start = `${eventDate.slice(0, 7)}-01`;
  return { start, end: monthEnd(start), precision: 'month' };
}
