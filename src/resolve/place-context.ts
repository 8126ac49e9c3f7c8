/**
 * What the rest of a report says about where it is: the countries it is about, and what the words
 * around a name say it is (a facility named after a person or a town, a city speaking for its
 * government, a person's name). A coder reads a name this way before looking it up. Pure.
 */
import { isCapital } from './capitals.js';
import type { GazetteerEntry } from './gazetteer.js';
import type { PlaceMention } from './place-scan.js';

/** Adjectives (and a few names) that say which country a report is about: "Iraqi forces", "Sudanese army". */
const DEMONYMS: ReadonlyMap<string, string> = new Map([
  ['South Sudanese', 'SS'],
  ['Sudanese', 'SD'],
  ['Iraqi', 'IQ'],
  ['Ukrainian', 'UA'],
  ['Russian', 'RU'],
  ['Yemeni', 'YE'],
  ['Houthi', 'YE'],
  ['Houthis', 'YE'],
  ['Syrian', 'SY'],
  ['Somali', 'SO'],
  ['al-Shabaab', 'SO'],
  ['Burmese', 'MM'],
  ['Tatmadaw', 'MM'],
  ['Rohingya', 'MM'],
  ['Afghan', 'AF'],
  ['Taliban', 'AF'],
  ['Israeli', 'IL'],
  ['Palestinian', 'PS'],
  ['Lebanese', 'LB'],
  ['Libyan', 'LY'],
  ['Malian', 'ML'],
  ['Nigerian', 'NG'],
  ['Nigerien', 'NE'],
  ['Burkinabe', 'BF'],
  ['Burkinabé', 'BF'],
  ['Ethiopian', 'ET'],
  ['Tigrayan', 'ET'],
  ['Eritrean', 'ER'],
  ['Congolese', 'CD'],
  ['Kenyan', 'KE'],
  ['Pakistani', 'PK'],
  ['Iranian', 'IR'],
  ['Turkish', 'TR'],
  ['Saudi', 'SA'],
  ['Egyptian', 'EG'],
  ['Colombian', 'CO'],
  ['Mexican', 'MX'],
  ['Chadian', 'TD'],
  ['Cameroonian', 'CM'],
  ['Mozambican', 'MZ'],
  ['Azerbaijani', 'AZ'],
  ['Armenian', 'AM'],
  ['Haitian', 'HT'],
  ['Filipino', 'PH'],
  ['Philippine', 'PH'],
]);
// One pass over the text for all of them, longest first so "South Sudanese" is not read as "Sudanese".
const DEMONYM_PATTERN = new RegExp(
  `(?<![\\p{L}-])(?:${[...DEMONYMS.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`,
  'gu',
);

/** Weights of the evidence for a country: a country named, a division, a town, an adjective. */
const COUNTRY_WEIGHT = 3;
const DIVISION_WEIGHT = 2;
const TOWN_WEIGHT = 1;
const DEMONYM_WEIGHT = 1;
const DEMONYM_CAP = 4;
/** A country counts as one the report is about when it has this share of the leading country's weight. */
const COUNTRY_SHARE = 0.25;

const KIND_ORDER: readonly GazetteerEntry['kind'][] = [
  'country',
  'province',
  'city',
  'district',
  'area',
  'town',
  'village',
];

/**
 * The one country a name stands for: that of its weightiest readings (Herat the Afghan province before
 * a hamlet of that name in Iran), or of a city far larger than any namesake (Mosul). Null when unsure.
 */
function unambiguousCountry(entries: readonly GazetteerEntry[]): string | null {
  const kind = KIND_ORDER.find((k) => entries.some((e) => e.kind === k));
  const top = new Set(entries.filter((e) => e.kind === kind).map((e) => e.country));
  const [only] = top;
  // ...unless a large city of the name lies elsewhere: Tripoli is a Libyan district and a Lebanese city.
  const rival = entries.some((e) => e.country !== only && (e.population ?? 0) >= 100_000);
  if (top.size === 1 && (kind === 'country' || kind === 'province') && !rival) return only as string;
  const countries = new Set(entries.map((e) => e.country));
  if (countries.size === 1) return [...countries][0] as string;
  const sized = [...entries].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const [largest, next] = sized;
  const pop = largest?.population ?? 0;
  if (largest !== undefined && pop >= 100_000 && pop >= 10 * (next?.population ?? 0)) return largest.country;
  return null;
}

/**
 * The countries a report is about, from the places it names (weighted by kind), the adjectives it uses
 * and its dateline; empty when it names none.
 */
export function documentCountries(
  text: string,
  mentions: readonly PlaceMention[],
  facility: (m: PlaceMention) => boolean = (m) => isFacility(text, m),
): Set<string> {
  const votes = new Map<string, number>();
  const add = (cc: string, w: number) => votes.set(cc, (votes.get(cc) ?? 0) + w);
  for (const m of mentions) {
    // By sound alone ("Emirate" ~ Imereti, "Laden" ~ Leiden) a name says nothing about the country.
    if (!m.exact || facility(m)) continue;
    const cc = unambiguousCountry(m.entries);
    if (cc === null) continue;
    const kinds = new Set(m.entries.map((e) => e.kind));
    add(
      cc,
      kinds.has('country')
        ? COUNTRY_WEIGHT
        : kinds.has('province')
          ? DIVISION_WEIGHT
          : TOWN_WEIGHT * (m.exact ? 1 : 0.5),
    );
  }
  const adjectives = new Map<string, number>();
  for (const [word] of text.matchAll(DEMONYM_PATTERN)) {
    const cc = DEMONYMS.get(word) as string;
    adjectives.set(cc, Math.min(DEMONYM_CAP, (adjectives.get(cc) ?? 0) + 1));
  }
  for (const [cc, n] of adjectives) add(cc, n * DEMONYM_WEIGHT);
  const max = Math.max(0, ...votes.values());
  return new Set([...votes].filter(([, v]) => v >= Math.max(1, max * COUNTRY_SHARE)).map(([cc]) => cc));
}

/** Words after a name that make it the name of a building or site: "Mirwais Hospital", "Zamzam camp". */
const FACILITY_AFTER =
  /^[\s'’s]{0,3}(?:(?:girls|boys|high|primary|secondary|district|provincial|regional|central|teaching|military|air|international|civil|central|main|old|new)\s+){0,2}(?:school|mosque|masjid|hospital|clinic|university|college|madras+a|seminary|prison|jail|(?:air)?base|airfield|airport|airstrip|compound|hotel|market|bazaar|stadium|shrine|church|cathedral|temple|monastery|embassy|consulate|dam|checkpoint|bridge|headquarters|barracks|academy|refinery|camp|station|plant|factory|mall|square|palace|garrison|outpost)s?\b/i;
/** Words before a name that make it a site: "Camp Bastion", "Forward Operating Base Ramrod", "Fort Hood". */
const FACILITY_BEFORE = /\b(?:camp|fort|forward operating base|fob|combat outpost|cop|base|firebase)\s+$/i;

export function isFacility(text: string, m: PlaceMention): boolean {
  return (
    FACILITY_AFTER.test(text.slice(m.span.end, m.span.end + 40)) ||
    FACILITY_BEFORE.test(text.slice(Math.max(0, m.span.start - 30), m.span.start))
  );
}

/**
 * A city named as the seat of whoever speaks ("Kyiv said", "a press conference in Kabul") is where
 * words came from, not where the event happened. So are officials in a capital ("officials in
 * Baghdad said"), who speak for the government; officials in any other place speak for that place
 * ("Officials in Mykolaiv say two people were killed"), which is then where the event was.
 */
const SPEAKS_AFTER =
  /^\s*(?:has\s+|had\s+|also\s+)?(?:said|says|say|announced|claimed|denied|accused|blamed|confirmed|condemned|warned|responded|stated|insisted|rejected|welcomed|demanded|told)\b/i;
// "the government in Kabul", but not "government forces in Khogyani district", where the forces acted.
const SPEAKER_BEFORE =
  /\b(?:(?:reporters|journalists|press conference|news conference|briefing|speaking|statement|ministry|embassy|headquartered|based|talks|negotiations|summit|meeting)\s+(?:\w+\s+){0,2}|government\s+)(?:in|from)\s+$/i;
const PREPOSITION_BEFORE = /\b(?:in|from|at|of|for)\s+(?:the\s+)?$/i;
const OFFICIALS_BEFORE = /\b(?:officials?|spokes(?:man|woman|person)|authorities)\s+(?:\w+\s+){0,2}(?:in|from)\s+$/i;
// "hospital officials in Misrata": where the wounded were taken, not where they were wounded.
const MEDICAL_BEFORE =
  /\b(?:hospitals?|health|medical|morgue|mortuary)\s+(?:officials?|sources?|staff|workers|authorities|directors?)\s+(?:\w+\s+){0,2}(?:in|from)\s+$/i;

// ", officials in Kandahar said", "a police spokesman in Herat told reporters": where the words were
// heard. The event may be elsewhere in the sentence ("overran Shah Wali Kot district, officials in
// Kandahar said").
const HEARD_BEFORE =
  /\b(?:officials?|police|authorities|spokes(?:man|woman|person)|residents|witnesses|sources|elders|medics|doctors|governor|council)\s+(?:\w+\s+){0,2}(?:in|from)\s+(?:the\s+)?$/i;
const HEARD_AFTER =
  /^(?:\s+(?:city|province))?\s*,?\s*(?:has\s+|had\s+|also\s+)?(?:said|says|say|told|reported|confirmed|added)\b/i;

/** Whether a place is where a sentence's sources spoke: its place only if the sentence names no other. */
export function isHeardPlace(text: string, m: PlaceMention): boolean {
  return (
    HEARD_BEFORE.test(text.slice(Math.max(0, m.span.start - 40), m.span.start)) &&
    HEARD_AFTER.test(text.slice(m.span.end, m.span.end + 40))
  );
}

export function isSourcePlace(text: string, m: PlaceMention): boolean {
  const before = text.slice(Math.max(0, m.span.start - 60), m.span.start);
  return (
    // "Kyiv said": the city is the speaker; in "officials in Lviv said" the speakers are the officials.
    (SPEAKS_AFTER.test(text.slice(m.span.end, m.span.end + 30)) && !PREPOSITION_BEFORE.test(before)) ||
    SPEAKER_BEFORE.test(before) ||
    MEDICAL_BEFORE.test(before) ||
    (OFFICIALS_BEFORE.test(before) && m.entries.some(isCapital))
  );
}

/** Words that, written just before a name, make it a person's: "President Ghani", "Gen. Dostum". */
/** Whether the one or two capitalised words just before (a space apart) hold a given name. */
function afterGivenName(before: string): boolean {
  const words = /(?:(\p{Lu}[\p{L}\p{M}'’-]*)[ \t]+)?(\p{Lu}[\p{L}\p{M}'’-]*)[ \t]+$/u.exec(before);
  if (!words) return false;
  return [words[1], words[2]].some((w) => w !== undefined && GIVEN_NAMES.has(w.toLowerCase()));
}

const TITLE_BEFORE =
  /\b(?:mr|mrs|ms|dr|president|gen|general|col|colonel|commander|cmdr|sheikh|shaikh|imam|mullah|maulvi|minister|captain|capt|major|maj|lt|lieutenant|sgt|sergeant|governor|mayor|judge|prince|king|emir|amir|haji|sayed|syed|mawlawi|brother|son|daughter|wife|father|named|called)\.?\s+$/i;
/** Capitalised words that open sentences and name no one: "In Mosul", "On Tuesday Aden". */
const FUNCTION_WORDS = new Set([
  'in',
  'on',
  'at',
  'from',
  'the',
  'and',
  'but',
  'near',
  'outside',
  'inside',
  'when',
  'after',
  'before',
  'since',
  'while',
  'as',
  'of',
  'to',
  'by',
  'for',
  'with',
  'into',
  'across',
  'around',
  'toward',
  'towards',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'north',
  'south',
  'east',
  'west',
]);

/**
 * Given names common among the people these reports quote and name, each also a word the gazetteer
 * may hold as a village: after one of them, a capitalised word is the rest of a person's name
 * ("Mohammad Hussain Ahmadi" is no town in Kuwait).
 */
const GIVEN_NAMES = new Set(
  `mohammad muhammad mohammed muhammed mohamed ahmad ahmed ali hussain husain hussein hassan hasan abdul abdel abdullah
  abdallah abdur abdul-rahman mahmoud mahmud omar umar khalid zabihullah rahmatullah ibrahim yusuf yousuf yousef ismail
  karim rahim jamal farid nasir bashir rashid aziz hamid majid wahid zahir zaher nur noor gul mir sayed syed hafiz
  qari mawlawi mullah haji amir said saeed salahuddin nasrullah hekmatullah habibullah amanullah inayatullah
  fazal fazl ghulam sher dost wali jan`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * A single word written after a title is a person's name ("General Ali", "Colonel Victoria"), and so
 * is one written after a given name ("Mohammad Hussain Ahmadi", whatever the gazetteer holds for
 * "Hussain"); so is one the gazetteer knows only as a town, written beside another capitalised word
 * that is no place ("Ahmed Hassan").
 */
export function looksLikePersonName(text: string, m: PlaceMention, isPlaceAt: (offset: number) => boolean): boolean {
  if (/\s/.test(m.span.text)) return false;
  const before = text.slice(Math.max(0, m.span.start - 30), m.span.start);
  if (TITLE_BEFORE.test(before)) return true;
  if (!m.entries.some((e) => e.kind === 'country') && afterGivenName(before)) return true;
  if (!m.entries.every((e) => e.kind === 'city' || e.kind === 'town' || e.kind === 'village')) return false;
  const prev = /(\p{Lu}[\p{L}\p{M}'’-]*)[ \t]+$/u.exec(before);
  // A word capitalised only because it opens the sentence is no evidence: "Yesterday Aden was calm".
  const opensSentence = prev !== null && /(?:^|[.!?:\n]\s*)$/.test(before.slice(0, before.length - prev[0].length));
  if (
    prev !== null &&
    !opensSentence &&
    !FUNCTION_WORDS.has((prev[1] as string).toLowerCase()) &&
    !isPlaceAt(m.span.start - prev[0].length)
  )
    return true;
  const after = /^[ \t]+(\p{Lu}[\p{L}\p{M}'’-]*)/u.exec(text.slice(m.span.end, m.span.end + 30));
  if (after === null || isPlaceAt(m.span.end + after[0].length - (after[1] as string).length)) return false;
  return (
    !FACILITY_AFTER.test(after[0]) &&
    !/^(?:Province|District|City|Region|Oblast|Governorate|State)$/.test(after[1] as string)
  );
}
