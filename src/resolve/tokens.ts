/** Word tokens with their character offsets, shared by the place and actor mention scanners. */
export interface Token {
  /** The word as written, without a trailing possessive 's. */
  readonly text: string;
  readonly start: number;
  /** End of `text` (exclusive): a possessive 's is outside the span. */
  readonly end: number;
}

// A word is letters/digits joined by apostrophes, hyphens and dots inside it: Mazar-i-Sharif, Qal‘ah, U.S.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:['’‘ʿʾ.]|[-‐‑–])[\p{L}\p{M}\p{N}]+)*\.?/gu;

/** Whether the word ends in a possessive 's (or ’s). */
function possessive(word: string): boolean {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 115) return false;
  const mark = word.charCodeAt(n - 2);
  return mark === 39 || mark === 0x2019;
}

// The place and the actor scanners read the same text one after the other: its tokens are kept
// until another text comes. Callers only read the list.
let lastText: string | null = null;
let lastTokens: readonly Token[] = [];

export function wordTokens(text: string): readonly Token[] {
  if (text !== lastText) {
    lastTokens = tokenize(text);
    lastText = text;
  }
  return lastTokens;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    // keep the dot of "U.S." but not a sentence-final one
    if (word.endsWith('.') && !/\.\p{L}\.$/u.test(word)) word = word.slice(0, -1);
    if (possessive(word)) word = word.slice(0, -2);
    if (word.length === 0) continue;
    // "the Jalalabad-Torkham highway", "the Kabul–Kandahar road": two towns the road joins.
    const road = word.length > 6 && HYPHEN.test(word) ? ROAD_ENDS.exec(word) : null;
    if (road && ROAD_AFTER.test(text.slice(m.index + word.length, m.index + word.length + 12))) {
      const first = road[1] as string;
      const second = first.length + 1;
      tokens.push({ text: first, start: m.index, end: m.index + first.length });
      tokens.push({ text: word.slice(second), start: m.index + second, end: m.index + word.length });
      continue;
    }
    tokens.push({ text: word, start: m.index, end: m.index + word.length });
  }
  return tokens;
}

const HYPHEN = /[-‐‑–]/;
const ROAD_ENDS = /^(\p{Lu}\p{Ll}{2,})[-‐‑–]\p{Lu}\p{Ll}{2,}$/u;
const ROAD_AFTER = /^\s+(?:road|highway|motorway|route|railway|pipeline)\b/i;
const OTHER_END = /^[-‐‑–]\p{Lu}\p{Ll}{2,}/u;

/** Whether the name at [start, end) is one of the towns a road is named by ("the Jalalabad-Torkham highway"). */
export function namesRoad(text: string, start: number, end: number): boolean {
  const first = OTHER_END.exec(text.slice(end, end + 40));
  if (first) return ROAD_AFTER.test(text.slice(end + first[0].length, end + first[0].length + 12));
  return HYPHEN.test(text[start - 1] ?? '') && ROAD_AFTER.test(text.slice(end, end + 12));
}

/** Whether the word starts with a capital letter (proper names do; "march" and "now" do not). */
export function isCapitalised(word: string): boolean {
  // Most words are ASCII: no case mapping needed for them.
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const first = word[0];
  return first !== undefined && first !== first.toLowerCase() && first === first.toUpperCase();
}

export interface JoinOptions {
  /** A spaced dash joins: "Islamic State – Khorasan Province". */
  readonly dash?: boolean;
  /** A possessive joins: "Mahdi Mujahid's forces". */
  readonly possessive?: boolean;
}

/** Whether tokens a and b (a before b) can belong to one name: only spaces (or what `options` allow) between. */
export function adjacent(text: string, a: Token, b: Token, options: JoinOptions = {}): boolean {
  // Most pairs of words have one space between them: no need to cut the gap out and test it.
  if (b.start - a.end === 1) {
    const c = text.charCodeAt(a.end);
    if (c === 32 || c === 9 || c === 0xa0) return true;
  }
  let gap = text.slice(a.end, b.start);
  if (options.possessive === true) gap = gap.replace(/^['’]s/, '');
  if (options.dash === true && /^[ \t\u00a0]{0,2}[-–—][ \t\u00a0]{0,2}$/.test(gap)) return true;
  return /^[ \t\u00a0]{1,3}$/.test(gap);
}

/** Whether a word can start a name: a capital letter or a digit ("055 Brigade"). */
export function startsName(word: string): boolean {
  return isCapitalised(word) || /^\p{N}/u.test(word);
}
