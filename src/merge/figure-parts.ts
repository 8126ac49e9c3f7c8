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

/** Each figure that is a part of another, mapped to the index of its whole. */
export function figureParts(figures: readonly Figure[]): Map<number, number> {
  const parts = new Map<number, number>();
  figures.forEach((f, j) => {
    if (f.source === 'infobox') return;
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
