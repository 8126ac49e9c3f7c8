import type { DateRange } from '../core/figure.js';

/** A date as far as the text states it. Missing parts stay null; `part` is early/mid/late. */
export interface PartialDate {
  y: number | null;
  m: number | null;
  d: number | null;
  part: 'early' | 'mid' | 'late' | null;
  season: 'spring' | 'summer' | 'autumn' | 'winter' | null;
}

export const emptyDate = (): PartialDate => ({ y: null, m: null, d: null, part: null, season: null });

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The first and last day a partial date can mean, with how precisely it was stated. */
export function toRange(p: PartialDate): DateRange | null {
  const y = p.y;
  if (y === null) return null;
  if (p.m !== null && p.d !== null) {
    if (!isValidDay(y, p.m, p.d)) return null;
    const iso = isoDate(y, p.m, p.d);
    return { start: iso, end: iso, precision: 'day' };
  }
  if (p.m !== null) {
    const last = daysInMonth(y, p.m);
    if (p.part === 'early') return { start: isoDate(y, p.m, 1), end: isoDate(y, p.m, 10), precision: 'range' };
    if (p.part === 'mid') return { start: isoDate(y, p.m, 11), end: isoDate(y, p.m, 20), precision: 'range' };
    if (p.part === 'late') return { start: isoDate(y, p.m, 21), end: isoDate(y, p.m, last), precision: 'range' };
    return { start: isoDate(y, p.m, 1), end: isoDate(y, p.m, last), precision: 'month' };
  }
  if (p.season !== null) {
    const [from, to] = SEASONS[p.season];
    const endYear = p.season === 'winter' ? y + 1 : y;
    return { start: isoDate(y, from, 1), end: isoDate(endYear, to, daysInMonth(endYear, to)), precision: 'range' };
  }
  if (p.part === 'early') return { start: isoDate(y, 1, 1), end: isoDate(y, 4, 30), precision: 'range' };
  if (p.part === 'mid') return { start: isoDate(y, 5, 1), end: isoDate(y, 8, 31), precision: 'range' };
  if (p.part === 'late') return { start: isoDate(y, 9, 1), end: isoDate(y, 12, 31), precision: 'range' };
  return { start: isoDate(y, 1, 1), end: isoDate(y, 12, 31), precision: 'year' };
}

const SEASONS: Record<NonNullable<PartialDate['season']>, [number, number]> = {
  spring: [3, 5],
  summer: [6, 8],
  autumn: [9, 11],
  winter: [12, 2],
};

/** Joins two ends into one range; equal ends keep their own precision. */
export function spanRanges(a: DateRange, b: DateRange): DateRange {
  const start = a.start <= b.start ? a.start : b.start;
  const end = a.end >= b.end ? a.end : b.end;
  if (start === a.start && end === a.end) return a;
  return { start, end, precision: 'range' };
}

/** Parses "YYYY-MM-DD" (or a longer ISO timestamp) into its parts. */
export function parseIsoDay(iso: string | null | undefined): { y: number; m: number; d: number } | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidDay(y, mo, d) ? { y, m: mo, d } : null;
}

/**
 * The year a date without one belongs to: the year the text last named, else the publication
 * year (the year before when the day would fall after publication).
 */
const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_INDEX = new Map(MONTH_NAMES.split('|').map((m, i) => [m, i + 1]));
const ISO_DAY = /\b(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/g;
const DAY_MONTH_YEAR = new RegExp(`\\b([0-3]?\\d) (${MONTH_NAMES}),? (1[89]\\d\\d|20\\d\\d)\\b`, 'g');
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTH_NAMES}) ([0-3]?\\d),? (1[89]\\d\\d|20\\d\\d)\\b`, 'g');

/**
 * Days the document states in full ("2022-09-30" in a reference, "30 September 2022"), keyed by
 * month and day; a day stated with two different years is left out.
 */
export function collectFullDays(text: string): Map<string, number | null> {
  const days = new Map<string, number | null>();
  const note = (y: number, m: number, d: number) => {
    if (!isValidDay(y, m, d)) return;
    const key = `${m}-${d}`;
    const seen = days.get(key);
    days.set(key, seen === undefined || seen === y ? y : null);
  };
  for (const m of text.matchAll(ISO_DAY)) note(Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(DAY_MONTH_YEAR)) note(Number(m[3]), MONTH_INDEX.get(m[2] as string) ?? 0, Number(m[1]));
  for (const m of text.matchAll(MONTH_DAY_YEAR)) note(Number(m[3]), MONTH_INDEX.get(m[1] as string) ?? 0, Number(m[2]));
  return days;
}

/** Whether month `m` (day `d`, when known) of a year comes after day `p` of that year. */
function after(m: number, d: number | null, p: { m: number; d: number }): boolean {
  return m > p.m || (m === p.m && d !== null && d > p.d);
}

export class DateContext {
  year: number | null;
  /** Month and day the document states in full somewhere: "30 September" takes that year. */
  fullDays: Map<string, number | null> = new Map();
  readonly published: { y: number; m: number; d: number } | null;
  /** The conflict's own dates, when an infobox gives them: a yearless date falls inside them if it can. */
  readonly window: { start: string; end: string } | null;

  constructor(
    published: string | null | undefined,
    initialYear: number | null,
    window: { start: string; end: string } | null = null,
  ) {
    this.published = parseIsoDay(published);
    this.year = initialYear;
    this.window = window;
  }

  yearFor(m: number | null, d: number | null): number | null {
    const stated = m !== null && d !== null ? this.fullDays.get(`${m}-${d}`) : undefined;
    if (stated) return stated;
    if (this.year !== null && !(this.reportYears && !this.yearFromDay && this.published)) {
      const w = this.window;
      if (w && m !== null) {
        // "1 November 2016 ... by mid-January": the conflict's dates say which year a month belongs to.
        for (const y of [this.year, this.year + 1, this.year - 1]) {
          const iso = isoDate(y, m, d ?? 15);
          if (iso >= w.start.slice(0, 7) && iso.slice(0, 7) <= w.end.slice(0, 7)) return y;
        }
      }
      // A report tells of what happened before it: its own year's "5 August" in a report of April
      // was last year's.
      const p = this.published;
      if (p !== null && this.year === p.y && m !== null && after(m, d, p)) return p.y - 1;
      return this.year;
    }
    const p = this.published;
    if (p === null) return m === null ? null : this.yearOfSources(m, d ?? 1);
    if (m !== null && after(m, d, p)) return p.y - 1;
    return p.y;
  }

  /** The days the page's cited sources were published (ISO), when it has no day of its own. */
  readonly sourceDays: string[] = [];

  /**
   * The year a yearless day falls in by the sources that reported it: the year that puts it nearest
   * before (or on) the day one of them was published. Sources report what happened before them.
   */
  private yearOfSources(m: number, d: number): number | null {
    let best: { y: number; gap: number } | null = null;
    for (const iso of this.sourceDays) {
      const c = parseIsoDay(iso);
      if (c === null) continue;
      const y = m < c.m || (m === c.m && d <= c.d) ? c.y : c.y - 1;
      const gap = Date.parse(iso) - Date.parse(isoDate(y, m, d));
      if (best === null || gap < best.gap) best = { y, gap };
    }
    return best?.y ?? null;
  }

  /**
   * A dated report reads a yearless "3 February" against its own day unless the text last named a
   * full date: "In 2012, rebels took the town" is history and does not move the story's year.
   */
  reportYears = false;
  private yearFromDay = false;

  noteYear(y: number, fromDay = true): void {
    this.year = y;
    this.yearFromDay = fromDay;
  }
}
