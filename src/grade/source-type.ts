import type { DocumentKind } from '../core/document.js';
import type { SourceType } from '../core/grade.js';
import { findDateline } from '../ingest/text-clues.js';

/** What a document tells about who published it: metadata, where it came from, and the top of its text. */
export interface SourceClues {
  publisher: string | null;
  /** Path or URL it was ingested from. */
  source: string;
  title: string | null;
  kind: DocumentKind;
  /** The first few thousand characters of the text: headline, byline, dateline. */
  head: string;
  /** The last few hundred characters: credit lines ("AFP contributed to this report") sit there. */
  tail?: string;
}

export interface SourceGuess {
  type: SourceType;
  agency: string | null;
  /** Which clue decided, for the reviewer who checks the guess. */
  reason: string;
}

// Clues sit in the header; a news story quoting "the ministry said" further down is still news.
const HEADER_CHARS = 600;

const SOCIAL_HOSTS =
  /(?:^|\.)(?:twitter\.com|x\.com|t\.me|telegram\.(?:me|org)|facebook\.com|fb\.com|instagram\.com|youtube\.com|youtu\.be|tiktok\.com|vk\.com|reddit\.com|mastodon\.[a-z]+|bsky\.app|threads\.net)$/i;
const SOCIAL_NAMES = /^(?:twitter|x|telegram|facebook|instagram|youtube|tiktok|vkontakte|reddit|bluesky|threads)\b/i;
// A post copied as text: "@handle · 3h", "Posted on Telegram", "Tweet by".
const SOCIAL_HEADER =
  /^\s*@\w{2,30}\b|\b(?:posted|tweeted|shared) (?:on|to) (?:X|Twitter|Telegram|Facebook)\b|\btweet by\b/im;

const ENCYCLOPEDIA = /wikipedia|wikiwand|encyclop|britannica|\bwiki\b/i;

const UN_NGO_NAMES =
  /\b(?:United Nations|UN (?:Assistance Mission|Security Council|Human Rights|Office|Mission|agency|News)|UNAMA|UNAMI|UNSMIL|UNMISS|MONUSCO|MINUSMA|OCHA|OHCHR|UNHCR|UNICEF|UNDP|UNFPA|WFP|WHO|IOM|ICRC|International Committee of the Red Cross|Red Crescent|Red Cross|IFRC|Amnesty International|Human Rights Watch|HRW|M[ée]decins Sans Fronti[èe]res|Doctors Without Borders|MSF|Save the Children|Norwegian Refugee Council|NRC|International Rescue Committee|Oxfam|Airwars|ACLED|Iraq Body Count|Syrian Observatory|Insecurity Insight|ReliefWeb|Civilian Monitor|Monitoring (?:Group|Mission|Centre|Center)|Humanitarian Forum|Human Rights Commission|Commission of Inquiry)\b/;
const UN_NGO_HOSTS =
  /(?:^|\.)(?:un\.org|unama\.unmissions\.org|unmissions\.org|ohchr\.org|unocha\.org|reliefweb\.int|unhcr\.org|unicef\.org|who\.int|iom\.int|wfp\.org|icrc\.org|ifrc\.org|amnesty\.org|hrw\.org|msf\.org|airwars\.org|acleddata\.com|iraqbodycount\.org|savethechildren\.[a-z.]+|nrc\.no|rescue\.org|oxfam\.org)$/i;

// Governments, armed forces and armed groups speaking for themselves.
const PARTY_NAMES =
  /\b(?:Ministry of (?:Defen[cs]e|Interior|Foreign Affairs|Information)|(?:Defen[cs]e|Interior|Foreign) Ministry|Ministry|Armed Forces|General Staff|Joint Staff|Defen[cs]e Forces|Presidential Office|Office of the President|Prime Minister's Office|Government of|Kremlin|Pentagon|Department of Defense|ISPR|Inter-Services Public Relations|IDF|Voice of Jihad|Al-Emarah|Amaq|Islamic Emirate|Spokes(?:man|woman|person)(?:'s Office)?)\b/;
const PARTY_HOSTS =
  /(?:\.gov(?:\.[a-z]{2})?|\.mil(?:\.[a-z]{2})?|\.gob\.[a-z]{2}|\.gouv\.[a-z]{2}|\.mod\.[a-z.]+|^mod\.[a-z.]+)$/i;

const NEWS_NAMES =
  /\b(?:News|Times|Post|Press|Herald|Tribune|Journal|Gazette|Guardian|Telegraph|Independent|Observer|Daily|Wire|Agency|Reuters|Associated Press|AP|AFP|Agence France-Presse|BBC|CNN|Al Jazeera|Xinhua|dpa|EFE|ANSA|Anadolu|IRNA|TASS|Interfax|UPI|ANI|Kyodo|Yonhap|Radio|Television|TV|Channel|Broadcasting|Dawn|Pajhwok|TOLOnews|Khaama|Ariana|Amu|Kyiv Independent|Ukrainska Pravda|Haaretz|Le Monde|Der Spiegel|El Pa[ií]s)\b/;
const NEWS_HOSTS =
  /(?:^|\.)(?:reuters\.com|apnews\.com|afp\.com|bbc\.(?:co\.uk|com)|cnn\.com|aljazeera\.(?:com|net)|nytimes\.com|washingtonpost\.com|theguardian\.com|dawn\.com|tolonews\.com|pajhwok\.com|khaama\.com|ariananews\.af|amu\.tv|kyivindependent\.com|haaretz\.com|lemonde\.fr|spiegel\.de|elpais\.com|xinhuanet\.com|aa\.com\.tr)$/i;

/**
 * The source type from the clues a document carries, most telling first: a host or publisher that is
 * a platform, an encyclopedia, the UN or an NGO, a party, a news outlet; then the shape of the text
 * (a dateline or byline is news; a press release names its organisation in the header).
 */
export function guessSourceType(clues: SourceClues): SourceGuess {
  const host = hostOf(clues.source);
  const publisher = clues.publisher?.trim() ?? '';
  const header = clues.head.slice(0, HEADER_CHARS);
  const agency = findAgency(clues.head, publisher, clues.tail);
  const guess = (type: SourceType, reason: string): SourceGuess => ({ type, agency, reason });

  if ((host && SOCIAL_HOSTS.test(host)) || SOCIAL_NAMES.test(publisher))
    return guess('social_media', `published on ${host ?? publisher}`);
  if (clues.kind === 'encyclopedia' || ENCYCLOPEDIA.test(publisher) || (host && ENCYCLOPEDIA.test(host))) {
    return guess(
      'encyclopedia',
      clues.kind === 'encyclopedia' ? 'reads as an encyclopedia article' : `publisher ${publisher || host}`,
    );
  }
  if (host && UN_NGO_HOSTS.test(host)) return guess('un_ngo', `published at ${host}`);
  if (host && PARTY_HOSTS.test(host)) return guess('party', `published at a government or military site (${host})`);
  if (publisher !== '') {
    if (UN_NGO_NAMES.test(publisher)) return guess('un_ngo', `publisher ${publisher}`);
    if (PARTY_NAMES.test(publisher)) return guess('party', `publisher ${publisher}`);
    if (NEWS_NAMES.test(publisher) || (host && NEWS_HOSTS.test(host))) return guess('news', `publisher ${publisher}`);
  }
  if (host && NEWS_HOSTS.test(host)) return guess('news', `published at ${host}`);
  if (agency !== null || findDateline(header) !== null) {
    return guess('news', agency ? `credits the agency ${agency}` : 'opens with a wire dateline');
  }
  if (SOCIAL_HEADER.test(header)) return guess('social_media', 'reads as a copied social media post');
  const headerLines = firstLines(header, 6);
  const org = headerLines.find((l) => UN_NGO_NAMES.test(l));
  const party = headerLines.find((l) => PARTY_NAMES.test(l) && !UN_NGO_NAMES.test(l));
  if (clues.kind === 'report' && org) return guess('un_ngo', `header names ${shorten(org)}`);
  if (clues.kind === 'report' && party) return guess('party', `header names ${shorten(party)}`);
  if (org && /\b(?:press release|statement|report|update)\b/i.test(header))
    return guess('un_ngo', `header names ${shorten(org)}`);
  if (clues.kind === 'news') return guess('news', 'reads as a news article (byline or publication line)');
  if (clues.kind === 'report') return guess('un_ngo', 'reads as a report or press release by an organisation');
  return guess('unknown', 'no clue to who published it');
}

const AGENCIES: [RegExp, string][] = [
  [/\bReuters\b/, 'Reuters'],
  [/\b(?:Associated Press|AP)\b/, 'AP'],
  [/\b(?:Agence France[- ]Presse|AFP)\b/, 'AFP'],
  [/\bXinhua\b/, 'Xinhua'],
  [/\b(?:Deutsche Presse-Agentur|dpa)\b/, 'dpa'],
  [/\bEFE\b/, 'EFE'],
  [/\bANSA\b/, 'ANSA'],
  [/\bAnadolu(?: Agency)?\b/, 'Anadolu'],
  [/\bIRNA\b/, 'IRNA'],
  [/\bTASS\b/, 'TASS'],
  [/\bInterfax\b/, 'Interfax'],
  [/\bUPI\b/, 'UPI'],
  [/\bANI\b/, 'ANI'],
  [/\bKyodo\b/, 'Kyodo'],
  [/\bYonhap\b/, 'Yonhap'],
];

// "(Reuters)", "(AP) —", "— AFP", "Reporting by Reuters", "Source: AFP", "AFP contributed to this report".
const CREDIT_PATTERNS = [
  /\(([A-Z][\w .&'-]{0,40})\)\s*(?:[-–—]|--)/,
  /\b(?:Source|Sources|Credit|Via|Copyright|©)\s*:?\s*([A-Z][\w .&'-]{1,40}?)\s*$/m,
  /\b(?:reporting by|additional reporting by|written by staff of)\s+([A-Z][\w .&'-]{1,40}?)[.;,\n]/i,
  /\b([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}) contributed to this (?:report|story)\b/,
];

/**
 * The agency a document credits: the dateline's "(Reuters)", a credit line, or the publisher when it
 * is itself an agency. Two documents crediting one agency repeat one report.
 */
export function findAgency(head: string, publisher: string | null, tail = ''): string | null {
  const dateline = findDateline(head);
  const credits = [dateline?.agency ?? null];
  for (const text of [head, tail]) for (const pattern of CREDIT_PATTERNS) credits.push(pattern.exec(text)?.[1] ?? null);
  for (const credit of credits) {
    if (credit === null) continue;
    const known = knownAgency(credit);
    if (known) return known;
  }
  if (publisher) {
    const known = knownAgency(publisher);
    if (known && publisher.length <= 40) return known;
  }
  // An agency Tally does not know, credited in a dateline, still ties its copies together.
  const named = dateline?.agency?.trim();
  return named ? named.replace(/\s+/g, ' ') : null;
}

function knownAgency(text: string): string | null {
  for (const [pattern, name] of AGENCIES) if (pattern.test(text)) return name;
  return null;
}

/** The host of a URL source; null for a file path. */
export function hostOf(source: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return null;
  try {
    return new URL(source).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

function firstLines(text: string, n: number): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) =>
      l
        .replace(/[*_]{2,}/g, '')
        .replace(/^[#*\s>_-]+|[*_\s]+$/g, '')
        .trim(),
    )
    .filter((l) => l !== '' && l.length <= 120)
    .slice(0, n);
}

function shorten(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
