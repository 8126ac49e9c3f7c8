import { CLAUSE_WORDS, KIND_VERBS, MONTHS, PREPOSITIONS, TIME_UNITS, WEEKDAYS } from './lexicon.js';
import { wordValue } from './numbers.js';
import { isBlockTag, type Token } from './tokens.js';

/** Who states a figure: "according to X", "X said / claimed / estimated", "said X", "per X". */
export interface Claim {
  /** Token index of the claim verb (or "according", or a bracket). */
  index: number;
  name: string;
  /** A source in brackets after a count ("40 killed (UN figures)"): that count's, whatever came before. */
  bracket?: true;
}

const CLAIM_VERBS = new Set([
  'said',
  'says',
  'say',
  'stated',
  'states',
  'claimed',
  'claims',
  'claim',
  'reported',
  'reports',
  'estimated',
  'estimates',
  'told',
  'announced',
  'announces',
  'confirmed',
  'confirms',
  'revealed',
  'declared',
  'added',
  'noted',
  'wrote',
  'tweeted',
  'posted',
  'alleged',
  'alleges',
  'counted',
  'recorded',
  'documented',
  'verified',
  'tallied',
  'estimate',
  'report',
  'reckoned',
  'insisted',
  'acknowledged',
  'admitted',
  'warned',
  'put',
  'puts',
  'found',
  'assessed',
  'assesses',
  'calculated',
  'registered',
  // "Residents compiled a list of 45 people killed".
  'compiled',
  // "UNAMA attributed 23 of the deaths to the Taliban" (not "deaths attributed to", a participle).
  'attributed',
  'attributes',
  // With a count only (RECEIVING): "the hospital received 30 bodies".
  'received',
  'treated',
]);
/**
 * Verbs by which a body of numbers speaks: "figures compiled by Airwars show", "UNAMA's data
 * suggest". They name a claimant only when their subject is such numbers with their source.
 */
const DATA_VERBS = new Set([
  'show',
  'shows',
  'showed',
  'suggest',
  'suggests',
  'suggested',
  'indicate',
  'indicates',
  'list',
  'lists',
  'listed',
]);
const DATA_NOUNS = new Set([
  'figures',
  'data',
  'statistics',
  'tally',
  'tallies',
  'count',
  'counts',
  'records',
  'estimates',
  'findings',
  'information',
]);
const DATA_SOURCE_AFTER = new Set([
  'of',
  'by',
  'from',
  'compiled',
  'collected',
  'released',
  'published',
  'gathered',
  'seen',
  'obtained',
  'reviewed',
]);
/** Who keeps such numbers, written before them: "hospital records", "police figures" ("official figures" name no one). */
const DATA_KEEPERS = new Set([
  'hospital',
  'police',
  'military',
  'army',
  'government',
  'ministry',
  'morgue',
  'health',
  'medical',
  'prison',
  'court',
]);
// "as reported by Pajhwok" reads as a passive too.
const PASSIVE_BEFORE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'as']);
const SUBJECT_SKIP = new Set([
  'later',
  'also',
  'initially',
  'subsequently',
  'previously',
  'further',
  'separately',
  'earlier',
  'had',
  'has',
  'have',
  'reportedly',
  'officially',
  'then',
  'publicly',
  'once',
  'first',
  'recently',
  'now',
  'again',
]);
// "Brig. Yahya Saree", "Dr. Amal Hassan": a title's dot stays inside a name.
const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'gen',
  'brig',
  'col',
  'lt',
  'maj',
  'capt',
  'sgt',
  'cpl',
  'adm',
  'prof',
  'rev',
  'sen',
  'gov',
]);
// Verbs that can come before their speaker: '"...," said the governor', ', added Mr Khan'.
const SPEECH_FIRST = new Set([
  'said',
  'says',
  'added',
  'stated',
  'reported',
  'wrote',
  'tweeted',
  'claimed',
  'confirmed',
  'noted',
  'declared',
  'announced',
  'insisted',
  'warned',
  'alleged',
  'estimated',
  'reckoned',
  'admitted',
  'acknowledged',
  'posted',
]);
// "police and hospital staff said": generic voices joined by "and" speak together.
const VOICES = new Set([
  'police',
  'officials',
  'medics',
  'doctors',
  'witnesses',
  'residents',
  'activists',
  'authorities',
  'rescuers',
  'paramedics',
  'sources',
  'media',
  'journalists',
  'survivors',
  'relatives',
  'elders',
  'villagers',
  'monitors',
  'observers',
]);
const TIME_WORDS = new Set([...WEEKDAYS, 'yesterday', 'today', 'on', 'in', 'last', 'this', 'earlier', 'later']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who', 'which', 'this']);
const SOURCE_NOUNS =
  /^(?:(?:the|a|an)\s+)?(?:(?:latest|casualty|official|preliminary|final|new|updated)\s+)?(?:estimates?|figures?|data|statistics|reports?|a report|counts?|tally|tallies|sources?|information|numbers?|records?|statements?|announcements?|press releases?)\s+(?:of|by|from|at|(?:compiled|released|collected|gathered|published) by)\s+/i;
const LEADING = /^(?:(?:the|a|an)\s+)/i;

/**
 * A time after a speaker: "on Monday", "on 3 May", "last week", "earlier this week", "yesterday",
 * "at first", "at the time".
 */
const TIME_TAIL =
  /\s+(?:on (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:night|morning|afternoon|evening))?|\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2})|(?:last|this|earlier this) (?:week|month|year|weekend)|yesterday|today|at first|at the (?:time|outset))$/i;

/**
 * How a source was reached: "reached by phone", "contacted by telephone". Who reached them stays
 * ("witnesses interviewed by UN staff", "villagers contacted by AFP"): that is where the account came from.
 */
const REACHED_TAIL =
  /\s+(?:reached|contacted|interviewed)\s+(?:by|on|via|over)\s+(?:the\s+)?(?:phone|telephone|satellite phone|radio|text message|video link|WhatsApp)$/i;
/** "A UN report seen by Reuters", "hospital records reviewed by HRW": who read the source is not it. */
const SEEN_BY_TAIL = /\s+(?:seen|reviewed|obtained|viewed) by\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}$/;

/** How a speaker spoke: "in a statement", "in its daily update", "in a post on X". */
const MANNER_TAIL =
  /\s+in (?:a|an|its|their|his|her)(?: [a-z]+){0,2}? (?:statement|report|update|briefing|interview|post|tweet|message|press conference|communiqu[eé]|bulletin|video)(?: on [A-Z]\w*)?$/i;

/**
 * Cleans a claimant phrase: drops articles and "'s statistics". A name with its acronym keeps both,
 * "United Nations Assistance Mission in Afghanistan (UNAMA)", so either form finds it.
 */
export function cleanClaimant(raw: string): string {
  // "[1] Local hospital staff": a reference mark left before the sentence is no part of the name.
  let s = raw
    .replace(/\[(?:\d{1,3}|[a-z])\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const acronym = /\(([A-Z][A-Za-z0-9&-]{1,11})\)/.exec(s);
  if (acronym?.[1] && /[A-Z]{2}/.test(acronym[1])) {
    const full = s.slice(0, acronym.index).replace(SOURCE_NOUNS, '').replace(LEADING, '').trim();
    return full ? `${full} (${acronym[1]})` : acronym[1];
  }
  s = s.replace(SOURCE_NOUNS, '').replace(LEADING, '');
  // "figures released by the health ministry on Monday": when the source spoke is no part of its name.
  s = s.replace(TIME_TAIL, '').replace(MANNER_TAIL, '').replace(TIME_TAIL, '');
  // "Residents reached by phone", "a doctor contacted by AFP": how the source was reached is no part of it.
  s = s.replace(REACHED_TAIL, '').replace(SEEN_BY_TAIL, '');
  // "the Pentagon at first said": the adverb's "first" was skipped, its preposition is no name's end.
  s = s.replace(/\s+(?:at|in|on|by|for|of)$/i, '');
  s = s.replace(/['’]s?\s+(?:statistics|figures|data|count|tally|estimates?|reports?|report|assessment|records)$/i, '');
  s = s.replace(/\s+(?:statistics|figures|estimates)$/i, '');
  // "an AFP tally based on official sources", "UN figures released on Monday": the source's name.
  const named =
    /^((?:[A-Z][\p{L}\p{N}&.'’-]*\s+){0,4}[A-Z][\p{L}\p{N}&.'’-]*)\s+(?:tally|count|estimates?|figures|data|statistics)\b/u.exec(
      s,
    );
  if (named?.[1]) s = named[1];
  const abbreviation = /\b[A-Z]\.[A-Z]\.$/.test(s);
  s = s.replace(/['’]s$/, '').replace(/^["“”'‘’]+|["“”'‘’.,;:]+$/g, '');
  if (abbreviation && !s.endsWith('.')) s += '.';
  // A note's brackets: "(Iraqi estimate)" leaves "(Iraqi", "per SOHR)" leaves "SOHR)".
  if (s.startsWith('(') && !s.includes(')')) s = s.slice(1);
  if (s.endsWith(')') && !s.includes('(')) s = s.slice(0, -1);
  return s.slice(0, 100).trim();
}

function slice(text: string, tokens: Token[], a: number, b: number): string {
  return text.slice((tokens[a] as Token).start, (tokens[b - 1] as Token).end);
}

function isStop(t: Token, tokens?: Token[], k?: number): boolean {
  if (t.type === 'tag') return isBlockTag(t);
  if (t.type === 'num') return true;
  // "U.S.", "U.N.": the dots of an abbreviation stay inside a name.
  if (t.norm === '.' && tokens && k !== undefined && !t.space) {
    const prev = tokens[k - 1];
    if (prev?.type === 'word' && prev.cap && (prev.norm.length === 1 || TITLES.has(prev.norm))) return false;
  }
  // "Airwars' assessment found": a plural's possessive apostrophe stays inside the speaker.
  if (t.norm === '"' && !t.space && tokens && k !== undefined) {
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (prev?.type === 'word' && prev.norm.endsWith('s') && next?.space && next.type === 'word' && !next.cap)
      return false;
  }
  // A dash between spaces ends a dateline or an aside: "NAIROBI (AP) - The agency said".
  if ((t.norm === '-' || t.norm === '–') && t.space && tokens && k !== undefined && tokens[k + 1]?.space) return true;
  if (t.type === 'punct') return t.norm !== '-' && t.norm !== '–' && t.norm !== '(' && t.norm !== ')' && t.norm !== '&';
  return t.norm === 'that' || CLAUSE_WORDS.has(t.norm) || t.norm === 'and' || t.norm === 'but';
}

/** The phrase after "according to" / "said" / "per", up to the next comma or clause. */
function nameAfter(text: string, tokens: Token[], from: number, to: number): string | null {
  let end = from;
  let depth = 0;
  while (end < to && end - from < 14) {
    const t = tokens[end] as Token;
    // "a 52-year-old farmer": an age is part of who speaks.
    if (t.type === 'num' && tokens[end + 1]?.norm === '-' && /^years?(?:-old)?$/.test(tokens[end + 2]?.norm ?? '')) {
      end += tokens[end + 3]?.norm === '-' && tokens[end + 4]?.norm === 'old' ? 5 : 3;
      continue;
    }
    if (t.norm === '(') depth++;
    else if (t.norm === ')') depth--;
    else if (depth <= 0 && isStop(t, tokens, end) && !(t.norm === 'and' && tokens[end + 1]?.cap)) break;
    else if (
      depth <= 0 &&
      t.type === 'word' &&
      !t.cap &&
      /^(on|in|at|during|after|last|this|yesterday|today|via|when|who|whose|whom)$/.test(t.norm) &&
      end > from &&
      !(tokens[end + 1]?.cap && (t.norm === 'in' || t.norm === 'on'))
    )
      break;
    end++;
  }
  if (end <= from) return null;
  const name = cleanClaimant(slice(text, tokens, from, end));
  return name && /\p{L}/u.test(name) && !/^(?:a|an|the)$/i.test(name) ? name : null;
}

const PRONOUN = Symbol('pronoun');

/**
 * Whether the subject tokens[start, end) stands for a speaker named elsewhere: a pronoun of at most
 * `pronounWords` words ("he", "they themselves"), or the speaker's own people ("Our teams recorded 48
 * deaths, MSF said").
 */
function standsForSpeaker(tokens: Token[], start: number, end: number, pronounWords: number): boolean {
  const first = (tokens[start] as Token).norm;
  return (PRONOUNS.has(first) && end - start <= pronounWords) || (first === 'our' && end - start <= 3);
}
// "..., nearly ten times the number previously reported": a count, not a speaker.
const NOT_SUBJECT = /^(?:nearly|about|around|some|over|more|less|almost|roughly|than|\d.*)$/;
const ASIDES = /^(?:however|meanwhile|furthermore|moreover|instead|also|in|on|for|though|too|then|later)$/;

/** Tokens an aside between commas may span before a claim verb; a relative clause, more. */
const SHORT_ASIDE = 14;
const LONG_ASIDE = 28;

/** The subject before a claim verb, stepping over an aside like ", on the other side,". */
function subjectBefore(text: string, tokens: Token[], verb: number, floor: number): string | typeof PRONOUN | null {
  let end = verb;
  while (end - 1 >= floor && SUBJECT_SKIP.has((tokens[end - 1] as Token).norm)) end--;
  let apposition: string | null = null;
  if (tokens[end - 1]?.norm === ',') {
    let open = -1;
    for (let j = end - 2; j >= Math.max(floor, end - LONG_ASIDE); j--) {
      if ((tokens[j] as Token).norm === ',') {
        open = j;
        break;
      }
    }
    const first = tokens[open + 1];
    if (open < 0 || !first) return null;
    // "A police officer, who spoke on condition of anonymity because he was not authorized to brief
    // journalists, put the toll at 21": only a relative clause about the speaker runs that long.
    if (end - open > SHORT_ASIDE && !/^(?:who|which|whose)$/.test(first.norm)) return null;
    // "Zabihullah Mujahid, the Islamic Emirate's spokesman, said": keep the role with the name.
    if (/^(?:the|a|an)$/.test(first.norm) && open + 2 < end - 1)
      apposition = cleanClaimant(slice(text, tokens, open + 1, end - 1));
    // "A UN spokesperson, Stéphane Dujarric, said": the name in the commas goes with the role.
    else if (first.cap && first.type === 'word' && end - 1 - (open + 1) <= 4 && !PRONOUNS.has(first.norm))
      apposition = cleanClaimant(slice(text, tokens, open + 1, end - 1));
    // "The spokesman, who declined to be named, said", "The ministry, which is run by Hamas, put":
    // an aside about the speaker; so is the source it quotes ("Local media, quoting police, said").
    else if (
      first.norm === 'who' ||
      first.norm === 'which' ||
      first.norm === 'whose' ||
      first.norm === 'quoting' ||
      first.norm === 'citing' ||
      isAside(first)
    )
      apposition = null;
    // "Omar Zwak, spokesman for the governor, told": a role without its article goes with the name.
    else if (isRole(tokens, open + 1, end - 1)) apposition = cleanClaimant(slice(text, tokens, open + 1, end - 1));
    else if (!(PREPOSITIONS.has(first.norm) || ASIDES.test(first.norm))) return null;
    end = open;
    // "Gul Ahmad, 45, a farmer, said": an age or an aside before the role is stepped over too.
    for (let j = end - 1; j >= Math.max(floor, end - 6); j--) {
      if ((tokens[j] as Token).norm !== ',') continue;
      const opening = tokens[j + 1] as Token;
      if (j + 1 < end && (isAside(opening) || opening.norm === 'who')) end = j;
      break;
    }
  }
  let start = end;
  let depth = 0;
  while (start - 1 >= floor && end - start < 12) {
    const t = tokens[start - 1] as Token;
    if (t.norm === ')') depth++;
    if (t.norm === '(' && --depth < 0) break;
    if (
      isStop(t, tokens, start - 1) &&
      !(
        t.norm === 'and' &&
        start < end &&
        (((tokens[start] as Token).cap && tokens[start - 2]?.cap) || VOICES.has(tokens[start - 2]?.norm ?? ''))
      )
    )
      break;
    start--;
  }
  // "An official who spoke to AFP said", "A member of a militia that works with the army said": the
  // speaker is the noun the relative clause describes, not the clause.
  const rel = tokens[start - 1];
  const head = tokens[start - 2];
  if (
    rel &&
    head &&
    start - 2 >= floor &&
    (rel.norm === 'who' || rel.norm === 'that' || rel.norm === 'which') &&
    // "Later that day the Taliban said": a time, no relative clause.
    !(rel.norm === 'that' && TIME_UNITS.has(tokens[start]?.norm ?? '')) &&
    head.type === 'word' &&
    !CLAIM_VERBS.has(head.norm) &&
    !/ed$/.test(head.norm) &&
    !PREPOSITIONS.has(head.norm) &&
    !PRONOUNS.has(head.norm)
  ) {
    let from = start - 1;
    while (from - 1 >= floor && start - from < 10 && !isStop(tokens[from - 1] as Token, tokens, from - 1)) from--;
    if (from < start - 1) {
      end = start - 1;
      start = from;
    }
  }
  start = pastTimeLead(tokens, start, end);
  if (start >= end) return null;
  if (standsForSpeaker(tokens, start, end, 2)) return PRONOUN;
  const name = subjectName(text, tokens, start, end);
  if (!name) return null;
  return apposition ? `${name}, ${apposition}` : name;
}

/** Words a time opening a sentence is made of: "On the night of 18 May", "Two days later", "That evening". */
const TIME_LEAD = new Set([
  'on',
  'in',
  'at',
  'by',
  'of',
  'the',
  'that',
  'this',
  'next',
  'following',
  'same',
  'previous',
  'later',
  'earlier',
  'last',
  'early',
  'late',
  ',',
  'a',
  'an',
  'few',
  'several',
  ...WEEKDAYS,
  ...TIME_UNITS,
]);
/** Words among TIME_LEAD that make the words a time: "On the" alone is none. */
const TIME_ANCHORS = new Set(['later', 'earlier', ...WEEKDAYS, ...TIME_UNITS]);

/**
 * Past a time that opens the speaker's clause: "On Tuesday the health ministry said", "The following
 * day the governor's deputy wrote", "Later that day the Taliban said" name the ministry, the deputy
 * and the Taliban. Some words must be left after the time.
 */
function pastTimeLead(tokens: Token[], start: number, end: number): number {
  let k = start;
  let anchored = false;
  let past = start;
  while (k < end - 1) {
    const t = tokens[k] as Token;
    const time =
      TIME_LEAD.has(t.norm) || MONTHS.has(t.norm) || t.type === 'num' || t.type === 'numword' || wordValue(t.norm) > 0;
    if (!time) break;
    if (TIME_ANCHORS.has(t.norm) || MONTHS.has(t.norm)) anchored = true;
    k++;
    if (anchored && !/^(?:of|on|in|at|by|the|that|this|,)$/.test(t.norm)) past = k;
  }
  if (!anchored || past === start) return start;
  // "The following day the governor's deputy": the article after the time goes with the speaker.
  while (past < end - 1 && (tokens[past] as Token).norm === ',') past++;
  return past;
}

/**
 * Words between commas that describe the speaker without naming one: "speaking on condition of
 * anonymity", "asked about the raid", an age ("Gul Ahmad, 45, said").
 */
function isAside(first: Token): boolean {
  if (first.type === 'num') return true;
  return first.type === 'word' && !first.cap && /^[a-z]{3,}(?:ing|ed)$/.test(first.norm);
}

/**
 * Words between commas that are a role, article dropped: "spokesman for the Helmand governor",
 * "head of the provincial council", "deputy police chief": lower-case words, no verb of speech or
 * of a count among them, and a noun of office or standing somewhere in them.
 */
function isRole(tokens: Token[], from: number, to: number): boolean {
  if (to - from > 8 || to <= from) return false;
  let office = false;
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (t.type === 'num' || (t.type === 'punct' && t.norm !== '-' && t.norm !== "'")) return false;
    if (CLAIM_VERBS.has(t.norm) || KIND_VERBS.has(t.norm)) return false;
    if (ROLE_NOUNS.has(t.norm)) office = true;
  }
  return office && !(tokens[from] as Token).cap;
}

const ROLE_NOUNS = new Set([
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'head',
  'chief',
  'director',
  'governor',
  'commander',
  'member',
  'minister',
  'official',
  'officer',
  'leader',
  'deputy',
  'adviser',
  'advisor',
  'representative',
  'envoy',
  'mayor',
  'elder',
  'chairman',
  'president',
  'secretary',
  'coordinator',
  'researcher',
  'analyst',
  'doctor',
  'resident',
]);

/** The words tokens[start, end) as a speaker's name, or null when they open with no subject ("in", "about"). */
function subjectName(text: string, tokens: Token[], start: number, end: number): string | null {
  const first = tokens[start] as Token;
  if (PREPOSITIONS.has(first.norm) || ASIDES.test(first.norm) || NOT_SUBJECT.test(first.norm)) return null;
  const name = cleanClaimant(slice(text, tokens, start, end));
  return name && /\p{L}/u.test(name) && !UNNAMED_SUBJECT.test(name) ? name : null;
}

// "(various estimates)", "conflicting reports", "several claim": a word that names no one before a verb.
const UNNAMED_SUBJECT =
  /^(?:various|several|conflicting|differing|different|multiple|other|others|many|most|all|both)$/i;

/**
 * Whether the words before a data verb are numbers with their source: a data noun followed by
 * "of", "by", "from", "compiled" ("figures compiled by Airwars") or after a possessive ("UNAMA's data").
 */
function dataSources(tokens: Token[], verb: number, floor: number): boolean {
  for (let j = verb - 1; j >= Math.max(floor, verb - 10); j--) {
    const t = tokens[j] as Token;
    if (t.type === 'punct' && t.norm !== '&' && t.norm !== '-' && t.norm !== '(' && t.norm !== ')') return false;
    if (!DATA_NOUNS.has(t.norm)) continue;
    const before = tokens[j - 1];
    if (j - 1 >= floor && before && (/['’]s$/.test(before.norm) || DATA_KEEPERS.has(before.norm))) return true;
    if (j + 1 < verb && DATA_SOURCE_AFTER.has(tokens[j + 1]?.norm ?? '')) return true;
  }
  return false;
}

/** The agent after a passive claim verb: "by local officials" within a few words ("put at 45 by ..."). */
function passiveAgent(text: string, tokens: Token[], from: number, to: number): string | null {
  for (let k = from; k < Math.min(to, from + 5); k++) {
    const t = tokens[k] as Token;
    if (t.norm === 'by') {
      const next = tokens[k + 1];
      // "by 20 percent", "by Tuesday": no agent.
      if (next?.type !== 'word' || TIME_WORDS.has(next.norm)) return null;
      return nameAfter(text, tokens, k + 1, to);
    }
    if (t.type === 'punct' && t.norm !== '-') return null;
    // "were reported killed by an airstrike": the agent of the killing, not of the report.
    if (KIND_VERBS.has(t.norm)) return null;
  }
  return null;
}

/** Verbs of reaction that end a subject besides the claim verbs: "Police blamed", "The army denies". */
const REACTION_VERBS = new Set(['denies', 'rejects', 'blames', 'accuses', 'disputes', 'insists', 'condemns']);

/**
 * The subject that opens a sentence, up to its first verb ("The Taliban | denied the report"), when
 * that verb comes before `limit`; a pronoun stands for the last speaker.
 */
function sentenceSubject(text: string, tokens: Token[], from: number, limit: number): string | typeof PRONOUN | null {
  let end = from;
  while (end < limit && end - from < 8) {
    const t = tokens[end] as Token;
    if (t.type !== 'word' && t.norm !== '-' && t.norm !== "'") return null;
    if (
      !t.cap &&
      (CLAIM_VERBS.has(t.norm) || PASSIVE_BEFORE.has(t.norm) || REACTION_VERBS.has(t.norm) || /ed$/.test(t.norm))
    )
      break;
    end++;
  }
  if (end === from || end >= limit) return null;
  if (standsForSpeaker(tokens, from, end, 1)) return PRONOUN;
  // "The dead included ...": the counted, not a speaker.
  if (TOLL_SUBJECTS.has((tokens[end - 1] as Token).norm)) return null;
  return subjectName(text, tokens, from, end);
}

/** Past tenses without -ed that end a subject: "A spokesman gave a lower toll and said". */
const IRREGULAR_PAST = new Set([
  'gave',
  'put',
  'told',
  'said',
  'made',
  'took',
  'sent',
  'held',
  'spoke',
  'wrote',
  'met',
]);

/**
 * The subject of the clause that holds tokens[.., limit): from the clause's start (the sentence's,
 * or just after a semicolon or colon) up to its first verb, when that comes within a dozen words.
 */
function clauseSubject(text: string, tokens: Token[], from: number, limit: number): string | typeof PRONOUN | null {
  let start = from;
  for (let j = limit - 1; j >= from; j--) {
    const n = (tokens[j] as Token).norm;
    if (n === ';' || n === ':') {
      start = j + 1;
      break;
    }
  }
  let end = start;
  while (end < limit && end - start <= 12) {
    const t = tokens[end] as Token;
    if (t.type === 'num' || (t.type === 'punct' && t.norm !== '-' && t.norm !== "'")) return null;
    if (
      t.type === 'word' &&
      !t.cap &&
      (CLAIM_VERBS.has(t.norm) ||
        REACTION_VERBS.has(t.norm) ||
        IRREGULAR_PAST.has(t.norm) ||
        /^[a-z]{3,}ed$/.test(t.norm))
    )
      break;
    end++;
  }
  if (end === start || end >= limit || end - start > 12) return null;
  start = pastTimeLead(tokens, start, end);
  if (standsForSpeaker(tokens, start, end, 1)) return PRONOUN;
  if (TOLL_SUBJECTS.has((tokens[end - 1] as Token).norm)) return null;
  return subjectName(text, tokens, start, end);
}

/**
 * The subject of the verb before "and": "A Taliban spokesman rejected the figure and said", or with
 * the speaker's name between commas, "A spokesman for the Taliban, Zabihullah Mujahid, rejected the
 * figure and said" (read as the first verb's subject, asides and all).
 */
function coordinatedSubject(text: string, tokens: Token[], from: number, and: number): string | typeof PRONOUN | null {
  const plain = clauseSubject(text, tokens, from, and);
  if (plain !== null) return plain;
  for (let j = from + 1; j < Math.min(and, from + 24); j++) {
    const t = tokens[j] as Token;
    if (t.type === 'num' || (t.type === 'punct' && t.norm !== ',' && t.norm !== '-' && t.norm !== "'")) return null;
    if (t.type === 'word' && !t.cap && (REACTION_VERBS.has(t.norm) || /^[a-z]{3,}ed$/.test(t.norm)))
      return tokens[j - 1]?.norm === ',' ? subjectBefore(text, tokens, j, from) : null;
  }
  return null;
}

const TOLL_SUBJECTS = new Set(['dead', 'wounded', 'injured', 'victims', 'bodies', 'toll', 'casualties', 'fighting']);

const TOLL_WORDS = new Set(['killed', 'dead', 'deaths', 'wounded', 'injured', 'captured', 'displaced', 'missing']);

/**
 * "Civilian deaths: 260+ (SOHR)", "12 killed (UNAMA)": a name alone in brackets just after a count
 * is its source. After a name ("the Pakistani Taliban (TTP)") the brackets hold its short form.
 */
/** What a bracketed source gave, after its name: "(Taliban figures)", "(UN estimate)". */
const BRACKET_TAILS = new Set(['figures', 'figure', 'estimate', 'estimates', 'sources', 'count', 'data', 'numbers']);

function bracketSource(text: string, tokens: Token[], open: number, from: number, to: number): string | null {
  // "2,500 killed{{small|(GNA claim)}}": a wiki template that only sets the note's size.
  const wrapped =
    tokens[open - 1]?.norm === '|' && tokens[open - 3]?.norm === '{' && tokens[open - 4]?.norm === '{' ? 4 : 0;
  const prev = tokens[open - 1 - wrapped];
  if (!prev || open - 1 - wrapped < from) return null;
  const afterCount =
    prev.type === 'num' || (prev.norm === '+' && tokens[open - 2]?.type === 'num') || TOLL_WORDS.has(prev.norm);
  if (!afterCount) return null;
  // "June 30 (Reuters) -", "2 February 2025 (AFP)": a dateline's agency, not a count's source.
  if (prev.type === 'num' && (prev.end - prev.start === 4 || MONTHS.has(tokens[open - 2 - wrapped]?.norm ?? '')))
    return null;
  let k = open + 1;
  let end = -1;
  let lower = false;
  let named = false;
  while (k < to && k - open <= 5) {
    const u = tokens[k] as Token;
    if (u.norm === ')') break;
    // "(Taliban figures)", "(government estimate)": the noun after the name says what it gave.
    if (k > open + 1 && BRACKET_TAILS.has(u.norm) && tokens[k + 1]?.norm === ')') {
      end = k;
      k++;
      continue;
    }
    // "(hospital sources)", "(local officials)": lower-case words, if a word for a source ends them.
    if (u.type !== 'word' && u.norm !== '&' && u.norm !== '-') return null;
    if (u.type === 'word' && !u.cap) lower = true;
    if (u.type === 'word' && u.cap) named = true;
    k++;
  }
  if (tokens[k]?.norm !== ')' || k === open + 1) return null;
  // "(hospital sources)"; "(Ukrainian official figures)" ends in what its source gave.
  if (lower && (end < 0 || !named))
    return SOURCE_HEADS.has((tokens[k - 1] as Token).norm) ? cleanClaimant(slice(text, tokens, open + 1, k)) : null;
  // "12 killed (Canada)", "1 killed (US)": whose dead a coalition's line counts, not who counted them;
  // "(US figures)" names a source.
  if (end < 0 && k - open <= 3 && STATES.has(slice(text, tokens, open + 1, k).toLowerCase())) return null;
  return cleanClaimant(slice(text, tokens, open + 1, end >= 0 ? end : k));
}

/** Words that end a source written in lower case in brackets: "(hospital sources)", "(local officials)". */
const SOURCE_HEADS = new Set([
  'sources',
  'officials',
  'authorities',
  'medics',
  'doctors',
  'witnesses',
  'residents',
  'activists',
  'monitors',
]);

/** Whether `name` is a state whose losses an infobox counts by name in brackets: "(Malaysia)". */
export function isCountedState(name: string): boolean {
  return STATES.has(name.toLowerCase());
}

/**
 * States whose troops an infobox counts by name in brackets after a toll. Their ministries and
 * forces are sources when a noun says so ("(UK figures)", "(Canadian Forces)").
 */
const STATES = new Set([
  'us',
  'usa',
  'u.s.',
  'uk',
  'u.k.',
  'united states',
  'united kingdom',
  'britain',
  'canada',
  'australia',
  'new zealand',
  'germany',
  'france',
  'italy',
  'spain',
  'portugal',
  'netherlands',
  'belgium',
  'denmark',
  'norway',
  'sweden',
  'finland',
  'estonia',
  'latvia',
  'lithuania',
  'poland',
  'czech republic',
  'slovakia',
  'hungary',
  'romania',
  'bulgaria',
  'georgia',
  'turkey',
  'jordan',
  'albania',
  'croatia',
  'afghanistan',
  'pakistan',
  'iraq',
  'iran',
  'syria',
  'russia',
  'ukraine',
  'israel',
  'lebanon',
  'yemen',
  'saudi arabia',
  'egypt',
  'libya',
  'sudan',
  'somalia',
  'ethiopia',
  'kenya',
  'uganda',
  'nigeria',
  'niger',
  'chad',
  'mali',
  'burkina faso',
  'cameroon',
  'malaysia',
  'indonesia',
  'bangladesh',
  'nepal',
  'sri lanka',
  'philippines',
  'thailand',
  'myanmar',
  'south korea',
  'japan',
  'mongolia',
  'azerbaijan',
  'armenia',
  'kazakhstan',
  'uzbekistan',
  'tajikistan',
  'kyrgyzstan',
  'belarus',
  'moldova',
  'serbia',
  'slovenia',
  'greece',
  'austria',
  'ireland',
  'luxembourg',
  'montenegro',
  'north macedonia',
  'morocco',
  'algeria',
  'tunisia',
  'mauritania',
  'senegal',
  'guinea',
  'sierra leone',
  'liberia',
  'ghana',
  'togo',
  'benin',
  'rwanda',
  'burundi',
  'tanzania',
  'mozambique',
  'south africa',
  'zimbabwe',
  'zambia',
  'angola',
  'malawi',
  'eritrea',
  'djibouti',
  'south sudan',
  'qatar',
  'bahrain',
  'kuwait',
  'oman',
  'united arab emirates',
  'uae',
  'colombia',
  'mexico',
  'brazil',
  'argentina',
  'chile',
  'peru',
  'el salvador',
  'fiji',
  'tonga',
  'singapore',
  'vietnam',
  'south vietnam',
  'north vietnam',
  'cambodia',
  'laos',
  'india',
  'china',
]);

/**
 * Every claim in the sentence tokens[from, to), in order. A pronoun subject ("he said") stands for
 * `previous`, the last claimant named before this sentence.
 */
export function findClaims(
  text: string,
  tokens: Token[],
  from: number,
  to: number,
  previous: string | null = null,
): Claim[] {
  const claims: Claim[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (t.norm === '(') {
      const name = bracketSource(text, tokens, k, from, to);
      if (name) claims.push({ index: k, name, bracket: true });
      continue;
    }
    if (t.type !== 'word') continue;
    const w = t.norm;
    if (w === 'according' && tokens[k + 1]?.norm === 'to') {
      const name = nameAfter(text, tokens, k + 2, to);
      if (name) claims.push({ index: k, name });
      continue;
    }
    const opener = tokens[k - 1]?.norm;
    if (
      (w === 'per' || w === 'citing' || w === 'quoting') &&
      (k === from || opener === ',' || opener === '(' || opener === 'as' || w !== 'per') &&
      (tokens[k + 1]?.cap || tokens[k + 1]?.norm === 'the')
    ) {
      const name = nameAfter(text, tokens, k + 1, to);
      if (name) claims.push({ index: k, name });
      continue;
    }
    if (w === 'quoted' || w === 'quotes' || w === 'cited' || w === 'cites') {
      // "The BBC quoted a local official as saying ...", "Khaama Press cited a hospital source as
      // saying ...": the one quoted speaks.
      let as = k + 1;
      while (as < Math.min(to, k + 12) && !(tokens[as]?.norm === 'as' && tokens[as + 1]?.norm === 'saying')) as++;
      const name = as < Math.min(to, k + 12) ? nameAfter(text, tokens, k + 1, as) : null;
      if (name) {
        claims.push({ index: as + 1, name });
        continue;
      }
    }
    if ((w === 'saying' || w === 'adding') && tokens[k - 1]?.norm === ',') {
      // "X said in a statement, adding that ...": the speaker already named goes on speaking.
      const named = claims[claims.length - 1];
      if (named) {
        claims.push({ index: k, name: named.name });
        continue;
      }
      // "The Taliban denied the report, saying only 4 had died": the sentence's subject speaks.
      pushSpeaker(claims, k, sentenceSubject(text, tokens, from, k - 1), previous);
      continue;
    }
    if (DATA_VERBS.has(w)) {
      const subject = dataSources(tokens, k, from) ? subjectBefore(text, tokens, k, from) : null;
      if (typeof subject === 'string') claims.push({ index: k, name: subject });
      continue;
    }
    if (TOLL_VERBS.has(w)) {
      // "The ministry raised the death toll to 41", "MINUSMA revised the figure to 157": whoever
      // changes a toll states it; "the blast raised the toll" names no one.
      if (!namesToll(tokens, k + 1, to)) continue;
      const subject = subjectBefore(text, tokens, k, from);
      if (subject === PRONOUN) {
        if (previous) claims.push({ index: k, name: previous });
      } else if (subject && !EVENT_SUBJECT.test(headOf(subject))) claims.push({ index: k, name: subject });
      continue;
    }
    // "Amnesty accused the army of killing 14 villagers": the accuser states the count. Not "fighters
    // accused of killing", "were accused", "the accused".
    if (w === 'accused' || w === 'accuses' || w === 'accusing') {
      if (accusation(tokens, k, from, to)) pushSpeaker(claims, k, subjectBefore(text, tokens, k, from), previous);
      continue;
    }
    // "the army's count of 55 dead", "the monitors' estimate": a count owned by its source.
    const owner = COUNT_NOUNS.has(w) ? possessorBefore(text, tokens, k, from) : null;
    if (owner) {
      claims.push({ index: k, name: owner });
      continue;
    }
    // "The figure of 27 dead was given by the district governor": who gave a toll, in the passive.
    if (
      GIVEN.has(w) &&
      PASSIVE_BEFORE.has(tokens[k - 1]?.norm ?? '') &&
      k - 1 > from &&
      tollBefore(tokens, k - 1, from)
    ) {
      const agent = passiveAgent(text, tokens, k + 1, to);
      if (agent) claims.push({ index: k, name: agent });
      continue;
    }
    // "The Mission received credible reports that 30,000 had fled": who received the reports tells them.
    const received = w === 'reports' && tokens[k + 1]?.norm === 'that' ? receivedBefore(tokens, k, from) : 0;
    if (received > 0) {
      pushSpeaker(claims, k, subjectBefore(text, tokens, received, from), previous);
      continue;
    }
    if (!CLAIM_VERBS.has(w)) continue;
    if (inName(tokens, k, from, to)) continue;
    const prev = tokens[k - 1];
    // "deaths that the coalition had not acknowledged", "could not confirm": no one claims them.
    if (k - 1 >= from && isNegation(prev)) continue;
    if (prev && k - 1 >= from && PASSIVE_BEFORE.has(prev.norm)) {
      // "The toll was put at 45 by local officials", "were confirmed by the ministry": the agent speaks.
      const agent = passiveAgent(text, tokens, k + 1, to);
      if (agent) claims.push({ index: k, name: agent });
      continue;
    }
    // "disputed by local leaders, who said 80 had died": the one the relative clause is about speaks.
    if ((prev?.norm === 'who' || prev?.norm === 'which') && k - 2 >= from && tokens[k - 2]?.norm === ',') {
      const antecedent = phraseBefore(text, tokens, k - 2, from);
      if (antecedent) claims.push({ index: k, name: antecedent });
      continue;
    }
    // "an estimated 500", "a reported 6,000+": a qualifier, not a claim; "its estimate", a noun.
    if (prev && k - 1 >= from && DETERMINERS.has(prev.norm)) continue;
    // "concerned by reports that", "amid claims of": a noun after a preposition, not a verb.
    if (prev && k - 1 >= from && NOUN_AFTER.has(prev.norm) && (w === 'reports' || w === 'claims')) continue;
    if ((w === 'put' || w === 'puts') && !PUT_OBJECTS.has(tokens[k + 1]?.norm ?? '')) continue;
    // "found that 41 had died", "found at least 60 deaths": a finding; "found the bodies", no claim.
    if (w === 'found' && tokens[k + 1]?.norm !== 'that' && !opensCount(tokens[k + 1], tokens[k + 2])) continue;
    // "MSF teams received 98 wounded", "the hospital treated 40 people": who took them in counted them.
    if (RECEIVING.has(w) && (!opensCount(tokens[k + 1], tokens[k + 2]) || afterPronoun(tokens, k, from))) continue;
    if (w.startsWith('attribut') && tokens[k + 1]?.norm === 'to') continue;
    if (w.startsWith('claim')) {
      let sense = false;
      for (let j = k + 1; j < Math.min(to, k + 6); j++) {
        const n = (tokens[j] as Token).norm;
        if (n === 'responsibility' || n === 'lives' || n === 'credit' || n === 'life') sense = true;
      }
      if (sense) continue;
      // "the rebels' claim that 40 troops were killed", "the army's claims": a noun, its owner's claim.
      const claimer = possessorBefore(text, tokens, k, from);
      if (claimer) {
        claims.push({ index: k, name: claimer });
        continue;
      }
    }
    const after = tokens[k + 1];
    // "..., among them children, said Adam Yahya": the speaker follows; what precedes is the report.
    const speaks = SPEECH_FIRST.has(w);
    if (
      speaks &&
      prev?.norm === ',' &&
      after &&
      k + 1 < to &&
      (after.cap || after.norm === 'the' || after.norm === 'a' || after.norm === 'an')
    ) {
      // "Dost Mohammad Nayab, a spokesman for the governor, said the fighting lasted hours": the
      // comma closes an aside about the speaker named before it, and what follows is what was said.
      const named = tokens[k - 2]?.norm !== ',' ? subjectBefore(text, tokens, k, from) : null;
      if (typeof named === 'string' && APPOSED.test(named)) {
        claims.push({ index: k, name: named });
        continue;
      }
      if (!TIME_WORDS.has(after.norm)) {
        const name = nameAfter(text, tokens, k + 1, to);
        // "Omar Zwak, spokesman for the governor, said the shell was fired": a clause follows, so
        // the comma closed an aside about the speaker before the verb.
        if (name && !FINITE.test(name)) {
          claims.push({ index: k, name });
          continue;
        }
      }
    }
    // "A Taliban spokesman rejected the figure and said ...": the clause's subject says it too.
    const subject =
      (prev?.norm === 'and' && k - 1 > from ? coordinatedSubject(text, tokens, from, k - 1) : null) ??
      subjectBefore(text, tokens, k, from);
    if (subject) {
      pushSpeaker(claims, k, subject, previous);
      continue;
    }
    // Postposed: '"...," said Asadullah Nadim' / ', said the ministry.' Only after a quote, a comma or
    // at the sentence's start: after a subject not read as one ("X, spokesman for ..., said the
    // shell was fired"), what follows is the statement, not its speaker.
    const next = tokens[k + 1];
    const postposed = k === from || prev?.norm === ',' || prev?.norm === '"' || prev?.norm === "'";
    // "put the toll at 4", "found that": what follows is the statement, not its speaker.
    if (
      speaks &&
      postposed &&
      next &&
      k + 1 < to &&
      (next.cap || next.norm === 'the' || next.norm === 'a' || next.norm === 'an')
    ) {
      const name = nameAfter(text, tokens, k + 1, to);
      if (name) claims.push({ index: k, name });
    }
  }
  return previous ? claims.map((c) => anaphor(c, previous)) : claims;
}

/** A claim by `speaker` at `index`; a pronoun stands for `previous`, the last speaker named. */
function pushSpeaker(claims: Claim[], index: number, speaker: string | typeof PRONOUN | null, previous: string | null) {
  const name = speaker === PRONOUN ? previous : speaker;
  if (name) claims.push({ index, name });
}

/** Where "received" or "has received" stands before "reports" (an adjective between): its index, else 0. */
function receivedBefore(tokens: Token[], reports: number, from: number): number {
  for (let j = reports - 1; j >= Math.max(from + 1, reports - 3); j--) {
    const n = (tokens[j] as Token).norm;
    if (n === 'received' || n === 'receives' || n === 'gathered') return j;
    if (!NOUN_AFTER.has(n) && n !== 'many') return 0;
  }
  return 0;
}

/** Verbs by which a toll is given, claims only in the passive with a toll as their subject. */
const GIVEN = new Set(['given', 'provided', 'supplied', 'compiled', 'issued', 'quoted', 'cited']);

/** Whether a toll noun ("the figure", "the death toll", "a count") stands within six words before `at`. */
function tollBefore(tokens: Token[], at: number, from: number): boolean {
  for (let j = at - 1; j >= Math.max(from, at - 6); j--) if (TOLL_OBJECTS.has((tokens[j] as Token).norm)) return true;
  return false;
}

/**
 * Whether a capitalised claim verb is a word of a name: "the United States", "Said Ahmad" after a
 * title ("Governor Said Ahmad"), "Gulf States". Not in a headline written in title case ("Army
 * Says 40 Killed"), where every word is capitalised.
 */
function inName(tokens: Token[], k: number, from: number, to: number): boolean {
  const t = tokens[k] as Token;
  const prev = tokens[k - 1];
  if (!t.cap || k === from || prev?.type !== 'word' || !prev.cap) return false;
  let words = 0;
  let lower = 0;
  for (let j = from; j < to; j++) {
    const u = tokens[j] as Token;
    if (u.type !== 'word') continue;
    words++;
    if (!u.cap && !TITLE_SMALL.has(u.norm)) lower++;
  }
  return lower > 0 || words < 3;
}

/** Words a title-case headline leaves in lower case. */
const TITLE_SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'as', 'after']);

/** Whether "accused" at `k` has an accuser and an accused: "X accused Y of", not "Y accused of", "was accused". */
function accusation(tokens: Token[], k: number, from: number, to: number): boolean {
  const prev = tokens[k - 1];
  if (k - 1 < from || !prev || prev.type !== 'word' || PASSIVE_BEFORE.has(prev.norm) || DETERMINERS.has(prev.norm))
    return false;
  if (tokens[k + 1]?.norm === 'of') return false;
  for (let j = k + 2; j < Math.min(to, k + 9); j++) if ((tokens[j] as Token).norm === 'of') return true;
  return false;
}

/** A speaker read with an aside between commas: "Name, role" (subjectBefore joins them with a comma). */
const APPOSED = /, /;

/**
 * The noun phrase that ends just before tokens[end] ("by local leaders" gives "local leaders"): back
 * to a preposition, a verb or a punctuation mark, five words at most.
 */
function phraseBefore(text: string, tokens: Token[], end: number, from: number): string | null {
  let start = end;
  while (start - 1 >= from && end - start < 5) {
    const t = tokens[start - 1] as Token;
    const verb = !t.cap && (/(?:ed|ing)$/.test(t.norm) || IRREGULAR_PAST.has(t.norm) || CLAIM_VERBS.has(t.norm));
    if (t.type !== 'word' || PREPOSITIONS.has(t.norm) || verb) break;
    start--;
  }
  if (start === end) return null;
  const name = cleanClaimant(slice(text, tokens, start, end));
  return name === '' || PRONOUNS.has(name.toLowerCase()) ? null : name;
}

/** Nouns for a count that name their source by a possessive: "the army's count" (not "the city's toll"). */
const COUNT_NOUNS = new Set([
  'count',
  'tally',
  'estimate',
  'estimates',
  'figures',
  'records',
  'statistics',
  'assessment',
]);

/** Who owns the noun at `noun`: "the army's", "the rebels'" before it; null without a possessive. */
function possessorBefore(text: string, tokens: Token[], noun: number, from: number): string | null {
  const prev = tokens[noun - 1];
  if (!prev || noun - 1 < from) return null;
  if (prev.type === 'word' && /['’]s$/.test(prev.norm)) return phraseBefore(text, tokens, noun, from);
  // "rebels'": the apostrophe is a token of its own, glued to a plural.
  const plural = tokens[noun - 2];
  const glued = plural !== undefined && prev.start === plural.end && /['’]/.test(text[prev.start] ?? '');
  if (prev.type === 'punct' && glued && plural.type === 'word' && plural.norm.endsWith('s') && noun - 2 >= from)
    return phraseBefore(text, tokens, noun - 1, from);
  return null;
}

/** "... said they had received 27 wounded": the pronoun's speaker was named by the verb before. */
function afterPronoun(tokens: Token[], verb: number, from: number): boolean {
  let k = verb - 1;
  while (k >= from && /^(?:had|has|have|also|already|now)$/.test((tokens[k] as Token).norm)) k--;
  return k >= from && PRONOUNS.has((tokens[k] as Token).norm);
}

/** Verbs of those who took in the dead and wounded: claims only with the count as their object. */
const RECEIVING = new Set(['received', 'treated']);

/** Whether a count begins here: "41", "at least 60", "more than 100", "nearly 30". */
function opensCount(t: Token | undefined, after: Token | undefined): boolean {
  if (t === undefined) return false;
  if (t.type === 'num' || t.type === 'numword') return true;
  if ((t.norm === 'at' && after?.norm === 'least') || (t.norm === 'more' && after?.norm === 'than')) return true;
  return (
    (t.norm === 'nearly' || t.norm === 'about' || t.norm === 'some') && after !== undefined && after.type !== 'word'
  );
}

/** "not", "never", "n't" just before a verb: "had not acknowledged", "never confirmed". */
function isNegation(t: Token | undefined): boolean {
  return t !== undefined && (t.norm === 'not' || t.norm === 'never' || t.norm === "n't" || t.norm === 't');
}

/** The possessives that make the word after them a noun: "their report", "put its losses at". */
const POSSESSIVES = ['its', 'their', 'his', 'her', 'our'];

/** Words after which a claim verb is a qualifier or a noun: "an estimated 500", "their report". */
const DETERMINERS = new Set(['a', 'an', 'the', 'my', ...POSSESSIVES]);

/** Verbs that give or change a toll: a claim only with the toll as their object. */
const TOLL_VERBS = new Set([
  'gave',
  'gives',
  'raised',
  'raises',
  'lowered',
  'lowers',
  'revised',
  'revises',
  'updated',
  'updates',
  'increased',
  'reduced',
]);
const TOLL_OBJECTS = new Set(['toll', 'tolls', 'figure', 'figures', 'number', 'count', 'tally', 'estimate']);

/** Whether "a higher toll", "the death toll", "its figure" follows within four words. */
function namesToll(tokens: Token[], from: number, to: number): boolean {
  for (let j = from; j < Math.min(to, from + 4); j++) {
    if (TOLL_OBJECTS.has((tokens[j] as Token).norm)) return true;
  }
  return false;
}

/** Subjects that are events, not speakers: "the blast raised the toll to 60". */
const EVENT_SUBJECT =
  /\b(?:attacks?|blasts?|explosions?|bomb(?:ing)?s?|strikes?|raids?|shelling|fighting|clashes|violence|ambush|assault|offensive|fire|rocket|missile|incident|collapse|discovery|deaths?)$/i;

/** A subject without what follows its head: "the discovery of 12 more bodies" is a discovery. */
function headOf(subject: string): string {
  const cut = /\s(?:of|in|on|at|near|from|by|across)\s/.exec(subject);
  return cut ? subject.slice(0, cut.index) : subject;
}

/** What "put" takes when it states a count: "put the toll at 40", "put their losses at five". */
const PUT_OBJECTS = new Set(['the', 'it', ...POSSESSIVES]);

/** Words after which "reports" and "claims" are nouns. */
const NOUN_AFTER = new Set([
  // "could not confirm reports that 40 had died": the object of a verb.
  'confirm',
  'confirmed',
  'verify',
  'verified',
  'deny',
  'denied',
  'dismissed',
  'rejected',
  'received',
  'investigating',
  'were',
  'are',
  'by',
  'of',
  'to',
  'from',
  'amid',
  'despite',
  'about',
  'on',
  'after',
  'with',
  'and',
  'unconfirmed',
  'conflicting',
  'local',
  'media',
  'initial',
  'early',
  // "received credible reports that": adjectives of a noun.
  'credible',
  'reliable',
  'several',
  'numerous',
  'multiple',
  'further',
  'recent',
]);

/** A finite verb: words after "said" that hold one are what was said, not who said it. */
const FINITE = /\b(?:was|were|is|are|had|has|have|will|would)\b/i;

/** What "the statement", "the report" stand for: the words of the last speaker named. */
const DOCUMENT_NOUNS =
  /^(?:statement|report|communiqu[eé]|release|announcement|press release|post|tweet|message|organi[sz]ation|charity|ngo)$/i;

/**
 * A claim by "the statement" or "the spokesman" after a named speaker: the statement is that
 * speaker's, and "the spokesman" is the one just named as a spokesman ("Omar Zwak, spokesman for the
 * governor, said ... the spokesman added"). Any other name stands as written.
 */
function anaphor(claim: Claim, previous: string): Claim {
  const name = claim.name.toLowerCase();
  if (name === previous.toLowerCase() || name.includes(' ')) return claim;
  if (DOCUMENT_NOUNS.test(name)) return { ...claim, name: previous };
  if (
    ROLE_NOUNS.has(name) &&
    previous
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .includes(name)
  )
    return { ...claim, name: previous };
  return claim;
}

/**
 * The claim of a figure whose words end before token `end`: a bracketed source right after them,
 * else the claim nearest before `at`, else the first after it (claims are in token order).
 */
export function pickClaim(claims: Claim[], at: number, end = -1): Claim | null {
  for (const c of claims) if (c.bracket && c.index === end) return c;
  // "to 1,200, according to local groups": a source right after the count's comma is its own.
  for (const c of claims) if (!c.bracket && c.index === end + 1 && c.index > at) return c;
  let lo = 0;
  let hi = claims.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((claims[mid] as Claim).index <= at) lo = mid + 1;
    else hi = mid;
  }
  // A source in brackets is its own count's, never one told before or after it ("8 killed
  // (Australia), 21 wounded (UK figures), 3 captured").
  for (let k = lo - 1; k >= 0; k--) if (!(claims[k] as Claim).bracket) return claims[k] as Claim;
  for (let k = lo; k < claims.length; k++) if (!(claims[k] as Claim).bracket) return claims[k] as Claim;
  return null;
}
