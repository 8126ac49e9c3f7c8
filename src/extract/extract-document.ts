import type { DateRange, ExtractionResult, Extractor, Figure } from '../core/figure.js';
import type { Passage } from '../core/passage.js';
import { type Claim, findClaims, pickClaim } from './claimant.js';
import { buildConflict, readConflictDates } from './conflict.js';
import { collectFullDays, DateContext, isoDate } from './date-values.js';
import { findDates, findRelativeDates, nearestMention } from './dates.js';
import { readFigures } from './figure-grammar.js';
import { readInfoboxFields } from './infobox.js';
import { readInfoboxFigures } from './infobox-figures.js';
import { analyseLayout, type TextBlock } from './layout.js';
import { splitSentences } from './sentences.js';
import { type Token, tokenize } from './tokens.js';

/** Bump the version whenever the output for some input changes. */
export const EXTRACTOR: Extractor = { name: 'tally-grammar', version: '0.2.0' };

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
  const ctx = new DateContext(options.published, initialYear, window);
  ctx.fullDays = collectFullDays(text);
  const state: ProseState = { lastDate: null, lastClaimant: null };
  for (const block of layout.blocks) {
    if (block.kind === 'heading') {
      const tokens = tokenize(text, block.start, block.end);
      const mentions = findDates(tokens, 0, tokens.length, ctx);
      state.lastDate = mentions.find((m) => m.value)?.value ?? null;
      continue;
    }
    readBlock(text, block, ctx, state, figures, passages);
  }
  figures.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end);
  return { result: { extractor: EXTRACTOR, figures, conflict }, passages };
}

function publishedDay(ctx: DateContext): DateRange | null {
  const p = ctx.published;
  if (!p) return null;
  const iso = isoDate(p.y, p.m, p.d);
  return { start: iso, end: iso, precision: 'day' };
}

function sinceRange(from: DateRange, ctx: DateContext): DateRange {
  const until = publishedDay(ctx);
  return until && until.end > from.start ? { start: from.start, end: until.end, precision: 'range' } : from;
}

interface ProseState {
  lastDate: DateRange | null;
  lastClaimant: string | null;
}

function readBlock(
  text: string,
  block: TextBlock,
  ctx: DateContext,
  state: ProseState,
  out: Figure[],
  passages: Passage[],
): void {
  const tokens = tokenize(text, block.start, block.end);
  for (const [s, e] of splitSentences(tokens)) {
    const mentions = findDates(tokens, s, e, ctx);
    const relative = findRelativeDates(text, tokens, s, e, ctx);
    const merged = relative.length > 0 ? [...mentions, ...relative].sort((a, b) => a.start - b.start) : mentions;
    // "since 10 May" dates a figure from then until publication, and does not move the story's date.
    const all = merged.map((m) => (m.since && m.value ? { ...m, value: sinceRange(m.value, ctx) } : m));
    const events = all.filter((m) => !m.since);
    const dated = new Set<number>();
    for (const m of mentions) for (let k = m.start; k < m.end; k++) dated.add(k);
    const raws = readFigures({ text, tokens, start: s, end: e, isDate: (k) => dated.has(k) });
    const claims: Claim[] = findClaims(text, tokens, s, e, state.lastClaimant);
    const lastClaim = claims[claims.length - 1];
    if (lastClaim) state.lastClaimant = lastClaim.name;
    const first = tokens[s] as Token;
    const last = tokens[e - 1] as Token;
    const sentence = { start: first.start, end: last.end, text: text.slice(first.start, last.end) };
    for (const raw of raws) {
      const a = tokens[raw.evStart] as Token;
      const b = tokens[raw.evEnd - 1] as Token;
      out.push({
        kind: raw.kind,
        low: raw.low,
        high: raw.high,
        qualifier: raw.qualifier,
        vague: raw.vague,
        unit: raw.unit,
        evidence: { start: a.start, end: b.end, text: text.slice(a.start, b.end) },
        sentence,
        claimant: pickClaim(claims, raw.anchor)?.name ?? null,
        subject: raw.subject,
        actor: raw.actor,
        perpetrator: raw.perpetrator,
        manner: raw.manner,
        place: raw.place,
        date:
          nearestMention(all, raw.anchor) ?? state.lastDate ?? (block.source === 'headline' ? publishedDay(ctx) : null),
        source: block.source,
        side: null,
      });
    }
    // A passage dated only by "since X" still states a date: a long one, which marks it as background.
    const own = all.find((m) => m.value)?.value ?? null;
    passages.push({
      start: sentence.start,
      end: sentence.end,
      date: own ?? state.lastDate,
      dated: own !== null,
      source: block.source,
    });
    const lastMention = [...events].reverse().find((m) => m.value);
    if (lastMention?.value) state.lastDate = lastMention.value;
  }
}
