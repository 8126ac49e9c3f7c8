import { COMBATANT_NOUNS, inSet, MONTHS, PERSON_NOUNS, WEEKDAYS } from './lexicon.js';
import type { Token } from './tokens.js';

/** Who the counted people belong to, who acted on them, how, and where, from the words around a figure. */

const SKIP_BACK = new Set([
  'had',
  'has',
  'have',
  'was',
  'were',
  'is',
  'are',
  'been',
  'reportedly',
  'allegedly',
  'also',
  'initially',
  'then',
  'later',
  'subsequently',
  'summarily',
  'had',
  'just',
  'only',
  'further',
  'eventually',
  'themselves',
]);
const WEEKDAY_NAMES = new Set<string>(WEEKDAYS);

function clean(s: string): string | null {
  const t = s
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/['’]s$/, '')
    .trim();
  return t.length > 0 && t.length <= 80 ? t : null;
}

function isNameToken(t: Token | undefined): boolean {
  return !!t && t.type === 'word' && t.cap && !MONTHS.has(t.norm) && !WEEKDAY_NAMES.has(t.norm);
}

/** A capitalised run ending at `end - 1`, joined by "-", "–" and "of": "Islamic State – Khorasan Province". */
function nameEndingAt(text: string, tokens: Token[], end: number, floor: number): string | null {
  let start = end;
  while (start - 1 >= floor) {
    const t = tokens[start - 1] as Token;
    if (isNameToken(t)) {
      start--;
      continue;
    }
    const joiner = t.norm === '-' || t.norm === '–' || t.norm === 'of' || t.norm === 'al';
    if (joiner && start < end && isNameToken(tokens[start - 2])) {
      start--;
      continue;
    }
    break;
  }
  if (start >= end) return null;
  return clean(text.slice((tokens[start] as Token).start, (tokens[end - 1] as Token).end));
}

/** The subject of the verb at `verb`: "the Taliban executed" -> "Taliban". */
export function subjectOf(text: string, tokens: Token[], verb: number, floor: number): string | null {
  let k = verb;
  while (k - 1 >= floor && SKIP_BACK.has((tokens[k - 1] as Token).norm)) k--;
  // "Islamic State fighters had executed": the owner of the fighters is the actor.
  let nouns = 0;
  while (k - 1 >= floor && nouns < 2) {
    const t = tokens[k - 1] as Token;
    if (t.type !== 'word' || t.cap || !(inSet(COMBATANT_NOUNS, t.norm) || inSet(PERSON_NOUNS, t.norm))) break;
    k--;
    nouns++;
  }
  const name = nameEndingAt(text, tokens, k, floor);
  if (!name) return null;
  // "shelling of the market in Bayt Nasr killed": a place in a phrase, not the subject.
  let s = k - 1;
  while (s - 1 >= floor && (isNameToken(tokens[s - 1]) || tokens[s - 1]?.norm === '-' || tokens[s - 1]?.norm === 'of'))
    s--;
  const before = tokens[s - 1]?.norm ?? '';
  if (/^(?:in|at|near|of|from|on|into)$/.test(before)) return null;
  return /^(?:he|she|they|it|we|i)$/i.test(name) ? null : name;
}

/** "killed by the Taliban" -> "Taliban". */
export function agentAfter(text: string, tokens: Token[], from: number, limit: number): string | null {
  for (let k = from; k < Math.min(limit, from + 5); k++) {
    const t = tokens[k] as Token;
    if (t.norm === 'by') {
      let s = k + 1;
      if (tokens[s]?.norm === 'the') s++;
      let e = s;
      while (
        e < limit &&
        (isNameToken(tokens[e]) || ((tokens[e]?.norm === '-' || tokens[e]?.norm === '–') && isNameToken(tokens[e + 1])))
      )
        e++;
      if (e > s) return clean(text.slice((tokens[s] as Token).start, (tokens[e - 1] as Token).end));
      return null;
    }
    if (t.type === 'punct') return null;
  }
  return null;
}

/** "inflicted hundreds of casualties on IS-KP" -> "IS-KP". */
export function targetAfter(text: string, tokens: Token[], from: number, limit: number): string | null {
  const on = tokens[from];
  if (!on || from >= limit || (on.norm !== 'on' && on.norm !== 'among')) return null;
  let s = from + 1;
  if (tokens[s]?.norm === 'the') s++;
  let e = s;
  while (e < limit && isNameToken(tokens[e])) e++;
  return e > s ? clean(text.slice((tokens[s] as Token).start, (tokens[e - 1] as Token).end)) : null;
}

export function nameIn(text: string, tokens: Token[], range: [number, number] | null): string | null {
  if (!range) return null;
  const [a, b] = range;
  if (b <= a) return null;
  return clean(text.slice((tokens[a] as Token).start, (tokens[b - 1] as Token).end));
}

const MANNER_WORDS = new Map<string, string>();
const addManner = (manner: string, list: string) => {
  for (const w of list.split(' ')) MANNER_WORDS.set(w, manner);
};
addManner('executed', 'executed execution executions executing beheaded beheading beheadings hanged');
addManner('massacre', 'massacre massacred massacres');
addManner('airstrike', 'airstrike airstrikes air-strike air-strikes bombardment');
addManner('shelling', 'shelling shelled artillery mortar mortars');
addManner('rocket attack', 'rocket rockets');
addManner('missile strike', 'missile missiles');
addManner('IED', 'ied ieds roadside');
addManner('landmine', 'landmine landmines');
addManner('ambush', 'ambush ambushed');
addManner('torture', 'tortured torture');
addManner('shooting', 'shot shooting gunfire gunned gunmen');
addManner('bombing', 'explosion blast bombing bomb explosives');
const COMPOUNDS = new Map<string, [RegExp, string]>([
  ['suicide', [/^(?:bomb|bomber|bombers|bombing|bombings|attack|attacker|blast|vest)$/, 'suicide bombing']],
  ['drone', [/^(?:strike|strikes|attack)$/, 'drone strike']],
  ['air', [/^(?:strike|strikes|raid|raids)$/, 'airstrike']],
  ['car', [/^bomb$/, 'car bomb']],
  ['barrel', [/^bombs?$/, 'barrel bomb']],
]);
// Manner words further than this from the number describe something else in a long sentence.
const MANNER_WINDOW = 30;

/** How people were killed or hurt, from the words near the number; compounds first ("suicide bombing"). */
export function mannerIn(tokens: Token[], from: number, to: number, near: number): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lo = Math.max(from, near - MANNER_WINDOW);
  const hi = Math.min(to, near + MANNER_WINDOW);
  for (let k = lo; k < hi; k++) {
    const w = (tokens[k] as Token).norm;
    let manner = MANNER_WORDS.get(w) ?? null;
    const compound = COMPOUNDS.get(w);
    const isCompound = !!compound && compound[0].test(tokens[k + 1]?.norm ?? '');
    if (isCompound && compound) manner = compound[1];
    if (!manner) continue;
    const distance = isCompound ? -1 : Math.abs(k - near);
    if (distance < bestDistance) {
      best = manner;
      bestDistance = distance;
    }
  }
  return best;
}

const PLACE_NOUNS = new Set([
  'village',
  'town',
  'city',
  'district',
  'province',
  'area',
  'region',
  'valley',
  'governorate',
  'oblast',
]);

/** "in the village of Qazil Abad", "in Faryab Province", "near Kabul" after the figure. */
export function placeAfter(text: string, tokens: Token[], from: number, limit: number): string | null {
  for (let k = from; k < Math.min(limit, from + 10); k++) {
    const t = tokens[k] as Token;
    if (t.type === 'punct' && t.norm !== '-' && t.norm !== "'") return null;
    if (t.norm !== 'in' && t.norm !== 'at' && t.norm !== 'near') continue;
    let s = k + 1;
    if (tokens[s]?.norm === 'the') s++;
    if (PLACE_NOUNS.has(tokens[s]?.norm ?? '') && tokens[s + 1]?.norm === 'of') s += 2;
    let e = s;
    while (
      e < limit &&
      e - s < 5 &&
      (isNameToken(tokens[e]) || (tokens[e]?.norm === '-' && isNameToken(tokens[e + 1])))
    )
      e++;
    if (e > s) return clean(text.slice((tokens[s] as Token).start, (tokens[e - 1] as Token).end));
  }
  return null;
}
