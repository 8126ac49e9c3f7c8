import type { DateRange, Figure, FigureKind } from '../core/figure.js';
import { type Claim, findClaims, isCountedState } from './claimant.js';
import type { DateContext } from './date-values.js';
import { type DateMention, findDates, nearestMention } from './dates.js';
import { type GrammarInput, readFigures } from './figure-grammar.js';
import type { InfoboxField } from './infobox.js';
import type { NounPhrase } from './noun-phrase.js';
import { isBlockTag, type Token, tokenize } from './tokens.js';

/**
 * Figures from Strength and Casualties lines. Each comma-, semicolon-, "----"- or break-separated
 * item is read on its own, so every figure's evidence stays inside its item.
 */

// A Strength row counts forces, whatever a table around it suggests, unless it says otherwise.
const CASUALTY_WORD =
  /\b(?:killed|dead|deaths?|died|wounded|injured|injuries|casualties|captured|prisoners?|POWs?|missing|displaced|surrendered)\b/i;

/** What a Casualties line may count that is no casualty: men who left, not men lost. */
const NO_CASUALTY = new Set([
  'deserted',
  'deserters',
  'defected',
  'defectors',
  'retreated',
  'withdrew',
  'evacuated',
  'rescued',
  'released',
  'freed',
  'escaped',
]);

function opensLine(t: Token): boolean {
  return t.nl > 0 && t.type !== 'tag' && t.type !== 'punct';
}

function isSeparator(tokens: Token[], k: number): boolean {
  const t = tokens[k] as Token;
  if (t.type === 'tag') return isBlockTag(t);
  if (t.nl > 0) return true;
  if (t.type !== 'punct') return false;
  if (t.norm === ',' || t.norm === ';' || t.norm === '*' || t.norm === '•' || t.norm === '|') return true;
  // "----" arrives as a run of hyphens.
  return (
    (t.norm === '-' || t.norm === '–') &&
    (tokens[k + 1]?.norm === '-' || tokens[k - 1]?.norm === '-') &&
    !tokens[k + 1]?.space
  );
}

/**
 * "1,500 killed, (per SOHR)", "2,500 killed{{small|(GNA claim)}}", "40 killed{{efn|According to the
 * army.}}": a claim in the next item when that item is only a note, the claim within its first words
 * and its bracket.
 */
function isOwnNote(tokens: Token[], segmentEnd: number, claimAt: number): boolean {
  const opener = tokens[segmentEnd + 1]?.norm;
  if (claimAt - segmentEnd > 4 || (opener !== '(' && opener !== 'per' && opener !== 'according')) return false;
  for (let k = segmentEnd + 2; k < claimAt; k++) if (tokens[k]?.norm === ')') return false;
  return true;
}

function segments(tokens: Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let k = 0; k <= tokens.length; k++) {
    if (k === tokens.length || isSeparator(tokens, k)) {
      if (k > s) out.push([s, k]);
      // A line break before a word ends the item before it; the word opens the next item.
      s = k < tokens.length && opensLine(tokens[k] as Token) ? k : k + 1;
    }
  }
  return out;
}

/**
 * The kind of a count that names none in a Strength or Casualties line: the line's own, or in a
 * casualty line the kind of the figure before it ("9,000 civilians killed (AP), 40,000 (Kurdish
 * intelligence)"), else killed for people and killed_or_injured for a bare number.
 */
function defaultKind(
  base: 'strength' | 'casualties',
  previous: () => FigureKind | null,
  own?: FigureKind,
): (np: NounPhrase, head: string | null) => FigureKind | null {
  return (np, head) => {
    if (base === 'strength') return 'strength';
    if (np.headClass === 'thing') return null;
    if (own) return own;
    // "400 prisoners", "86 POWs": people held, whatever the line counted before.
    if (np.impliedKind === 'captured' || head === 'prisoners' || head === 'prisoner') return 'captured';
    const before = previous();
    if (before && before !== 'strength') return before;
    return np.headClass === 'none' ? 'killed_or_injured' : 'killed';
  };
}

export function readInfoboxFigures(
  text: string,
  fields: InfoboxField[],
  nSides: number,
  conflictRange: DateRange | null,
  ctx: DateContext,
): Figure[] {
  const figures: Figure[] = [];
  for (const field of fields) {
    if (field.base !== 'strength' && field.base !== 'casualties') continue;
    const tokens = tokenize(text, field.start, field.end);
    if (tokens.length === 0) continue;
    const mentions = findDates(tokens, 0, tokens.length, ctx);
    const dated = new Set<number>();
    for (const m of mentions) for (let k = m.start; k < m.end; k++) dated.add(k);
    // "May to July 1997: about 3,000 killed or wounded": a leading date holds for the whole line.
    const lead = mentions[0];
    const lineDate = lead?.value && lead.start === 0 && tokens[lead.end]?.norm === ':' ? lead.value : null;
    const sentence = { start: field.start, end: field.end, text: text.slice(field.start, field.end) };
    let lastKind: FigureKind | null = null;
    let lastSegment = -1;
    const claims = findClaims(text, tokens, 0, tokens.length);
    let m0 = 0;
    let c0 = 0;
    const items = segments(tokens);
    const listClaims = listSources(tokens, items, claims);
    const owners = listOwners(text, tokens, items);
    for (const [i, [s, e]] of items.entries()) {
      while (m0 < mentions.length && (mentions[m0] as DateMention).start < s) m0++;
      let m1 = m0;
      while (m1 < mentions.length && (mentions[m1] as DateMention).start < e) m1++;
      // The line's leading date is the line's; any other date dates the item it stands in.
      const inSegment = mentions.slice(m0, m1).filter((m) => (lineDate === null || m !== lead) && m.end <= e);
      while (c0 < claims.length && (claims[c0] as Claim).index < s) c0++;
      const claim =
        claims[c0] && (claims[c0] as Claim).index < e
          ? claims[c0]
          : claims[c0] && isOwnNote(tokens, e, (claims[c0] as Claim).index)
            ? claims[c0]
            : listClaims[i];
      const input: GrammarInput = {
        text,
        tokens,
        start: s,
        end: e,
        isDate: (k) => dated.has(k),
        defaultKind: defaultKind(field.base, () => lastKind, field.kind),
      };
      for (const raw of readFigures(input)) {
        const a = tokens[raw.evStart] as Token;
        const b = tokens[raw.evEnd - 1] as Token;
        const told = text.slice(a.start, b.end);
        // "thousands deserted", "200 defected": a count of a loss that is no casualty.
        const next = tokens[raw.evEnd];
        if (field.base === 'casualties' && !CASUALTY_WORD.test(told) && next && NO_CASUALTY.has(next.norm)) continue;
        let kind = raw.kind;
        if (field.base === 'strength' && !CASUALTY_WORD.test(told)) kind = 'strength';
        // "87 civilians killed (40 from illness)": a bare count in brackets after one of its item is of
        // that kind; the grammar reads an item's counts together, before the first sets the line's kind.
        else if (
          lastSegment === s &&
          lastKind !== null &&
          lastKind !== 'strength' &&
          raw.kind === 'killed_or_injured' &&
          !CASUALTY_WORD.test(told) &&
          tokens[raw.evStart - 1]?.norm === '('
        )
          kind = lastKind;
        lastKind = kind;
        lastSegment = s;
        figures.push({
          kind,
          low: raw.low,
          high: raw.high,
          qualifier: raw.qualifier,
          vague: raw.vague,
          unit: raw.unit,
          evidence: { start: a.start, end: b.end, text: text.slice(a.start, b.end) },
          sentence,
          claimant: claim?.name ?? null,
          subject: raw.subject,
          actor: raw.actor ?? owners[i] ?? null,
          perpetrator: raw.perpetrator,
          manner: raw.manner,
          place: raw.place,
          date: nearestMention(inSegment, raw.anchor) ?? lineDate ?? conflictRange,
          source: 'infobox',
          side: field.side !== null && field.side <= nSides ? field.side : null,
        });
      }
    }
  }
  return figures;
}

/**
 * Whose losses each item counts, where its closing brackets name a state: "11 killed, 40 wounded
 * (United States); 3 killed (Malaysia)". As with a source (listSources), the brackets after the last
 * item of a comma list are every item's.
 */
function listOwners(text: string, tokens: Token[], items: Array<[number, number]>): Array<string | null> {
  const out: Array<string | null> = new Array(items.length).fill(null);
  let waiting: number[] = [];
  items.forEach(([s, e], i) => {
    const open = openingBracket(tokens, s, e);
    if (open >= 0 && tokens[e - 1]?.norm === ')' && open + 1 < e - 1) {
      const inside = text.slice((tokens[open + 1] as Token).start, (tokens[e - 2] as Token).end);
      if (isCountedState(inside)) for (const j of [...waiting, i]) out[j] = inside;
    }
    waiting = open < 0 && listGoesOn(tokens, e) ? [...waiting, i] : [];
  });
  return out;
}

/** Where the item tokens[s, e) opens its last brackets; -1 when it has none. */
function openingBracket(tokens: Token[], s: number, e: number): number {
  for (let open = e - 1; open >= s; open--) if (tokens[open]?.norm === '(') return open;
  return -1;
}

/** Whether the item ending at `e` is followed by another of its comma list on the same line. */
function listGoesOn(tokens: Token[], e: number): boolean {
  const separator = tokens[e];
  return separator?.norm === ',' && separator.nl === 0;
}

/**
 * The source a list of counts gives once, in brackets after its last item: "300–500 killed, 1,100
 * wounded (US estimate)" are both the estimate's. The list runs over commas only; a semicolon, a
 * line, or another item's brackets ("8 killed (Australia), 21 wounded (UK figures)") ends it.
 */
function listSources(tokens: Token[], items: Array<[number, number]>, claims: Claim[]): Array<Claim | undefined> {
  const out: Array<Claim | undefined> = new Array(items.length);
  let waiting: number[] = [];
  items.forEach(([s, e], i) => {
    const last = tokens[e - 1];
    const own = claims.find((c) => c.index >= s && c.index < e);
    const open = openingBracket(tokens, s, e);
    // The source alone in the item's closing brackets: "(UN figures)", "(U.S. estimate)".
    if (own && last?.norm === ')' && open >= 0 && own.index >= open) for (const j of waiting) out[j] = own;
    waiting = !own && open < 0 && listGoesOn(tokens, e) ? [...waiting, i] : [];
  });
  return out;
}
