import type { AcledEventType, ViolenceType } from '../core/incident.js';

export interface EventClass {
  event_type: AcledEventType;
  sub_event_type: string;
  /** The words that decided it, for the analyst reading why, and where they stand in the sentence. */
  cue: string;
  at: number;
}

interface Rule {
  pattern: RegExp;
  event_type: AcledEventType;
  sub_event_type: string;
  /** Words just before the match that make it no cue: "backed by" before "air strikes". */
  unless?: RegExp;
}

// Order matters: the first rule that matches wins, most specific first. Patterns are anchored on
// word boundaries and have no nested quantifiers, so they stay linear on any input.
const RULES: Rule[] = [
  {
    pattern: /\bsuicide (?:bomb(?:er|ing|s)?|attack(?:er|s)?|blast|car bomb|vest)/i,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Suicide bomb',
  },
  {
    pattern:
      /\b(?:air ?strikes?|air[- ]raids?|air attacks?|aerial attacks?|drone strikes?|drone attacks?|(?:downed|intercepted|shot-down|kamikaze|attack|exploding|Shahed) drones?|bombed from the air|warplanes?|(?:helicopter )?gunships?|aerial bombard\w*)/i,
    // "Special forces, backed by American air strikes, retook the city": the support is not the event.
    unless: /\b(?:backed|supported|aided|assisted|helped|covered) by (?:[\w-]+ ){0,2}$/i,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Air/drone strike',
  },
  {
    pattern: /\b(?:shelling|shelled|shells|artillery|mortars?|rockets?|missiles?|barrage)\b/i,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Shelling/artillery/missile attack',
  },
  {
    // "An Israeli strike on a school", "the strike hit a house", "bombs fell on the camp": from the air,
    // unless a weapon above named it. Not a hunger or general strike.
    pattern:
      /(?<!\b(?:hunger|general|labou?r|workers'?|national|student|teachers'?|nationwide) )\bstrikes? (?:on|against|hit|hits|killed|kills|targeting|targeted|near)\b|\b(?:barrel bombs?|bombs? (?:fell|landed|dropped)|dropped bombs?|(?:drones?|aircraft|jets|warplanes|planes|helicopters|bombers|B-52s?) (?:struck|hit|slammed|crashed|bombed|pounded|targeted))\b/i,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Air/drone strike',
  },
  {
    pattern: /\b(?:chemical (?:weapons?|attack)|chlorine|sarin|mustard gas)\b/i,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Chemical weapon',
  },
  { pattern: /\bgrenades?\b/i, event_type: 'Explosions/Remote violence', sub_event_type: 'Grenade' },
  {
    pattern:
      /\b(?:roadside bombs?|IEDs?|improvised explosive|landmines?|mines? exploded|car bombs?|bomb(?:ing|ings|s)? (?:blast|attack|explod|went off|hit|struck|detonated|(?:that |which )?(?:killed|kills|killing|wounded|injured|ripped|tore))|explosions?|blasts?|bombings?|bombed|(?:magnetic|sticky|limpet|pressure-plate|parcel|truck|motorcycle|bicycle|rickshaw|cart) bombs?|explosive device|exploded|detonated|went off|(?:struck|hit|stepped on|triggered|ran over|drove over) (?:a |an )?(?:land ?)?mines?\b)/i,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Remote explosive/landmine/IED',
  },
  {
    pattern: /\b(?:raped|rapes?|sexual violence|sexually assaulted)\b/i,
    event_type: 'Violence against civilians',
    sub_event_type: 'Sexual violence',
  },
  {
    pattern:
      /\b(?:executed|executions?|massacred|massacres?|slaughtered|beheaded|beheadings?|summarily killed|summary killings?|shot dead (?:civilians|villagers|residents|prisoners)|lynched|tortured to death)/i,
    event_type: 'Violence against civilians',
    sub_event_type: 'Attack',
  },
  {
    // "Shooting at a mosque in Guzara", "gunmen opened fire on a wedding": guns turned on a place of
    // civilians, with no explosive (a bombing at a mosque is typed above).
    pattern:
      /\b(?:shootings?|gunfire|gun attack|opened fire|sprayed bullets) (?:at|on|in|inside|into) (?:a |an |the )?(?:[\w'’-]+ )?(?:mosques?|markets?|bazaars?|schools?|weddings?|wedding party|funerals?|shrines?|churches?|hospitals?|clinics?|buses|bus|minibus|universit(?:y|ies)|hotels?|houses?|homes?|worshippers|mourners|shoppers|passengers|students|villagers|civilians|protesters)\b/i,
    event_type: 'Violence against civilians',
    sub_event_type: 'Attack',
  },
  {
    pattern:
      /\b(?:abducted|abductions?|kidnapped|kidnappings?|taken hostage|hostages|forcibly disappeared|captured (?:commander|the commander|\w+ commander))/i,
    event_type: 'Violence against civilians',
    sub_event_type: 'Abduction/forced disappearance',
  },
  {
    pattern: /\b(?:arrested|arrests?|detained|detentions?|rounded up)\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Arrests',
  },
  {
    pattern: /\b(?:surrender(?:ed|s)?|laid down (?:their )?arms|defected|defections?|switched sides)\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Change to group/activity',
  },
  {
    pattern: /\b(?:recaptured|retook|retaken|regained control|regained|liberated)\b/i,
    event_type: 'Battles',
    sub_event_type: 'Government regains territory',
  },
  {
    pattern:
      /\b(?:captured|seized|took control|taken control|overran|overrun|conquer(?:ed|ing)|stormed|took over|changed hands|fell (?:to|without (?:a fight|resistance|a shot)|within|overnight|the same|that (?:day|night|morning|afternoon|evening)|after (?:a|an|two|three|four|several|\d+|heavy|days|weeks|hours)|on (?:\d+|the (?:same|next|following|\d+)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december))|took (?:the )?(?:(?:police|army|district|provincial|military|government|governor's|main) ){0,2}(?:headquarters|base|compound|checkpoints?|outposts?|city|town|district cent(?:re|er)|district|capital|airport|prison)|(?:was|were) taken (?:by|on|after|without|within))\b/i,
    event_type: 'Battles',
    sub_event_type: 'Non-state actor overtakes territory',
  },
  {
    pattern:
      /\b(?:fighting|fought|clash(?:es|ed)?|battles?|besieg(?:ed|ing)|laid siege|encircled|came under (?:heavy |sustained |intense )?(?:fire|attack)|firefights?|gunfights?|ambush(?:ed)?|skirmish(?:es)?|offensives?|counter-?attack(?:s|ed)?|assault(?:ed)?|repelled|engaged|attack(?:s|ed)?|raid(?:s|ed)?)\b/i,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
  },
  {
    // A killing by gunmen: of soldiers, police or fighters a clash, of anyone else an attack on civilians.
    pattern:
      /\b(?:soldiers?|policem[ae]n|police (?:officers?|chief|commander)|troops|guards?|militants?|fighters?|commanders?) (?:was |were |had been )?(?:shot dead|gunned down|assassinated|shot and killed)|\b(?:shot dead|gunned down|assassinated|shot and killed) (?:a |an |the |two |three |four |five |\d+ )?(?:\w+ )?(?:soldiers?|policem[ae]n|police (?:officers?|chief|commander)|troops|guards?|militants?|fighters?|commanders?)\b/i,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
  },
  {
    pattern:
      /\b(?:shot dead|gunned down|assassinated|assassination|shot and killed|stabbed to death|hacked to death)\b/i,
    event_type: 'Violence against civilians',
    sub_event_type: 'Attack',
  },
  {
    pattern:
      /\b(?:looted|looting|burned (?:down )?(?:houses|homes)|set fire to|torched|destroyed (?:houses|homes|property))\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Looting/property destruction',
  },
  {
    pattern: /\b(?:agreement|ceasefire|cease-fire|truce|peace deal|signed)\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Agreement',
  },
  {
    // A withdrawal is news when it is announced or completed, not "since the withdrawal" of long ago.
    pattern:
      /\b(?:withdrew|withdrawn|retreated|abandoned (?:by|their|its|the)|handed over|entered|(?:drove|swept|rolled|marched|poured) into (?:the )?(?:town|city|village|district|capital|cent(?:re|er))|(?:announced|completed|began) (?:their|its|a|the) withdrawal)\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Non-violent transfer of territory',
  },
  {
    // Forces sent or massed: a development, but no territory changing hands.
    pattern: /\b(?:deployed|amassed|reinforcements)\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Other',
  },
  {
    pattern: /\b(?:protest(?:s|ed|ers)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies))\b/i,
    event_type: 'Protests',
    sub_event_type: 'Peaceful protest',
  },
  { pattern: /\b(?:riot(?:s|ers|ing)?|mob)\b/i, event_type: 'Riots', sub_event_type: 'Mob violence' },
  {
    pattern: /\b(?:displaced|displacement|fled (?:their|the) homes|refugees)\b/i,
    event_type: 'Strategic developments',
    sub_event_type: 'Other',
  },
];

/**
 * Whether any rule matches at all, in one pass: about half the sentences of a news report match
 * none, and for those one pass replaced one per rule (a quarter of the time). Exact only while every
 * rule is case-insensitive and refers to no group of its own, which is checked here, at load.
 */
const ANY_RULE = new RegExp(
  RULES.map((rule) => {
    if (rule.pattern.flags !== 'i' || /\\[1-9]/.test(rule.pattern.source))
      throw new Error(`event rule ${rule.pattern} must be /i with no back-reference to join the others`);
    return `(?:${rule.pattern.source})`;
  }).join('|'),
  'i',
);

interface RuleMatch {
  readonly rule: Rule;
  readonly cue: string;
  readonly at: number;
}

// Incident building classifies each sentence twice in a row (with its deaths' hint, then without):
// the rules run once per text. Sentences are compared by value, so a different text never shares it.
let lastText: string | null = null;
let lastMatch: RuleMatch | null = null;

/** The first rule whose pattern the text matches, with the words and where they stand. */
function firstRule(text: string): RuleMatch | null {
  if (text === lastText) return lastMatch;
  let found: RuleMatch | null = null;
  if (ANY_RULE.test(text))
    for (const rule of RULES) {
      const m = rule.pattern.exec(text);
      if (m && !rule.unless?.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        found = { rule, cue: m[0], at: m.index };
        break;
      }
    }
  lastText = text;
  lastMatch = found;
  return found;
}

/**
 * The ACLED event type a sentence describes, from its words. `civilianDeaths` turns a killing
 * that would read as a clash into violence against civilians when the dead were civilians.
 */
export function classifyEvent(sentence: string, hints: { civilianDeaths?: boolean } = {}): EventClass | null {
  const found = firstRule(sentence);
  if (found !== null) {
    const { rule, cue, at } = found;
    if (hints.civilianDeaths && rule.event_type === 'Battles') {
      return { event_type: 'Violence against civilians', sub_event_type: 'Attack', cue, at };
    }
    // "Gunmen abducted and killed 11 miners": the killing is the event, as ACLED codes it.
    if (rule.sub_event_type === 'Abduction/forced disappearance' && hints.civilianDeaths && KILLED_TOO.test(sentence)) {
      return { event_type: 'Violence against civilians', sub_event_type: 'Attack', cue, at };
    }
    return { event_type: rule.event_type, sub_event_type: rule.sub_event_type, cue, at };
  }
  // "200 people were killed on both sides": a clash between the sides (whose dead are no civilians:
  // the caller's hint already says so, by onBothSides).
  const sides = bothSides(sentence);
  if (sides !== null) return { event_type: 'Battles', sub_event_type: 'Armed clash', cue: sides[0], at: sides.index };
  if (hints.civilianDeaths)
    return { event_type: 'Violence against civilians', sub_event_type: 'Attack', cue: '', at: 0 };
  return null;
}

const KILLED_TOO = /\b(?:killed|killing|shot dead|shot them|executed|beheaded|murdered)\b/i;

const BOTH_SIDES = /\b(?:on|from|among) (?:both|either|each|all) sides?\b/i;

const bothSides = (sentence: string): RegExpExecArray | null =>
  sentence.includes('side') ? BOTH_SIDES.exec(sentence) : null;

/** Whether a sentence counts its dead on both sides of a fight: combatants, whatever noun counts them. */
export const onBothSides = (sentence: string): boolean => bothSides(sentence) !== null;

/** Whether a sentence reports something that happened (not only background), by its verbs. */
export function describesEvent(sentence: string): boolean {
  return classifyEvent(sentence) !== null || /\b(?:killed|died|dead|wounded|injured|casualt)/i.test(sentence);
}

// When passages of one incident disagree on its type, the more specific reading wins.
const TYPE_RANK: Record<AcledEventType, number> = {
  'Explosions/Remote violence': 5,
  'Violence against civilians': 4,
  Battles: 3,
  Riots: 2,
  Protests: 2,
  'Strategic developments': 1,
};

export function moreSpecific(a: { event_type: AcledEventType }, b: { event_type: AcledEventType }): boolean {
  return TYPE_RANK[a.event_type] > TYPE_RANK[b.event_type];
}

/**
 * UCDP's type of violence from the event type and whether each side is a state: violence against
 * civilians is one-sided; fighting with a government on one side is state-based; otherwise non-state.
 */
export function violenceType(
  eventType: AcledEventType,
  sideAIsState: boolean,
  sideBIsState: boolean,
): ViolenceType | null {
  if (eventType === 'Violence against civilians') return 3;
  if (eventType === 'Battles' || eventType === 'Explosions/Remote violence')
    return sideAIsState || sideBIsState ? 1 : 2;
  return null;
}
