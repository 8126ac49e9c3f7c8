import type { FigureKind } from '../core/figure.js';
import {
  AUXILIARIES,
  CASUALTY_NOUNS,
  CLAUSE_WORDS,
  FLEE_VERBS,
  IMPLIED_KIND_NOUNS,
  KIND_VERBS,
  NEGATIONS,
  PERSON_ONLY_VERBS,
  PREDICATE_FILLERS,
  PREPOSITIONS,
  RELEASE_VERBS,
  TIME_UNITS,
  WOUND_NOUNS,
  words,
} from './lexicon.js';
import { coordinatedKind } from './noun-phrase.js';
import { isBlockTag, type Token } from './tokens.js';
import { MODALS, type Trigger, trigger } from './trigger.js';

const TRANSITIVE_EXCEPTIONS = words(
  'died die dies dying perished perish surrender surrendered surrenders surrendering dead',
);
const OBJECT_STARTERS = words(
  'the a an his her their its him them her us me several dozens hundreds thousands scores at more over about some nearly almost up around',
);
const BECOME = words('became become becomes becoming');
const HEDGE_TO = words('believed thought said reported feared known presumed estimated understood confirmed');
const STATIVE_STRENGTH = words(
  'trapped besieged encircled surrounded stationed deployed garrisoned positioned massed amassed gathered mobilised mobilized assembled present',
);
const PLACES_LEFT = words(
  'homes home houses area city town village villages district region country valley province pocket enclave camp camps besieged neighbourhood neighborhood',
);
const LOSE = words('lost lose loses losing');
/** Words that tie counted people to a side after their noun: "loyal to", "backed by", "allied with". */
const ALLEGIANCE = words('loyal belonging backed supported affiliated linked allied aligned attached');

/** Words that open an aside naming a part of the count: ", including 6 children,", ", among them two women,". */
export const PART_OPENERS = words('including incl among mostly most all many some half');

/** Skips ", alongside their families,", "(IS-KP)" and "— most of them women —" between a count and its verb. */
function skipAside(tokens: Token[], k: number, limit: number): number {
  const open = (tokens[k] as Token).norm;
  // "Twelve people — nine civilians and three police officers — were killed": an aside between dashes.
  const dash = open === '—' || open === '–';
  const close = open === '(' ? ')' : dash ? open : ',';
  // An aside that names a part may hold its own count: "41 people, including 6 children, were killed".
  // So may a restatement in brackets: "5,200 households (about 31,000 people) have been displaced".
  // So may a restatement after "or": "2,500 households, or roughly 15,000 people, have fled".
  // "Forty guests, who had gathered for a wedding, were killed": a relative clause about the counted
  // people, whose own verbs are not the count's predicate.
  if (open === ',' && tokens[k + 1]?.norm === 'who') {
    for (let j = k + 2; j < Math.min(limit, k + 16); j++) {
      const u = tokens[j] as Token;
      if (u.norm === ',') return j + 1;
      if (u.type === 'num' || u.type === 'tag' || (u.type === 'punct' && u.norm !== '-' && u.norm !== "'")) return -1;
    }
    return -1;
  }
  const part = PART_OPENERS.has(tokens[k + 1]?.norm ?? '') || open === '(' || dash || tokens[k + 1]?.norm === 'or';
  for (let j = k + 1; j < Math.min(limit, k + (part ? 14 : 9)); j++) {
    const u = tokens[j] as Token;
    if (u.norm === close) return j + 1;
    if ((u.type === 'num' && !part) || u.type === 'tag') return -1;
    if (KIND_VERBS.has(u.norm) || AUXILIARIES.has(u.norm) || CLAUSE_WORDS.has(u.norm) || u.norm === 'whom') return -1;
  }
  return -1;
}

/** What "gave up" gives up when it is not the fight: "gave up hope", "gave up searching". */
const GAVE_UP_OTHER = words('hope hopes searching trying looking waiting their his her its office power');

/** Words after a verb that are not its object: "captured alive", "seized overnight", "captured and killed". */
const NOT_OBJECTS = words('alive unhurt unharmed together again and or but as last this earlier later');

/** Whether a word after a verb opens its object: a lower-case word that is no preposition, time or adverb. */
function isObjectWord(t: Token): boolean {
  if (t.type !== 'word' || t.cap) return false;
  const w = t.norm;
  return !(
    PREPOSITIONS.has(w) ||
    CLAUSE_WORDS.has(w) ||
    TIME_UNITS.has(w) ||
    NOT_OBJECTS.has(w) ||
    w.endsWith('ly') ||
    KIND_VERBS.has(w)
  );
}

/** The predicate after a count and its noun: "were killed", "had been displaced", "became POWs", "surrendered". */
export function rightTrigger(tokens: Token[], from: number, limit: number): Trigger | null {
  let sawAux = false;
  let modal = false;
  let negated = false;
  for (let k = from, steps = 0; k < limit && steps < 12; steps++) {
    const t = tokens[k] as Token;
    const w = t.norm;
    if (t.type === 'tag') {
      if (isBlockTag(t)) return null;
      k++;
      continue;
    }
    if (t.type === 'punct') {
      if (w === '"') {
        k++;
        continue;
      }
      if ((w === ',' || w === '(' || w === '—' || w === '–') && !sawAux) {
        const next = skipAside(tokens, k, limit);
        if (next > 0) {
          k = next;
          continue;
        }
      }
      return null;
    }
    if (t.type !== 'word') return null;
    if (k === from && (w === 'who' || w === 'that' || w === 'which')) {
      k++;
      continue;
    }
    if (NEGATIONS.has(w) || w.endsWith("n't")) {
      negated = true;
      k++;
      continue;
    }
    if (MODALS.has(w)) {
      // "may have died", "are feared to have been killed": a hedged report of the past, not a hypothesis.
      modal = tokens[k + 1]?.norm !== 'have';
      k++;
      continue;
    }
    const make = (kind: FigureKind | null, index: number, last = index): Trigger => {
      const trig = trigger(kind, index, 'right', last);
      trig.negated = negated;
      trig.irrealis = modal;
      return trig;
    };
    const next = tokens[k + 1];
    const n1 = next && k + 1 < limit ? next.norm : '';
    const n2 = k + 2 < limit ? (tokens[k + 2]?.norm ?? '') : '';
    if (BECOME.has(w)) {
      const kind =
        CASUALTY_NOUNS.get(n1) ?? IMPLIED_KIND_NOUNS.get(n1) ?? (n1 === 'prisoners' ? 'captured' : undefined);
      if (kind) return make(kind, k, k + 1);
    }
    // "5,000 fighters remained in the city"
    if (/^(?:remained|remain|remains|stayed)$/.test(w) && /^(?:in|inside|within|at)$/.test(n1))
      return make('strength', k);
    if (AUXILIARIES.has(w)) {
      sawAux = true;
      k++;
      continue;
    }
    if (w === 'to' && HEDGE_TO.has(tokens[k - 1]?.norm ?? '')) {
      k++;
      continue;
    }
    if (PREDICATE_FILLERS.has(w) && w !== 'to') {
      k++;
      continue;
    }
    if (
      !sawAux &&
      k === from &&
      (w === 'in' ||
        w === 'at' ||
        w === 'from' ||
        w === 'on' ||
        w === 'inside' ||
        w === 'near' ||
        w === 'of' ||
        (ALLEGIANCE.has(w) && (n1 === 'to' || n1 === 'with' || n1 === 'by')))
    ) {
      // "two people in the village were killed", "2,000 fighters loyal to the warlord had gathered":
      // jump a short place or allegiance phrase to its auxiliary.
      let aux = -1;
      for (let j = k + 1; j < Math.min(limit, k + 7); j++) {
        const u = tokens[j] as Token;
        if (u.type !== 'word') break;
        if (AUXILIARIES.has(u.norm)) {
          aux = j;
          break;
        }
      }
      if (aux < 0) return null;
      k = aux;
      continue;
    }
    if (w === 'shot' && n1 === 'dead') return make('killed', k, k + 1);
    if ((w === 'lost' || w === 'lose') && n2 === 'lives') return make('killed', k, k + 2);
    if (
      (w === 'taken' || w === 'took' || w === 'held' || w === 'kept') &&
      /^(prisoners?|captives?|hostages?|captive)$/.test(n1)
    ) {
      return make('captured', k, k + 1);
    }
    if ((w === 'laid' || w === 'lay') && n1 === 'down') return make('surrendered', k, k + 2);
    if ((w === 'gave' || w === 'give' || w === 'handed') && n1 === 'themselves') return make('surrendered', k, k + 2);
    // "86 prisoners gave up on 1 December", "gave up their weapons"; not "gave up hope", "gave up on the search".
    if ((w === 'gave' || w === 'give') && n1 === 'up' && !GAVE_UP_OTHER.has(n2)) {
      const n3 = tokens[k + 3];
      if (n2 !== 'on' || n3?.type !== 'word' || n3.cap) return make('surrendered', k, k + 1);
    }
    if ((w === 'taken' || w === 'took' || w === 'take') && n1 === 'up' && n2 === 'arms')
      return make('strength', k, k + 2);
    if (w === 'forced' && (n1 === 'to' || n1 === 'from' || n1 === 'out')) {
      const n3 = tokens[k + 2]?.norm ?? '';
      if (n1 !== 'to' || FLEE_VERBS.has(n3) || n3 === 'leave') return make('displaced', k, k + 2);
    }
    if (FLEE_VERBS.has(w) && (w === 'fled' || w === 'flee' || w === 'fleeing') && n1 !== 'with')
      return make('displaced', k);
    if (
      (w === 'left' || w === 'leave' || w === 'abandoned') &&
      (n1 === 'their' || n1 === 'the') &&
      PLACES_LEFT.has(n2)
    ) {
      return make('displaced', k, k + 2);
    }
    if (w === 'evacuated' && sawAux) return make('displaced', k);
    if (w === 'crossed' && (n1 === 'into' || n1 === 'the' || n1 === 'over')) return make('displaced', k);
    if (w === 'homeless') return make('displaced', k);
    if (w === 'left' && (n1 === 'homeless' || n1 === 'dead' || n1 === 'injured' || n1 === 'wounded')) {
      return make(n1 === 'homeless' ? 'displaced' : n1 === 'dead' ? 'killed' : 'injured', k, k + 1);
    }
    if (w === 'succumbed') return make('killed', k);
    // "were being treated for injuries"
    if (/^(?:treated|hospitalised|hospitalized)$/.test(w) && n1 === 'for' && /^(?:injuries|wounds|burns)$/.test(n2))
      return make('injured', k, k + 2);
    // "were among the victims", "are among those killed": the count is part of a stated toll.
    if (w === 'among' && sawAux) {
      let j = k + 1;
      if (/^(?:the|those|them)$/.test(tokens[j]?.norm ?? '')) j++;
      const noun = j < limit ? (tokens[j]?.norm ?? '') : '';
      const kind = noun === 'victims' ? 'killed' : (CASUALTY_NOUNS.get(noun) ?? KIND_VERBS.get(noun));
      if (kind && kind !== 'strength') return make(kind, k, j);
      return null;
    }
    if ((w === 'hospitalised' || w === 'hospitalized') && sawAux) return make('injured', k);
    if (/^(?:sustained|suffered|received)$/.test(w)) {
      // "suffered injuries", "suffered serious injuries", "sustained traumatic brain injuries".
      for (let j = k + 1; j < Math.min(limit, k + 5); j++) {
        const u = tokens[j] as Token;
        if (u.type !== 'word' || u.cap) break;
        if (WOUND_NOUNS.has(u.norm)) return make('injured', k, j);
      }
    }
    if ((w === 'rounded' || w === 'rounding') && n1 === 'up') return make('captured', k, k + 1);
    if ((w === 'turned' || w === 'handed') && n1 === 'themselves') return make('surrendered', k, k + 2);
    if (w === 'sought' && (n1 === 'refuge' || n1 === 'shelter' || n1 === 'safety')) return make('displaced', k, k + 1);
    if (/^(?:defending|holding|guarding|occupying|garrisoning|manning)$/.test(w) && sawAux) return make('strength', k);
    // "An estimated 1,000 fighters defended the city": the ones holding a place.
    if (/^(?:defended|garrisoned|manned|guarded)$/.test(w) && !sawAux && (n1 === 'the' || next?.cap))
      return make('strength', k);
    if ((w === 'took' || w === 'take' || w === 'taking') && n1 === 'part') return make('strength', k, k + 1);
    if (w === 'participated' || w === 'fought') return sawAux ? null : make('strength', k);
    // "12 hostages were freed": people set free, no new count of the captured.
    if (RELEASE_VERBS.has(w) && sawAux) {
      const trig = make(null, k);
      trig.blocks = true;
      return trig;
    }
    // "lost their homes" is no death: only "lost their lives" (read above) counts.
    if (LOSE.has(w)) return null;
    if (/^(prisoners?|captives?|hostages?|captive)$/.test(w) && steps === 0) return make('captured', k);
    const participle = CASUALTY_NOUNS.get(w);
    let kind = KIND_VERBS.get(w) ?? (participle && (w === 'dead' || KIND_VERBS.has(w)) ? participle : undefined);
    if (w === 'dead') kind = 'killed';
    if (!kind && STATIVE_STRENGTH.has(w)) kind = 'strength';
    if (!kind) {
      // "86 survived and were captured", "40 hid and were later arrested": a second verb that counts them.
      if (n1 === 'and' && /^[a-z]{3,}ed$|^(?:hid|ran|fled|fought|held)$/.test(w)) {
        let j = k + 2;
        while (
          j < Math.min(limit, k + 5) &&
          (AUXILIARIES.has(tokens[j]?.norm ?? '') || PREDICATE_FILLERS.has(tokens[j]?.norm ?? ''))
        )
          j++;
        const second = j < limit ? KIND_VERBS.get(tokens[j]?.norm ?? '') : undefined;
        // Without an auxiliary the second verb may be active: "40 fighters stormed and killed 5 guards".
        const after = j + 1 < limit ? tokens[j + 1] : undefined;
        const active =
          j === k + 2 &&
          after !== undefined &&
          (after.type === 'num' || OBJECT_STARTERS.has(after.norm) || after.cap || isObjectWord(after));
        if (second && second !== 'strength' && !active) return make(second, j);
      }
      return null;
    }
    if (kind === 'strength' && !sawAux && !(k === from && STATIVE_STRENGTH.has(w))) return null;
    if (!sawAux && !TRANSITIVE_EXCEPTIONS.has(w) && next && k + 1 < limit) {
      // "200 militants killed 5 soldiers": the counted people did the killing.
      if (next.type === 'num' || OBJECT_STARTERS.has(next.norm) || (next.cap && next.type === 'word')) return null;
      // "12 prisoners seized rifles", "40 fighters captured positions": a verb that also takes things,
      // with a thing after it, tells what the counted did ("12 soldiers captured alive" does not).
      if (PERSON_ONLY_VERBS.has(w) && isObjectWord(next)) return null;
    }
    // "200 soldiers killing civilians" counts the killers; "245 fighters surrendering" counts the fighters.
    const intransitive = TRANSITIVE_EXCEPTIONS.has(w) || w === 'fleeing';
    if (
      !sawAux &&
      !intransitive &&
      (w.endsWith('ing') || /^(kill|kills|execute|capture|arrest|detain|wound|injure)$/.test(w))
    )
      return null;
    const joined = coordinatedKind(tokens, k + 1, limit, kind);
    return make(joined.kind, k, joined.end > k + 1 ? joined.end - 1 : k);
  }
  return null;
}
