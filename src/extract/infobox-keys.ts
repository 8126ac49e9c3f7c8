import type { FigureKind } from '../core/figure.js';

/** Infobox keys as the conflict template names them, whatever rendering they arrive in. */

export type FieldBase =
  | 'name'
  | 'part_of'
  | 'date'
  | 'place'
  | 'result'
  | 'territory'
  | 'combatant'
  | 'commander'
  | 'units'
  | 'strength'
  | 'casualties'
  | 'ignore';

export const SIDED: ReadonlySet<FieldBase> = new Set(['combatant', 'commander', 'units', 'strength', 'casualties']);

const BASES = new Map<string, FieldBase>(
  Object.entries({
    conflict: 'name',
    name: 'name',
    battlename: 'name',
    title: 'name',
    partof: 'part_of',
    date: 'date',
    dates: 'date',
    place: 'place',
    location: 'place',
    locations: 'place',
    result: 'result',
    results: 'result',
    outcome: 'result',
    status: 'result',
    territory: 'territory',
    territorialchanges: 'territory',
    combatant: 'combatant',
    combatants: 'combatant',
    belligerent: 'combatant',
    belligerents: 'combatant',
    side: 'combatant',
    sides: 'combatant',
    parties: 'combatant',
    partiestothecivilconflict: 'combatant',
    commander: 'commander',
    commanders: 'commander',
    commandersandleaders: 'commander',
    leader: 'commander',
    leaders: 'commander',
    leadfigures: 'commander',
    units: 'units',
    unit: 'units',
    unitsinvolved: 'units',
    strength: 'strength',
    strengths: 'strength',
    number: 'strength',
    casualties: 'casualties',
    casualtiesandlosses: 'casualties',
    casualty: 'casualties',
    image: 'ignore',
    imagesize: 'ignore',
    caption: 'ignore',
    map: 'ignore',
    mapcaption: 'ignore',
    coordinates: 'ignore',
    notes: 'ignore',
    campaignbox: 'ignore',
    class: 'ignore',
    alt: 'ignore',
    imagealt: 'ignore',
    width: 'ignore',
    infobox: 'ignore',
  }),
);

/** Keys that only count with a number ("losses1"), never alone ("losses|Accounts differ..."). */
const NUMBERED_ONLY = new Map<string, FieldBase>(
  Object.entries({ losses: 'casualties', party: 'combatant', force: 'strength' }),
);

export interface CanonicalKey {
  base: FieldBase;
  /** 1-based side for numbered keys ("Combatant2"), null otherwise. */
  side: number | null;
  /** What a bare count on a casualty row counts: "Deaths: 45" is 45 killed. */
  kind?: FigureKind;
}

/** Rows of a casualty section that name what they count, as civil-conflict and attack infoboxes do. */
const CASUALTY_ROWS = new Map<string, FigureKind>(
  Object.entries({
    deaths: 'killed',
    death: 'killed',
    dead: 'killed',
    killed: 'killed',
    fatalities: 'killed',
    deathtoll: 'killed',
    injuries: 'injured',
    injured: 'injured',
    wounded: 'injured',
    nonfatalinjuries: 'injured',
    arrested: 'captured',
    arrests: 'captured',
    detained: 'captured',
    captured: 'captured',
    displaced: 'displaced',
  }),
);

const KEY_CACHE = new Map<string, CanonicalKey | null>();

/** Maps "Combatant1", "combatant 2", "Side1", "Casualties and losses", "Part of" to a field. */
export function canonicalKey(raw: string): CanonicalKey | null {
  if (raw.length > 48) return null;
  const known = KEY_CACHE.get(raw);
  if (known !== undefined) return known;
  const key = readKey(raw);
  // Every short line of a document is asked about; the same few strings come back again and again.
  if (KEY_CACHE.size >= 4096) KEY_CACHE.clear();
  KEY_CACHE.set(raw, key);
  return key;
}

function readKey(raw: string): CanonicalKey | null {
  const squashed = raw
    .toLowerCase()
    .replace(/<[^<>]{0,200}>/g, '')
    .replace(/[\s_\-.:'’*()]+/g, '');
  if (squashed.length === 0 || squashed.length > 40) return null;
  const m = /^([a-z]+?)(\d{1,2})([a-z])?$/.exec(squashed);
  if (m) {
    const word = m[1] as string;
    const base = BASES.get(word) ?? NUMBERED_ONLY.get(word);
    const n = Number(m[2]);
    if (!base || n < 1 || n > 12) return null;
    return { base, side: SIDED.has(base) ? n : null };
  }
  const base = BASES.get(squashed);
  if (base) return { base, side: null };
  const kind = CASUALTY_ROWS.get(squashed);
  return kind ? { base: 'casualties', side: null, kind } : null;
}

/** A key row that opens a section of per-side cells, as in the HTML infobox ("Belligerents"). */
export function sectionOf(raw: string): FieldBase | null {
  const key = canonicalKey(raw);
  return key && key.side === null && SIDED.has(key.base) ? key.base : null;
}
