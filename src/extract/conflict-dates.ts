import type { DatePrecision, DateRange } from '../core/figure.js';
import { DateContext } from './date-values.js';
import { findDates } from './dates.js';
import type { InfoboxField } from './infobox.js';
import { cleanMarkup } from './markup-cleanup.js';
import { tokenize } from './tokens.js';

/**
 * The conflict's start and end from its Date value, in every shape an infobox writes it:
 * "24 April – 14 October 2015", "October 2015 (2 weeks)", "March 3–9, 2019", "c. 1997", "Spring 1995",
 * "2014–2016", "3 March 2019 – present" (no end), "{{start date|2017|4|24}}".
 */

const ONGOING = /\b(?:present|ongoing|current)\b/i;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DASH = '\\s*[–—-]\\s*';
// "March 3–9, 2019" and "March 3 – April 9, 2019": the year closes both ends.
const US_DAY_RANGE = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${DASH}(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi');
const US_MONTH_RANGE = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${DASH}${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi');
// "1994–95": the second year written short.
// "Winter 1994–95" is one winter, read as such by the date reader.
const SHORT_YEAR_RANGE =
  /(?<!\b(?:winter|spring|summer|autumn|fall)\s)\b(1[6-9]|20)(\d{2})[–—-](\d{2})(?![\d,.-]|\s*\p{L})/giu;
// "11 November 2001 (2001-11-11)": the same day again, as machines read it.
const ISO_ECHO = /\(\s*\d{4}-\d{2}-\d{2}\s*\)/g;
// "Spring–summer 2016": the year closes both seasons.
const SEASON_RANGE = /\b(spring|summer|autumn|fall|winter)\s*[–—-]\s*(spring|summer|autumn|fall|winter)\s+(\d{4})\b/gi;
// "(2 weeks)", "(1 month and 22 days)": a duration's numbers are no dates.
const DURATION = /\([^()]{0,80}?\b(?:days?|weeks?|months?|years?|hours?)\b[^()]{0,80}\)/gi;
const DATE_TEMPLATE =
  /\{\{\s*(?:start|end|start and end|death|birth)[ _]dates?(?:[ _]and[ _](?:age|years?))?\s*((?:\|[^{}|]{0,40}){1,8})\}\}/gi;

function templateDate(parts: string[]): string {
  const [y, m, d] = parts.map((p) => Number(p));
  if (!y) return '';
  const month = m && m >= 1 && m <= 12 ? MONTHS[m - 1] : null;
  if (!month) return String(y);
  return d ? `${d} ${month} ${y}` : `${month} ${y}`;
}

/** The Date value as plain words: templates read, markup and durations gone, US ranges in day order. */
export function conflictDateText(raw: string): string {
  const templates = raw.replace(DATE_TEMPLATE, (_, args: string) => {
    const parts = args
      .split('|')
      .map((p) => p.trim())
      .filter((p) => p !== '' && !p.includes('='));
    if (parts.length >= 4) return `${templateDate(parts.slice(0, 3))} – ${templateDate(parts.slice(3, 6))}`;
    return templateDate(parts);
  });
  return cleanMarkup(templates)
    .replace(ISO_ECHO, ' ')
    .replace(DURATION, ' ')
    .replace(US_MONTH_RANGE, '$2 $1 – $4 $3 $5')
    .replace(US_DAY_RANGE, '$2–$3 $1 $4')
    .replace(SHORT_YEAR_RANGE, (all, century: string, from: string, to: string) =>
      Number(to) > Number(from) ? `${century}${from} – ${century}${to}` : all,
    )
    .replace(SEASON_RANGE, '$1 $3 – $2 $3');
}

export function readConflictDates(
  text: string,
  field: InfoboxField | undefined,
): {
  start: string | null;
  end: string | null;
  precision: DatePrecision | null;
  range: DateRange | null;
} {
  const none = { start: null, end: null, precision: null, range: null };
  if (!field) return none;
  const value = conflictDateText(text.slice(field.start, field.end));
  const tokens = tokenize(value, 0, value.length);
  const mentions = findDates(tokens, 0, tokens.length, new DateContext(null, null)).filter((m) => m.value);
  const head = mentions[0];
  const tail = mentions[mentions.length - 1];
  if (!head?.value || !tail?.value) return none;
  const first = head.ends ? head.ends[0] : head.value;
  const last = tail.ends ? tail.ends[1] : tail.value;
  const ongoing = ONGOING.test(value);
  // Precision of the ends: "23 June – 17 August 2022" is known to the day, "May 2015 – present" to the month.
  const ranks: DatePrecision[] = ['day', 'month', 'year', 'range'];
  const precision = ranks[
    Math.max(ranks.indexOf(first.precision), ongoing ? 0 : ranks.indexOf(last.precision))
  ] as DatePrecision;
  const start = first.start;
  const end = ongoing ? null : last.end;
  return { start, end, precision, range: { start, end: end ?? last.end, precision } };
}
