import type { Commander, Conflict, ConflictSide } from '../core/figure.js';
import { readConflictDates } from './conflict-dates.js';
import type { InfoboxField, InfoboxFields } from './infobox.js';
import type { InfoboxSource } from './layout.js';
import { cleanValue, parseCommander, splitCombatants, splitList, splitNames, tidy } from './markup-cleanup.js';

export { readConflictDates } from './conflict-dates.js';

const MAX_SIDES = 8;
// Placeholders a cell holds when it names nobody.
const NO_NAME =
  /^(?:unknown|not known|n\/?a|none|nil|various|several|see (?:below|above|text|list)|disputed|undisclosed|unidentified)$/i;

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
      for (const name of split.combatants) if (!NO_NAME.test(name)) combatants.push(name);
      for (const name of split.supporters) if (!NO_NAME.test(name)) supporters.push(name);
    }
    const commanders: Commander[] = [];
    for (const f of of('commander')) {
      for (const item of splitNames(fieldText(text, f))) {
        // A mark on a line of its own ("KIA", "(POW)", "killed in action") belongs to the name above it.
        const mark = parseCommander(`X ${item}`);
        const previous = commanders[commanders.length - 1];
        if (mark?.name === 'X' && mark.status && previous && !previous.status) {
          previous.status = mark.status;
          continue;
        }
        const c = parseCommander(item);
        if (c && !NO_NAME.test(c.name)) commanders.push(c);
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
  // A title guessed from the lines above a flattened infobox yields to the page's own title.
  const page = title && !SITE_CHROME.test(title) ? title : null;
  const caption = source.captionSure === false ? null : info.title;
  const name = cleanTitle(plain('name') ?? caption ?? page ?? info.title ?? '');
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

// "Battle of X - Wikipedia", "Battle of X | Encyclopedia", "Battle of X — Wikipedia, the free encyclopedia".
const SITE_SUFFIX = /\s+[-–—|·:]\s+[^-–—|·:]{0,40}\b(?:wikipedia|wikiwand|wiki|encyclopa?edia|britannica)\b.{0,60}$/i;

const SITE_CHROME =
  /^(?:jump to (?:content|navigation)|skip to (?:content|main)|main menu|navigation menu|contents)\b/i;

/** The conflict's name without the site a copy of its page names after it. */
export function cleanTitle(raw: string): string {
  return raw
    .replace(SITE_SUFFIX, '')
    .replace(/^\s*(?:#{1,6}|={1,6})\s*|\s*={1,6}\s*$/g, '')
    .replace(/^(?:\*\*|__)(.*)(?:\*\*|__)$/, '$1')
    .trim();
}

/** "Near Mazar-i-Sharif, Northern Afghanistan" -> "Mazar-i-Sharif"; "Darzab District and ..." -> "Darzab". */
function readPlace(value: string | null): string | null {
  if (!value) return null;
  let first = value.split(',')[0]?.trim() ?? '';
  first = first.replace(/^(?:near|in|around|outside|outskirts of|the)\s+/i, '');
  first = first.replace(/\s+(?:and|&)\s+.*$/i, '').replace(/\s+(?:district|province|city|town|village|valley)$/i, '');
  return first || value;
}
