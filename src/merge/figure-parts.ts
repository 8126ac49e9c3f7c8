import type { Figure } from '../core/figure.js';

/**
 * A count that breaks down another ("12 people were killed, including three children"): the three
 * children are among the twelve, not a second source's reading of the toll, so an incident's low,
 * best and high estimate must not take them as one.
 */

// The words that open a part: ", including ", ", among them ".
const CUE = String.raw`(?:including|among them|among whom|of whom|of them|of which)[\s:]*(?:were\s+|being\s+)?`;
// Where or whence the whole was counted, between it and its part: "22 bodies from the rubble, among
// them three children", "killed 12 people in the village, including a baby".
const TAIL = String.raw`(?:\s+(?:from|in|at|on|near|inside|under|across|around)\s[^,;.()]{1,40}?(?=,))?`;
// All that stands between the whole and its part in one sentence.
const PART_CUE = new RegExp(
  String.raw`^${TAIL}[\s,(–—-]*(?:${CUE}|among the (?:dead|killed|victims|wounded|injured)[\s:]*)$`,
  'i',
);
// What ends the words before a part told inside its whole's own ("35 people, including 18 children, were killed").
const PART_CUE_END = new RegExp(String.raw`[\s,(–—-]${CUE}$`, 'i');
// "27 wounded people, 12 of them children".
const OF_THEM = /\bof them\b/i;
// "8 of the dead were women", "two of those wounded": the part names its whole. Not "four civilians
// were also among the dead", who are more dead.
const OF_THE_WHOLE = /\bof (?:the|those) (?:dead|killed|victims|wounded|injured|casualties)\b/i;
// A sentence that opens on the whole: "Of the dead, two were children", "Among those killed were ...".
const OPENS_ON_WHOLE = /^\s*(?:of|among) (?:the|those) (?:dead|killed|victims|wounded|injured|casualties)\b/i;
// "The health department said the dead included two children".
const WHOLE_INCLUDED =
  /\b(?:the|those) (?:dead|killed|victims|wounded|injured|casualties) (?:included|include|includes)\b/i;
// "Two foreign nationals were among the dead": people counted in a toll told before. Not "also among".
const AMONG_THE_WHOLE =
  /^[^.;]*?\b(?<!also )(?:were|was|are|is) (?:(?:reportedly|said to be) )?among the (?:dead|killed|victims|wounded|injured|casualties)\b/i;
// What joins counts of different people told side by side: "17 soldiers and 36 volunteers",
// "12 traders, 4 children and a guard".
const ADDS = /^\s*(?:,\s*(?:and\s+|as well as\s+|plus\s+)?|(?:and|as well as|plus|along with)\s+)$/i;
// What sets a breakdown after its whole: "killed 10 people, six women and four children".
const BREAKS_DOWN = /^\s*[,:–—-]\s*$/;
// What may follow a breakdown to say it is one: "19 people, 7 women and 5 children among them".
const BREAKDOWN_CUE = /^\s*,?\s*(?:among them|among whom|among the (?:dead|killed|victims))\b/i;
// Words for people in general, which a list after them breaks down ("10 civilians, six women and
// four children"); not "19 men, 7 women and 5 children", who are told side by side.
const GENERAL = new Set([
  'people',
  'persons',
  'civilians',
  'individuals',
  'victims',
  'villagers',
  'residents',
  'inhabitants',
  'worshippers',
  'passengers',
  'pilgrims',
  'migrants',
  'refugees',
]);
/** How far back, in characters, the whole of a part told in a later sentence may stand: a paragraph or two. */
const WHOLE_WITHIN = 1_500;

/** The number a count gives at most, and at least; null where it gives none (a vague word). */
const most = (f: Figure) => f.high ?? f.low;
const least = (f: Figure) => f.low ?? f.high;

function fitsWithin(part: Figure, whole: Figure): boolean {
  const p = most(part);
  const w = least(whole);
  return p === null || w === null || p <= w;
}

type Where = 'same sentence' | 'this or before' | 'before';

/** The whole counted just before `j` of the same kind, if it is close enough. */
function wholeBefore(figures: readonly Figure[], j: number, where: Where): number | null {
  const part = figures[j] as Figure;
  for (let i = j - 1; i >= 0; i--) {
    const f = figures[i] as Figure;
    const same = f.sentence.start === part.sentence.start;
    if (where === 'same sentence' && !same) return null;
    if (where === 'before' && same) continue;
    if (part.sentence.start - f.sentence.end > WHOLE_WITHIN) return null;
    if (f.kind === part.kind && f.source === part.source) return fitsWithin(part, f) ? i : null;
  }
  return null;
}

/** Whether two prose counts are told in one sentence, of one kind, by one source, each naming whom it counts. */
function toldTogether(a: Figure, b: Figure): boolean {
  return (
    b.source !== 'infobox' &&
    a.sentence.start === b.sentence.start &&
    a.kind === b.kind &&
    a.claimant === b.claimant &&
    a.subject !== null &&
    b.subject !== null
  );
}

/** Whether figure `j` is told side by side with the one before it, joined by `join`. */
function joinsPrevious(figures: readonly Figure[], j: number, join: RegExp): boolean {
  const previous = figures[j - 1];
  const f = figures[j];
  if (!previous || !f || !toldTogether(previous, f) || previous.evidence.end > f.evidence.start) return false;
  return join.test(
    f.sentence.text.slice(previous.evidence.end - f.sentence.start, f.evidence.start - f.sentence.start),
  );
}

/**
 * Whether `next` is set after `whole` by a comma, colon, dash or bracket, as a breakdown is: "killed
 * 10 people, six women and four children", "40 people were killed: 30 civilians and 10 soldiers"
 * (where the verb is both counts' words), "Twelve people (nine civilians and ...) were killed".
 */
function setAfter(whole: Figure, next: Figure | undefined): boolean {
  if (!next || !toldTogether(whole, next)) return false;
  const at = (offset: number) => offset - whole.sentence.start;
  const text = whole.sentence.text;
  if (whole.evidence.end <= next.evidence.start)
    return BREAKS_DOWN.test(text.slice(at(whole.evidence.end), at(next.evidence.start)));
  if (next.evidence.start <= whole.evidence.start) return false;
  // "Twelve people (nine civilians and three police officers) were killed": inside the whole's words.
  if (/[(–—]\s*$/.test(text.slice(at(whole.evidence.start), at(next.evidence.start)))) return true;
  return /^\s*[:–—-]\s*\S/.test(text.slice(at(whole.evidence.end), at(next.evidence.end)));
}

/**
 * The counts that break down count `i` in a list set after it ("killed 10 people, six women and
 * four children"), or none: a list that adds up to no more than the whole, and either says it is a
 * breakdown ("among them"), adds up to the whole, or follows people counted in general by a
 * comma; "19 men, 7 women and 5 children" are told side by side.
 */
function breakdownOf(figures: readonly Figure[], i: number): number[] {
  const whole = figures[i] as Figure;
  if (!setAfter(whole, figures[i + 1])) return [];
  let last = i + 1;
  while (joinsPrevious(figures, last + 1, ADDS)) last++;
  const run = figures.slice(i + 1, last + 1);
  const sum = run.reduce((total, f) => total + (most(f) ?? 0), 0);
  const told = least(whole);
  if (told === null || run.some((f) => most(f) === null) || sum > told) return [];
  const end = run[run.length - 1] as Figure;
  const after = end.sentence.text.slice(end.evidence.end - end.sentence.start);
  const general = GENERAL.has(whole.subject?.toLowerCase() ?? '') || /^[A-Z]/.test(whole.subject ?? '');
  return BREAKDOWN_CUE.test(after) || sum === told || (general && run.length > 1) ? run.map((_, k) => i + 1 + k) : [];
}

/** Each figure that is a part of another, mapped to the index of its whole. */
export function figureParts(figures: readonly Figure[]): Map<number, number> {
  const parts = new Map<number, number>();
  figures.forEach((_, i) => {
    if (!parts.has(i)) for (const part of breakdownOf(figures, i)) parts.set(part, i);
  });
  figures.forEach((f, j) => {
    if (f.source === 'infobox' || parts.has(j)) return;
    const previous = figures[j - 1];
    let whole: number | null = null;
    if (previous && previous.sentence.start === f.sentence.start && previous.evidence.start < f.evidence.start) {
      // "At least 35 people, including 18 children, were killed": the whole's words may hold the part.
      const inside = previous.evidence.end > f.evidence.start;
      const between = f.sentence.text.slice(
        (inside ? previous.evidence.start : previous.evidence.end) - f.sentence.start,
        f.evidence.start - f.sentence.start,
      );
      if ((inside ? PART_CUE_END : PART_CUE).test(between)) whole = wholeBefore(figures, j, 'same sentence');
    }
    // "23 people, including 10 children and 5 women": a count told beside a part is one too.
    const beside = parts.get(j - 1);
    if (whole === null && beside !== undefined && joinsPrevious(figures, j, ADDS)) whole = beside;
    // "27 wounded people, 12 of them children".
    if (whole === null && OF_THEM.test(f.evidence.text)) whole = wholeBefore(figures, j, 'same sentence');
    if (whole === null && OF_THE_WHOLE.test(f.evidence.text)) whole = wholeBefore(figures, j, 'this or before');
    if (whole === null && OPENS_ON_WHOLE.test(f.sentence.text)) whole = wholeBefore(figures, j, 'before');
    if (whole === null && AMONG_THE_WHOLE.test(f.sentence.text.slice(f.evidence.start - f.sentence.start)))
      whole = wholeBefore(figures, j, 'this or before');
    // "The health department said the dead included two children".
    if (whole === null && WHOLE_INCLUDED.test(f.sentence.text.slice(0, f.evidence.end - f.sentence.start)))
      whole = wholeBefore(figures, j, 'this or before');
    if (whole !== null) parts.set(j, whole);
  });
  return parts;
}

/**
 * Counts told side by side of different people, which add up ("killing 17 soldiers and 36
 * volunteers" are 53 dead, not two sources' readings of the toll): each such count mapped to the
 * index of the first of its run. Only counts of one kind and one source, each naming whom it
 * counts, joined by a comma or "and" alone; never a part of another (figureParts). In an infobox,
 * the counts of one row of each state's losses.
 */
export function figureSums(figures: readonly Figure[], parts: ReadonlyMap<number, number>): Map<number, number> {
  const sums = new Map<number, number>();
  figures.forEach((_, j) => {
    if (parts.has(j) || parts.has(j - 1) || !joinsPrevious(figures, j, ADDS)) return;
    const first = sums.get(j - 1) ?? j - 1;
    sums.set(j - 1, first);
    sums.set(j, first);
  });
  // "18 killed (United States); 1 killed (Malaysia)": the counts of one infobox row of different
  // states' losses, none of them given by a source.
  const rows = new Map<string, number[]>();
  figures.forEach((f, j) => {
    if (f.source !== 'infobox' || f.actor === null || f.claimant !== null || parts.has(j)) return;
    const key = `${f.sentence.start} ${f.side} ${f.kind}`;
    const row = rows.get(key);
    if (row) row.push(j);
    else rows.set(key, [j]);
  });
  for (const row of rows.values()) {
    const owners = new Set(row.map((j) => figures[j]?.actor));
    if (row.length > 1 && owners.size === row.length) for (const j of row) sums.set(j, row[0] as number);
  }
  return sums;
}
