import type { FigureKind } from '../core/figure.js';
import {
  AUXILIARIES,
  CASUALTY_NOUNS,
  CLAUSE_WORDS,
  DETERMINERS,
  EVENT_NOUNS,
  FLEE_VERBS,
  KIND_VERBS,
  NEGATIONS,
  PREPOSITIONS,
  RELEASE_VERBS,
  WEAK_STRENGTH_VERBS,
  WOUND_NOUNS,
  words,
} from './lexicon.js';
import { isBlockTag, type Token } from './tokens.js';
import { hasNegationBefore, isIrrealis, type Trigger, trigger } from './trigger.js';

const COORDINATORS = words('and or as well plus including alongside along together besides also');
const LEFT_FILLERS = words(
  'reportedly allegedly also summarily brutally then subsequently later just only mistakenly deliberately indiscriminately collectively publicly secretly all even further',
);
const PHRASAL_KILL = new Map<string, Set<string>>([
  ['dead', words('shot shooting stabbed beaten found left leaving confirmed declared')],
  ['down', words('gunned shot mowed cut')],
  ['out', words('wiped wiping')],
]);
const HELD = words(
  'held defended garrisoned manned occupied guarded controlled protected reinforced backed supported joined',
);

/** A casualty verb at token k, with its phrasal partner and a coordinated second verb. */
function verbAt(tokens: Token[], k: number, floor: number): { kind: FigureKind; index: number } | null {
  const t = tokens[k] as Token;
  const partners = PHRASAL_KILL.get(t.norm);
  const before = tokens[k - 1];
  if (partners && before && k - 1 >= floor && partners.has(before.norm)) return { kind: 'killed', index: k - 1 };
  let kind = KIND_VERBS.get(t.norm);
  if (!kind) return null;
  let index = k;
  const conj = tokens[k - 1];
  const other = tokens[k - 2];
  if (conj && other && k - 2 >= floor && (conj.norm === 'and' || conj.norm === 'or')) {
    const first = KIND_VERBS.get(other.norm);
    if (
      first &&
      first !== kind &&
      (first === 'killed' || first === 'injured') &&
      (kind === 'killed' || kind === 'injured')
    ) {
      kind = 'killed_or_injured';
      index = k - 2;
    }
  }
  return { kind, index };
}

/** Whether "for" or "with" and then wounds follow the count within a few words ("62 people for gunshot wounds"). */
function woundsAfter(tokens: Token[], qStart: number): boolean {
  for (let j = qStart + 1; j < Math.min(tokens.length, qStart + 6); j++) {
    const u = tokens[j] as Token;
    if (u.type === 'punct') return false;
    if (u.norm !== 'for' && u.norm !== 'with') continue;
    for (let k = j + 1; k < Math.min(tokens.length, j + 5); k++) {
      const v = tokens[k] as Token;
      if (v.type !== 'word') return false;
      if (WOUND_NOUNS.has(v.norm)) return true;
    }
    return false;
  }
  return false;
}

/** The verb before a count: "killed at least 86", "arresting ... and up to 5,000", "massacre of up to 3,000". */
export function leftTrigger(tokens: Token[], qStart: number, floor: number): Trigger | null {
  let adjacent = true;
  let accompany = false;
  for (let k = qStart - 1, steps = 0; k >= floor && steps < 16; k--, steps++) {
    const t = tokens[k] as Token;
    if (t.type === 'tag') {
      if (isBlockTag(t)) break;
      continue;
    }
    if (t.type === 'punct') {
      if (t.norm === '"') continue;
      if (t.norm === ',') {
        const after = tokens[k + 1];
        if (after && COORDINATORS.has(after.norm)) {
          adjacent = false;
          continue;
        }
      }
      break;
    }
    if (t.type === 'num' || t.type === 'numword') {
      adjacent = false;
      continue;
    }
    const w = t.norm;
    if (LEFT_FILLERS.has(w) || (DETERMINERS.has(w) && w !== 'that' && w !== 'which')) continue;
    const verb = verbAt(tokens, k, floor);
    if (verb) {
      const trig = trigger(verb.kind, verb.index, adjacent ? 'adjacent' : 'coordinated', k);
      trig.negated = hasNegationBefore(tokens, verb.index, floor);
      trig.irrealis = isIrrealis(tokens, verb.index, floor);
      if (verb.kind === 'strength' && WEAK_STRENGTH_VERBS.has(w)) trig.needsFighters = true;
      return trig;
    }
    // "We buried 19 people": the dead, counted by those who buried them.
    if (adjacent && /^(?:buried|bury|burying|buries)$/.test(w)) return trigger('killed', k, 'adjacent', k);
    // "treated 62 people for gunshot wounds", "treated 35 patients with shrapnel wounds".
    if (adjacent && /^(?:treated|treating|treats|treat)$/.test(w) && woundsAfter(tokens, qStart)) {
      return trigger('injured', k, 'adjacent', k);
    }
    if (w === 'of' && /^(?:consisting|comprised|composed|consisted)$/.test(tokens[k - 1]?.norm ?? '')) {
      const trig = trigger('strength', k - 1, adjacent ? 'adjacent' : 'coordinated', k);
      trig.needsFighters = true;
      return trig;
    }
    if (w === 'of') {
      const noun = tokens[k - 1];
      const kind = noun && k - 1 >= floor ? EVENT_NOUNS.get(noun.norm) : undefined;
      if (kind) return trigger(kind, k - 1, adjacent ? 'adjacent' : 'coordinated', k);
      break;
    }
    if (w === 'by' && HELD.has(tokens[k - 1]?.norm ?? '') && adjacent) {
      // "Darzab was held by about 600 to 700 fighters"
      const trig = trigger('strength', k - 1, 'adjacent', k);
      trig.needsFighters = true;
      return trig;
    }
    if (w === 'with') {
      const before = tokens[k - 1]?.norm;
      if (before === 'along' || before === 'together') {
        accompany = true;
        adjacent = false;
        continue;
      }
      if (!adjacent) break;
      const trig = trigger('strength', k, 'frame');
      trig.needsFighters = true;
      for (let j = k - 1; j >= Math.max(floor, k - 12); j--) {
        const u = tokens[j] as Token;
        if (u.norm === ',' || u.norm === ';' || CLAUSE_WORDS.has(u.norm)) break;
        if (FLEE_VERBS.has(u.norm)) trig.blocks = true;
      }
      return trig;
    }
    if (WEAK_STRENGTH_VERBS.has(w)) {
      if (!adjacent || accompany) return null;
      const trig = trigger('strength', k, 'adjacent');
      trig.needsFighters = true;
      trig.irrealis = isIrrealis(tokens, k, floor);
      return trig;
    }
    if (RELEASE_VERBS.has(w) || FLEE_VERBS.has(w)) {
      const trig = trigger(null, k, 'adjacent');
      trig.blocks = true;
      return trig;
    }
    if (COORDINATORS.has(w)) {
      adjacent = false;
      continue;
    }
    if (AUXILIARIES.has(w) || PREPOSITIONS.has(w) || CLAUSE_WORDS.has(w) || NEGATIONS.has(w)) break;
    if (!t.cap && (w.endsWith('ed') || w.endsWith('ing')) && !CASUALTY_NOUNS.has(w)) break;
    adjacent = false;
  }
  if (accompany) {
    const trig = trigger(null, qStart - 1, 'coordinated');
    trig.blocks = true;
    return trig;
  }
  return null;
}
