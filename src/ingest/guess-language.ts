const SAMPLE_CHARS = 20_000;
const MIN_LETTERS = 40;

const ENGLISH_STOPWORDS = new Set(
  (
    'the of and to in a an is was were are be been has have had that this which for on with as by at from ' +
    'it its their they he she his her or but not after said says who into than also more'
  ).split(' '),
);

// Letters a script family shares except in one language: enough to tell them apart on a page of text.
const PASHTO_ONLY = /[\u067C\u0681\u0685\u0689\u0693\u0696\u069A\u06AB\u06BC\u06CD\u06D0]/g; // ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ ې
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06BE\u06D2]/g; // ٹ ڈ ڑ ں ھ ے
const PERSIAN_LETTERS = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/g; // پ چ ژ گ ک ی
const ARABIC_ONLY = /[\u0629\u064A\u0649]/g; // ة ي ى

/** A BCP 47 guess from the script and, for Latin script, English stopwords; null when unsure. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const { arabicScript, latin } = countScripts(sample);
  if (arabicScript >= MIN_LETTERS && arabicScript > latin) return guessArabicScript(sample, arabicScript);
  if (latin >= MIN_LETTERS && latin > arabicScript) return isEnglish(sample) ? 'en' : null;
  return null;
}

function guessArabicScript(sample: string, letters: number): string {
  const share = (pattern: RegExp) => count(sample, pattern) / letters;
  if (share(PASHTO_ONLY) > 0.005) return 'ps';
  if (share(URDU_ONLY) > 0.005) return 'ur';
  if (share(PERSIAN_LETTERS) > share(ARABIC_ONLY)) return 'fa';
  return 'ar';
}

const LONGEST_STOPWORD = Math.max(...[...ENGLISH_STOPWORDS].map((w) => w.length));

/**
 * Whether at least one word in eight is an English stopword, a word being a run of Latin letters
 * and apostrophes in the lowercased text. Counted in one pass over the code units: only a run short
 * enough to be a stopword is cut out and looked up (listing every word took a fortieth of ingest).
 */
function isEnglish(sample: string): boolean {
  const text = sample.toLowerCase();
  let words = 0;
  let hits = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || c === 0x27) {
      if (start === -1) start = i;
      continue;
    }
    if (start === -1) continue;
    words++;
    if (i - start <= LONGEST_STOPWORD && ENGLISH_STOPWORDS.has(text.slice(start, i))) hits++;
    start = -1;
  }
  if (words < 10) return false;
  return hits / words >= 0.12;
}

/** Letters of the Arabic script and of the Latin one, counted in one pass over the code units. */
function countScripts(text: string): { arabicScript: number; latin: number } {
  let arabicScript = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if (
      (c >= 0x600 && c <= 0x6ff) ||
      (c >= 0x750 && c <= 0x77f) ||
      (c >= 0xfb50 && c <= 0xfdff) ||
      (c >= 0xfe70 && c <= 0xfeff)
    )
      arabicScript++;
  }
  return { arabicScript, latin };
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
