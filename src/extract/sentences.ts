import { isBlockTag, type Token } from './tokens.js';

/**
 * Sentence boundaries over tokens. Intl.Segmenter breaks after "c." and "Gen." and knows no block
 * tags; a token walk that knows our abbreviations is as fast and keeps offsets for free.
 */

const ABBREVIATIONS = new Set([
  'c',
  'ca',
  'approx',
  'est',
  'mr',
  'mrs',
  'ms',
  'dr',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cpt',
  'sgt',
  'cpl',
  'pte',
  'brig',
  'adm',
  'st',
  'no',
  'nos',
  'vs',
  'v',
  'e.g',
  'i.e',
  'al',
  'fig',
  'inc',
  'ltd',
  'co',
  'corp',
  'jr',
  'sr',
  'rev',
  'gov',
  'sen',
  'rep',
  'mt',
  'ft',
  'jan',
  'feb',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'u.n',
  'pp',
  'p',
  'vol',
  'dept',
  'govt',
  'div',
  'bn',
  'regt',
]);

const TERMINALS = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', ')', ']', '”', '’']);

/** Token index ranges [start, end) of the sentences in tokens[from, to). */
export function splitSentences(tokens: Token[], from = 0, to = tokens.length): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = from;
  const close = (end: number) => {
    if (end > start) out.push([start, end]);
    start = end;
  };
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (t.type === 'tag' && isBlockTag(t)) {
      close(k);
      start = k + 1;
      continue;
    }
    if (t.type !== 'punct' || !TERMINALS.has(t.norm)) continue;
    let end = k + 1;
    while (end < to && CLOSERS.has((tokens[end] as Token).norm) && !(tokens[end] as Token).space) end++;
    const next = tokens[end];
    if (end >= to || !next) {
      close(end);
      k = end - 1;
      continue;
    }
    if (!next.space && next.type !== 'tag') continue;
    if (t.norm === '.' && !isBreakAfterDot(tokens, k, next)) continue;
    close(end);
    k = end - 1;
  }
  close(to);
  return out;
}

function isBreakAfterDot(tokens: Token[], k: number, next: Token): boolean {
  const prev = tokens[k - 1];
  if (next.type === 'word' && !next.cap) return false;
  if (prev?.type !== 'word') return true;
  // Initials ("J. Smith") and known abbreviations ("c. 35", "Gen. Dostum").
  if (prev.norm.length === 1 && prev.cap) return false;
  return !ABBREVIATIONS.has(prev.norm);
}
