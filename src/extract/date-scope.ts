import type { DateRange } from '../core/figure.js';
import type { DateMention } from './dates.js';
import { AUXILIARIES, KIND_VERBS, PREPOSITIONS } from './lexicon.js';
import { wordValue } from './numbers.js';
import type { Token } from './tokens.js';

/**
 * What a date in a sentence can date. Most dates say when the sentence's events happened; some
 * only point back ("the first deaths since the truce in March", "the ceasefire signed in May"),
 * and some say when a source spoke ("officials said on Friday").
 */
export type MentionRole = 'event' | 'since' | 'background' | 'statement';

export interface ScopedMention extends DateMention {
  role: MentionRole;
  clause: number;
}

// "the deadliest attack since 2019": a comparison across time, not the time of the figure.
const COMPARATIVES = new Set([
  'first',
  'such',
  'deadliest',
  'worst',
  'highest',
  'largest',
  'biggest',
  'heaviest',
  'bloodiest',
  'most',
  'lowest',
  'least',
  'fewest',
  'last',
  'only',
]);
// A participle that makes a date part of a noun's description: "the truce agreed in March".
const DESCRIBING = new Set([
  'agreed',
  'signed',
  'brokered',
  'declared',
  'reached',
  'negotiated',
  'imposed',
  'adopted',
  'ratified',
  'established',
  'elected',
  'founded',
  'formed',
  'enacted',
]);
/** Verbs by which a toll grows: "rose to 57 on Saturday". */
const TOLL_ROSE = new Set(['rose', 'risen', 'rising', 'climbed', 'climbing', 'increased', 'jumped', 'grew', 'mounted']);

const SPEECH = new Set([
  'said',
  'says',
  'told',
  'reported',
  'announced',
  'stated',
  'added',
  'confirmed',
  'claimed',
  'tweeted',
  'posted',
  'wrote',
  'statement',
  'briefing',
  'reporters',
  'journalists',
]);
const SINCE_REACH = 7;

/** The clauses of a sentence, as the token indices where a new one starts. */
export class Clauses {
  constructor(private readonly breaks: number[]) {}

  /** The clause holding token `k`: how many breaks come at or before it. */
  at(k: number): number {
    const b = this.breaks;
    if (b.length === 0 || k < (b[0] as number)) return 0;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((b[mid] as number) <= k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const NO_BREAKS: number[] = [];

/**
 * Splits tokens[from, to) into clauses at ";" and at "while", "whereas", "but", "and" after a comma:
 * "On 3 May a bomb killed two, and a week later a blast wounded six" tells two times. A figure in a
 * clause with no date of its own still takes the sentence's nearest.
 */
export function clauseIndex(tokens: Token[], from: number, to: number): Clauses {
  let breaks = NO_BREAKS;
  for (let k = from; k < to; k++) {
    const n = (tokens[k] as Token).norm;
    if (
      n === ';' ||
      ((n === 'while' || n === 'whereas' || n === 'but' || (n === 'and' && !sharesSubject(tokens[k + 1]))) &&
        tokens[k - 1]?.norm === ',') ||
      // "12 were killed on 1 May and 20 more on 2 May": "and" with a count of "more" or "others" opens
      // an elliptical clause of its own.
      (n === 'and' && k + 2 < to && isCount(tokens[k + 1]) && /^(?:more|others|other)$/.test(tokens[k + 2]?.norm ?? ''))
    ) {
      if (breaks === NO_BREAKS) breaks = [];
      breaks.push(k);
    }
  }
  return new Clauses(breaks);
}

/**
 * "has killed 17,000 people since 2015, according to ACLED, and displaced two million": a verb right
 * after "and" goes on with the same subject, and with the same time.
 */
function sharesSubject(t: Token | undefined): boolean {
  return t !== undefined && t.type === 'word' && !t.cap && (KIND_VERBS.has(t.norm) || /[^e]ed$/.test(t.norm));
}

function isCount(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'num' || wordValue(t.norm) > 0);
}

function isPunct(t: Token | undefined): boolean {
  return t?.type === 'punct' && t.norm !== '-' && t.norm !== "'";
}

/** Gives each mention its role and clause. */
export function scopeMentions(
  tokens: Token[],
  from: number,
  clauses: Clauses,
  mentions: DateMention[],
): ScopedMention[] {
  // The mentions are the sentence's own, fresh from the readers: marked in place, not copied.
  for (const m of mentions) {
    const scoped = m as ScopedMention;
    scoped.role = roleOf(tokens, from, m);
    scoped.clause = clauses.at(m.start);
  }
  return mentions as ScopedMention[];
}

/**
 * "in a neighbourhood retaken last week", "near the village shelled in May": a participle after a
 * place governed by a preposition describes the place; its date is that place's history, not the
 * time of the sentence's figures. A casualty verb there ("12 people killed last week") still dates.
 */
function describesPlace(tokens: Token[], at: number, from: number): boolean {
  const t = tokens[at];
  if (!t || at - 2 < from || t.type !== 'word' || t.cap || !/(?:ed|en)$/.test(t.norm)) return false;
  if (KIND_VERBS.has(t.norm) || AUXILIARIES.has(t.norm)) return false;
  for (let k = at - 1, words = 0; k >= from && words < 4; k--, words++) {
    const u = tokens[k] as Token;
    if (u.type !== 'word' || AUXILIARIES.has(u.norm)) return false;
    if (words > 0 && PREPOSITIONS.has(u.norm)) return true;
  }
  return false;
}

function roleOf(tokens: Token[], from: number, m: DateMention): MentionRole {
  let since = -1;
  for (let k = m.start - 1; k >= Math.max(from, m.start - SINCE_REACH); k--) {
    const t = tokens[k] as Token;
    if (isPunct(t)) break;
    if (t.norm === 'since') {
      since = k;
      break;
    }
  }
  if (since >= 0) {
    for (let k = since - 1; k >= Math.max(from, since - 6); k--) {
      const t = tokens[k] as Token;
      if (t.norm === ';' || t.norm === '.') break;
      // "at least 27 killed since 10 May" counts from then; "the least since 2019" compares.
      if (COMPARATIVES.has(t.norm) && tokens[k - 1]?.norm !== 'at') return 'background';
    }
    return 'since';
  }
  if (m.since) return 'since';
  const before = tokens[m.start - 1];
  const participle = before && (before.norm === 'in' || before.norm === 'on') ? tokens[m.start - 2] : before;
  if (participle && m.start - 2 >= from && DESCRIBING.has(participle.norm)) return 'background';
  const at = participle === before ? m.start - 1 : m.start - 2;
  if (describesPlace(tokens, at, from)) return 'background';
  for (let k = m.start - 1; k >= Math.max(from, m.start - 3); k--) {
    const t = tokens[k] as Token;
    // "It is reported that between May and July 1997 Malik executed ...": the time of what was said.
    if (isPunct(t) || t.norm === 'that') break;
    if (SPEECH.has(t.norm)) return 'statement';
  }
  if (opensSpeech(tokens, from, m)) return 'statement';
  // "the toll from Tuesday's strike rose to 57 on Saturday": the day the count reached 57, not the
  // day of the strike; it dates the figure only when nothing else in the sentence does.
  for (let k = m.start - 1; k >= Math.max(from + 1, m.start - 5); k--) {
    const t = tokens[k] as Token;
    if (isPunct(t)) break;
    if (t.norm === 'to' && TOLL_ROSE.has((tokens[k - 1] as Token).norm)) return 'statement';
  }
  return 'event';
}

/** The verbs of SPEECH, without its nouns. */
const SPEECH_VERBS = new Set(
  [...SPEECH].filter((w) => !['statement', 'briefing', 'reporters', 'journalists'].includes(w)),
);

/** Words a sentence may open with before its time: "On Tuesday", "Early last week", "By late March". */
const TIME_OPENERS = new Set(['on', 'in', 'at', 'by', 'during', 'early', 'late', 'later', 'then']);

/**
 * "On Tuesday, the ministry said 40 had been killed on Sunday", "Last month the UN reported that":
 * a time that opens the sentence and is followed by its speaker and a verb of speech is when the
 * source spoke, not when the people it counts died.
 */
function opensSpeech(tokens: Token[], from: number, m: DateMention): boolean {
  for (let k = from; k < m.start; k++) if (!TIME_OPENERS.has((tokens[k] as Token).norm)) return false;
  let k = m.end;
  if (tokens[k]?.norm === ',') k++;
  for (const stop = k + 9; k < stop; k++) {
    const t = tokens[k];
    if (!t || t.type === 'num' || (isPunct(t) && t.norm !== '(' && t.norm !== ')')) return false;
    if (t.cap) continue;
    if (SPEECH_VERBS.has(t.norm)) return k > m.end;
    if (KIND_VERBS.has(t.norm) || AUXILIARIES.has(t.norm)) return false;
  }
  return false;
}

/**
 * The mention nearest `at` in a list sorted by position: one before the number reads as its time
 * more readily than one after. Only the neighbours on each side can win, so a long sentence with
 * many dates costs a binary search per figure.
 */
function nearest(sorted: ScopedMention[], at: number): ScopedMention | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as ScopedMention).start <= at) lo = mid + 1;
    else hi = mid;
  }
  const before = sorted[lo - 1];
  const after = sorted[lo];
  if (!before) return after ?? null;
  if (!after) return before;
  const db = Math.max(0, at - before.end);
  const da = (after.start - at) * 1.5;
  return da < db ? after : before;
}

/** The nearest of `sorted` in one clause; a sentence holds few dates, so a scan will do. */
function nearestInClause(sorted: ScopedMention[], clause: number, at: number): ScopedMention | null {
  let best: ScopedMention | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const m of sorted) {
    if (m.clause !== clause) continue;
    const distance = m.end <= at ? at - m.end : (m.start - at) * 1.5;
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

// Past this many dates in one sentence (a table flattened into a line), clauses get an index.
const SCAN_LIMIT = 16;

/**
 * The dates of one sentence, ready to date its figures: an event date in the figure's clause,
 * then a running period ("since May") in its clause, then an event date elsewhere in the
 * sentence, then the day a source spoke. Background dates never date a figure.
 */
export class SentenceDates {
  private readonly events: ScopedMention[] = [];
  private readonly since: ScopedMention[] = [];
  private readonly statements: ScopedMention[] = [];
  private byClause: Map<number, { events: ScopedMention[]; since: ScopedMention[] }> | null = null;

  constructor(
    mentions: ScopedMention[],
    private readonly clauses: Clauses,
  ) {
    for (const m of mentions) {
      if (!m.value) continue;
      if (m.role === 'event') this.events.push(m);
      else if (m.role === 'since') this.since.push(m);
      else if (m.role === 'statement') this.statements.push(m);
    }
  }

  private inClause(kind: 'events' | 'since', clause: number, at: number): ScopedMention | null {
    const list = this[kind];
    if (list.length <= SCAN_LIMIT) return nearestInClause(list, clause, at);
    if (!this.byClause) {
      this.byClause = new Map();
      for (const key of ['events', 'since'] as const) {
        for (const m of this[key]) {
          let entry = this.byClause.get(m.clause);
          if (!entry) {
            entry = { events: [], since: [] };
            this.byClause.set(m.clause, entry);
          }
          entry[key].push(m);
        }
      }
    }
    return nearest(this.byClause.get(clause)?.[kind] ?? [], at);
  }

  dateFor(at: number): DateRange | null {
    return (this.eventFor(at) ?? nearest(this.statements, at))?.value ?? null;
  }

  /** Whether the date dateFor gives is only the day a source spoke. */
  spokenOnly(at: number): boolean {
    return this.eventFor(at) === null && this.statements.length > 0;
  }

  private eventFor(at: number): ScopedMention | null {
    const clause = this.clauses.at(at);
    return this.inClause('events', clause, at) ?? this.inClause('since', clause, at) ?? nearest(this.events, at);
  }
}

/** Whether a date lies close enough before the report's day to be the story's own time. */
export function isRecent(value: DateRange, reference: string | null, days = 45): boolean {
  if (!reference) return true;
  const ref = Date.parse(reference);
  return value.start <= reference && Date.parse(value.end) >= ref - days * 86_400_000;
}
