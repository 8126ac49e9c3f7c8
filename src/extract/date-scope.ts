import type { DateRange } from '../core/figure.js';
import type { DateMention } from './dates.js';
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
const CLAUSE_BREAKS = new Set([';', 'while', 'whereas', 'but']);
const SINCE_REACH = 7;

/** Splits tokens[from, to) into clauses at ";" and at "while", "whereas", "but" after a comma. */
export function clauseIndex(tokens: Token[], from: number, to: number): Int32Array {
  const out = new Int32Array(to - from);
  let clause = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (t.norm === ';' || (CLAUSE_BREAKS.has(t.norm) && tokens[k - 1]?.norm === ',')) clause++;
    out[k - from] = clause;
  }
  return out;
}

function isPunct(t: Token | undefined): boolean {
  return t?.type === 'punct' && t.norm !== '-' && t.norm !== "'";
}

/** Gives each mention its role and clause. */
export function scopeMentions(
  tokens: Token[],
  from: number,
  clauses: Int32Array,
  mentions: DateMention[],
): ScopedMention[] {
  return mentions.map((m) => ({ ...m, role: roleOf(tokens, from, m), clause: clauses[m.start - from] ?? 0 }));
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
      if (COMPARATIVES.has(t.norm)) return 'background';
    }
    return 'since';
  }
  if (m.since) return 'since';
  const before = tokens[m.start - 1];
  const participle = before && (before.norm === 'in' || before.norm === 'on') ? tokens[m.start - 2] : before;
  if (participle && m.start - 2 >= from && DESCRIBING.has(participle.norm)) return 'background';
  for (let k = m.start - 1; k >= Math.max(from, m.start - 3); k--) {
    const t = tokens[k] as Token;
    if (isPunct(t)) break;
    if (SPEECH.has(t.norm)) return 'statement';
  }
  return 'event';
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

function push<K>(map: Map<K, ScopedMention[]>, key: K, m: ScopedMention): void {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}

/**
 * The dates of one sentence, ready to date its figures: an event date in the figure's clause,
 * then a running period ("since May") in its clause, then an event date elsewhere in the
 * sentence, then the day a source spoke. Background dates never date a figure.
 */
export class SentenceDates {
  private readonly events = new Map<number, ScopedMention[]>();
  private readonly since = new Map<number, ScopedMention[]>();
  private readonly allEvents: ScopedMention[] = [];
  private readonly statements: ScopedMention[] = [];

  constructor(
    mentions: ScopedMention[],
    private readonly clauses: Int32Array,
    private readonly from: number,
  ) {
    for (const m of mentions) {
      if (!m.value) continue;
      if (m.role === 'event') {
        push(this.events, m.clause, m);
        this.allEvents.push(m);
      } else if (m.role === 'since') push(this.since, m.clause, m);
      else if (m.role === 'statement') this.statements.push(m);
    }
  }

  dateFor(at: number): DateRange | null {
    const clause = this.clauses[at - this.from] ?? 0;
    const found =
      nearest(this.events.get(clause) ?? [], at) ??
      nearest(this.since.get(clause) ?? [], at) ??
      nearest(this.allEvents, at) ??
      nearest(this.statements, at);
    return found?.value ?? null;
  }
}

/** Whether a date lies close enough before the report's day to be the story's own time. */
export function isRecent(value: DateRange, reference: string | null, days = 45): boolean {
  if (!reference) return true;
  const ref = Date.parse(reference);
  return value.start <= reference && Date.parse(value.end) >= ref - days * 86_400_000;
}
