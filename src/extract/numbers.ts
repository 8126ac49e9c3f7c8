import type { Token } from './tokens.js';

/** Cardinal numbers written as words or digits (any script), and the vague words that stand in for them. */

const UNITS = new Map<string, number>(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fourty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);
const SCALES = new Map<string, number>(
  Object.entries({
    dozen: 12,
    hundred: 100,
    thousand: 1_000,
    million: 1_000_000,
    billion: 1_000_000_000,
    lakh: 100_000,
  }),
);
/** Counts with no number: the word is kept, low and high stay unknown. */
const VAGUE = new Set(['dozens', 'hundreds', 'thousands', 'millions', 'scores', 'several', 'tens']);

export interface NumberReading {
  /** Exact value, or null for a vague count. */
  value: number | null;
  vague: string | null;
  /** Token index just past the number. */
  end: number;
}

/** Value of a number word ("nine", "twenty-five"), or -1. */
export function wordValue(word: string): number {
  const direct = UNITS.get(word);
  if (direct !== undefined) return direct;
  const dash = word.indexOf('-');
  if (dash > 0) {
    const tens = UNITS.get(word.slice(0, dash));
    const unit = UNITS.get(word.slice(dash + 1));
    if (tens !== undefined && unit !== undefined && tens >= 20 && tens % 10 === 0 && unit > 0 && unit < 10) {
      return tens + unit;
    }
  }
  return -1;
}

function scaleAt(tokens: Token[], j: number, limit: number): number {
  const t = tokens[j];
  if (!t || j >= limit || t.type !== 'word') return 0;
  return SCALES.get(t.norm) ?? 0;
}

/** Reads a number starting at token `i`; null when there is none. */
export function readNumber(tokens: Token[], i: number, limit: number): NumberReading | null {
  const t = tokens[i];
  if (!t || i >= limit) return null;
  if (t.type === 'num') return readDigits(tokens, i, limit);
  if (t.type !== 'word') return null;
  const w = t.norm;
  const next = tokens[i + 1];
  const nextWord = next && i + 1 < limit && next.type === 'word' ? next.norm : '';
  if (w === 'a' || w === 'an') {
    // "a dozen", "a hundred", "a thousand and fifty"
    const scale = scaleAt(tokens, i + 1, limit);
    if (scale > 0) return continueWords(tokens, i + 2, limit, scale);
    if (nextWord === 'handful') return { value: null, vague: 'a handful', end: i + 2 };
    return null;
  }
  if (w === 'half' && nextWord === 'a') {
    const scale = scaleAt(tokens, i + 2, limit);
    if (scale > 1) return { value: scale / 2, vague: null, end: i + 3 };
    return null;
  }
  if (VAGUE.has(w)) return readVague(tokens, i, limit);
  if ((w === 'few' || w === 'couple') && tokens[i - 1]?.norm === 'a') {
    const scale = scaleAt(tokens, i + 1, limit);
    if (scale > 1) return { value: null, vague: `a ${w} ${tokens[i + 1]?.norm}`, end: i + 2 };
    return null;
  }
  const v = wordValue(w);
  if (v < 0) return null;
  return continueWords(tokens, i + 1, limit, v);
}

function readDigits(tokens: Token[], i: number, limit: number): NumberReading | null {
  const t = tokens[i] as Token;
  let value = t.value;
  let end = i + 1;
  const scale = scaleAt(tokens, end, limit);
  if (scale >= 1000 || (scale === 100 && value < 100)) {
    value *= scale;
    end++;
    const second = scaleAt(tokens, end, limit);
    if (second > scale) {
      value *= second;
      end++;
    }
  }
  if (!Number.isFinite(value) || value > 1e10) return null;
  const rounded = Math.round(value);
  // "1.5" alone is no head count; "1.5 million" is.
  if (Math.abs(rounded - value) > 1e-6) return null;
  return { value: rounded, vague: null, end };
}

/** "three thousand", "one hundred and fifty", "two dozen", "twenty five". */
function continueWords(tokens: Token[], j: number, limit: number, first: number): NumberReading {
  let total = 0;
  let current = first;
  let end = j;
  let k = j;
  while (k < limit) {
    const t = tokens[k];
    if (t?.type !== 'word') break;
    const scale = SCALES.get(t.norm);
    if (scale !== undefined && scale > 0) {
      if (scale >= 1000) {
        total += current * scale;
        current = 0;
      } else {
        current *= scale;
      }
      k++;
      end = k;
      continue;
    }
    const v = wordValue(t.norm);
    const joins =
      v > 0 &&
      ((current === 0 && total > 0) ||
        (current >= 100 && current % 100 === 0 && v < 100) ||
        (current >= 20 && current < 100 && current % 10 === 0 && v < 10));
    if (joins) {
      current += v;
      k++;
      end = k;
      continue;
    }
    if (t.norm === 'and' && (current >= 100 || total >= 1000)) {
      const after = tokens[k + 1];
      const av = after && after.type === 'word' ? wordValue(after.norm) : -1;
      if (av > 0 && av < 100) {
        current += av;
        k += 2;
        end = k;
        continue;
      }
    }
    break;
  }
  return { value: total + current, vague: null, end };
}

/** "dozens", "hundreds of thousands", "tens of thousands", "several hundred", "scores". */
function readVague(tokens: Token[], i: number, limit: number): NumberReading | null {
  const w = (tokens[i] as Token).norm;
  const of = tokens[i + 1];
  const big = tokens[i + 2];
  if (
    (w === 'tens' || w === 'hundreds') &&
    of?.norm === 'of' &&
    big &&
    i + 2 < limit &&
    (big.norm === 'thousands' || big.norm === 'millions')
  ) {
    return { value: null, vague: `${w} of ${big.norm}`, end: i + 3 };
  }
  if (w === 'tens') return null;
  if (w === 'several') {
    const scale = scaleAt(tokens, i + 1, limit);
    if (scale > 1) return { value: null, vague: `several ${tokens[i + 1]?.norm}`, end: i + 2 };
  }
  return { value: null, vague: w, end: i + 1 };
}

/** Whether a word can begin a number reading: digits are checked by token type. */
export function mayStartNumber(t: Token): boolean {
  if (t.type === 'num') return true;
  if (t.type !== 'word') return false;
  const w = t.norm;
  return (
    w === 'a' ||
    w === 'an' ||
    w === 'half' ||
    w === 'few' ||
    w === 'couple' ||
    VAGUE.has(w) ||
    UNITS.get(w) !== undefined ||
    (w.includes('-') && wordValue(w) >= 0)
  );
}
