import { type Claim, cleanClaimant } from './claimant.js';
import type { Token } from './tokens.js';

/**
 * Attributions that lie outside the sentence holding a figure: a headline's source ("... - UN",
 * "Officials: ..."), and the speaker named where a quote closes, sentences later.
 */

// "Live:", "Breaking:", "Watch:" label a headline; they are not sources.
const HEADLINE_LABELS =
  /^(?:live|breaking|update|updated|updates|watch|analysis|explainer|exclusive|opinion|video|photos?|factbox|timeline|in pictures|q&a|feature|editorial|comment|news|report|press release|statement|flash update)$/i;
const HEADLINE_SOURCE_WORDS =
  /\b(?:officials?|police|army|military|ministry|sources?|medics?|doctors?|witnesses|residents|monitor|governor|spokesm[ae]n|authorities|government|activists|rebels|agency|group|defen[cs]e|health|hospitals?|rescuers|red cross|red crescent|observatory|commission|office|mission|opposition|junta|coalition|militants)\b/i;

/**
 * The source a headline names: "Officials: 9 killed ...", "... kills 14 in Darfur - medics", "...
 * kills 9 in Donetsk: governor" or "... kills 40, says opposition".
 */
export function headlineSource(headline: string): string | null {
  const lead = /^\s*([^:\n]{2,40}):\s+\S/.exec(headline);
  if (lead?.[1]) {
    const name = lead[1].trim();
    if (!HEADLINE_LABELS.test(name) && !/\d/.test(name) && name.split(/\s+/).length <= 5) {
      // "Syria: air strikes hit Idlib" names a country, not a source.
      if (/^\p{Lu}/u.test(name) && (HEADLINE_SOURCE_WORDS.test(name) || /^(?:UN|U\.N\.|[A-Z]{2,6})$/.test(name))) {
        return cleanClaimant(name);
      }
    }
  }
  // "... kills 14 in Darfur - medics"; after a toll, "...: governor" and ", says health ministry".
  const tail =
    /\s[-–—|]\s+([^-–—|:\n]{2,50}?)\s*$/.exec(headline) ??
    (/\d/.test(headline) ? /(?::|,\s+says)\s+([^-–—|:,\n]{2,50}?)\s*$/.exec(headline) : null);
  if (tail?.[1]) {
    const name = tail[1].trim();
    const words = name.split(/\s+/);
    // "- Reuters" after a headline names the publisher, and so does a site name; sources are people.
    if (
      words.length <= 5 &&
      !/\d/.test(name) &&
      (HEADLINE_SOURCE_WORDS.test(name) || /^(?:UN|U\.N\.|[A-Z]{2,6})$/.test(name))
    ) {
      if (!/^(?:reuters|afp|ap|bbc|cnn|aljazeera)$/i.test(name)) return cleanClaimant(name);
    }
  }
  return null;
}

/** Whether the token is a double quotation mark (an apostrophe shares the token's norm). */
function isDoubleQuote(text: string, t: Token): boolean {
  if (t.norm !== '"') return false;
  const c = text.charCodeAt(t.start);
  return c === 0x22 || c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb || c === 0x201e;
}

/**
 * For each sentence, whether it lies (even in part) inside a quotation, and the token index where
 * the quotation that is open at its end closes, if it closes in this sentence.
 */
export function quoteSpans(
  text: string,
  tokens: Token[],
  sentences: Array<[number, number]>,
): Array<{ quoted: boolean; closesAt: number | null }> {
  let open = false;
  return sentences.map(([s, e]) => {
    let quoted = open;
    let closesAt: number | null = null;
    for (let k = s; k < e; k++) {
      if (!isDoubleQuote(text, tokens[k] as Token)) continue;
      if (open) closesAt = k;
      else quoted = true;
      open = !open;
    }
    return { quoted, closesAt: open ? null : closesAt };
  });
}

/**
 * The speaker of a quote that a sentence opens but does not close: the first claim after the
 * closing mark in the sentence that closes it ('"... . ... ," said the official.'), or a claim
 * that opens the sentence right after it ('"...". The governor said so on Sunday.').
 */
export function quotedSpeaker(
  index: number,
  sentences: Array<[number, number]>,
  quotes: Array<{ quoted: boolean; closesAt: number | null }>,
  claims: Claim[][],
): string | null {
  const here = quotes[index];
  if (!here?.quoted) return null;
  for (let j = index; j < Math.min(sentences.length, index + 6); j++) {
    const q = quotes[j];
    if (!q) break;
    if (j > index && !q.quoted) break;
    if (q.closesAt !== null) {
      const after = (claims[j] ?? []).find((c) => c.index > (q.closesAt as number));
      if (after) return after.name;
      const next = sentences[j + 1];
      const opening = (claims[j + 1] ?? []).find((c) => next && c.index - next[0] <= 6);
      return opening?.name ?? null;
    }
  }
  return null;
}

// "Among the dead were ...", "Of those, ...", "Another 20 ...": a sentence that only goes on
// with the count the sentence before reported, in that source's words.
const CONTINUING = new Set(['among', 'another', 'of', 'most', 'they', 'these', 'those', 'the', 'including']);
const CONTINUED_NEXT = new Set([
  'dead',
  'killed',
  'wounded',
  'injured',
  'victims',
  'those',
  'them',
  'included',
  'include',
]);

/**
 * The speaker of the sentence before, for a sentence that only continues its count: "The ministry
 * said 12 soldiers died. Among the dead were 3 officers." Only within a paragraph.
 */
export function continuedSpeaker(tokens: Token[], start: number, index: number, claims: Claim[][]): string | null {
  if (index === 0) return null;
  const before = claims[index - 1];
  const speaker = before?.[before.length - 1]?.name;
  if (!speaker) return null;
  const first = tokens[start]?.norm ?? '';
  let second = tokens[start + 1]?.norm ?? '';
  if (second === 'the' && first !== 'the') second = tokens[start + 2]?.norm ?? '';
  if (!CONTINUING.has(first)) return null;
  if (first === 'another' || first === 'including') return speaker;
  return CONTINUED_NEXT.has(second) ||
    (first === 'of' && (second === 'those' || second === 'them' || second === 'these'))
    ? speaker
    : null;
}
