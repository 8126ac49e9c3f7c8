import type { DateRange, ExtractionResult, Extractor, Figure } from '../core/figure.js';
import { LIST_MARK, type Passage } from '../core/passage.js';
import { type Claim, cleanClaimant, findClaims, pickClaim } from './claimant.js';
import { continuedSpeaker, headlineSource, quotedSpeaker, quoteSpans } from './claimant-attribution.js';
import { buildConflict, readConflictDates } from './conflict.js';
import { findRelativeDates } from './date-relative.js';
import { type Clauses, clauseIndex, isRecent, type ScopedMention, SentenceDates, scopeMentions } from './date-scope.js';
import { collectFullDays, DateContext, isoDate, parseIsoDay } from './date-values.js';
import { readReportDate } from './dateline-reference.js';
import { type DateMention, findDates } from './dates.js';
import { readFigures } from './figure-grammar.js';
import { readInfoboxFields } from './infobox.js';
import { readInfoboxFigures } from './infobox-figures.js';
import { analyseLayout, type TextBlock } from './layout.js';
import { splitSentences } from './sentences.js';
import { type Token, tokenize } from './tokens.js';

/** Bump the version whenever the output for some input changes. */
export const EXTRACTOR: Extractor = { name: 'tally-grammar', version: '0.4.49' };

export interface ExtractOptions {
  /** Publication date (ISO), the reference for dates without a year and for "on Friday". */
  published?: string | null;
}

/**
 * Every casualty and force figure in a report, each with the words that state it, plus the
 * conflict infobox when there is one. Pure: the same text and options give the same result.
 */
export function extractDocument(text: string, options: ExtractOptions = {}): ExtractionResult {
  return extractDocumentDetailed(text, options).result;
}

/** The one year a title names, if it names one (a span of years names none). */
function titleYear(title: string | null): number | null {
  const years = title?.match(/\b(?:1[89]|20)\d\d\b/g) ?? [];
  return years.length === 1 ? Number(years[0]) : null;
}

/** The extraction plus every prose sentence with the date read for it, for building incidents. */
export function extractDocumentDetailed(
  text: string,
  options: ExtractOptions = {},
): { result: ExtractionResult; passages: Passage[] } {
  const layout = analyseLayout(text);
  const passages: Passage[] = [];
  const figures: Figure[] = [];
  let conflict: ExtractionResult['conflict'] = null;
  let initialYear: number | null = null;
  let window: { start: string; end: string } | null = null;
  if (layout.infobox) {
    const info = readInfoboxFields(text, layout.infobox);
    conflict = buildConflict(text, layout.infobox, info, layout.title);
    const dates = readConflictDates(
      text,
      info.fields.find((f) => f.base === 'date'),
    );
    initialYear = dates.start ? Number(dates.start.slice(0, 4)) : null;
    if (dates.range) window = { start: dates.range.start, end: dates.range.end };
    const ctx = new DateContext(options.published, initialYear);
    // One push per figure: spreading 100,000 infobox figures into push() overflows the stack.
    for (const figure of readInfoboxFigures(text, info.fields, conflict.sides.length, dates.range, ctx)) {
      figures.push(figure);
    }
  }
  // An encyclopedia page speaks from no day of its own; a report does, and its dateline says which.
  const reference = layout.infobox ? null : readReportDate(text, parseIsoDay(options.published));
  const referenceIso = reference ? isoDate(reference.day.y, reference.day.m, reference.day.d) : null;
  const published = reference?.from === 'dateline' ? referenceIso : (options.published ?? referenceIso);
  // "Timeline of the war in Sudan (April 2023)", "2019 Kabul bombing": a page that speaks from no day
  // of its own and whose infobox gives no year reads its yearless days in its title's year.
  if (initialYear === null && published === null) initialYear = titleYear(layout.title);
  const ctx = new DateContext(published, initialYear, window);
  ctx.fullDays = collectFullDays(text);
  ctx.reportYears = reference !== null;
  const state: ProseState = {
    // Only the text's own dateline or Published line makes it a dated report: an HTML page's
    // metadata date is also given to encyclopedia pages, whose narrative dates must carry on.
    report: reference !== null,
    lastDate: null,
    lastTold: null,
    storyDate: null,
    headingDate: null,
    paragraphDate: null,
    lastClaimant: null,
    listClaimant: null,
    waiting: [],
    spokenStory: null,
    header: reference?.header ?? [],
  };
  // A page that names no year still dates its sources: a yearless "8 May" is read against them.
  if (ctx.published === null) {
    // Read apart: reading a full date moves a context's year.
    const apart = new DateContext(null, null);
    for (const block of layout.blocks) {
      const day = block.source === 'citation' ? citationDay(text, block, apart) : null;
      if (day?.precision === 'day') ctx.sourceDays.push(day.start);
    }
  }
  for (const block of layout.blocks) {
    if (block.kind === 'heading') {
      const tokens = tokenize(text, block.start, block.end);
      const mentions = findDates(tokens, 0, tokens.length, ctx);
      const stated = mentions.find((m) => m.value)?.value ?? null;
      if (state.report) state.headingDate = stated;
      else state.lastDate = stated;
      continue;
    }
    if (block.source === 'citation') readCitation(text, block, ctx, state, figures, passages);
    else readBlock(text, block, ctx, state, figures, passages);
  }
  // A headline, and a lead that dates nothing, tell the story the first dated sentence dates.
  for (const figure of state.waiting) figure.date = state.storyDate ?? publishedDay(ctx);
  figures.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end);
  nameDefinedBodies(text, figures);
  issuerClaims(text, figures, reference?.publisher ?? null);
  return { result: { extractor: EXTRACTOR, figures, conflict }, passages };
}

// "The MNLA said it had lost 3 fighters", "the group said two of its men were killed": the speaker's own.
/** The verb of a loss opening the figure's words ("lost 3 fighters"). */
const OWN_LOSS = /^(?:lost|suffered|sustained)\s+/i;
/** The speaker's pronoun and its verb of loss, up to the count: "they had lost only ". */
const SPEAKER_LOST =
  /\b(?:it|they|we)\s+(?:had\s+|have\s+|has\s+)?(?:lost|suffered|sustained)\s+(?:only\s+|just\s+)?$/i;
const OWN_PEOPLE = /^[\w,.-]+\s+of\s+(?:its|their|our)\s+(?:own\s+)?\w/i;
const OWN_BEFORE = /\b(?:its|their|our)\s+(?:own\s+)?$/i;
/** A claimant that is a party's name ("MNLA", "the Taliban", "Islamic State"), not a role ("Officials"). */
const PARTY_NAME = /^(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,4}$/u;
const ROLE_WORDS =
  /^(?:the\s+)?(?:officials?|police|witnesses|residents|sources|doctors|medics|authorities|army|military|government|rescuers|villagers|locals|rebels|militants|insurgents|fighters|spokesm[ae]n|spokeswom[ae]n|commanders?|he|she|they)$/i;

/**
 * The party whose people a figure counts when the speaker counts its own: a claimant that names a
 * party ("the MNLA", "the Taliban") and a count told as its losses ("it had lost 3 fighters", "two
 * of its soldiers"). Null for a speaker that is no party ("officials said they had lost contact").
 */
function speakersOwn(text: string, sentenceStart: number, at: number, claimant: string | null): string | null {
  if (claimant === null || !PARTY_NAME.test(claimant) || ROLE_WORDS.test(claimant)) return null;
  const evidence = text.slice(at, at + 60);
  const before = text.slice(Math.max(sentenceStart, at - 30), at);
  // The verb may open the figure's words or stand before them.
  const verb = OWN_LOSS.exec(evidence)?.[0].length ?? 0;
  const lost = SPEAKER_LOST.test(before + evidence.slice(0, verb));
  return lost || OWN_PEOPLE.test(evidence) || OWN_BEFORE.test(before) ? claimant : null;
}

// Asked for once per sentence; formatted once per document. Figures share it and never change it.
const publishedDays = new WeakMap<DateContext, DateRange | null>();

function publishedDay(ctx: DateContext): DateRange | null {
  const known = publishedDays.get(ctx);
  if (known !== undefined) return known;
  const p = ctx.published;
  const iso = p ? isoDate(p.y, p.m, p.d) : null;
  const day: DateRange | null = iso ? { start: iso, end: iso, precision: 'day' } : null;
  publishedDays.set(ctx, day);
  return day;
}

/**
 * "since 2014": from then until the report was published or, on a page without that day, until the
 * end of the conflict its infobox dates.
 */
function sinceRange(from: DateRange, ctx: DateContext): DateRange {
  const until = publishedDay(ctx)?.end ?? ctx.window?.end;
  return until && until > from.start ? { start: from.start, end: until, precision: 'range' } : from;
}

// "A total of 720 fighters were killed during the siege": the whole conflict the article is about.
const WHOLE_CONFLICT =
  /\b(?:during|throughout|over the course of|in the course of|over)\s+the\s+(?:entire\s+|whole\s+)?(?:siege|battle|offensive|operation|campaign|war|conflict|uprising|fighting|clashes|insurgency)\b/i;

// "... had been killed during the battle": a tally of the conflict so far, not of the day it was told.
const TALLY_SO_FAR = /\b(?:had|have|has)\s+(?:been\s+)?(?:killed|died|wounded|injured|captured|displaced|lost|fled)\b/i;

/**
 * A sentence that tells a tally of the whole conflict so far ("UNAMA later estimated that 95 to 150
 * civilians had been killed during the battle", "In mid-September, UNAMA said 56 civilians had been
 * killed during the battle"): its figures take the conflict's dates, not the day it was told nor the
 * day the narrative had reached.
 */
function tallySoFar(ctx: DateContext, sentence: string): DateRange | null {
  return TALLY_SO_FAR.test(sentence) ? wholeConflict(ctx, sentence) : null;
}

/** An undated figure of an article that counts over the whole of the conflict its infobox dates. */
function wholeConflict(ctx: DateContext, sentence: string): DateRange | null {
  const w = ctx.window;
  return w && WHOLE_CONFLICT.test(sentence) ? { start: w.start, end: w.end, precision: 'range' } : null;
}

interface ProseState {
  /** The text speaks from a day of its own (a dated report), so old dates do not carry over. */
  report: boolean;
  /** Without a report day: the date the narrative last reached, carried on. */
  lastDate: DateRange | null;
  /** The last day a sentence dated, which a section heading does not clear: what "the attack" recalls. */
  lastTold: DateRange | null;
  /** With one: the first date the story gives near the report's day, i.e. the story's own time. */
  storyDate: DateRange | null;
  headingDate: DateRange | null;
  paragraphDate: DateRange | null;
  lastClaimant: string | null;
  /** Who speaks the list a paragraph introduced ("Preliminary findings by the Mission indicate that:"). */
  listClaimant: string | null;
  /** Figures read before the story dates anything, dated once it has been read. */
  waiting: Figure[];
  /**
   * The story's time when only the day a source spoke gave it ("the toll rose to 21 on Sunday"):
   * a later "The assault began on Friday evening" dates the story, and what was dated by the speaking.
   */
  spokenStory: DateRange | null;
  header: Array<[number, number]>;
}

function inHeader(header: Array<[number, number]>, at: number): boolean {
  return header.some(([a, b]) => at >= a && at < b);
}

/** The mentions outside the lines where a report states its own day ("Sunday, August 21, 2022"). */
function withoutHeader(state: ProseState, tokens: Token[], mentions: DateMention[]): DateMention[] {
  if (mentions.length === 0 || state.header.length === 0) return mentions;
  return mentions.filter((m) => !inHeader(state.header, (tokens[m.start] as Token).start));
}

/** "in the attack", "in Thursday's blast", "during the raid": a clause that points back to an event told before. */
const RECALLED_EVENT =
  /\b(?:in|during|by|from)\s+(?:the|that|this|[A-Z][a-z]+day['’]s)\s+(?:\w+\s+)?(?:attack|blast|bombing|explosion|strike|raid|assault|ambush|shelling|massacre|fighting|clashes)\b/;

/**
 * Whether a sentence dated only by the day its source spoke tells of an event the story dated
 * before: it recalls one ("in the attack"), and that day came at most a week before the speaking.
 */
function recalledEvent(sentence: string, before: DateRange, spoken: DateRange): boolean {
  return RECALLED_EVENT.test(sentence) && withinWeekBefore(before, spoken);
}

/** Whether `earlier` ends no later than `later` starts, and at most a week before it. */
function withinWeekBefore(earlier: DateRange, later: DateRange): boolean {
  if (earlier.end > later.start) return false;
  return Date.parse(later.start) - Date.parse(earlier.end) <= 7 * 86_400_000;
}

/** "The assault on the Hayat Hotel began on Friday evening": a sentence that tells when the story's event began. */
const STORY_BEGAN =
  /^(?:the|this|that)\s+(?:[\w'’-]+\s+){0,5}?(?:attack|assault|siege|raid|fighting|clashes|bombing|blast|offensive|ambush|stand-?off|massacre|violence)\b[^.;]{0,80}?\b(?:began|started|erupted|broke out|unfolded|took place|happened|occurred)\b/i;

/**
 * The day the story's event began, when the sentence tells it and that day lies within a week
 * before the day a source spoke, which dated the story until now; else null.
 */
function storyBegan(sentence: string, event: DateRange, spoken: DateRange): DateRange | null {
  return STORY_BEGAN.test(sentence) && withinWeekBefore(event, spoken) ? event : null;
}

/** Gives what the day a source spoke dated (the very same date) the day the event began. */
function redate(spoken: DateRange, began: DateRange, figures: Figure[], passages: Passage[]): void {
  for (const f of figures) if (f.date === spoken) f.date = began;
  for (const p of passages) if (p.date === spoken) p.date = began;
}

/** The date a figure gets when its sentence states none: the paragraph's, the heading's, the story's. */
function inheritedDate(state: ProseState, ctx: DateContext): DateRange | null {
  return toldDate(state) ?? (state.report ? publishedDay(ctx) : null);
}

/** The last date the text told that a sentence without one carries on: the paragraph's, the heading's, the story's. */
function toldDate(state: ProseState): DateRange | null {
  if (!state.report) return state.lastDate;
  return state.paragraphDate ?? state.headingDate ?? state.storyDate;
}

// After the title of a cited source: its publisher, up to the next full stop.
const PUBLISHER_AFTER = /^["”]\s*[.,]?\s*([^.\n"“]{2,80}?)\.(?:\s|$)/;
// "Retrieved 3 October 2022", "Archived from the original on ...": the day someone read it.
const ACCESSED = /\b(?:retrieved|accessed|archived)\b/i;

/**
 * An entry of a reference list: another source's title, which this text cites. Its figures are that
 * source's, dated by its publication: the claimant is the publisher named after the title unless the
 * title names a speaker, and the date is the entry's own (not the day it was retrieved). The entry
 * moves nothing in the narrative around it: no date or speaker carries from it.
 */
/** When a cited source was published: its first day before any "Retrieved", else its first date. */
function citationDay(text: string, block: TextBlock, ctx: DateContext): DateRange | null {
  const accessedAt = ACCESSED.exec(text.slice(block.start, block.end))?.index ?? block.end - block.start;
  const tokens = tokenize(text, block.start, block.end);
  const dates = findDates(tokens, 0, tokens.length, ctx)
    .filter((m) => m.value !== null && (tokens[m.start] as Token).start - block.start < accessedAt)
    .map((m) => m.value as DateRange);
  return dates.find((d) => d.precision === 'day') ?? dates[0] ?? null;
}

function readCitation(
  text: string,
  block: TextBlock,
  ctx: DateContext,
  state: ProseState,
  out: Figure[],
  passages: Passage[],
): void {
  const entry = text.slice(block.start, block.end);
  const close = /["“][^"”\n]{3,300}(["”])/.exec(entry);
  const titleEnd = close ? close.index + close[0].length - 1 : entry.length;
  const publisher = close ? PUBLISHER_AFTER.exec(entry.slice(titleEnd))?.[1]?.trim() : undefined;
  const day = citationDay(text, block, ctx);
  const scratch: ProseState = { ...state, waiting: [], lastClaimant: null };
  const before = out.length;
  readBlock(text, block, ctx, scratch, out, passages);
  for (let k = before; k < out.length; k++) {
    const figure = out[k] as Figure;
    figure.source = 'citation';
    if (figure.claimant === null && publisher && !/\d/.test(publisher)) figure.claimant = cleanClaimant(publisher);
    if (day) figure.date = day;
  }
}

/** Heads of a body's name that a statement goes on to call it by: "the Mission", "the Ministry". */
const BODY_HEADS = new Set([
  'mission',
  'ministry',
  'office',
  'commission',
  'committee',
  'agency',
  'organization',
  'organisation',
  'council',
  'directorate',
  'programme',
  'department',
  'command',
  'network',
  'fund',
  'observatory',
]);
// "The United Nations Assistance Mission in Afghanistan (UNAMA)": a body named in full with its initials.
const DEFINED_BODY =
  /((?:[A-Z][\w'’-]*\s+)(?:(?:[A-Z][\w'’-]*|of|for|in|on|and|the)\s+){0,9}[A-Z][\w'’-]*)\s+\(([A-Z][A-Za-z]{1,9})\)/g;
// A claimant that names a body only by its head: "the Mission", "Preliminary findings by the Mission".
const BY_HEAD = /(?:^|\s)(?:the\s+)?(\p{Lu}\p{Ll}+)(?:['’]s)?$/u;

/**
 * A statement names a body in full once and then by its head noun ("the Mission said"): that
 * claimant is the body, named as the statement first named it. Only a head that one body defined.
 */
function nameDefinedBodies(text: string, figures: Figure[]): void {
  const headOf = (claimant: string | null) => (claimant ? BY_HEAD.exec(claimant)?.[1]?.toLowerCase() : undefined);
  if (!figures.some((f) => BODY_HEADS.has(headOf(f.claimant) ?? ''))) return;
  const bodies = new Map<string, string | null>();
  for (const m of text.matchAll(DEFINED_BODY)) {
    const name = `${(m[1] as string).replace(/^The\s+/, '')} (${m[2]})`;
    for (const word of (m[1] as string).split(/\s+/)) {
      const head = word.toLowerCase();
      if (!BODY_HEADS.has(head)) continue;
      const seen = bodies.get(head);
      bodies.set(head, seen === undefined || seen === name ? name : null);
    }
  }
  if (bodies.size === 0) return;
  for (const f of figures) {
    const head = headOf(f.claimant);
    const body = head ? bodies.get(head) : undefined;
    const claimant = f.claimant as string;
    if (body && (/\bthe\s+\p{Lu}/u.test(claimant) || /^\p{Lu}\p{Ll}+$/u.test(claimant))) f.claimant = body;
  }
}

/** The head of a body's own statement: "Press release | 14 August 2016", "STATEMENT", "Flash Update No. 3". */
const STATEMENT_HEAD =
  /^[ \t]*(?:joint )?(?:press release|news release|press statement|statement|briefing note|flash update|situation report)\b|^[^\n]{0,100}?[–—:][ \t]*(?:flash update|situation report)\b/im;
/** "Statement by the Humanitarian Coordinator for Sudan on ...", "Statement from UNICEF:": who issues it. */
const STATEMENT_BY =
  /\bstatement (?:by|from) (?:the )?((?:[A-Z][\w'’.-]*|of|for|in|and)(?:[ \t]+(?:[A-Z][\w'’.-]*|of|for|in|and|the)){0,8}?)(?=[ \t]+(?:on|about|regarding|concerning|following|after)\b|[ \t]*[,.:|(\n]|$)/i;
/** How far into a statement its lead runs. */
const LEAD_CHARS = 1_000;
/** A claimant that is a body, which can issue a statement: "UNAMA", "the Office", "Human Rights Watch". */
const BODY =
  /\([A-Z][A-Za-z]{1,9}\)|^[A-Z]{3,}$|\b(?:Mission|Office|Committee|Organi[sz]ation|Agency|Council|Ministry|Watch|International|Fund|Programme|Commission|Observatory|Network|Cross|Crescent|Nations|Amnesty|Forum|Cluster|Centre|Center|Institute|Foundation|Association)\b/;

/**
 * In a body's own statement, the figures no one else is said to give are the body's: "On 6 August, a
 * mortar round killed five members of one family" in a UNAMA press release is UNAMA's count. The body
 * is the first that the statement names as giving a figure.
 */
function issuerClaims(text: string, figures: Figure[], publisher: string | null): void {
  const head = text.slice(0, 400);
  if (!STATEMENT_HEAD.test(head)) return;
  // "Statement by the Humanitarian Coordinator for Sudan on the attack ...": the issuer named.
  const named = STATEMENT_BY.exec(head)?.[1];
  // Else the body the lead names as giving a figure; one named further down is quoted, not speaking.
  const issuer =
    named ??
    letterhead(head) ??
    // "OCHA | 18 May 2024": the body named beside the statement's day.
    (publisher !== null && BODY.test(publisher) ? publisher : null) ??
    figures.find(
      (f) => f.source !== 'infobox' && f.evidence.start < LEAD_CHARS && f.claimant !== null && BODY.test(f.claimant),
    )?.claimant;
  if (!issuer) return;
  for (const f of figures)
    if (f.claimant === null && (f.source === 'prose' || f.source === 'headline')) f.claimant = issuer;
}

/**
 * The body whose name heads its statement, on the line above "Flash Update No. 3" or "Press
 * release": "Helmand Humanitarian Forum".
 */
function letterhead(head: string): string | null {
  const at = STATEMENT_HEAD.exec(head)?.index ?? -1;
  if (at <= 0) return null;
  const above = head.slice(0, at).trimEnd().split('\n');
  const line = (above.at(-1) ?? '').replace(/^[#=\s]+|[#=\s]+$/g, '');
  if (above.length > 3 || !line || line.split(/\s+/).length > 8 || /[.:;!?]$/.test(line)) return null;
  return BODY.test(line) ? line : null;
}

/** What "the same" refers back to: "in the same period", "over the same time span". */
const PERIOD_WORDS = new Set(['period', 'time', 'timeframe', 'span', 'months', 'weeks', 'year']);

/**
 * "killed since early 2023 rises to 23, while 3 ISIS members died in the same period": the period
 * told before in the sentence dates the count that points back to it, in that count's own clause.
 */
function withSamePeriod(
  tokens: Token[],
  from: number,
  to: number,
  all: ScopedMention[],
  clauses: Clauses,
): ScopedMention[] {
  for (let k = from + 1; k + 1 < to; k++) {
    if (tokens[k]?.norm !== 'same' || tokens[k - 1]?.norm !== 'the' || !PERIOD_WORDS.has(tokens[k + 1]?.norm ?? ''))
      continue;
    const told = all
      .filter((m) => m.end <= k && m.value && m.value.precision !== 'day' && m.role !== 'background')
      .at(-1);
    if (!told) return all;
    const clause = clauses.at(k);
    const pointer: ScopedMention = { start: k - 1, end: k + 2, value: told.value, role: 'event', clause };
    return [...all, pointer].sort((a, b) => a.start - b.start);
  }
  return all;
}

/**
 * "Soldiers executed at least 45 civilians on January 29, Human Rights Watch said today", in a
 * report of April: the first toll the report dates to a day is its story, however long before it
 * the report came out. Older days told later are background, as recency alone would make them.
 */
function leadsStory(state: ProseState, figures: number, events: readonly ScopedMention[]): boolean {
  return (
    state.storyDate === null && figures > 0 && events.length > 0 && events.every((m) => m.value?.precision === 'day')
  );
}

/** A line that opens an item of a list. */
const LIST_ITEM = new RegExp(`^${LIST_MARK}`);

function readBlock(
  text: string,
  block: TextBlock,
  ctx: DateContext,
  state: ProseState,
  out: Figure[],
  passages: Passage[],
): void {
  const tokens = tokenize(text, block.start, block.end);
  const reference = publishedDay(ctx)?.start ?? null;
  state.paragraphDate = null;
  // An item of a list goes on with the speaker that introduced the list; anything else ends it.
  const item = LIST_ITEM.test(text.slice(block.start, Math.min(block.end, block.start + 8)));
  if (!item) state.listClaimant = null;
  const sentences = splitSentences(tokens);
  const claimsOf: Claim[][] = [];
  for (const [s, e] of sentences) {
    const claims = findClaims(text, tokens, s, e, state.lastClaimant);
    const lastClaim = claims[claims.length - 1];
    if (lastClaim) state.lastClaimant = lastClaim.name;
    claimsOf.push(claims);
  }
  const quotes = quoteSpans(text, tokens, sentences);
  const headline = block.source === 'headline' ? headlineSource(text.slice(block.start, block.end)) : null;
  for (let index = 0; index < sentences.length; index++) {
    const [s, e] = sentences[index] as [number, number];
    const claims = claimsOf[index] as Claim[];
    const found = findDates(tokens, s, e, ctx);
    // The day a report speaks from is no event's date.
    const mentions = withoutHeader(state, tokens, found);
    let anchor: DateRange | null = null;
    for (let j = mentions.length - 1; j >= 0 && !anchor; j--) {
      const value = (mentions[j] as DateMention).value;
      if (value?.precision === 'day') anchor = value;
    }
    // "The next day", "two days later": in a report, from the paragraph's day or the story's; in an
    // article, which tells one day after another, from the last day it dated.
    anchor ??= state.report ? (state.paragraphDate ?? state.storyDate ?? state.lastDate) : state.lastDate;
    const relative = withoutHeader(state, tokens, findRelativeDates(tokens, s, e, ctx.published, anchor));
    const merged = relative.length > 0 ? [...mentions, ...relative].sort((a, b) => a.start - b.start) : mentions;
    // Most sentences state no date: they skip the clause and role reading altogether.
    let all: ScopedMention[] = [];
    let sentenceDates: SentenceDates | null = null;
    if (merged.length > 0) {
      const clauses = clauseIndex(tokens, s, e);
      // "since 10 May" dates a figure from then until publication, and does not move the story's date.
      all = scopeMentions(tokens, s, clauses, merged);
      for (const m of all) if (m.role === 'since' && m.value) m.value = sinceRange(m.value, ctx);
      all = withSamePeriod(tokens, s, e, all, clauses);
      sentenceDates = new SentenceDates(all, clauses);
    }
    const dated = new Set<number>();
    for (const m of found) for (let k = m.start; k < m.end; k++) dated.add(k);
    const raws = readFigures({ text, tokens, start: s, end: e, isDate: (k) => dated.has(k) });
    const first = tokens[s] as Token;
    const last = tokens[e - 1] as Token;
    const sentence = { start: first.start, end: last.end, text: text.slice(first.start, last.end) };
    const inherited = inheritedDate(state, ctx);
    const tally = raws.length > 0 ? tallySoFar(ctx, sentence.text) : null;
    // Set when the sentence's figures recall the event told before: that day, not the speaking, carries on.
    let recalledDay: DateRange | null = null;
    for (const raw of raws) {
      const a = tokens[raw.evStart] as Token;
      const b = tokens[raw.evEnd - 1] as Token;
      let stated = sentenceDates?.dateFor(raw.anchor) ?? null;
      // An event the story told, not the day the report was published.
      const recalled = toldDate(state) ?? state.lastTold;
      // "The Taliban said on 27 August that 28 of its members had been killed in the attack": the
      // day the source spoke is not the attack's, which the story has already dated.
      if (
        stated &&
        recalled &&
        sentenceDates?.spokenOnly(raw.anchor) &&
        recalledEvent(sentence.text, recalled, stated)
      ) {
        stated = recalled;
        recalledDay = recalled;
      }
      // A day of its own after the conflict began is the day the tally was told.
      const own = tally && stated && stated.start >= tally.start ? tally : stated;
      const claimant =
        pickClaim(claims, raw.anchor, raw.evEnd)?.name ??
        quotedSpeaker(index, sentences, quotes, claimsOf) ??
        continuedSpeaker(tokens, s, index, claimsOf) ??
        (item ? state.listClaimant : null) ??
        headline;
      const figure: Figure = {
        kind: raw.kind,
        low: raw.low,
        high: raw.high,
        qualifier: raw.qualifier,
        vague: raw.vague,
        unit: raw.unit,
        evidence: { start: a.start, end: b.end, text: text.slice(a.start, b.end) },
        sentence,
        claimant,
        subject: raw.subject,
        actor: raw.actor ?? speakersOwn(text, sentence.start, a.start, claimant),
        perpetrator: raw.perpetrator,
        manner: raw.manner,
        place: raw.place,
        date:
          own ??
          tally ??
          inherited ??
          (block.source === 'headline' ? publishedDay(ctx) : null) ??
          wholeConflict(ctx, sentence.text),
        source: block.source,
        side: null,
      };
      // Before the story has given its time (a headline, a lead that dates nothing), wait for it.
      // A page dated only by its metadata has no lead to trust, but its headline still tells the story.
      const waits = state.report
        ? !state.paragraphDate && !state.headingDate
        : block.source === 'headline' && ctx.published !== null && !state.lastDate;
      if (!own && waits && !state.storyDate) state.waiting.push(figure);
      out.push(figure);
    }
    // A passage dated only by "since X" still states a date: a long one, which marks it as background.
    const stating = all.filter((m) => m.value && m.role !== 'background');
    const own = stating[0]?.value ?? null;
    passages.push({
      start: sentence.start,
      end: sentence.end,
      date: own ?? (state.report ? (state.paragraphDate ?? state.headingDate ?? state.storyDate) : state.lastDate),
      dated: own !== null,
      ...(own !== null && stating.every((m) => m.role === 'statement') ? { spoken: true as const } : {}),
      source: block.source,
    });
    // The day a source spoke dates what follows only when nothing else in the sentence does.
    const events = all.filter((m) => m.value && m.role === 'event');
    const spoken = all.filter((m) => m.value && m.role === 'statement');
    const latest = events[events.length - 1]?.value ?? recalledDay ?? spoken[spoken.length - 1]?.value;
    if (!latest) continue;
    const began =
      state.spokenStory && events[0]?.value ? storyBegan(sentence.text, events[0].value, state.spokenStory) : null;
    if (began && state.spokenStory) {
      redate(state.spokenStory, began, out, passages);
      if (state.lastTold === state.spokenStory) state.lastTold = began;
      state.storyDate = began;
      state.spokenStory = null;
    }
    state.lastTold = latest;
    if (!state.report) {
      state.lastDate = latest;
      if (isRecent(latest, reference)) state.storyDate ??= latest;
    } else if (isRecent(latest, reference) || leadsStory(state, raws.length, events)) {
      state.paragraphDate = latest;
      // The lead states the story's time; later dates belong to the paragraphs that give them.
      if (!state.storyDate && events.length === 0 && !recalledDay) state.spokenStory = latest;
      state.storyDate ??= latest;
    }
  }
  // "Preliminary findings indicate that:", "Police said:": the items below are that speaker's.
  if (!item && /:\s*$/.test(text.slice(block.start, block.end))) {
    const last = claimsOf[claimsOf.length - 1] ?? [];
    state.listClaimant = last[last.length - 1]?.name ?? null;
  }
}
