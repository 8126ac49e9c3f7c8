import type { Commander, Conflict, ConflictSide, DatePrecision, DateRange } from '../core/figure.js';
import { DateContext } from './date-values.js';
import { findDates } from './dates.js';
import type { InfoboxField, InfoboxFields } from './infobox.js';
import type { InfoboxSource } from './layout.js';
import { cleanValue, parseCommander, splitCombatants, splitList, tidy } from './markup-cleanup.js';
import { tokenize } from './tokens.js';

const MAX_SIDES = 8;
const ONGOING = /\b(?:present|ongoing|current)\b/i;

/** Start and end of the conflict from its Date value: "12 July – 1 August 2018", "May 2015 – present". */
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
  const tokens = tokenize(text, field.start, field.end);
  const mentions = findDates(tokens, 0, tokens.length, new DateContext(null, null)).filter((m) => m.value);
  const head = mentions[0];
  const tail = mentions[mentions.length - 1];
  if (!head?.value || !tail?.value) return none;
  const first = head.ends ? head.ends[0] : head.value;
  const last = tail.ends ? tail.ends[1] : tail.value;
  const ongoing = ONGOING.test(text.slice(field.start, field.end));
  // Precision of the ends: "23 June – 17 August 2022" is known to the day, "May 2015 – present" to the month.
  const ranks: DatePrecision[] = ['day', 'month', 'year', 'range'];
  const precision = ranks[
    Math.max(ranks.indexOf(first.precision), ongoing ? 0 : ranks.indexOf(last.precision))
  ] as DatePrecision;
  const start = first.start;
  const end = ongoing ? null : last.end;
  return { start, end, precision, range: { start, end: end ?? last.end, precision } };
}

function fieldText(text: string, f: InfoboxField): string {
  return text.slice(f.start, f.end);
}

/** Builds the conflict record from infobox fields; `title` is the article title when the infobox has no name. */
export function buildConflict(
  text: string,
  source: InfoboxSource,
  info: InfoboxFields,
  title: string | null,
): Conflict {
  const firstOf = (base: InfoboxField['base']) => info.fields.find((f) => f.base === base);
  const plain = (base: InfoboxField['base']) => {
    const f = firstOf(base);
    const v = f ? cleanValue(fieldText(text, f)) : '';
    return v || null;
  };
  const dates = readConflictDates(text, firstOf('date'));
  // A reduce, not Math.max(...fields): an infobox of 200,000 lines would overflow the argument stack.
  const nSides = Math.min(
    MAX_SIDES,
    info.fields.reduce(
      (most, f) => (f.base === 'combatant' || f.base === 'commander' ? Math.max(most, f.side ?? 0) : most),
      0,
    ),
  );
  const sides: ConflictSide[] = [];
  for (let i = 1; i <= nSides; i++) {
    const of = (base: InfoboxField['base']) => info.fields.filter((f) => f.base === base && f.side === i);
    const combatants: string[] = [];
    const supporters: string[] = [];
    for (const f of of('combatant')) {
      const split = splitCombatants(fieldText(text, f));
      for (const name of split.combatants) combatants.push(name);
      for (const name of split.supporters) supporters.push(name);
    }
    const commanders: Commander[] = [];
    for (const f of of('commander')) {
      for (const item of splitList(fieldText(text, f))) {
        const c = parseCommander(item);
        if (c) commanders.push(c);
      }
    }
    const units = of('units').flatMap((f) => splitList(fieldText(text, f)));
    const joined = (base: InfoboxField['base']) =>
      of(base)
        .map((f) => cleanValue(fieldText(text, f)))
        .filter(Boolean)
        .join('; ') || null;
    sides.push({
      combatants,
      supporters,
      commanders,
      units,
      strength: joined('strength'),
      casualties: joined('casualties'),
    });
  }
  const other = info.fields
    .filter((f) => f.base === 'casualties' && (f.side === null || f.side > nSides))
    .map((f) => cleanValue(fieldText(text, f)))
    .filter(Boolean);
  const name = plain('name') ?? info.title ?? title ?? '';
  return {
    name: tidy(name) || name,
    part_of: plain('part_of')?.replace(/^part of\s+/i, '') ?? null,
    start: dates.start,
    end: dates.end,
    date_precision: dates.precision,
    place: readPlace(plain('place')),
    result: plain('result'),
    territory: plain('territory'),
    sides,
    other_casualties: other,
    evidence: { start: source.start, end: source.end, text: text.slice(source.start, source.end) },
  };
}

/** "Near Mazar-i-Sharif, Northern Afghanistan" -> "Mazar-i-Sharif"; "Darzab District and ..." -> "Darzab". */
function readPlace(value: string | null): string | null {
  if (!value) return null;
  let first = value.split(',')[0]?.trim() ?? '';
  first = first.replace(/^(?:near|in|around|outside|outskirts of|the)\s+/i, '');
  first = first.replace(/\s+(?:and|&)\s+.*$/i, '').replace(/\s+(?:district|province|city|town|village|valley)$/i, '');
  return first || value;
}
