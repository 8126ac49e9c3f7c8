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
  const arabicScript = count(sample, /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g);
  const latin = count(sample, /[A-Za-z\u00C0-\u024F]/g);
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

function isEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/[a-z\u00C0-\u024F']+/g) ?? [];
  if (words.length < 10) return false;
  let hits = 0;
  for (const word of words) if (ENGLISH_STOPWORDS.has(word)) hits++;
  return hits / words.length >= 0.12;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
