import { parseLooseDate } from '../ingest/parse-loose-date.js';
import type { Day } from './date-relative.js';

/**
 * The day a report speaks from, read from its own text: the wire dateline ("EL FASHER, June 12
 * (Reuters) -"), a "Published:" line, a date standing under the byline, a date in the title, an
 * "Updated:" line. "On Tuesday" and "yesterday" count back from it.
 */
export interface ReportDate {
  day: Day;
  from: 'dateline' | 'published' | 'byline' | 'title' | 'updated';
  /** Where the text states its own day (the dateline, a "Published:" line): no event's date. */
  header: Array<[number, number]>;
  /** Who published it, when named beside its day: "OCHA | 18 May 2024". */
  publisher: string | null;
}

// Clues sit above the story; further down, a dated line is a quote or a reference.
const HEAD_CHARS = 3000;
const MONTH =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const PUBLISHED =
  /^[ \t]*(?:First[ \t]+)?(?:Published|Posted|Issued|Released|Dated|Date|Publication date)(?:[ \t]+on)?(?:[ \t]*[:\-–—|][ \t]*|[ \t]+)(.+)$/im;
const UPDATED = /^[ \t]*(?:Last[ \t]+)?Updated(?:[ \t]+on)?(?:[ \t]*[:\-–—|][ \t]*|[ \t]+)(.+)$/im;
// PLACE[, Region], <date> [(Agency)] —   The place is written in capitals, as wires do, or as a name
// ("Khartoum, 3 May 2025 —", as statements and local papers write it), maybe in brackets as rights
// groups write it ("(Nairobi, 4 April 2024) –").
const DATELINE = new RegExp(
  `^[ \\t]*\\(?(?:[A-Z][A-Z.'-]+(?:[ \\t]+[A-Z][A-Z.'-]+)*|[A-Z][a-z][A-Za-z.'-]*(?:[ \\t]+[A-Z][A-Za-z.'-]+){0,2})(?:,[ \\t]*[A-Z][\\w.'-]*(?:[ \\t]+[A-Za-z][\\w.'-]*){0,4})?(?:,[ \\t]*|[ \\t]+[—–-][ \\t]*)(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \\t]+)?((?:${MONTH})\\.?[ \\t]+\\d{1,2}(?:,?[ \\t]+\\d{4})?|\\d{1,2}[ \\t]+(?:${MONTH})\\.?(?:,?[ \\t]+\\d{4})?)[ \\t]*(?:\\([^()\\n]{1,30}\\))?\\)?[ \\t]*(?:—|–|--|-|:)`,
  'm',
);
// A line that ends as a sentence ends is prose, not a title: an article's first sentence ("The battle
// began on 10 August 2018.") dates its story, not the page.
const SENTENCE_END = /[.!?]["'’”)]*\s*$/;
// A list item or a "Date:" field: a row of a table or an infobox, not a title.
const FIELD_LINE = /^[ \t]*(?:[-*•|]|(?:Date|Dates|Period|Duration)[ \t]*:)/i;
const MONTH_DAY = new RegExp(`^(${MONTH})\\.?[ \\t]+(\\d{1,2})$|^(\\d{1,2})[ \\t]+(${MONTH})\\.?$`, 'i');
const DATE_WORDS = new RegExp(
  `^(?:${MONTH}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|gmt|utc|bst|cet|cest|est|edt|pst|at|updated|published|on)\\.?,?$`,
  'i',
);

function toDay(iso: string | null): Day | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

const MONTH_NUMBERS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number {
  return MONTH_NUMBERS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A line that is a date and little else: "Sat 2 Dec 2023 14.10 GMT", "By A. Writer | 2 May 2022". */
function bylineDate(head: string): { day: Day; span: [number, number]; publisher: string | null } | null {
  let at = 0;
  for (const raw of head.split('\n').slice(0, 16)) {
    const lineStart = at;
    at += raw.length + 1;
    if (raw.trim() === '') continue;
    // The story has begun: a date further down is the story's, not the report's.
    if (raw.length > 100) break;
    // "Date: ..." is a field of a table or an infobox, not a byline.
    if (/^[ \t]*[-*•]|\p{L}[ \t]*:[ \t]/u.test(raw)) continue;
    // "By A. Writer | 2 May 2022"; "Port Sudan, 2 February 2025", a place before the day as
    // statements and local papers write their dateline.
    // "Syrian Observatory for Human Rights | 14 January 2023": the publisher beside the day.
    const parts = raw.split(/[ \t]+[|•·][ \t]+/);
    const beside = parts.length === 2 ? parts.findIndex((part) => /\d/.test(part)) : -1;
    const other = beside >= 0 ? (parts[1 - beside] ?? '').trim() : '';
    const named = /^\p{Lu}[\p{L}'’.& -]{1,60}$/u.test(other);
    const line = (named ? (parts[beside] as string) : raw)
      .replace(/^[ \t]*By[ \t]+[^|•·,]{2,40}[|•·,][ \t]*/, '')
      .replace(/^[ \t]*\p{Lu}[\p{L}'’.-]+(?:[ \t]+\p{Lu}[\p{L}'’.-]+){0,3},[ \t]*(?=\d|\p{Lu}\p{Ll}+[ \t]+\d)/u, '')
      .trim();
    if (line.length > 60 || (/[.!?]["”]?$/.test(line) && !/\d[ \t]*(?:GMT|UTC|[AP]\.?M\.?)$/i.test(line))) continue;
    const day = toDay(parseLooseDate(line));
    if (!day) continue;
    const extra = line.split(/[\s|•·]+/).filter((w) => /\p{L}/u.test(w) && !DATE_WORDS.test(w));
    if (extra.length <= 1) return { day, span: [lineStart, lineStart + raw.length], publisher: named ? other : null };
  }
  return null;
}

function lineMatch(pattern: RegExp, head: string): { day: Day; span: [number, number] } | null {
  const m = pattern.exec(head);
  const day = toDay(parseLooseDate(m?.[1] ?? ''));
  return m && day ? { day, span: [m.index, m.index + m[0].length] } : null;
}

const FULL_DATES = new RegExp(
  `\\b(?:\\d{1,2}[ \\t]+(?:${MONTH})\\.?,?[ \\t]+(?:19|20)\\d\\d|(?:${MONTH})\\.?[ \\t]+\\d{1,2},?[ \\t]+(?:19|20)\\d\\d|(?:19|20)\\d\\d-\\d\\d-\\d\\d)\\b`,
  'g',
);
// Reading further finds only more of the same; the cap keeps a huge text linear and cheap.
const FULL_DATE_CHARS = 200_000;

/**
 * The latest full date the text states: a wire that names "28 December 2018" and carries the
 * dateline "Jan. 3" was filed in January 2019. Read as a day close after it.
 */
function latestFullDate(text: string): Day | null {
  let latest: Day | null = null;
  for (const m of text.slice(0, FULL_DATE_CHARS).matchAll(FULL_DATES)) {
    const day = toDay(parseLooseDate(m[0]));
    if (day && (!latest || day.y * 400 + day.m * 32 + day.d > latest.y * 400 + latest.m * 32 + latest.d)) latest = day;
  }
  return latest;
}

/**
 * The report's own day, or null when the text does not state one. `metadataDay` (an HTML page's
 * publication date) only completes a dateline that lacks its year.
 */
export function readReportDate(text: string, metadataDay: Day | null = null): ReportDate | null {
  const head = text.slice(0, HEAD_CHARS);
  const lines = head.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  const published = lineMatch(PUBLISHED, head);
  const byline = bylineDate(head);
  const updated = lineMatch(UPDATED, head);
  const title = lines
    .slice(0, 2)
    .filter((l) => l.length <= 160 && !FIELD_LINE.test(l) && !DATELINE.test(l) && !SENTENCE_END.test(l));
  const titled = toDay(parseLooseDate(title.join('\n')));
  const header: Array<[number, number]> = [];
  for (const found of [published, byline, updated]) if (found) header.push(found.span);
  const stated = published?.day ?? byline?.day ?? updated?.day ?? titled;

  const dateline = DATELINE.exec(head);
  let day: ReportDate['day'] | null = null;
  let from: ReportDate['from'] = 'dateline';
  if (dateline?.[1]) {
    header.push([dateline.index, dateline.index + dateline[0].length]);
    day = toDay(parseLooseDate(dateline[1]));
    const md = MONTH_DAY.exec(dateline[1].trim());
    const known = !day && md ? (stated ?? metadataDay ?? latestFullDate(text)) : null;
    if (!day && md && known) {
      const m = monthNumber(md[1] ?? md[4] ?? '');
      const d = Number(md[2] ?? md[3]);
      // A dateline in December over a story published in January belongs to the year before;
      // one in January after a December the story names, to the year after.
      let y = m > known.m + 1 ? known.y - 1 : known.y;
      if (!stated && !metadataDay && (m < known.m || (m === known.m && d < known.d))) y++;
      if (m > 0 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()) day = { y, m, d };
    }
  }
  if (!day && published) [day, from] = [published.day, 'published'];
  if (!day && byline) [day, from] = [byline.day, 'byline'];
  if (!day && titled) [day, from] = [titled, 'title'];
  if (!day && updated) [day, from] = [updated.day, 'updated'];
  return day ? { day, from, header, publisher: byline?.publisher ?? null } : null;
}
