import type { FigureKind, Qualifier } from '../core/figure.js';
import { columnFrame, farTollFrame, forceFrame, labelFrame, partitiveFrame, tollFrame } from './frames.js';
import { leftTrigger } from './left-trigger.js';
import {
  CASUALTY_NOUNS,
  COMBATANT_NOUNS,
  DETERMINERS,
  inSet,
  NEGATIONS,
  PERSON_NOUNS,
  PERSON_ONLY_VERBS,
  words,
} from './lexicon.js';
import { type NounPhrase, readNounPhrase } from './noun-phrase.js';
import { isNonCount, type Quantity, readQuantity } from './quantities.js';
import { rightTrigger } from './right-trigger.js';
import { agentAfter, mannerIn, nameIn, placeAfter, subjectOf, targetAfter } from './roles.js';
import type { Token } from './tokens.js';
import { type Trigger, trigger } from './trigger.js';

/** A figure as the grammar reads it from one sentence: token positions, not yet spans. */
export interface RawFigure {
  kind: FigureKind;
  low: number | null;
  high: number | null;
  qualifier: Qualifier;
  vague: string | null;
  /** Evidence tokens [evStart, evEnd). */
  evStart: number;
  evEnd: number;
  /** First token of the number, where dates and claimants are measured from. */
  anchor: number;
  /** The words that gave the kind; figures sharing them were stated together. */
  triggerIndex: number;
  subject: string | null;
  unit: string | null;
  actor: string | null;
  perpetrator: string | null;
  manner: string | null;
  place: string | null;
}

export interface GrammarInput {
  text: string;
  tokens: Token[];
  start: number;
  end: number;
  isDate: (k: number) => boolean;
  /** In infobox lines a count with no kind word takes the line's: "Strength1: 200", "Casualties: 1,400 soldiers". */
  defaultKind?: (np: NounPhrase, head: string | null) => FigureKind | null;
}

const UNITS = new Set(['families', 'family', 'households', 'household']);
const SUFFER = new Set([
  'suffered',
  'suffering',
  'suffer',
  'suffers',
  'sustained',
  'sustaining',
  'lost',
  'losing',
  'took',
  'taking',
  'incurred',
]);

function chooseKind(
  np: NounPhrase,
  left: Trigger | null,
  right: Trigger | null,
  frame: Trigger | null,
): Trigger | 'head' | null {
  // "three of the wounded later died": the verb says what became of the part.
  if (np.casualtyKind && np.partitive && right?.kind) return right;
  if (np.casualtyKind) return 'head';
  // "Casualties numbered 200": the toll noun says what was counted, not the verb of counting.
  if (frame?.kind && frame.kind !== 'strength' && left?.kind === 'strength') return frame;
  if (left?.kind && left.tie === 'adjacent') return left;
  if (frame?.kind) return frame;
  if (right?.kind) return right;
  if (left?.kind && left.tie === 'frame') return left;
  if (left?.kind && left.tie === 'coordinated') return left;
  return null;
}

function acceptsHead(kind: FigureKind, np: NounPhrase, trig: Trigger | 'head' | null, tokens: Token[]): boolean {
  const head = np.head === null ? null : (tokens[np.head] as Token);
  if (kind === 'strength') {
    if (np.headClass === 'combatant') return true;
    if (trig !== 'head' && trig?.needsFighters) return np.headClass === 'unknown' && !!head?.cap;
    if (np.headClass === 'none') return true;
    return !!head?.cap && (np.headClass === 'unknown' || np.headClass === 'person');
  }
  if (np.headClass === 'thing') return false;
  // Fighters who fall back are retreating, not displaced.
  if (kind === 'displaced' && np.headClass === 'combatant' && trig !== 'head') return false;
  if (np.headClass === 'unknown') {
    if (trig === 'head' || trig === null) return false;
    if (trig.tie === 'coordinated') return !!head?.cap;
    const verb = tokens[trig.index] as Token;
    if (PERSON_ONLY_VERBS.has(verb.norm)) return !!head?.cap;
    return true;
  }
  return true;
}

/** Verbs of speech that open a clause between two numbers. */
const SPEECH_BETWEEN = words('said says say told tells added adds reported reports stated states claimed claims');

/** "thousands of troops and hundreds of others were shot dead": the verb after the last conjunct. */
function coordinatedRight(input: GrammarInput, from: number): Trigger | null {
  const { tokens, end, isDate } = input;
  let k = from;
  for (let round = 0; round < 4 && k < end; round++) {
    const conj = (tokens[k] as Token).norm;
    // "Two medics as well as three patients died".
    const asWellAs = conj === 'as' && tokens[k + 1]?.norm === 'well' && tokens[k + 2]?.norm === 'as';
    if (conj !== 'and' && conj !== 'or' && conj !== ',' && !asWellAs) return null;
    k += asWellAs ? 3 : 1;
    if (tokens[k]?.norm === 'and' || tokens[k]?.norm === 'or') k++;
    let q: Quantity | null = null;
    for (let j = k; j < Math.min(end, k + 5) && !q; j++) q = readQuantity(tokens, j, k, end, isDate);
    if (!q) return null;
    // "killed 11 herders and 2 traders, and 5 more were hurt": "more" and "another" count a further
    // group, whose verb is its own.
    if (tokens[q.end]?.norm === 'more' || /^(?:another|further|additional)$/.test(tokens[q.start]?.norm ?? ''))
      return null;
    if (tokens[q.start + 1]?.norm === 'further' && tokens[q.start]?.norm === 'a') return null;
    // "Gul Ahmad, 45, said 3 died": a verb of speech between them starts a clause of its own; the
    // number before it is no conjunct of the count after it.
    for (let j = k; j < q.start; j++) if (SPEECH_BETWEEN.has((tokens[j] as Token).norm)) return null;
    const np = readNounPhrase(tokens, q.end, end);
    if (np.headClass === 'thing') return null;
    const next = np.head !== null ? (complementEnd(tokens, np, end) ?? np.end) : q.end;
    const r = rightTrigger(tokens, next, end);
    if (r) return r.kind ? { ...r, tie: 'coordinated' } : null;
    k = next;
  }
  return null;
}

/**
 * "Five members of one family died", "100 members of the security forces and 20 civilians were
 * killed": the verb comes after the head's "of" complement, or after the conjuncts that follow it.
 */
function complementRight(input: GrammarInput, np: NounPhrase): Trigger | null {
  const after = complementEnd(input.tokens, np, input.end);
  if (after === null) return null;
  return rightTrigger(input.tokens, after, input.end) ?? coordinatedRight(input, after);
}

/** Where a person's or fighters' "of" complement ends ("members | of the same family |"), or null. */
function complementEnd(tokens: Token[], np: NounPhrase, end: number): number | null {
  if (np.head === null || (np.headClass !== 'person' && np.headClass !== 'combatant')) return null;
  if (tokens[np.end]?.norm !== 'of') return null;
  let k = np.end + 1;
  while (k < end && (DETERMINERS.has((tokens[k] as Token).norm) || (tokens[k] as Token).type === 'num')) k++;
  const inner = readNounPhrase(tokens, k, end);
  if (inner.head === null || inner.headClass === 'casualty') return null;
  return inner.end;
}

function before0(tokens: Token[], q: Quantity, floor: number): string {
  return q.start - 1 >= floor ? (tokens[q.start - 1]?.norm ?? '') : '';
}

function columnTrigger(input: GrammarInput, q: Quantity): Trigger | null {
  const first = input.tokens[q.numStart] as Token;
  const kind = columnFrame(input.text, first.start);
  return kind ? trigger(kind, q.numStart, 'frame', q.numStart) : null;
}

/** Reads one count into a figure, or null when it counts nothing we record. */
function readOne(input: GrammarInput, q: Quantity, inherited: FigureKind | null, part = false): RawFigure | null {
  const { text, tokens, start, end } = input;
  const np = readNounPhrase(tokens, q.end, end);
  if (np.headClass === 'thing') return null;
  const rightFrom = np.head !== null ? np.end : q.end;
  // "four soldiers died, and two guards went missing": a count with a verb of its own, which is no
  // casualty's, is not the object of a verb before it nor the same kind as the count before.
  const ownVerb = verbOfItsOwn(tokens, rightFrom, end);
  let left = leftTrigger(tokens, q.start, start);
  if (ownVerb && left?.tie === 'coordinated') left = null;
  const column = columnTrigger(input, q);
  const frame =
    forceFrame(tokens, q, start, end) ??
    tollFrame(tokens, q.start, start) ??
    labelFrame(tokens, q.start, start) ??
    farTollFrame(tokens, q.start, start) ??
    partitiveFrame(tokens, q.start, start) ??
    column;
  // "13 were killed, including seven children, and 17 were wounded": a part named in an aside is no
  // conjunct of the count after it.
  const right =
    rightTrigger(tokens, rightFrom, end) ??
    (part ? null : coordinatedRight(input, rightFrom)) ??
    complementRight(input, np);
  // "released 200 prisoners", "exchanged 150 POWs": people set free are no new count.
  if (left?.blocks && !right?.kind && (!np.casualtyKind || np.casualtyKind === 'captured')) return null;
  // "Four of the hostages were later freed": a release, not a capture.
  if (right?.blocks && (np.casualtyKind === 'captured' || np.impliedKind === 'captured')) return null;
  let chosen = chooseKind(np, left, right, frame);
  let kind: FigureKind | null = chosen === 'head' ? np.casualtyKind : (chosen?.kind ?? null);
  if (kind === null && np.modifierKind) kind = np.modifierKind;
  // "took 200 prisoners", "taking 40 hostages"
  const headWord0 = np.head === null ? '' : (tokens[np.head] as Token).norm;
  // "killed 9 villagers and took 14 hostage": the verb just before the count says what became of
  // them, whatever a verb coordinated before it did to others.
  if (
    /^(?:prisoners?|captives?|hostages?|pows?)$/.test(headWord0) &&
    /^(?:took|take|taken|taking|takes|held|holding|seized)$/.test(tokens[q.start - 1]?.norm ?? '')
  ) {
    kind = 'captured';
    if (chosen !== 'head' && chosen?.tie === 'coordinated') chosen = 'head';
  }
  if (kind === null && np.impliedKind && !left?.blocks) kind = np.impliedKind;
  // A line that counts what it holds ("Strength: 300–500 prisoners") counts the people it names.
  let lineKind = false;
  // "110 captured, 81 missing": a count with a state of its own is not what the line counts.
  if (kind === null && input.defaultKind && !ownVerb) {
    kind = input.defaultKind(np, np.head === null ? null : (tokens[np.head] as Token).norm);
    chosen = 'head';
    lineKind = kind !== null;
  }
  // "forced 130,000 people from their homes", "drove thousands out of the town"
  if (
    kind === null &&
    /^(?:forced|forcing|forces|drove|driven|driving|pushed|uprooted)$/.test(before0(tokens, q, start))
  ) {
    const w = tokens[rightFrom]?.norm;
    if ((w === 'from' || w === 'out') && np.headClass !== 'combatant') {
      kind = 'displaced';
      chosen = 'head';
    }
  }
  // "2 children among 9 dead": a part named before its total takes the total's kind.
  if (kind === null && tokens[rightFrom]?.norm === 'among') {
    const total = readQuantity(tokens, rightFrom + 1, rightFrom + 1, end, input.isDate);
    const whole = total ? readOne(input, total, null) : null;
    if (whole) {
      kind = whole.kind;
      chosen = 'head';
    }
  }
  if (kind === null && inherited && !ownVerb) {
    kind = inherited;
    chosen = 'head';
  }
  if (kind === null) return null;
  // "22 were kidnapped and 4 were later released": people set free after a count of the captured.
  if (right?.blocks && kind === 'captured') return null;
  if (chosen !== 'head' && chosen && (chosen.negated || chosen.irrealis)) return null;
  const person = np.headClass === 'person' || np.headClass === 'casualty';
  if (!(lineKind && kind === 'strength' && person) && !acceptsHead(kind, np, chosen, tokens)) return null;

  let evStart = q.start;
  // A table cell holds the number alone; what follows belongs to the next cell.
  let evEnd = column && chosen === column ? q.end : Math.max(q.end, np.head !== null ? np.end : q.end);
  // "and 20 more on 2 May": the word that makes the bare number a count belongs to its evidence.
  if (np.head === null && evEnd === q.end && tokens[q.end]?.norm === 'more' && q.end < end) evEnd = q.end + 1;
  const trig = chosen === 'head' ? null : chosen;
  if (trig && trig.tie !== 'coordinated') {
    // A toll's frame may run longer: "killed in the desert since early 2023 rises to 23".
    const reach = trig.tie === 'frame' ? 12 : 8;
    if (trig.index < evStart && evStart - trig.index <= reach) evStart = trig.index;
    if (trig.last >= evEnd && trig.last - evEnd <= 12) evEnd = trig.last + 1;
  }
  const headToken = np.head === null ? null : (tokens[np.head] as Token);
  const headWord = headToken ? headToken.norm.replace(/['’]s$/, '') : null;
  const unit = headWord && UNITS.has(headWord) ? headWord : null;
  const named =
    headWord && !unit && np.headClass !== 'casualty' && np.headClass !== 'none'
      ? headToken?.cap
        ? text.slice(headToken.start, headToken.end)
        : headWord
      : null;
  // "opened fire on a van carrying coal miners, killing seven of them": the miners.
  const subject = named === 'them' && np.head !== null ? (antecedent(tokens, np.head, q.start, start) ?? named) : named;

  let actor = nameIn(text, tokens, np.possessor) ?? nameIn(text, tokens, np.names);
  if (!actor && headToken?.cap && np.headClass !== 'casualty') actor = text.slice(headToken.start, headToken.end);
  const before = tokens[q.start - 1];
  if (!actor && before && SUFFER.has(before.norm)) actor = subjectOf(text, tokens, q.start - 1, start);
  if (!actor && np.head !== null) actor = targetAfter(text, tokens, np.end, end);
  let perpetrator: string | null = null;
  const harmed = kind === 'killed' || kind === 'injured' || kind === 'killed_or_injured' || kind === 'captured';
  if (trig?.tie === 'right') {
    const agent = agentAfter(text, tokens, trig.last + 1, end);
    if (harmed) perpetrator = agent;
    else if (kind === 'strength' && !actor) actor = agent;
  } else if (trig && trig.tie !== 'frame' && trig.index < q.start) {
    const subject = subjectOf(text, tokens, trig.index, start);
    if (harmed) perpetrator = subject;
    else if (kind === 'strength' && !actor) actor = subject;
  }
  const manner = harmed && kind !== 'captured' ? mannerIn(tokens, start, end, q.numStart) : null;
  return {
    kind,
    low: q.low,
    high: q.high,
    qualifier: q.qualifier,
    vague: q.vague,
    evStart,
    evEnd,
    anchor: q.numStart,
    triggerIndex: trig ? trig.index : (np.head ?? q.numStart),
    subject,
    unit,
    actor,
    perpetrator,
    manner,
    place: placeAfter(text, tokens, Math.max(evEnd, q.end), end),
  };
}

/**
 * "has not suffered any casualties", "there were no casualties": a side's stated zero, which a recorder
 * keeps beside other sources' tolls. "No one was hurt" about people is a negation, not a toll: no figure.
 */
function readZeros(input: GrammarInput): RawFigure[] {
  const { tokens, start, end } = input;
  const out: RawFigure[] = [];
  for (let k = start; k < end; k++) {
    const t = tokens[k] as Token;
    if (t.type !== 'word') continue;
    let kind: FigureKind | null = null;
    let evStart = -1;
    const evEnd = k + 1;
    const noun = CASUALTY_NOUNS.get(t.norm);
    if (noun && noun !== 'displaced' && !/(?:ed|dead)$/.test(t.norm)) {
      for (let j = k - 1; j >= Math.max(start, k - 3); j--) {
        const u = (tokens[j] as Token).norm;
        if (u === 'no') evStart = j;
        if (u === 'any') {
          for (let n = j - 1; n >= Math.max(start, j - 4); n--) {
            const v = (tokens[n] as Token).norm;
            if (v === 'not' || v === 'never' || v === 'without' || v.endsWith("n't")) evStart = n;
          }
        }
        if (evStart >= 0) break;
      }
      if (evStart >= 0) kind = noun;
    }
    if (kind === null || evStart < 0) continue;
    out.push({
      kind,
      low: 0,
      high: 0,
      qualifier: 'exact',
      vague: null,
      evStart,
      evEnd,
      anchor: k,
      triggerIndex: k,
      subject: null,
      unit: null,
      actor: null,
      perpetrator: null,
      manner: null,
      place: null,
    });
  }
  return out;
}

/** Counts stated together ("thousands of troops and hundreds of others were shot"): vague ones add nothing. */
function dropEchoedVague(figures: RawFigure[]): RawFigure[] {
  const groups = new Map<string, RawFigure[]>();
  for (const f of figures) {
    const key = `${f.triggerIndex}:${f.kind}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  return figures.filter((f) => {
    if (f.qualifier !== 'vague') return true;
    const g = groups.get(`${f.triggerIndex}:${f.kind}`) as RawFigure[];
    if (g.length < 2) return true;
    return !g.some((o) => o.qualifier !== 'vague') && g[0] === f;
  });
}

/** Words after "of them" that end the phrase it heads: "seven of them, police said", "two of them and". */
const PHRASE_ENDS = /^(?:and|in|on|at|near|while|as|when|before|after|during|inside|outside)$/;

/**
 * The people "them" stands for in "killing seven of them": the nearest person or combatant noun
 * before the count in its sentence, when the phrase ends at "them" (not "21 of them children").
 */
function antecedent(tokens: Token[], pronoun: number, count: number, floor: number): string | null {
  const next = tokens[pronoun + 1];
  if (next !== undefined && next.type === 'word' && !PHRASE_ENDS.test(next.norm)) return null;
  for (let k = count - 1; k >= Math.max(floor, count - 15); k--) {
    const t = tokens[k] as Token;
    if (t.type !== 'word' || t.cap) continue;
    if (inSet(PERSON_NOUNS, t.norm) || inSet(COMBATANT_NOUNS, t.norm)) return t.norm;
  }
  return null;
}

/** "including 6 children", "among them 5 women", "among whom two girls". */
function isPartOpening(tokens: Token[], qStart: number, floor: number): boolean {
  const a = tokens[qStart - 1]?.norm ?? '';
  if (qStart - 1 < floor) return false;
  if (a === 'including' || a === 'incl') return true;
  const b = qStart - 2 >= floor ? (tokens[qStart - 2]?.norm ?? '') : '';
  return b === 'among' && /^(?:them|whom|those|these)$/.test(a);
}

const RELATIONAL_HEADS = words(
  'member members relative relatives resident residents family families inhabitant inhabitants employee employees staff',
);

/**
 * Counts that only name a group the people belong to, "five members of one family", and the "one" in
 * "he was one of 8 people shot", are not tolls of their own.
 */
function isEmbeddedCount(tokens: Token[], q: Quantity, floor: number, before: RawFigure[]): boolean {
  if (q.low === 1 && q.high === 1 && tokens[q.end]?.norm === 'of') {
    const next = tokens[q.end + 1];
    if (next?.type === 'num' || (next && /^(?:the|those)$/.test(next.norm) && tokens[q.end + 2]?.type === 'num'))
      return true;
  }
  const of = tokens[q.start - 1];
  const head = tokens[q.start - 2];
  if (of?.norm !== 'of' || !head || q.start - 2 < floor || !RELATIONAL_HEADS.has(head.norm)) return false;
  return before.length > 0 || tokens[q.start - 3]?.type === 'num';
}

/**
 * Whether only "and", "or" and commas stand between the words of one count and the next ("7 women
 * and 3 children", "12,000 families, or about 84,000 people"), at most two of them, or a bracket
 * opens a restatement ("12,000 families (about 84,000 people)").
 */
function joinedByConjunction(tokens: Token[], from: number, to: number): boolean {
  if (to <= from || to - from > 2) return false;
  for (let k = from; k < to; k++) {
    const w = (tokens[k] as Token).norm;
    if (w !== 'and' && w !== 'or' && w !== ',' && !(w === '(' && k === to - 1)) return false;
  }
  return true;
}

/**
 * Verbs that tell what became of people, none of which is a casualty: a count joined to the one
 * before that has one of its own ("four soldiers died, and two guards went missing") says something
 * else of them, not the same.
 */
const OWN_VERBS = words(
  'went remain remained remains fled escaped survived returned stayed came ran hid disappeared vanished managed',
);
/** What a form of "be" says of people that is no casualty: "two guards are still missing". */
const BE_STATES = words('missing unaccounted safe unharmed unhurt alive');
/** States a list names without a verb ("81 missing"): people not known to be dead or taken. */
const UNSEEN = words('missing unaccounted');

/** Whether the word at `at` (after a count's noun phrase, adverbs such as "also" passed over) is a verb of OWN_VERBS. */
function verbOfItsOwn(tokens: Token[], at: number, end: number): boolean {
  let k = at;
  const skip = () => {
    while (k < end && /^(?:also|still|later|reportedly|all)$/.test(tokens[k]?.norm ?? '')) k++;
  };
  skip();
  if (k >= end) return false;
  const w = tokens[k]?.norm ?? '';
  if (OWN_VERBS.has(w)) return true;
  // "179 killed, 110 captured, 81 missing": a state with its verb left out, as a list writes it.
  if (UNSEEN.has(w)) return true;
  if (!/^(?:are|is|were|was|remain|remained)$/.test(w)) return false;
  k++;
  skip();
  return k < end && BE_STATES.has(tokens[k]?.norm ?? '');
}

/** "and 20 more", "and 20 others" with no verb of their own: the same kind as the count before. */
function elidedMore(tokens: Token[], q: Quantity, floor: number): boolean {
  const before = q.start - 1 >= floor ? tokens[q.start - 1]?.norm : undefined;
  const after = tokens[q.end]?.norm;
  if (before !== 'and' || (after !== 'more' && after !== 'others')) return false;
  const next = tokens[q.end + 1];
  // "and 20 more were wounded" has a verb of its own, which decides.
  return next === undefined || next.type !== 'word' || !/(?:ed|en)$/.test(next.norm) || next.norm === 'then';
}

/**
 * "... at least 80 killed; local elders put the figure at over 200": another source's number for the
 * count just read, which the sentence does not name again.
 */
function puttingFigureAt(tokens: Token[], q: Quantity, floor: number): boolean {
  let k = q.start - 1;
  if (k < floor || tokens[k]?.norm !== 'at') return false;
  k--;
  if (!/^(?:figure|number|toll|total|count|tally|it)$/.test(tokens[k]?.norm ?? '')) return false;
  k--;
  if (tokens[k]?.norm === 'the') k--;
  return k >= floor && /^(?:put|puts|putting|placed|places|set|sets)$/.test(tokens[k]?.norm ?? '');
}

/** Whether tokens[from, to) are one aside between commas that names a source: ", according to the UN,". */
function asideSince(tokens: Token[], from: number, to: number): boolean {
  if (to - from < 4 || to - from > 12 || tokens[from]?.norm !== ',' || tokens[to - 1]?.norm !== ',') return false;
  if (tokens[from + 1]?.norm !== 'according' && tokens[from + 1]?.norm !== 'per') return false;
  for (let k = from + 1; k < to - 1; k++) if ((tokens[k] as Token).type !== 'word') return false;
  return true;
}

/** Verbs by which a source gives a bare number for a count told just before. */
const GIVES = words('said says claimed claims reported reports counted estimated insisted');

/**
 * "..., while the Taliban said 30", "; Amnesty said nine", "; the rebels claimed more than 100": a
 * bare number right after a verb of speech and at the end of its clause, which only another source's
 * count of what the sentence counted before can be.
 */
function counterClaim(tokens: Token[], q: Quantity, floor: number, end: number): boolean {
  const verb = tokens[q.start - 1];
  if (q.start - 1 <= floor || !verb || !GIVES.has(verb.norm)) return false;
  const after = q.end < end ? tokens[q.end] : undefined;
  return after === undefined || (after.type === 'punct' && after.norm !== '-' && after.norm !== '(');
}

/** A bracket or ", or" just before a count: it may restate the count before in other units. */
function restatementOpens(tokens: Token[], at: number): boolean {
  const before = tokens[at - 1]?.norm;
  return before === '(' || (before === 'or' && tokens[at - 2]?.norm === ',');
}

/** Every figure in the sentence tokens[start, end), one per stated number. */
export function readFigures(input: GrammarInput): RawFigure[] {
  const { tokens, start, end, isDate } = input;
  const figures: RawFigure[] = [];
  let floor = start;
  for (let k = start; k < end; ) {
    const q = readQuantity(tokens, k, floor, end, isDate);
    if (!q) {
      k++;
      continue;
    }
    const prev = tokens[q.numStart - 1];
    const negatedWord = prev && NEGATIONS.has(prev.norm) && q.numStart - 1 >= start;
    if (!negatedWord && !isNonCount(tokens, q) && !isEmbeddedCount(tokens, q, start, figures)) {
      // "56 people were killed, 21 of them children", "killed 41, including 6 children": a part of the
      // count before takes its kind.
      const partOf =
        (tokens[q.end]?.norm === 'of' && /^(?:them|whom|those|these)$/.test(tokens[q.end + 1]?.norm ?? '')) ||
        isPartOpening(tokens, q.start, start);
      const last = figures[figures.length - 1];
      // "The dead included 7 women and 3 children": a count joined to the one just read shares its kind.
      const joined =
        last !== undefined &&
        (joinedByConjunction(tokens, last.evEnd, q.start) ||
          // "Twelve were killed on 1 May and 20 more on 2 May": a count with only "more" after "and".
          elidedMore(tokens, q, start) ||
          // "local elders put the figure at over 200": the count before, by another source.
          puttingFigureAt(tokens, q, start) ||
          // "(about 31,000 people)", ", or about 31,000 people," inside the words of the count before restates it.
          (restatementOpens(tokens, q.start) && last.evStart < q.start && last.evEnd > q.start) ||
          // "Officials said 40 soldiers died, while the Taliban said 30": another source's number for it.
          counterClaim(tokens, q, start, end) ||
          // "range from 300, according to the government, to 1,200, according to local groups".
          (tokens[q.start - 1]?.norm === 'to' && asideSince(tokens, last.evEnd, q.start - 1)));
      const f = readOne(input, q, (partOf || joined) && last ? last.kind : null, partOf && last !== undefined);
      if (f) figures.push(f);
    }
    floor = q.end;
    k = q.end;
  }
  const zeros = readZeros(input);
  const all = zeros.length > 0 ? [...figures, ...zeros].sort((a, b) => a.evStart - b.evStart) : figures;
  return dropEchoedVague(all);
}
