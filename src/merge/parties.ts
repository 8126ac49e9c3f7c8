import type { AcledEventType, ActorRef } from '../core/incident.js';
import {
  type ActorIndex,
  type ActorMention,
  type ActorResolution,
  genericActor,
  resolutionOn,
  resolveActor,
  weakIn,
} from '../resolve/actors.js';

/** Who acted and who was acted on, as a coder reads one sentence. */
export interface Parties {
  side_a: ActorRef | null;
  side_b: ActorRef | null;
  /** Set when side A comes from a claim of responsibility or an attribution, not from the narration. */
  attribution: Attribution | null;
}

export interface Attribution {
  /** "claimed" when the group itself said so; "attributed" when someone else blamed or suspected it. */
  how: 'claimed' | 'attributed';
  /** Who says so: the group for a claim, the officials or witnesses for an attribution, when named. */
  claimant: string | null;
  /** The words that say so. */
  cue: string;
}

export const UNIDENTIFIED: ActorRef = {
  actor_id: 'unidentified-armed-group',
  name: 'Unidentified armed group',
  inter: 3,
  state: false,
};

// Verbs whose subject is the side that acted (ACLED's actor 1) and whose object is its target.
const ACTION =
  /\b(?:attack(?:ed|s|ing)?|bomb(?:ed|s|ing)|shell(?:ed|s|ing)|execut(?:ed|es|ing)|abduct(?:ed|s|ing)|kidnap(?:ped|s|ping)|kill(?:ed|s|ing)|shot|fired (?:on|at)|opened fire|ambush(?:ed|es|ing)?|raid(?:ed|s|ing)|storm(?:ed|s|ing)|overr[au]n|captur(?:ed|es|ing)|seiz(?:ed|es|ing)|took (?:control|over)|target(?:ed|s|ing)|struck|hit|launched|massacred|beheaded|detain(?:ed|s)|arrest(?:ed|s)|besieged|surrounded|defeated|repelled|retook|recaptured|entered|deployed|stabbed|burned|looted|torched|drove|pushed|carried out|conducted)\b/gi;
const SENT_BY =
  /\b(?:fired|launched|dropped|planted|detonated|set off|carried out|conducted|flown)\s+by\s+(?:the\s+)?(?:suspected\s+)?$/i;
const PASSIVE_BEFORE = /\b(?:was|were|been|being|is|are|had been|have been)\s+(?:\w+ly\s+)?$/i;
// "X claimed responsibility", "X said it carried out", "responsibility was claimed by X".
const CLAIM_AFTER =
  /^[^.;]{0,60}?\b(?:claimed|claims|has claimed|have claimed|took|accepted|admitted) (?:the )?responsibility\b(?! for (?:\d|several|multiple|many|numerous|dozens|scores|a (?:series|string|wave)))|^[^.;]{0,40}?\b(?:claimed|claims|has claimed|have claimed) (?:the |this |that |[\w’']+['’]s )?(?:\w+ )?(?:attack|bombing|blast|explosion|ambush|assault|raid|killings?|massacre|strike)\b|^[^.;]{0,40}?\bsaid (?:that )?(?:it|they|one of its (?:members|fighters|men)|its (?:members|fighters|men))(?: had)? carried out\b/i;
const CLAIMED_BY = /\b(?:responsibility (?:was|has been|had been) claimed|claimed) by\s+(?:the\s+)?$/i;
// "blamed on X", "attributed to X", "suspected X militants", "X is suspected", "accused X of".
const ATTRIBUTED_BEFORE =
  /\b(?:blamed (?:\w+ ){0,4}on|attributed (?:\w+ ){0,4}to|blamed|accused|suspected|suspect(?:ing)?|pointed the finger at|held responsible)\s+(?:the\s+)?$/i;
const ATTRIBUTED_AFTER =
  /^[^.;]{0,20}?\b(?:(?:is|are|was|were) (?:widely |strongly )?(?:suspected|blamed|believed to be behind|thought to be behind|accused)|(?:is|are|was|were) behind)\b/i;
// Who does the blaming: the words just before the verb, back to the clause's start.
const BLAMER = /([A-Z]?[\w’'-]+(?:\s+[\w’'-]+){0,5})\s+(?:blamed|accused|suspected|attributed|said)\b[^.;]{0,80}$/;
// A party that only speaks is a claimant, not a side: "officials of the government said".
const SPEECH_AFTER =
  /^(?:['’]s?)?(?:\s*(?:[A-Z][\w’'-]*|spokes(?:man|woman|person)|officials?|ministry|minister|governor|chief|police|media|office|sources?|leaders?|deputy|provincial|district|local|interior|defen[cs]e|press|air|force|forces|army|military|navy|command|general|staff|services?|agency|emergency|health|administration|authorities|government|council|of|the|a|an|and|,))*\s*,?\s*(?:said|says|told|stated|announced|confirmed|reported|condemned|denied|added|tweeted|wrote|noted|claimed that|put the (?:number|toll)|estimated)\b/;
const SPEECH_BEFORE = /\b(?:according to|cited|quoting|a statement (?:from|by))\s+(?:the\s+)?(?:\w+\s+){0,3}$/i;
// "the Ukrainian city of", "Afghan soil": a name that describes a place.
const PLACE_NOUN_AFTER =
  /^\s+(?:city|town|village|capital|province|region|oblast|district|border|territory|soil|airspace|port|countryside|coast)\b/i;
// "Ukraine war:", "Gaza live:", "Sudan crisis –": what a headline is about, before what it tells.
const TOPIC_LABEL_AFTER =
  /^\s*(?:(?:war|conflict|crisis|invasion|offensive|fighting|latest|live|updates?|news)\s*)*(?::|\s[–—|]\s)/i;
// "a Russian missile struck", "Israeli air strikes killed": whose weapon it was acted.
const WEAPON_AFTER =
  /^\s+(?:[A-Z]{1,3}-?\d{1,3}[A-Z]?\s+)?(?:(?:cruise|ballistic|guided|armed|combat|attack)\s+)?(?:missiles?|drones?|air ?strikes?|air[- ]raids?|warplanes?|jets?|shells?|shelling|artillery|rockets?|helicopters?|gunships?|bombs?|bombers?|tanks?)\b/i;
// A party told only as the harmed, with no verb of action to place it: "8 members of the army were
// among the wounded", "two Taliban fighters died". It can be the target, never the side that acted.
// "11 regime soldiers killed in ISIS ambush": a count of the party's own people, and a participle of
// what befell them, as a headline leaves out "were".
/** A count before people: "12", "1,400" (not "2019," of a date), "twelve", "dozens of". */
const COUNT = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|scores of|hundreds of)`;
const COUNT_BEFORE = new RegExp(String.raw`(?:^|[\s(])${COUNT}\s+$`, 'i');
const TOLD_DEAD_AFTER =
  /^\s*(?:soldiers|troops|fighters|members|personnel|officers|policemen|police|militants|men)?\s*(?:killed|dead|wounded|injured|hurt)\b(?!\s+by)/i;
// "A roadside bomb killed three NATO soldiers", "killing 20 al-Shabaab militants": the party's people
// counted as the object of a verb of harm, whoever did it.
const HARMED_COUNT_BEFORE = new RegExp(
  String.raw`\b(?:kill(?:ed|ing|s)|wound(?:ed|ing|s)|injur(?:ed|ing|es)|captur(?:ed|ing|es)|abduct(?:ed|ing|s)|kidnapp(?:ed|ing)|kidnaps|execut(?:ed|ing|es))\s+(?:at least\s+|some\s+|about\s+|around\s+|nearly\s+|more than\s+|as many as\s+)?(?:a|an|one|${COUNT})\s+$`,
  'i',
);
/** A party's people, after its name ("NATO soldiers") or ending the name the registry knows. */
const PEOPLE = String.raw`(?:soldiers?|troops|fighters?|militants?|members?|personnel|officers?|policem[ae]n|police officers?|gendarmes?|servicem[ae]n|commandos?|insurgents?|rebels?|guards?|men)`;
const PEOPLE_AFTER = new RegExp(String.raw`^\s+${PEOPLE}\b`, 'i');
const PEOPLE_END = new RegExp(String.raw`\b${PEOPLE}$`, 'i');
/** What may stand between a passive's subject and its verb: anything on the same line. */
const PASSIVE_SUBJECT_GAP = /^[^\n]*$/;
// "said its aircraft had struck", "said it killed": the speaker's forces or the speaker acting.
const OWN_ACTION =
  /\b(?:(?:its|their)\s+(?:own\s+)?(?:aircraft|forces|troops|jets|warplanes|drones|soldiers|fighters|units|artillery|helicopters|navy|air force|men)|(?:it|they))(?=\s+(?:had\s+|has\s+|have\s+)?(?:attacked|bombed|shelled|executed|killed|struck|hit|targeted|raided|stormed|ambushed|destroyed|shot down|downed|repelled|captured|seized|launched|carried out|conducted)\b)/i;
const ALLY_BEFORE =
  /\b(?:allied(?:\s+[\w’']+){0,3}\s+with|in alliance with|alongside|together with|joined forces with|backed by|supported by|with the support of)\s+(?:the\s+)?$/i;
const VICTIMS_AFTER =
  /^[^.;,]{0,25}?\b(?:(?:were|was|are|is|had been|have been|has been)\s+(?:also\s+)?(?:among (?:the|those) (?:dead|killed|wounded|injured|victims|casualties)|(?:killed|wounded|injured|hurt)\b(?!\s+by))|died\b|were\s+among\b)/i;
// "QUETTA, Pakistan, 3 January", "in Quetta, Pakistan": a country after the town it holds is a place.
const CONTAINER_BEFORE =
  /(?:^|\n)\s*[A-Z][A-Z'’. -]{2,},\s+$|\b(?:in|into|of|to|from|near|at|outside)\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,\s+$/;
// "the UN mission in Afghanistan": a country name after a preposition is a place.
const PLACE_BEFORE =
  /\b(?:in|into|of|to|from|at|across|throughout|inside|outside|within|near)\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?ern\s+|central\s+|(?:the\s+)?(?:north|south|east|west) of\s+)?$/i;

function foreignState(actor: ActorResolution, index: ActorIndex, country: string | null): boolean {
  const home = index.byId.get(actor.id)?.country;
  return home !== undefined && country !== null && home !== country && actor.type === 'state_forces';
}

interface Found {
  mention: ActorMention;
  ref: ActorRef;
}

/**
 * A side an infobox names ("Somali National Alliance", "United States"), as an actor of the registry
 * on the date given, else by its name alone.
 */
export function namedSide(name: string, index: ActorIndex, date: string): ActorRef {
  const found = resolveActor(name, index, { date });
  return found ? refOf(found) : { actor_id: null, name, inter: null, state: false };
}

function refOf(a: ActorResolution): ActorRef {
  const group = a.kind === 'person' && a.group ? a.group : null;
  const concrete = a.stands_for ?? group ?? { id: a.id, name: a.name };
  return { actor_id: concrete.id, name: concrete.name, inter: a.inter, state: a.type === 'state_forces' };
}

/**
 * The parties of a sentence coded the way ACLED codes them: side A the side that acted (the subject of
 * an attack verb, the agent of a passive, the group that claimed it, the group blamed for it), side B
 * its target. Parties only quoted ("officials said") are claimants. Names are read on the event's
 * date: "government forces" in 2022 Afghanistan are the Taliban's.
 */
export function partiesOf(
  text: string,
  span: { start: number; end: number },
  mentions: readonly ActorMention[],
  index: ActorIndex,
  date: string | undefined,
  eventType: AcledEventType | null,
  country: string | null = null,
): Parties {
  const sentence = text.slice(span.start, span.end);
  const found: Found[] = [];
  const civilians: Found[] = [];
  const victims: Found[] = [];
  const speakers: Found[] = [];
  let claimed: Found | null = null;
  let claimedCue = '';
  let attributed: Found | null = null;
  let attributedCue = '';
  for (const m of mentions) {
    const at = m.span.start - span.start;
    const before = sentence.slice(Math.max(0, at - 60), at);
    const after = sentence.slice(at + m.span.text.length, at + m.span.text.length + 120);
    // "Malik allied his forces with Wahdat", "supported by American air strikes": an ally of the side
    // that acts, neither its target nor a side of its own.
    if (ALLY_BEFORE.test(before)) continue;
    // "in Afghanistan" names a place; "members of the security forces" a party (a name written in
    // lower case is no place's).
    const placeName = m.actor.match === 'weak' && m.actor.alias[0] !== m.actor.alias[0]?.toLowerCase();
    if (CONTAINER_BEFORE.test(before) || (placeName && PLACE_BEFORE.test(before))) continue;
    // "KYIV, Ukraine (AP) —": a dateline's town, not the government it is the seat of.
    if (/^\s*$/.test(before) && m.span.text === m.span.text.toUpperCase() && /^\s*[,(—–-]/.test(after)) continue;
    // "the northern Ukrainian city of Chernihiv": a place, not its state's forces.
    if (PLACE_NOUN_AFTER.test(after)) continue;
    // "Ukraine war: Russian missile strike kills 23", "Syria: ...": a headline's topic, not a party.
    if (/^\s*$/.test(before) && TOPIC_LABEL_AFTER.test(after)) continue;
    // "Islamic State" in a report from Libya is not the Afghan branch the name means in Kabul; the
    // "government forces" of a Syrian report are Syria's (generic aliases).
    const here = weakIn(m.actor, index, country);
    if (here === null) continue;
    // "Afghan forces" named loosely are no party of a report from elsewhere.
    if (here.match === 'weak' && foreignState(here, index, country)) continue;
    const actor = date === undefined ? here : resolutionOn(here, index, date);
    const f: Found = { mention: m, ref: refOf(actor) };
    if (actor.type === 'civilians') {
      civilians.push(f);
      continue;
    }
    const claim = CLAIM_AFTER.exec(after);
    if (claim && claimed === null) {
      claimed = f;
      claimedCue = `${m.span.text}${claim[0]}`.trim();
      continue;
    }
    if (claimed === null && CLAIMED_BY.test(before)) {
      claimed = f;
      claimedCue = `${before.match(CLAIMED_BY)?.[0] ?? ''}${m.span.text}`.trim();
      continue;
    }
    const blamed = ATTRIBUTED_BEFORE.exec(before);
    const suspect = ATTRIBUTED_AFTER.exec(after);
    if (attributed === null && (blamed || suspect)) {
      attributed = f;
      attributedCue = blamed ? `${blamed[0]}${m.span.text}` : `${m.span.text}${suspect?.[0] ?? ''}`;
      continue;
    }
    if (SPEECH_AFTER.test(after) || SPEECH_BEFORE.test(before)) {
      speakers.push(f);
      continue;
    }
    if (
      VICTIMS_AFTER.test(after) ||
      (COUNT_BEFORE.test(before) && TOLD_DEAD_AFTER.test(after)) ||
      (HARMED_COUNT_BEFORE.test(before) && (PEOPLE_AFTER.test(after) || PEOPLE_END.test(m.span.text)))
    ) {
      victims.push(f);
      continue;
    }
    found.push(f);
  }

  let sideA: ActorRef | null = null;
  let sideB: ActorRef | null = null;
  let attribution: Attribution | null = null;
  if (claimed) {
    sideA = claimed.ref;
    attribution = { how: 'claimed', claimant: claimed.ref.name, cue: claimedCue };
  } else if (attributed) {
    sideA = attributed.ref;
    const blamer = BLAMER.exec(sentence.slice(0, attributed.mention.span.start - span.start + 1));
    attribution = { how: 'attributed', claimant: blamer?.[1]?.trim() ?? null, cue: attributedCue.trim() };
  }
  // "The Israeli military said its aircraft struck Hamas positions", "the army said it killed 30":
  // a speaker that tells of its own action acts, where its forces or its pronoun stand.
  const speaker = speakers[0];
  const own = speaker && OWN_ACTION.exec(sentence);
  if (speaker && own) {
    const start = span.start + own.index;
    const mention = { span: { start, end: start + own[0].length, text: own[0] }, actor: speaker.mention.actor };
    found.push({ mention, ref: speaker.ref });
    found.sort((x, y) => x.mention.span.start - y.mention.span.start);
  }
  const narrated = narratedSides(sentence, span.start, found);
  if (sideA === null) {
    sideA = narrated.a;
    sideB = narrated.b;
  } else {
    sideB = [narrated.a, narrated.b].find((r) => r !== null && r.actor_id !== sideA?.actor_id) ?? null;
  }
  if (sideB === null) sideB = victims.find((v) => v.ref.actor_id !== sideA?.actor_id)?.ref ?? null;
  if (sideB === null && civilians[0]) sideB = civilians[0].ref;
  if (sideA === null && perpetratorExpected(eventType, sentence)) sideA = UNIDENTIFIED;
  if (sideA !== null && sideB !== null && sideA.actor_id === sideB.actor_id) sideB = null;
  return { side_a: sideA, side_b: sideB, attribution };
}

/**
 * Sides from the narration: around the first attack verb, its subject (or a passive's agent) acts
 * and its object is the target. Without such a verb ("fighting between X and Y"), in the order named.
 */
function narratedSides(sentence: string, offset: number, found: Found[]): { a: ActorRef | null; b: ActorRef | null } {
  const distinct = (list: Found[]) => {
    const out: Found[] = [];
    for (const f of list) if (!out.some((o) => o.ref.actor_id === f.ref.actor_id)) out.push(f);
    return out;
  };
  const parties = distinct(found);
  if (parties.length === 0) return { a: null, b: null };
  // "mortar bombs fired by Islamic State militants killed 12": who sent the weapon acted, whatever
  // else the sentence narrates first ("Iraqi forces fought their way in, while ...").
  const sender = parties.find((f) => {
    const at = f.mention.span.start - offset;
    return (
      SENT_BY.test(sentence.slice(Math.max(0, at - 60), at)) ||
      WEAPON_AFTER.test(sentence.slice(f.mention.span.end - offset, f.mention.span.end - offset + 40))
    );
  });
  if (sender) return { a: sender.ref, b: parties.find((f) => f !== sender)?.ref ?? null };
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(sentence); m !== null; m = ACTION.exec(sentence)) {
    const verbAt = m.index;
    const verbEnd = verbAt + m[0].length;
    const passive = PASSIVE_BEFORE.test(sentence.slice(Math.max(0, verbAt - 30), verbAt));
    const before = parties.filter((f) => f.mention.span.end - offset <= verbAt);
    const after = parties.filter((f) => f.mention.span.start - offset >= verbEnd);
    if (passive) {
      const agent = after.find((f) => /\bby\s+(?:the\s+)?$/i.test(sentence.slice(0, f.mention.span.start - offset)));
      // The passive's subject is the party before it on its line ("Russian troops were pushed back"),
      // not one a line above it (two key points run together: "Russia fires drones at Kyiv" and "114
      // missiles and drones were shot down").
      const patient = before.at(-1);
      const near = patient && PASSIVE_SUBJECT_GAP.test(sentence.slice(patient.mention.span.end - offset, verbAt));
      if (agent === undefined && !near) continue;
      return { a: agent?.ref ?? null, b: (near ? patient?.ref : null) ?? after.find((f) => f !== agent)?.ref ?? null };
    }
    // ", killing 30 fighters": the participle's subject is the clause's, not the party named last
    // ("American aircraft struck Taliban positions around Ghazni, killing 30").
    const participle = m[0].endsWith('ing') && /,\s*$/.test(sentence.slice(Math.max(0, verbAt - 3), verbAt));
    const subject = participle ? before[0] : before.at(-1);
    if (subject === undefined) continue;
    const object = after.find((f) => f.ref.actor_id !== subject.ref.actor_id);
    const other = before.findLast((f) => f.ref.actor_id !== subject.ref.actor_id);
    return { a: subject.ref, b: object?.ref ?? other?.ref ?? null };
  }
  return { a: parties[0]?.ref ?? null, b: parties[1]?.ref ?? null };
}

// Bombings and attacks on civilians have a perpetrator even when the report cannot name one. Air
// strikes, shelling and missiles come from armies, and battles have sides: "unidentified armed
// group" would be a wrong guess there.
function perpetratorExpected(eventType: AcledEventType | null, sentence: string): boolean {
  if (eventType === 'Violence against civilians') return true;
  if (eventType !== 'Explosions/Remote violence') return false;
  return !/\b(?:air ?strikes?|air[- ]raids?|drones?|warplanes?|helicopters?|aerial|shell(?:s|ing|ed)|artillery|mortars?|rockets?|missiles?|barrage)\b/i.test(
    sentence,
  );
}

/**
 * People a count names as a state's forces without naming the state: "12 soldiers", "two police
 * officers", "30 troops". In a report from one country they are its forces, as coders read them.
 */
export const STATE_PEOPLE =
  /\b(?:soldiers?|troops|policem[ae]n|policewom[ae]n|police (?:officers?|personnel|constables?)|gendarmes?|security (?:personnel|guards?)|servicem[ae]n|servicewom[ae]n|commandos?|border guards?|army (?:officers?|personnel))\b/i;

/**
 * The forces of the state that holds the report's country on the date: the actor its generic
 * aliases ("security forces") name there, as that date reads them (the Islamic Emirate's in 2022
 * Afghanistan). Null for a country whose state the registry does not name so.
 */
export function stateForcesOf(index: ActorIndex, country: string | null, date: string | undefined): ActorRef | null {
  const forces = country === null ? null : genericActor('security forces', index, country, date);
  return forces === null ? null : refOf(forces);
}

/** Whether a sentence says who did it (a claim or an attribution), for attaching to the event before it. */
export function statesPerpetrator(parties: Parties): boolean {
  return parties.attribution !== null;
}
