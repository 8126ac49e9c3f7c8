import type { Commander } from '../core/figure.js';

/**
 * Leftovers of wiki and HTML markup in infobox values: image sizes ("23px"), "class=skin-invert|20px",
 * link brackets, footnote marks, status marks glued to names ("Mahdi MujahidKIA"), empty list items
 * and stray "----". Works on copies of values; the document text is never changed.
 */

const BLOCK_TAG = /<\s*\/?\s*(?:br|hr|li|p|div|tr|td|th|dd|dt|ul|ol)\b[^<>]{0,500}>/gi;
const SUP = /<sup\b[^<>]{0,500}>[^<]{0,300}<\/sup>/gi;
const TAG = /<[^<>]{0,2000}>/g;
const REF = /<ref\b[^<>]{0,500}\/>|<ref\b[^<>]{0,500}>[\s\S]{0,3000}?<\/ref\s*>/gi;
const SHOWN_TEMPLATE =
  /\{\{\s*(?:flag|flagcountry|flagu|flag country|nowrap|nobold|small|big|lang-?\w{0,10})\s*\|\s*([^{}|]{1,120})(?:\|[^{}]{0,120})?\}\}/gi;
// {{KIA}} displays "†", {{KIA2}} "(KIA)", {{PKIA}} "(PKIA)" (presumed killed); all read as KIA.
const STATUS_TEMPLATE = /\{\{\s*(KIA2?|PKIA|POW|WIA|MIA|DOW|died of wounds|executed|k\.i\.a\.)\s*\}\}/gi;
const STATUS_OF_TEMPLATE: Record<string, string> = {
  kia2: 'KIA',
  pkia: 'KIA',
  'died of wounds': 'DOW',
  'k.i.a.': 'KIA',
};
const ICON_TEMPLATE =
  /\{\{\s*(?:flagicon|flagdeco|flag icon|flagicon image|flagdeco image|efn|sfn|refn|r)\b[^{}]{0,300}\}\}/gi;
const LIST_OPENER =
  /\{\{\s*(?:ubl|unbulleted list|bulleted list|plainlist|plain list|flatlist|hlist|collapsible list)\s*\|/gi;
const LIST_TEMPLATE =
  /\{\{\s*(?:ubl|unbulleted list|bulleted list|plainlist|plain list|flatlist|hlist|collapsible list)\s*\|([^{}]{0,3000})\}\}/gi;
const ENTITY = /&(nbsp|amp|ndash|mdash|quot|apos|lt|gt|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

const IMG = /<img\b[^<>]{0,2000}>/gi;

/** A status icon says "Killed in action" only in its alt text or title; other images go. */
function iconStatus(tag: string): string {
  const label = /\b(?:alt|title)\s*=\s*["']([^"']{1,80})["']/i.exec(tag)?.[1] ?? '';
  if (/\bkilled in action\b|^\s*kia\s*$/i.test(label)) return ' KIA ';
  if (/\bprisoner of war\b|^\s*pow\s*$/i.test(label)) return ' (POW) ';
  if (/\bwounded in action\b|^\s*wia\s*$/i.test(label)) return ' (WIA) ';
  if (/\bdied of wounds\b/i.test(label)) return ' (DOW) ';
  if (/\bexecuted\b/i.test(label)) return ' (executed) ';
  return ' ';
}

function decodeEntity(_: string, body: string): string {
  const b = body.toLowerCase();
  if (b === 'nbsp') return ' ';
  if (b === 'amp') return '&';
  if (b === 'ndash' || b === 'mdash') return '–';
  if (b === 'quot' || b === 'apos') return '"';
  if (b === 'lt') return '<';
  if (b === 'gt') return '>';
  const code = b.startsWith('#x') ? Number.parseInt(b.slice(2), 16) : Number.parseInt(b.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
}

/** Turns markup into plain text, with list breaks as newlines. */
export function cleanMarkup(raw: string): string {
  return (
    raw
      .replace(REF, ' ')
      .replace(IMG, iconStatus)
      .replace(SUP, ' ')
      .replace(BLOCK_TAG, '\n')
      .replace(TAG, ' ')
      .replace(ENTITY, decodeEntity)
      // [[target|label]] -> label, [[target]] -> target
      .replace(/\[\[(?:[^\][|]{0,200}\|)?([^\][|]{0,200})\]\]/g, '$1')
      .replace(ICON_TEMPLATE, ' ')
      // Templates that display their argument: "{{flag|Somalia}}" shows the name beside the flag.
      .replace(SHOWN_TEMPLATE, ' $1 ')
      // Status templates keep their mark ("{{KIA}}" -> " KIA"); other templates go.
      .replace(STATUS_TEMPLATE, (_, mark: string) => ` ${STATUS_OF_TEMPLATE[mark.toLowerCase()] ?? mark} `)
      .replace(LIST_TEMPLATE, (_, items: string) => `\n${items.split('|').join('\n')}\n`)
      .replace(LIST_OPENER, '\n')
      .replace(/\{\{[^{}]{0,300}\}\}/g, ' ')
      .replace(/\{\{|\}\}/g, ' ')
      .replace(/\[\d{1,3}\]|\[(?:citation|note) needed\]|\[[a-z]\]/gi, ' ')
      .replace(/\bclass=[^\s|]{0,80}(?:\|\S{0,40})?/gi, ' ')
      .replace(/\bskin-invert\S{0,40}/gi, ' ')
      .replace(/\b(?:upright=)?\d{1,4}(?:x\d{1,4})?px\b/gi, ' ')
      .replace(/\b(?:File|Image):\S{0,200}/g, ' ')
      .replace(/\]\]|\[\[|'''|''/g, ' ')
      .replace(/-{3,}/g, '\n')
      .replace(/[ \t\u00a0]+/g, ' ')
  );
}

/** One item per line, comma, semicolon or bullet, outside parentheses; empty items dropped. */
export function splitList(raw: string): string[] {
  const text = cleanMarkup(raw);
  const items: string[] = [];
  let depth = 0;
  let current = '';
  const push = () => {
    const item = tidy(current);
    if (item) items.push(item);
    current = '';
  };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    const digitComma = ch === ',' && /\d/.test(chars[i - 1] ?? '') && /\d/.test(chars[i + 1] ?? '');
    if (
      depth === 0 &&
      !digitComma &&
      (ch === ',' || ch === ';' || ch === '\n' || ch === '*' || ch === '•' || ch === '·')
    ) {
      push();
      continue;
    }
    current += ch;
  }
  push();
  return items;
}

const GLUED_WORDS = /(\p{L}*\p{Ll})(\p{Lu}\p{Ll})/gu;
const NAME_PREFIXES = /^(?:mac|fitz|van|von|del|des|della|dos|das|ibn|bin|abu|kwa)$/i;

/**
 * Copies that drop line breaks glue a cell's items: "Mullah BurjanHaji Shakir", "al-ShamSupported by".
 * A lower-case letter met by a capitalised word starts a new item; "McCain", "MacArthur", "DeVos" and
 * a status glued to a name ("MujahidKIA") stay as they are.
 */
export function unglue(text: string): string {
  return text.replace(GLUED_WORDS, (all, left: string, right: string, at: number) => {
    if (left.length < 3 || NAME_PREFIXES.test(left)) return all;
    // "Mohammad FazlSurrendered", "Shirin GulExecuted": a status glued to the name, not a new name.
    if (GLUED_STATUS.test(text.slice(at + left.length))) return `${left} ${right}`;
    return `${left}\n${right}`;
  });
}

const GLUED_STATUS = /^(?:Surrendered|Executed|Killed|Captured|Wounded|Assassinated)\b/;

/** Names from a Belligerents or Commanders cell, one per item. */
export function splitNames(raw: string): string[] {
  return splitList(unglue(cleanMarkup(raw)));
}

/** Trims separators, stray punctuation and surrounding quotes. */
export function tidy(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  t = t.replace(/^[\s,;:|*•·\-–—]+|[\s,;:|*•·\-–—]+$/g, '');
  t = t.replace(/^["“”'‘’]+|["“”'‘’]+$/g, '').trim();
  if (t === '()' || !/[\p{L}\p{N}]/u.test(t)) return '';
  return t.replace(/\s*\(\s*\)\s*$/, '').trim();
}

/** A cleaned single value ("Balkhab, Sar-e Pol, Afghanistan"). */
export function cleanValue(raw: string): string {
  return splitList(raw).join(', ');
}

// "Supported by:", "Support:", and the kind of support named before it ("Air support:", "Naval support:").
const SUPPORT =
  /\b(?:(?:allegedly|reportedly|also|partly|covertly|indirectly)\s+)?(?:supported|backed|assisted)\s+by\s*:?|\b(?:(?:air|naval|military|logistic(?:al)?|material|financial|artillery|intelligence|humanitarian)\s+)?support\s*:|\bin support\s*:?/i;

// A label that heads the co-belligerents in a cell ("Allies:", "Allied groups:"), which names nobody.
const GROUP_LABEL =
  /^(?:allies|allied(?: groups| forces| militias)?|co-?belligerents|belligerents|other groups|including)$/i;

/** "ISAF: Canada": a coalition's name before its first member, both parties of the side. */
const HEADED = /^([^:]{2,40}?)\s*:\s*(\S.*)$/;

function belligerents(text: string): string[] {
  return splitList(text)
    .flatMap((name) => {
      const m = HEADED.exec(name);
      return m ? [m[1] as string, m[2] as string] : [name];
    })
    .filter((name) => !GROUP_LABEL.test(name));
}

/** Belligerents with "Supported by:" parties moved aside. */
export function splitCombatants(raw: string): { combatants: string[]; supporters: string[] } {
  const cleaned = unglue(cleanMarkup(raw));
  const m = SUPPORT.exec(cleaned);
  if (!m) return { combatants: belligerents(cleaned), supporters: [] };
  return {
    combatants: belligerents(cleaned.slice(0, m.index)),
    supporters: belligerents(cleaned.slice(m.index + m[0].length)),
  };
}

// A bracketed mark may carry when it happened: "(KIA 2007)", "(POW, 12 May 1997)", "(executed in 2001)".
const WHEN = String.raw`(?:[\s,;:]+(?:in |on )?[^()]{0,30}?\d[^()]{0,10})?`;
const bracketed = (mark: string) => new RegExp(String.raw`\(\s*(?:${mark})${WHEN}\s*\)`, 'i');

const STATUS_WORDS: ReadonlyArray<readonly [RegExp, Commander['status']]> = [
  [bracketed(String.raw`k\.?\s*i\.?\s*a\.?|killed(?: in action)?`), 'KIA'],
  [bracketed(String.raw`p\.?\s*o\.?\s*w\.?|captured|prisoner`), 'POW'],
  [bracketed(String.raw`w\.?\s*i\.?\s*a\.?|wounded`), 'WIA'],
  [bracketed(String.raw`m\.?\s*i\.?\s*a\.?|missing`), 'MIA'],
  [bracketed(String.raw`d\.?\s*o\.?\s*w\.?|died of wounds`), 'DOW'],
  [bracketed('executed'), 'executed'],
  [/\(\s*surrendered\s*\)/i, 'surrendered'],
  [/[\s,–-]+surrendered\s*$/i, 'surrendered'],
  [/[\s,–-]+(?:killed|assassinated)\s*$/i, 'KIA'],
  // Unbracketed words after the name: "Taha al-Madani killed in action", "Nawshirwan Amin Died of wounds".
  [/[\s,–-]+(?:killed in action|k\.i\.a\.)\s*$/i, 'KIA'],
  [/[\s,–-]+died of (?:his |her )?wounds\s*$/i, 'DOW'],
  [/[\s,–-]+(?:taken prisoner|captured)\s*$/i, 'POW'],
  [/[\s,–-]+(?:wounded in action|wounded)\s*$/i, 'WIA'],
  [/\[\s*(KIA|POW|WIA|MIA|DOW)\s*\]/, null],
];
const GLUED = /(KIA|POW|WIA|MIA|DOW)\s*$/;

/** "Mahdi MujahidKIA" -> Mahdi Mujahid, KIA; "Ismail Khan (POW)"; "Haji Murad †". */
const RANKS =
  /^(?:(?:Field|Air|Vice|Rear|Lieutenant|Lt\.?|Major|Maj\.?|Brigadier|Brig\.?|Staff|Master|First|Second|1st|2nd|3rd|Chief|Lance|Warrant|Flight|Wing|Group|Squadron)\s+)*(?:General|Gen\.?|Colonel|Col\.?|Major|Maj\.?|Captain|Capt\.?|Cpt\.|Lieutenant|Lt\.?|Sergeant|Sgt\.?|Corporal|Cpl\.|Private|Pvt\.|Specialist|Spc\.|Admiral|Adm\.|Brigadier|Brig\.?|Marshal|Commodore|Commander|Cdr\.)\s+(?=\p{Lu})/u;

/** Offices written before a commander's name: "President Ashraf Ghani", "Defence Minister Bismillah Khan". */
const OFFICES =
  /^(?:(?:Vice|Deputy|Acting|Former|Interim)\s+)?(?:President|Prime Minister|(?:Defen[cs]e|Interior|War) Minister|Minister of (?:Defen[cs]e|the Interior|Interior|War)|Governor)\s+(?=\p{Lu})/u;

export function parseCommander(raw: string): Commander | null {
  // "(Disputed)" doubts the mark beside it; it is neither a status nor part of the name.
  let name = raw
    .replace(/\(\s*(?:disputed|unconfirmed|alleged|reportedly)\s*\)/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let status: Commander['status'] = null;
  for (const [re, s] of STATUS_WORDS) {
    const m = re.exec(name);
    if (m) {
      status = s ?? ((m[1] as Commander['status']) || null);
      name = name.slice(0, m.index) + name.slice(m.index + m[0].length);
    }
  }
  const glued = GLUED.exec(name);
  if (glued && glued.index > 0) {
    status = glued[1] as Commander['status'];
    name = name.slice(0, glued.index);
  }
  if (/[†‡✝]/.test(name)) {
    status = status ?? 'KIA';
    name = name.replace(/[†‡✝]/g, ' ');
  }
  if (/\bexecuted\b/i.test(name)) {
    status = status ?? 'executed';
    name = name.replace(/\s*\(?\bexecuted\b\)?/i, ' ');
  }
  // Roles and years in parentheses are not part of the name.
  name = name.replace(/\s*\([^()]{0,120}\)\s*/g, ' ');
  name = tidy(name);
  // A military rank is the post, not the person: "Brig. Gen. Tun Tun Myint" is coded as Tun Tun Myint.
  // Religious and honorific titles (Mullah, Haji) stay: they are how the person is known.
  // So is an office of state: "President Ashraf Ghani" is Ashraf Ghani.
  const bare = name.replace(RANKS, '').replace(OFFICES, '');
  if (bare !== name && /^\p{Lu}\S*\s+\S/u.test(bare)) name = bare;
  return name ? { name, status } : null;
}
