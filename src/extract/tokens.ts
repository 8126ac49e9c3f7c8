/**
 * A hand-written tokenizer over the exact document text. Every token keeps its offsets, so spans
 * cut from tokens always slice the stored text; normalisation lives only in `norm`.
 * One pass, no regular expressions on the hot path, so hostile input stays linear.
 */

export type TokenType = 'word' | 'num' | 'numword' | 'punct' | 'tag';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** Lower-cased word, canonical punctuation ("–" for every dash but "-", '"' for quotes), tag name. */
  norm: string;
  /** Numeric value of a `num` token (digits of any script, group separators removed). */
  value: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Whitespace (or a dropped mark) stands before this token. */
  space: boolean;
  /** Line breaks in the whitespace before this token. */
  nl: number;
}

const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]);
const QUOTES = new Set([0x22, 0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb]);
// Bidi and zero-width marks carry no text; treating them as space keeps "٢٣\u200f killed" readable.
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0xfeff, 0x2060, 0x202a, 0x202b, 0x202c]);
const ENTITIES = new Map<string, string>(
  Object.entries({
    nbsp: ' ',
    ndash: '–',
    mdash: '–',
    minus: '–',
    amp: '&',
    quot: '"',
    apos: '"',
    lt: '<',
    gt: '>',
    rsquo: '"',
    lsquo: '"',
    ldquo: '"',
    rdquo: '"',
    dagger: '†',
    thinsp: ' ',
    ensp: ' ',
    emsp: ' ',
  }),
);

const LETTER = /[\p{L}\p{M}]/u;
const letterCache = new Map<number, boolean>();

export function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let known = letterCache.get(c);
  if (known === undefined) {
    known = LETTER.test(String.fromCharCode(c));
    if (letterCache.size < 20_000) letterCache.set(c, known);
  }
  return known;
}

/** Value of a decimal digit in ASCII, Arabic-Indic, Extended Arabic-Indic (Persian) or Devanagari script. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  if (c >= 0x966 && c <= 0x96f) return c - 0x966;
  return -1;
}

function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x1680 ||
    c === 0x85 ||
    c === 0x2028 ||
    c === 0x2029 ||
    INVISIBLE.has(c)
  );
}

const GROUP_SEPARATORS = new Set([0x2c, 0x66c]);
// A plain space groups digits too ("3 000 people", as French and UN style write them); like the
// thin spaces it only counts between groups of three, so "in 2019 340 people" stays two numbers.
const THIN_GROUP_SEPARATORS = new Set([0x20, 0xa0, 0x202f, 0x2009]);
const DECIMAL_POINTS = new Set([0x2e, 0x66b]);

function hasDigitsAhead(text: string, at: number, end: number, count: number): boolean {
  for (let k = 0; k < count; k++) {
    if (at + k >= end || digitValue(text.charCodeAt(at + k)) < 0) return false;
  }
  return at + count >= end || digitValue(text.charCodeAt(at + count)) < 0;
}

// "al-Shabaab", "al-Qaeda", "el-Fasher": an Arabic article written in lower case before a name.
const ARTICLED_NAME = /^(?:al|el|an|ar|as|ash|at|ad|az)[-‐‑]\p{Lu}/u;

function articled(text: string, start: number, end: number): boolean {
  return end - start > 3 && ARTICLED_NAME.test(text.slice(start, Math.min(end, start + 5)));
}

/** Tokens of `text` between `from` and `to` (offsets into the whole text). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  let space = true;
  let nl = 0;
  const push = (type: TokenType, start: number, end: number, norm: string, value = 0) => {
    const c = text.charCodeAt(start);
    const cap =
      type === 'word' &&
      ((c >= 0x41 && c <= 0x5a) ||
        (c > 0x7f && norm[0] !== text[start]) ||
        ((c === 0x61 || c === 0x65) && articled(text, start, end)));
    tokens.push({ type, start, end, norm, value, cap, space, nl });
    space = false;
    nl = 0;
  };
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (c === 0x0a) nl++;
      space = true;
      i++;
      continue;
    }
    if (digitValue(c) >= 0) {
      i = readNumber(text, i, to, push);
      continue;
    }
    if (isLetterCode(c) || (c >= 0xd800 && c <= 0xdbff && isAstralLetter(text, i))) {
      const start = i;
      i = wordEnd(text, i, to);
      push('word', start, i, text.slice(start, i).toLowerCase());
      continue;
    }
    if (c === 0x5b) {
      // A footnote mark, "1,000[4] civilians", "[citation needed]", reads as an inline tag: the grammar
      // steps over it as it steps over <sup>, instead of ending the noun phrase there.
      const end = noteEnd(text, i, to);
      if (end > 0) {
        push('tag', i, end, 'note');
        i = end;
        continue;
      }
    }
    if (c === 0x3c) {
      const end = tagEnd(text, i, to);
      if (end > 0) {
        push('tag', i, end, tagName(text, i, end));
        i = end;
        continue;
      }
    }
    if (c === 0x26) {
      const entity = readEntity(text, i, to);
      if (entity) {
        if (entity.norm === ' ') space = true;
        else push('punct', i, entity.end, entity.norm);
        i = entity.end;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      // A symbol outside the BMP: keep the pair together so spans never split a surrogate pair.
      push('punct', i, i + 2, text.slice(i, i + 2));
      i += 2;
      continue;
    }
    let norm = text[i] as string;
    if (DASHES.has(c)) norm = '–';
    else if (QUOTES.has(c)) norm = '"';
    push('punct', i, i + 1, norm);
    i++;
  }
  return tokens;
}

const NOTE =
  /^\[(?:\d{1,3}|[a-z]|(?:note|nb|n|lower-alpha|upper-alpha) ?[a-z\d]{1,3}|[a-z]+(?: [a-z]+){0,2} needed|clarification needed|dubious|better source needed|when\?|who\?|which\?)\]/i;

function noteEnd(text: string, i: number, to: number): number {
  const m = NOTE.exec(text.slice(i, Math.min(to, i + 32)));
  return m ? i + m[0].length : -1;
}

function isAstralLetter(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  return cp !== undefined && cp > 0xffff && LETTER.test(String.fromCodePoint(cp));
}

function wordEnd(text: string, i: number, to: number): number {
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (isLetterCode(c) || digitValue(c) >= 0) {
      j++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && j + 1 < to && isAstralLetter(text, j)) {
      j += 2;
      continue;
    }
    // Joiners inside a word: IS-KP, Mazar-i-Sharif, Mujahid's, Sar‑e Pol.
    if (
      (c === 0x2d || c === 0x27 || c === 0x2019 || c === 0x2011) &&
      j + 1 < to &&
      isLetterCode(text.charCodeAt(j + 1))
    ) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

type Push = (type: TokenType, start: number, end: number, norm: string, value?: number) => void;

const SCALE_AFTER_COMMA = /^[ \t\u00a0]+(?:million|billion|mln)\b/i;

/**
 * Where a decimal comma's digits end ("1,2 million": one or two digits, then a scale word), or -1.
 * "1,200" groups thousands, and "3,5 people" is no decimal: only a scale word makes it one.
 */
function decimalCommaEnd(text: string, j: number, to: number): number {
  if (text.charCodeAt(j) !== 0x2c) return -1;
  let k = j + 1;
  while (k < to && k - j <= 2 && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
  if (k === j + 1 || (k < to && digitValue(text.charCodeAt(k)) >= 0)) return -1;
  return SCALE_AFTER_COMMA.test(text.slice(k, Math.min(to, k + 12))) ? k : -1;
}

function readNumber(text: string, i: number, to: number, push: Push): number {
  const start = i;
  let value = 0;
  let j = i;
  let digits = '';
  let thinGroups = false;
  let grouped = false;
  while (j < to) {
    const d = digitValue(text.charCodeAt(j));
    if (d >= 0) {
      digits += String(d);
      j++;
      continue;
    }
    const c = text.charCodeAt(j);
    if (GROUP_SEPARATORS.has(c) && hasDigitsAhead(text, j + 1, to, 3)) {
      grouped = true;
      j++;
      continue;
    }
    if (THIN_GROUP_SEPARATORS.has(c) && (digits.length <= 3 || thinGroups) && hasDigitsAhead(text, j + 1, to, 3)) {
      thinGroups = true;
      j++;
      continue;
    }
    break;
  }
  let decimals = '';
  const comma = !grouped && !thinGroups && digits.length <= 3 ? decimalCommaEnd(text, j, to) : -1;
  if (comma > 0) {
    // "1,2 million", as European sources write 1.2 million.
    decimals = text.slice(j + 1, comma);
    j = comma;
  } else if (j + 1 < to && DECIMAL_POINTS.has(text.charCodeAt(j)) && digitValue(text.charCodeAt(j + 1)) >= 0) {
    let k = j + 1;
    while (k < to && digitValue(text.charCodeAt(k)) >= 0) {
      decimals += String(digitValue(text.charCodeAt(k)));
      k++;
    }
    j = k;
  }
  value = Number(decimals ? `${digits}.${decimals}` : digits);
  // Letters glued to digits: 23px, 13th, 1990s, 10k, 2.5m.
  if (j < to && isLetterCode(text.charCodeAt(j))) {
    let k = j;
    while (k < to && (isLetterCode(text.charCodeAt(k)) || digitValue(text.charCodeAt(k)) >= 0)) k++;
    const suffix = text.slice(j, k).toLowerCase();
    const scale = suffix === 'k' ? 1e3 : suffix === 'm' || suffix === 'mn' ? 1e6 : suffix === 'bn' ? 1e9 : 0;
    if (scale > 0)
      push('num', start, k, `${digits}${decimals ? `.${decimals}` : ''}${suffix}`, Math.round(value * scale));
    else push('numword', start, k, text.slice(start, k).toLowerCase(), value);
    return k;
  }
  push('num', start, j, decimals ? `${digits}.${decimals}` : digits, value);
  return j;
}

function tagEnd(text: string, i: number, to: number): number {
  const next = text.charCodeAt(i + 1);
  const opens = isLetterCode(next) || next === 0x2f || next === 0x21;
  if (!opens) return -1;
  const limit = Math.min(to, i + 2000);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x3e) return j + 1;
    if (c === 0x3c) return -1;
  }
  return -1;
}

function tagName(text: string, i: number, end: number): string {
  let j = i + 1;
  let name = '';
  if (text[j] === '/') {
    name = '/';
    j++;
  }
  while (j < end) {
    const c = text.charCodeAt(j);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x21)) break;
    name += text[j];
    j++;
  }
  return name.toLowerCase();
}

function readEntity(text: string, i: number, to: number): { end: number; norm: string } | null {
  const limit = Math.min(to, i + 12);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x3b) {
      const body = text.slice(i + 1, j).toLowerCase();
      let decoded: string | undefined = ENTITIES.get(body);
      if (decoded === undefined && body.startsWith('#')) {
        const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
        if (Number.isFinite(code) && code > 0 && code < 0x110000) {
          decoded = isSpaceCode(code)
            ? ' '
            : DASHES.has(code)
              ? '–'
              : QUOTES.has(code)
                ? '"'
                : String.fromCodePoint(code);
        }
      }
      return decoded === undefined ? null : { end: j + 1, norm: decoded };
    }
    const alnum = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x23;
    if (!alnum) return null;
  }
  return null;
}

/** Block-level tags end a sentence and an infobox list item. */
export const BLOCK_TAGS = new Set([
  'p',
  '/p',
  'br',
  'hr',
  'li',
  '/li',
  'div',
  '/div',
  'tr',
  '/tr',
  'td',
  '/td',
  'th',
  '/th',
  'table',
  '/table',
  'ul',
  '/ul',
  'ol',
  '/ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  '/h1',
  '/h2',
  '/h3',
  '/h4',
  '/h5',
  '/h6',
  'caption',
  '/caption',
  'dd',
  'dt',
  'blockquote',
  '/blockquote',
]);

export function isBlockTag(t: Token): boolean {
  return t.type === 'tag' && BLOCK_TAGS.has(t.norm);
}
