import type { DocumentKind, SourceFormat } from '../core/document.js';
import { parseLooseDate } from './parse-loose-date.js';

// Clues live near the top of a report (headline, dateline, header); scanning further only finds quotes.
const HEAD_CHARS = 3000;
const MAX_TITLE_CHARS = 160;

/** `= Title =` (wiki style) on the first line, or a short first line standing alone above the text. */
export function findTextTitle(text: string): string | null {
  const lines = text.slice(0, HEAD_CHARS).split(/\r\n|\r|\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return null;
  const line = (lines[first] as string).trim();
  const wiki = /^=+[ \t]*(.+?)[ \t]*=+$/.exec(line);
  if (wiki?.[1]) return wiki[1];
  const next = lines[first + 1];
  const restHasText = lines.slice(first + 2).some((l) => l.trim() !== '');
  if (next === undefined || next.trim() !== '' || !restHasText) return null;
  if (line.length > MAX_TITLE_CHARS || /[.,;:]$/.test(line) || /^[-*•]\s/.test(line)) return null;
  // A run of commas is a navigation trail or a list of names, not a headline.
  if ((line.match(/,/g)?.length ?? 0) > 2) return null;
  if (findDateline(line) !== null) return null;
  return line;
}

/** The first `# ` heading (or a setext `===` heading), else the plain-text rule. */
export function findMarkdownTitle(text: string): string | null {
  const atx = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(0, HEAD_CHARS));
  if (atx?.[1]) return atx[1];
  const setext = /^([^\n\r]+)\r?\n=+[ \t]*$/m.exec(text.slice(0, HEAD_CHARS));
  if (setext?.[1]?.trim()) return setext[1].trim();
  return findTextTitle(text);
}

export interface Dateline {
  place: string;
  date: string | null;
  agency: string | null;
}

const DATELINE =
  /^[ \t]*([A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+)*)(?:,[ \t]*([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*))?(?:,[ \t]*([^()\n]{3,30}?))?[ \t]*(?:\(([A-Za-z][\w .&'-]{0,30})\))?[ \t]*(—|–|--|-)[ \t]+\S/m;

/** A wire-style dateline at the start of a paragraph: "KABUL, Sept. 30 (Reuters) -", "KUNDUZ (AP) —". */
export function findDateline(text: string): Dateline | null {
  const head = text.slice(0, HEAD_CHARS);
  const pattern = new RegExp(DATELINE.source, 'gm');
  for (let m = pattern.exec(head); m !== null; m = pattern.exec(head)) {
    const [, place = '', region, when, agency, dash] = m;
    if (place.replace(/[^A-Z]/g, '').length < 3) continue;
    // Bare "WORD - text" is too common in prose; a dateline carries a date, an agency or a long dash.
    if (when === undefined && agency === undefined && region === undefined && dash === '-') continue;
    const date = when === undefined ? null : parseLooseDate(when);
    if (when !== undefined && date === null && !/\d/.test(when)) continue;
    return { place, date, agency: agency ?? null };
  }
  return null;
}

const PUBLISHED_LINE = /^[ \t]*(?:Published|Posted|Date|Dated|Issued|Released)(?:[ \t]+on)?[ \t]*[:\-–—]?[ \t]*(.+)$/im;

/** A span of days ("17 May 2014 – 21 May 2014", "2001–present"): an event's dates, not a page's. */
const DATE_SPAN = /\d[^\n]*?(?:[–—]|\s-\s|\bto\b|\buntil\b)|\b(?:present|ongoing)\b/i;

/** "Published: 2 March 2023" or a dated dateline near the top; not an infobox's "Date: 17–21 May 2014". */
export function findPublishedDate(text: string): string | null {
  const head = text.slice(0, HEAD_CHARS);
  const line = PUBLISHED_LINE.exec(head);
  const value = line?.[1];
  const fromLine = value === undefined || DATE_SPAN.test(value) ? null : parseLooseDate(value);
  return fromLine ?? findDateline(head)?.date ?? null;
}

export interface KindHints {
  format: SourceFormat;
  /** The HTML reader found an infobox table. */
  infobox?: boolean;
  /** og:type article, article:published_time or a byline. */
  article?: boolean;
  publisher?: string | null;
}

const WIKI_HEADING = /^==+[ \t]*[^=\n]+?[ \t]*==+[ \t]*$/m;
const WIKI_TITLE = /^=[ \t]*[^=\n]+?[ \t]*=[ \t]*$/;
const ENCYCLOPEDIA_MARKERS = [
  /^Infobox[ \t]*$/m,
  /^- (?:Conflict|Partof|Combatant1|Casualties1):/m,
  /\{\{Infobox|\{\{cite |\[\[Category:|From Wikipedia, the free encyclopedia/i,
  // A wiki reference list as copied from the page: "1. ^ Author (2022-10-02). ..."
  /^[ \t]*\d+\.[ \t]+\^[ \t]/m,
];
const ENCYCLOPEDIA_PUBLISHER = /wikipedia|encyclop|britannica/i;
const REPORT_PHRASES =
  /\b(?:press release|news release|media release|for immediate release|situation report|sitrep|flash update|humanitarian update|humanitarian snapshot|briefing note)\b/i;
// Only in a header line: "said in a statement on Tuesday" is everyday news prose.
const STATEMENT_HEADER = /^(?:(?:joint|public|press)[ \t]+)?statement\b|\bstatement (?:by|from|of|on)\b/i;
const REPORT_ORGS =
  /^(?:OCHA|UNAMA|UNHCR|UNICEF|OHCHR|ICRC|IOM|WFP|MSF|ACLED|Amnesty International|Human Rights Watch|United Nations|UN Assistance Mission|Office for the Coordination|Norwegian Refugee Council|Save the Children|International Committee of the Red Cross|ReliefWeb)\b/;
const BYLINE = /^[ \t]*By[ \t]+[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+)+[ \t]*$/m;

/** encyclopedia > dateline news > NGO/UN report (or any PDF) > other news signals > other. */
export function guessKind(text: string, hints: KindHints): DocumentKind {
  const head = text.slice(0, HEAD_CHARS);
  const publisher = hints.publisher ?? '';
  if (hints.infobox || ENCYCLOPEDIA_PUBLISHER.test(publisher) || ENCYCLOPEDIA_MARKERS.some((p) => p.test(text))) {
    return 'encyclopedia';
  }
  // The HTML reader writes every heading wiki-style, so in HTML they say nothing about the kind.
  if (hints.format !== 'html' && (WIKI_HEADING.test(text) || WIKI_TITLE.test(firstLine(text)))) return 'encyclopedia';
  if (findDateline(head) !== null) return 'news';
  if (hints.format === 'pdf' || looksLikeReport(head, publisher)) return 'report';
  if (hints.article || BYLINE.test(head.slice(0, 1500)) || /^[ \t]*(?:Published|Posted|Updated)\b/m.test(head)) {
    return 'news';
  }
  return 'other';
}

function looksLikeReport(head: string, publisher: string): boolean {
  if (REPORT_ORGS.test(publisher)) return true;
  if (REPORT_PHRASES.test(head.slice(0, 600))) return true;
  // An organisation's name heading the page, not one quoted in a news paragraph: header lines are short.
  const headerLines = head
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[#*\s]+/, '').trim())
    .filter((l) => l !== '')
    .slice(0, 4)
    .filter((l) => l.length <= 80);
  return headerLines.some((l) => REPORT_ORGS.test(l) || STATEMENT_HEADER.test(l));
}

function firstLine(text: string): string {
  return /^\s*([^\r\n]*)/.exec(text)?.[1]?.trim() ?? '';
}
