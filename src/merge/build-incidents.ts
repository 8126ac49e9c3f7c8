import type { DateRange, ExtractionResult, Figure } from '../core/figure.js';
import type { ActorRef, DeathCategory, ResolvedPlace } from '../core/incident.js';
import { LIST_MARK } from '../core/passage.js';
import { type ActorIndex, findActorMentions } from '../resolve/actors.js';
import { distanceKm, type Gazetteer } from '../resolve/gazetteer.js';
import { classifyEvent, type EventClass, moreSpecific, onBothSides, violenceType } from './classify-event.js';
import { readEvent } from './event-filter.js';
import { figureParts, figureSums } from './figure-parts.js';
import { foldCopies } from './fold-copies.js';
import type { DraftClaim, DraftIncident, Passage } from './incident-draft.js';
import {
  countBefore,
  definitePlace,
  documentPlace,
  type PlaceAt,
  placeMentions,
  placeOf,
  placesIn,
  withinHome,
} from './incident-places.js';
import { namedSide, type Parties, partiesOf, STATE_PEOPLE, stateForcesOf, UNIDENTIFIED } from './parties.js';
import { splitByPlace } from './split-places.js';

export interface Resolvers {
  gazetteer: Gazetteer;
  actors: ActorIndex;
}

// Longer than this, a date is the backdrop of a campaign, not the time of an incident.
const MAX_INCIDENT_DAYS = 92;
// A tally dated by when it was reported: "As of 1 July ...", "By 20 July, ... had been displaced",
// "On 2 July, X estimated that 150 had been killed". The killing happened before, on no stated day.
const CUMULATIVE =
  /^(?:as of|by)\b(?!\s+(?:the\s+)?(?:evening|nightfall|night|morning|afternoon|midday|noon|dusk|dawn|sunset|sunrise|late afternoon|early evening)\b)|^on [^,]{1,40},[^.]{0,80}?\b(?:estimated|said|stated|reported|claimed|announced|counted)\b[^.]{0,40}?\bhad\b/i;
const RUNNING_SINCE =
  /\bsince (?:(?:early|late|mid) ?-?)?(?:(?:the (?:start|beginning|end) of |\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})|last (?:week|month|year)|the (?:start|beginning|outbreak))\b/i;
const ONE_EVENT =
  /\b(?:in|during|by) an? (?:\w+ )?(?:raid|strike|airstrike|ambush|attack|bombing|blast|explosion|firefight|clash|assault)\b/i;
const TOLL_HAD_RISEN =
  /\b(?:toll|tally|number of (?:the )?(?:dead|deaths|killed|casualties))\b[^.;]{0,40}?\bhad\s+(?:risen|climbed|reached|increased|grown|passed|exceeded)\b/i;
/** "killed in the Hamas attack that triggered the war": the event a war began with, recalled. */
const WAR_OPENER =
  /\b(?:that|which) (?:triggered|sparked|started|ignited|set off|began|launched|precipitated|opened) (?:the|this) (?:current |ongoing |latest |present )?(?:war|conflict|fighting|crisis|offensive|hostilities|insurgency|campaign)\b/i;
const TALLY_SINCE =
  /\b(?:had|have|has)\s+(?:been\s+)?(?:killed|died|wounded|injured|lost|displaced|fled|captured)\b[^.;]{0,60}?\bsince\b/i;
const CIVILIAN_WORDS =
  /\b(?:civilians?|noncombatants?|non-combatants?|villagers?|residents?|students?|children|women|worshippers?|passengers?|shoppers?|families|people|locals?|pupils|patients|journalists?|aid workers?|farmers?|hazaras?|deminers?|mine clearers?|vaccinators?|health workers?|polio workers?|teachers?|doctors?|nurses?|labou?rers?|workers?|shepherds?|traders?|shopkeepers?|drivers?|miners?|fishermen|herders?|nomads?|pilgrims?|mourners|guests|schoolchildren|schoolgirls|schoolboys|employees|vendors?|tribal elders?|elders)\b/i;

// A town this far from the incident just told is another place, and its figures another incident's.
const ELSEWHERE_KM = 50;
// The words a sentence may open with before the place it is about.
const TOPIC_BEFORE =
  /^\s*(?:(?:in|at|inside|across)\s+|(?:officials|authorities|police|rescuers|residents|medics)\s+(?:in|from)\s+)?(?:the\s+)?(?:(?:city|town|village|district|province|region) of\s+)?$/i;

/** The town or district a sentence opens with, if it opens with one: what it is about. */
function topicOf(text: string, places: readonly PlaceAt[], passage: Passage): ResolvedPlace | null {
  const k = countBefore(places, passage.start, (m) => m.start);
  const m = places[k];
  if (m === undefined || m.end > passage.end || m.place.where_prec > 3 || m.start - passage.start > 60) return null;
  return TOPIC_BEFORE.test(text.slice(passage.start, m.start)) ? m.place : null;
}

/** Whether a sentence is about a town or district far from the place of the incident just told. */
function elsewhere(here: ResolvedPlace | null, told: ResolvedPlace | null): boolean {
  if (here?.lat == null || here.lon == null || told?.lat == null || told.lon == null) return false;
  return distanceKm({ lat: here.lat, lon: here.lon }, { lat: told.lat, lon: told.lon }) > ELSEWHERE_KM;
}

/**
 * The incidents one document describes: each dated passage that reports violence or a figure
 * becomes an incident at the most precise place it names (else the place the document is about),
 * and passages on the same day and place join. Pure: resolvers and text in, drafts out.
 */
export function buildIncidents(
  text: string,
  extraction: ExtractionResult,
  passages: Passage[],
  resolvers: Resolvers,
): DraftIncident[] {
  const places = placeMentions(text, resolvers.gazetteer, resolvers.actors);
  const homePlace = documentPlace(extraction, places);
  // "The town" of the prose is one the prose named, not a word of the infobox's lines ("Hassan Jabir †").
  const box = extraction.conflict?.evidence;
  const prosePlaces = box ? places.filter((m) => m.start < box.start || m.start >= box.end) : places;
  const paragraphs = paragraphBreaks(text);
  const drafts: DraftIncident[] = [];
  // Drafts by date and place (sameDraft's test), so a report of 30,000 sentences is not quadratic.
  const draftsByKey = new Map<string, DraftIncident>();
  // Drafts by their dates alone, for the one incident of a day (theOneThatDay) without a scan of all.
  const draftsByDay = new Map<string, DraftIncident[]>();
  // The place a paragraph last named carries to its later sentences, never into the next paragraph.
  let lastPlace: { place: ResolvedPlace; paragraph: number } | null = null;
  // The place a sentence of the paragraph opened with, which is what the paragraph is about.
  let lastTopic: { place: ResolvedPlace; paragraph: number } | null = null;

  // The incident a paragraph last told, for sentences that only add to it ("Among the dead were ...").
  let lastDraft: { draft: DraftIncident; paragraph: number } | null = null;
  // The paragraph of the last sentence that stated its own date.
  let datedParagraph = -1;

  for (const passage of passages) {
    if (passage.source === 'infobox') continue;
    const sentence = text.slice(passage.start, passage.end);
    // A cited source's title retells an incident the text tells: its figures join that incident as
    // its publisher's claims ("At least 25 dead", CNN, beside UNAMA's 35), and start none of their own.
    if (passage.source === 'citation') {
      const cited = figuresIn(extraction.figures, passage);
      const day = cited[0]?.f.date ?? null;
      const here = withinHome(placeOf(places, passage, passage.start), homePlace) ?? homePlace;
      const told = day && citedIncident(drafts, day, here, classifyEvent(sentence));
      if (told) {
        told.claims.push(...cited.map(({ f, i }) => claimOf(f, i, told)));
        told.sources.push({ start: passage.start, end: passage.end, text: sentence });
      }
      continue;
    }
    const allFigures = figuresIn(extraction.figures, passage);
    const civilianDeaths = !onBothSides(sentence) && allFigures.some(({ f }) => f.kind === 'killed' && isCivilian(f));
    const reading = readEvent(sentence, civilianDeaths, passage.dated && passage.date?.precision === 'day');
    const event = reading.event;
    // Figures in a clause that recalls an earlier event ("the worst since a bombing that killed 50") are that event's.
    const figures = allFigures.filter(({ f }) => f.evidence.start - passage.start < reading.ownEnd);
    const here = withinHome(placeOf(places, passage, passage.start + (event?.at ?? 0)), homePlace);
    const paragraph = countBefore(paragraphs, passage.start, (at) => at);
    if (passage.dated) datedParagraph = paragraph;
    if (here) lastPlace = { place: here, paragraph };
    // The place a sentence opens with ("Dnipro: ...", "In Lviv, ...", "Officials in Odesa say ...").
    const topic = topicOf(text, places, passage);
    if (topic) lastTopic = { place: topic, paragraph };
    const date = incidentDate(
      passage,
      figures.map(({ f }) => f),
    );
    // Only a sentence with figures, an event or a word of blame can give an incident its sides: the
    // others (a news report's background, most of it) are never scanned for actors.
    const parties =
      figures.length > 0 || event !== null || MAY_ATTRIBUTE.test(sentence)
        ? harmedForces(
            partiesOf(
              text,
              passage,
              findActorMentions(text, resolvers.actors, passage),
              resolvers.actors,
              date?.start,
              event?.event_type ?? null,
              homePlace?.country ?? null,
            ),
            figures,
            resolvers.actors,
            homePlace?.country ?? null,
            date?.start,
          )
        : NO_PARTIES;
    // "In a separate incident ...", "Separately, ...", "Elsewhere, ...": another event than the one
    // just told, whatever day and place the two share.
    const separate = SEPARATE.test(sentence);
    const recent: DraftIncident | null =
      !separate && lastDraft !== null && lastDraft.paragraph >= paragraph - 1 ? lastDraft.draft : null;
    // "Islamic State claimed responsibility": the perpetrator of the event just told.
    if (parties.attribution && recent && !passage.dated) attribute(recent, parties);
    // "JNIM claimed responsibility for the attack in a statement on Friday": a claim dated by its
    // statement, a day or three after the event just told, with no toll of its own, is about that event.
    const claimed = lastDraft !== null && lastDraft.paragraph >= paragraph - 2 ? lastDraft.draft : null;
    if (parties.attribution && claimed && passage.dated && figures.length === 0 && statedAfter(claimed, date, here)) {
      attribute(claimed, parties);
      continue;
    }
    // "In a statement issued late Monday, the government said a terrorist attack was repelled": an
    // account, dated only by its telling a day or three after the event just told, of an event that
    // fits it, with no toll of its own, is about that event.
    if (
      passage.spoken &&
      claimed &&
      figures.length === 0 &&
      statedAfter(claimed, date, here) &&
      (event === null || fitsEvent(claimed.event_type, event.event_type))
    )
      continue;
    // A sentence with figures but no event or date of its own adds parts or totals to the event just
    // told ("Among the dead were nine children"); it stays a source of that incident, wherever it
    // names, and its totals claims of it (its parts are not: withoutParts).
    const ownCue = classifyEvent(sentence);
    // "UNAMA today expressed deep concern at the toll of the fighting": a reaction, without a toll of
    // its own, tells no event; the fighting it names is told elsewhere or nowhere.
    if (figures.length === 0 && reactsTo(sentence, ownCue)) continue;
    // Displacement is a consequence ACLED does not code as an event of its own.
    // "A total of 720 were killed during the siege": the campaign's total, part of no one incident.
    // So is one told on a day of its own as the conflict's tally so far ("In mid-September, UNAMA said
    // 56 civilians had been killed during the battle"), which the extraction dates over the conflict.
    if (figures.length > 0 && figures.every(({ f }) => f.date && isWholeConflict(f.date, extraction))) continue;
    // "70 soldiers and police had died since Friday": a running tally, neither an incident nor a part of
    // the one just told.
    if (figures.length > 0 && TALLY_SINCE.test(sentence)) continue;
    // "Israel says 1,200 people were killed in the attack that triggered the war": the war's first
    // event, told as background to a report of its latest.
    if (figures.length > 0 && WAR_OPENER.test(sentence)) continue;
    // "The death toll among militants had risen to 225": a tally of the campaign so far, told
    // without an event of its own (a report's "the toll has risen to 16" is its event's).
    if (figures.length > 0 && !event && TOLL_HAD_RISEN.test(sentence)) continue;
    // "The commission said in March that at least 45 civilians had been killed in Merawi": a toll
    // dated only by a month or more in which a source spoke, after the one incident of its kind the
    // report told at that place, is that incident's.
    const spokenOf =
      passage.spoken && figures.length > 0 && date && date.precision !== 'day'
        ? toldBefore(drafts, date, here ?? homePlace, event?.event_type ?? null)
        : null;
    if (spokenOf) {
      addTo(spokenOf, figures, parties, { start: passage.start, end: passage.end, text: sentence });
      continue;
    }
    if (
      recent &&
      !passage.dated &&
      figures.length > 0 &&
      (ownCue === null || ownCue.sub_event_type === 'Other') &&
      !elsewhere(topic ?? (lastTopic?.paragraph === paragraph ? lastTopic.place : null), recent.place)
    ) {
      addTo(recent, figures, parties, { start: passage.start, end: passage.end, text: sentence });
      // The story goes on in this paragraph: a next one that adds to it still adds to this incident.
      lastDraft = { draft: recent, paragraph };
      continue;
    }
    if (!event && !figures.some(({ f }) => f.kind !== 'strength')) continue;
    // People displaced, told without a day of their own ("have fled in the past week", "had fled to
    // Kandahar during the assault"), are a consequence of events, not one; so, with no figure at all,
    // is a development of no other kind told over days ("both sides have moved reinforcements into the
    // area over the past month").
    const undatedHere = !passage.dated || (date !== null && spanDays(date) > 1);
    if (undatedHere && figures.length > 0 && figures.every(({ f }) => f.kind === 'displaced')) continue;
    if (undatedHere && figures.length === 0 && event?.sub_event_type === 'Other') continue;
    const eventType = event ?? { event_type: 'Battles' as const, sub_event_type: 'Armed clash', cue: '' };
    // "As of 1 July, 23 had been identified": a running tally dated by its report, not an incident.
    // Not "On 16 October, the army announced that the two leaders had been killed in a raid": one event.
    if (CUMULATIVE.test(sentence) && !ONE_EVENT.test(sentence)) continue;
    // "Fighting has gone on since early August", "183 had been killed since July": a state or a running
    // tally over weeks, not an incident.
    if (RUNNING_SINCE.test(sentence) && [date, ...figures.map(({ f }) => f.date)].some((d) => d && spanDays(d) > 7))
      continue;
    // A sentence dated only by a long stretch (a year, a campaign) tells no incident's time.
    if (date && spanDays(date) > MAX_INCIDENT_DAYS) continue;
    // An undated sentence only counts when it carries a figure: words alone are background. So does
    // a sentence dated by a month or more.
    if (
      figures.length === 0 &&
      date &&
      (!passage.dated || spanDays(date) > 31) &&
      !movesOn(passage, event, topic, datedParagraph === paragraph, recent, sentence)
    )
      continue;
    // A total over the whole conflict's dates sums its incidents; it is not one of them.
    if (date && isWholeConflict(date, extraction)) continue;
    const ownPlace =
      here ??
      definitePlace(sentence, prosePlaces, passage.start, homePlace, paragraphs[paragraph - 1] ?? 0) ??
      (lastPlace?.paragraph === paragraph ? lastPlace.place : null);
    const place = ownPlace ?? homePlace;
    const civilianTarget = eventType.event_type === 'Violence against civilians' || civilianDeaths;
    const base: DraftIncident = {
      date: date ?? { start: '', end: '', precision: 'range' },
      place,
      event_type: eventType.event_type,
      sub_event_type: eventType.sub_event_type,
      violence_type: null,
      side_a: parties.side_a,
      side_b: civilianTarget && !parties.side_b ? CIVILIANS : parties.side_b,
      claims: [],
      sources: [{ start: passage.start, end: passage.end, text: sentence }],
      summary: sentence,
      undated: date === null,
      attribution: parties.attribution,
      ...(separate ? { separate } : {}),
      // Typed by no word of its own kind: a clash for want of any, or an attack on civilians only because they died.
      ...(event === null || event.cue === '' ? { untyped: true } : {}),
    };
    // "killed 12 in Aleppo and 7 in Idlib": one incident per place, each with its own toll.
    const split = splitByPlace(
      figures,
      placesIn(places, passage),
      (f) => f.evidence.start,
      sentenceCuts(text, passage),
    );
    // "A council member put the number of police killed at 13": a later paragraph that names no place
    // of its own, on the day of the one incident the report placed within its area, is more of it.
    const told =
      ownPlace === null && date !== null && split.length <= 1 && !separate
        ? theOneThatDay(draftsByDay.get(dayKey(date)) ?? [], homePlace, eventType)
        : null;
    if (told) {
      absorb(told, { ...base, claims: figures.map(({ f, i }) => claimOf(f, i, base)) });
      lastDraft = { draft: told, paragraph };
      continue;
    }
    const parts = split.length > 1 ? split : [{ place, items: figures }];
    for (const part of parts) {
      const draft: DraftIncident = {
        ...base,
        place: withinHome(part.place, homePlace) ?? place,
        sources: [...base.sources],
      };
      draft.claims = part.items.map(({ f, i }) => claimOf(f, i, draft));
      draft.violence_type = violenceType(draft.event_type, draft.side_a?.state ?? false, draft.side_b?.state ?? false);
      // A separate incident is keyed by where it is told, so no other draft of its day and place joins it.
      const key = separate ? `${draftKey(draft)}@${passage.start}` : draftKey(draft);
      const same = draftsByKey.get(key);
      if (same) absorb(same, draft);
      else {
        drafts.push(draft);
        draftsByKey.set(key, draft);
        if (!draft.undated) {
          const day = draftsByDay.get(dayKey(draft.date));
          if (day) day.push(draft);
          else draftsByDay.set(dayKey(draft.date), [draft]);
        }
      }
      lastDraft = { draft: same ?? draft, paragraph };
    }
  }
  // The infobox tells the battle when the prose dates nothing (what it tells undated is background).
  if (!drafts.some((d) => !d.undated)) {
    const boxed = infoboxIncident(extraction, homePlace, resolvers.actors);
    if (boxed) drafts.push(boxed);
  }
  withStoryWeapon(text, passages, drafts);
  attachInfoboxFigures(extraction, drafts, resolvers.actors);
  const folded = foldCopies(drafts, absorb);
  const parts = figureParts(extraction.figures);
  withoutParts(folded, parts);
  withSums(folded, figureSums(extraction.figures, parts));
  if (!folded.some((d) => !d.undated)) return folded;
  // Undated passages may join incidents other reports date, but only from a report that dates
  // nothing itself; in a dated report they are background to its dated events, unless they tell the
  // one event of their kind the report dates (a lead that tells an air strike and its toll, a later
  // paragraph its day).
  const dated = new Map<string, DraftIncident[]>();
  for (const d of folded) {
    if (d.undated) continue;
    const list = dated.get(d.sub_event_type);
    if (list) list.push(d);
    else dated.set(d.sub_event_type, [d]);
  }
  for (const u of folded) if (u.undated) joinTheOneOfItsKind(u, dated.get(u.sub_event_type) ?? []);
  return folded.filter((d) => !d.undated);
}

// Perfect and pluperfect, or words that look back: what the sentence tells happened before the day it carries.
const LOOKS_BACK = /\b(?:had|has|have|earlier|previously|before that|already)\b/i;

/**
 * "On 8 August, Sar-e Pol fell. In Kunduz the insurgents took the police headquarters": a sentence of
 * fighting that opens with a place of its own, other than that of the incident its paragraph just
 * dated, is another incident of that day, though it states no date and no figure.
 */
function movesOn(
  passage: Passage,
  event: EventClass | null,
  here: ResolvedPlace | null,
  paragraphStatedDay: boolean,
  told: DraftIncident | null,
  sentence: string,
): boolean {
  if (event === null || event.event_type === 'Strategic developments' || here === null || here.where_prec > 3)
    return false;
  // The day it carries must be one its paragraph stated, and the place another than the incident just told.
  if (!paragraphStatedDay || passage.date?.precision !== 'day' || told?.place?.gazetteer_id === here.gazetteer_id)
    return false;
  return !LOOKS_BACK.test(sentence);
}

/** Words for violence in general, no one event. */
const GENERAL_CUE = /^(?:fighting|violence|clashes|hostilities|attacks|strikes|shelling)$/i;

/** Words of a reaction to events: concern, condemnation, appeals. */
const REACTION =
  /\b(?:express(?:ed|es) (?:its |their |his |her )?(?:deep |grave |serious |great )?(?:concern|alarm|sorrow|condolences)|condemn(?:s|ed)?|deplore[sd]?|urg(?:ed|es)|call(?:ed|s) (?:on|for|upon)|appeal(?:ed|s) (?:to|for)|remind(?:s|ed))\b/i;

/**
 * Whether the sentence's event is what a reaction is about: "expressed deep concern at the rising toll
 * of the fighting", "condemned the shelling" (not "called on the troops to surrender as they entered").
 */
function reactsTo(sentence: string, cue: EventClass | null): boolean {
  const m = REACTION.exec(sentence);
  // "We condemn the suicide bombing of a Shia mosque on 8 October" tells of one event; "concern at
  // the fighting" of none in particular.
  if (!m || !cue || cue.at < m.index || !GENERAL_CUE.test(cue.cue)) return false;
  if (/^(?:condemn|deplor)/i.test(m[0])) return true;
  return /\b(?:at|over|about|for)\b/.test(sentence.slice(m.index + m[0].length, cue.at));
}

/** Armed men of either side, whose fighting a toll without a weapon's name may be. */
const ARMED =
  /\b(?:soldiers?|troops|insurgents?|militants?|fighters?|rebels?|policemen|police officers|security forces|militia(?:men|s)?|gunmen|jihadists?|army)\b/i;

/**
 * A report whose headline names a weapon ("Russia launches its biggest air attack on Ukrainian
 * cities") tells of it in every entry: a toll told without words of its own kind ("In Lviv, one
 * person was killed and 30 were injured") is of the headline's kind, not a clash.
 */
function withStoryWeapon(text: string, passages: readonly Passage[], drafts: DraftIncident[]): void {
  if (!drafts.some((d) => d.untyped)) return;
  let story: EventClass | null = null;
  for (const p of passages) {
    if (p.source !== 'headline') continue;
    story = classifyEvent(text.slice(p.start, p.end));
    if (story) break;
  }
  if (story?.event_type !== 'Explosions/Remote violence') return;
  for (const d of drafts) {
    // "Insurgents also killed two soldiers at a checkpoint": armed men told fighting are a clash.
    if (!d.untyped || d.sources.some((source) => ARMED.test(source.text))) continue;
    d.event_type = story.event_type;
    d.sub_event_type = story.sub_event_type;
    d.untyped = false;
    d.violence_type = violenceType(d.event_type, d.side_a?.state ?? false, d.side_b?.state ?? false);
  }
}

const PARAGRAPH_BREAK = new RegExp(String.raw`\n(?:[ \t]*\n|${LIST_MARK})`, 'g');

/**
 * Where the blank lines that split paragraphs stand, and the items of a list (each its own account:
 * the place of one bullet does not carry into the next); a position's paragraph is how many come
 * before it.
 */
function paragraphBreaks(text: string): number[] {
  const breaks: number[] = [];
  for (const m of text.matchAll(PARAGRAPH_BREAK)) breaks.push(m.index);
  return breaks;
}

/**
 * When the incident of a passage happened: the day its figures were dated by, where they agree on one
 * that is not the sentence's first ("Human Rights Watch said on 25 April that soldiers killed 223
 * villagers on 25 February": the killing's day, not the statement's), else the passage's date. A
 * wire's only date may be its dateline's, given to the figures rather than to the sentence.
 */
function incidentDate(passage: Passage, figures: Figure[]): DateRange | null {
  const own = figureDate(figures.filter((f) => f.kind !== 'strength'));
  if (passage.date === null) return figureDate(figures);
  if (own === null || !passage.dated || (own.start === passage.date.start && own.end === passage.date.end))
    return passage.date;
  return own;
}

/** The one short date the figures of a sentence agree on, if any. */
function figureDate(figures: Figure[]): DateRange | null {
  const dates = figures.map((f) => f.date).filter((d): d is DateRange => d !== null && d !== undefined);
  const first = dates[0];
  if (!first || spanDays(first) > 3) return null;
  return dates.every((d) => d.start === first.start && d.end === first.end) ? first : null;
}

/** Whether a date is the whole of the conflict the infobox dates (and more than a day). */
function isWholeConflict(date: DateRange, extraction: ExtractionResult): boolean {
  const c = extraction.conflict;
  if (c === null || !c.start || date.start === date.end) return false;
  if (c.start === date.start && c.end === date.end) return true;
  // "between 28 September and 13 October" of a battle of 28 September to 14 October: its span, told
  // a day or two short at either end.
  const end = c.end ?? c.start;
  const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
  return (
    spanDays({ start: c.start, end, precision: 'range' }) > 7 &&
    days(c.start, date.start) <= 2 &&
    days(end, date.end) <= 2
  );
}

const CIVILIANS: ActorRef = { actor_id: 'civilians', name: 'Civilians', inter: 7, state: false };

function isCivilian(f: Figure): boolean {
  return (
    f.subject !== null &&
    CIVILIAN_WORDS.test(f.subject) &&
    !/\b(?:fighters?|soldiers?|militants?|troops?|prisoners?)\b/i.test(f.subject)
  );
}

function figuresIn(figures: Figure[], passage: Passage): { f: Figure; i: number }[] {
  const out: { f: Figure; i: number }[] = [];
  // The extractor returns figures sorted by evidence start.
  for (let i = countBefore(figures, passage.start, (f) => f.evidence.start); i < figures.length; i++) {
    const f = figures[i] as Figure;
    if (f.evidence.start >= passage.end) break;
    if (f.source !== 'infobox' && f.evidence.end <= passage.end) out.push({ f, i });
  }
  return out;
}

export function spanDays(d: DateRange): number {
  return (Date.parse(d.end) - Date.parse(d.start)) / 86_400_000 + 1;
}

/** Every word partiesOf reads a claim or an attribution from, and more: a sentence without one has none. */
const MAY_ATTRIBUTE = /responsib|carried out|claimed|blam|attribut|accus|suspect|finger|behind/i;
const NO_PARTIES: Parties = { side_a: null, side_b: null, attribution: null };

const HARMED_KINDS: ReadonlySet<Figure['kind']> = new Set(['killed', 'injured', 'killed_or_injured', 'captured']);

// "1,400 soldiers from the Hazara army", "troops of the Northern Alliance": forces named after the count.
const FORCES_NAMED_AFTER = /^\s*(?:from|of|belonging to|loyal to)\s+(?:the\s+)?\p{Lu}/u;

/** A count of a state's forces that names no state ("killed 12 soldiers", "two police officers were hurt"). */
function countsForces(f: Figure): boolean {
  if (!HARMED_KINDS.has(f.kind) || f.actor !== null || isCivilian(f) || !STATE_PEOPLE.test(f.evidence.text))
    return false;
  const after = f.evidence.end - f.sentence.start;
  return !FORCES_NAMED_AFTER.test(f.sentence.text.slice(after, after + 40));
}

/**
 * "Taliban fighters killed 12 soldiers in Kunduz": soldiers, police officers or troops a sentence
 * counts among the harmed without naming their state are the forces of the state that holds the
 * report's country, the side acted on, when the sentence names no other.
 */
function harmedForces(
  parties: Parties,
  figures: readonly { f: Figure }[],
  actors: ActorIndex,
  country: string | null,
  date: string | undefined,
): Parties {
  if (parties.side_b !== null || !figures.some(({ f }) => countsForces(f))) return parties;
  const forces = stateForcesOf(actors, country, date);
  if (forces === null || forces.actor_id === parties.side_a?.actor_id) return parties;
  return { ...parties, side_b: forces };
}

/** Where a sentence's clauses part: commas, semicolons and "and" between them. */
function sentenceCuts(text: string, passage: Passage): number[] {
  const cuts: number[] = [];
  for (const m of text.slice(passage.start, passage.end).matchAll(/[,;]|\band\b|\bwhile\b|\bwhereas\b/g)) {
    cuts.push(passage.start + m.index);
  }
  return cuts;
}

/**
 * A claim of responsibility or an attribution names who did an event told before it. It replaces an
 * unknown perpetrator; a side the narration named moves to the target when that is empty.
 */
function attribute(draft: DraftIncident, parties: Parties): void {
  const perpetrator = parties.side_a;
  if (perpetrator === null || perpetrator.actor_id === UNIDENTIFIED.actor_id) return;
  if (draft.attribution && draft.side_a?.actor_id !== UNIDENTIFIED.actor_id) return;
  const before = draft.side_a;
  const beforeB = draft.side_b;
  draft.side_a = perpetrator;
  if (before && before.actor_id !== UNIDENTIFIED.actor_id && before.actor_id !== perpetrator.actor_id)
    draft.side_b ??= before;
  if (draft.side_b?.actor_id === perpetrator.actor_id) draft.side_b = null;
  // The soldiers counted as the army's, side A of the headline, stay the army's, now side B.
  rebind(draft.claims, before, beforeB, draft);
  draft.attribution = parties.attribution;
  draft.violence_type = violenceType(draft.event_type, draft.side_a?.state ?? false, draft.side_b?.state ?? false);
}

/**
 * An infobox that dates a short event (a battle of days, an attack) is that event's incident when the
 * prose dates none, placed where the document is about even without a Location line.
 */
function infoboxIncident(
  extraction: ExtractionResult,
  home: ResolvedPlace | null,
  actors: ActorIndex | null,
): DraftIncident | null {
  const c = extraction.conflict;
  if (!c?.start) return null;
  const date: DateRange = { start: c.start, end: c.end ?? c.start, precision: c.date_precision ?? 'day' };
  if (!(spanDays(date) <= MAX_INCIDENT_DAYS)) return null;
  const words = [c.name, c.result ?? '', ...c.other_casualties, ...c.sides.map((s) => s.casualties ?? '')].join('. ');
  const event = classifyEvent(words) ?? { event_type: 'Battles' as const, sub_event_type: 'Armed clash' };
  const { side_a, side_b } = boxSides(c, date.start, actors);
  return {
    date,
    place: home,
    event_type: event.event_type,
    sub_event_type: event.sub_event_type,
    violence_type: violenceType(event.event_type, side_a?.state ?? false, side_b?.state ?? false),
    side_a,
    side_b,
    claims: [],
    sources: [{ start: c.evidence.start, end: c.evidence.end, text: c.evidence.text }],
    summary: c.name,
    undated: false,
  };
}

/**
 * The sides an infobox names: the first combatant each side lists leads it ("United States, UNOSOM
 * II" against "Somali National Alliance").
 */
function boxSides(
  c: NonNullable<ExtractionResult['conflict']>,
  date: string,
  actors: ActorIndex | null,
): { side_a: ActorRef | null; side_b: ActorRef | null } {
  const [a, b] = c.sides.map((s) => s.combatants[0]);
  const side = (name: string | undefined) => (name && actors ? namedSide(name, actors, date) : null);
  return { side_a: side(a), side_b: side(b) };
}

/**
 * An incident's claims without the counts that break down another of its claims ("including three
 * children"): they stay the document's figures, but the toll is the whole's.
 */
function withoutParts(drafts: DraftIncident[], parts: ReadonlyMap<number, number>): void {
  if (parts.size === 0) return;
  for (const d of drafts) {
    const held = new Set(d.claims.map((c) => c.figure));
    d.claims = d.claims.filter((c) => {
      const whole = parts.get(c.figure);
      return whole === undefined || !held.has(whole);
    });
  }
}

/**
 * Each claim counted side by side with another of its incident ("17 soldiers and 36 volunteers")
 * marked with the first of their run, so that the estimate adds them.
 */
function withSums(drafts: DraftIncident[], sums: ReadonlyMap<number, number>): void {
  if (sums.size === 0) return;
  for (const d of drafts) {
    // The figures of each run the incident holds: a run it holds one count of adds nothing.
    const runs = new Map<number, Set<number>>();
    for (const c of d.claims) {
      const first = sums.get(c.figure);
      if (first !== undefined) runs.set(first, (runs.get(first) ?? new Set()).add(c.figure));
    }
    for (const c of d.claims) {
      const first = sums.get(c.figure);
      if (first !== undefined && (runs.get(first)?.size ?? 0) > 1) c.sum_group = first;
    }
  }
}

function categoryOf(f: Figure, d: DraftIncident): DeathCategory {
  if (isCivilian(f)) return 'civilians';
  const actor = f.actor?.toLowerCase();
  if (actor) {
    if (d.side_a && sameName(actor, d.side_a)) return 'side_a';
    if (d.side_b && sameName(actor, d.side_b)) return 'side_b';
  }
  // "12 soldiers", no state named: the side that is a state's forces, when only one is.
  if (countsForces(f) && (d.side_a?.state ?? false) !== (d.side_b?.state ?? false))
    return d.side_a?.state ? 'side_a' : 'side_b';
  return 'unknown';
}

/**
 * Whose dead an infobox row counts: the row's side ("Casualties2"), as the incident's side A or B
 * that side's combatants name; civilians and rows of no side as categoryOf reads them.
 */
function boxCategory(
  f: Figure,
  d: DraftIncident,
  extraction: ExtractionResult,
  actors: ActorIndex | null,
): DeathCategory {
  const combatants = f.side ? (extraction.conflict?.sides[f.side - 1]?.combatants ?? []) : [];
  if (isCivilian(f) || combatants.length === 0) return categoryOf(f, d);
  // "Afghanistan" in the infobox is the incident's "Afghan National Defense and Security Forces".
  const ids = actors ? combatants.map((c) => namedSide(c, actors, d.date.start).actor_id) : [];
  const leads = (side: ActorRef | null) =>
    side !== null &&
    (combatants.some((c) => sameName(c.toLowerCase(), side)) ||
      (side.actor_id !== null && ids.includes(side.actor_id)));
  if (leads(d.side_a)) return 'side_a';
  if (leads(d.side_b)) return 'side_b';
  return categoryOf(f, d);
}

/**
 * A claim counts a side by its party: the category it had against sides A and B then, as the side
 * that party holds in `draft` now, else no side known.
 */
function sideNow(category: DeathCategory, a: ActorRef | null, b: ActorRef | null, draft: DraftIncident): DeathCategory {
  const party = category === 'side_a' ? a : category === 'side_b' ? b : undefined;
  if (party === undefined) return category;
  if (party === null) return 'unknown';
  return sameParty(party, draft.side_a) ? 'side_a' : sameParty(party, draft.side_b) ? 'side_b' : 'unknown';
}

/** Each claim's side as its party's side in `draft`, the claims having counted `a` and `b` as sides A and B. */
function rebind(claims: DraftClaim[], a: ActorRef | null, b: ActorRef | null, draft: DraftIncident): void {
  for (const c of claims) c.category = sideNow(c.category, a, b, draft);
}

function sameParty(a: ActorRef, b: ActorRef | null): boolean {
  return b !== null && a.actor_id === b.actor_id && a.name === b.name;
}

/** A name with its dashes as spaces: "al-Shabaab" is the registry's "Al Shabaab". */
const spaced = (name: string) => name.replace(/[-‐‑–—]/g, ' ');

/**
 * Whether a people's word names the state a side's name ends in: "Ukrainian" the "Military Forces of
 * Ukraine", "Iraqi" Iraq's, "American" the United States'.
 */
function peopleOf(actor: string, name: string): boolean {
  if (/\s/.test(actor)) return false;
  if (/^(?:american|u\.?s\.?)$/.test(actor)) return name.includes('united states');
  const state = /\bof (?:the )?([a-z]+)$/.exec(name)?.[1];
  const stem = state?.replace(/[ae]$/, '');
  return stem !== undefined && stem.length >= 4 && actor.startsWith(stem) && actor.length - stem.length <= 4;
}

function sameName(lowered: string, ref: ActorRef): boolean {
  const actor = spaced(lowered);
  const name = spaced(ref.name.toLowerCase());
  return (
    name.includes(actor) ||
    actor.includes(name) ||
    (ref.actor_id !== null && actor.includes(spaced(ref.actor_id))) ||
    peopleOf(actor, name)
  );
}

function claimOf(f: Figure, index: number, d: DraftIncident): DraftClaim {
  return {
    figure: index,
    kind: f.kind,
    low: f.low,
    high: f.high,
    qualifier: f.qualifier,
    vague: f.vague,
    category: categoryOf(f, d),
    claimant: f.claimant,
    evidence: f.evidence,
    sum_group: null,
  };
}

/** A sentence that says it tells another event than the one before. */
const SEPARATE =
  /^\W*(?:separately|elsewhere|in (?:a |an )?(?:separate|second|another|other|unrelated|different) (?:incident|attack|development|case|strike|clash)s?)\b/i;

/** Two passages of one document tell of the same incident when these agree: the dates and the place. */
function draftKey(d: DraftIncident): string {
  return JSON.stringify([d.undated, d.date.start, d.date.end, d.place?.gazetteer_id ?? null]);
}

/** A claim this many days after the event it names is still news of that event. */
const CLAIM_DAYS = 3;

/** Whether a dated statement follows the incident just told within CLAIM_DAYS, at a place that fits it. */
function statedAfter(told: DraftIncident, date: DateRange | null, here: ResolvedPlace | null): boolean {
  if (date === null || told.undated || !placesFit(told.place, here)) return false;
  const days = (Date.parse(date.start) - Date.parse(told.date.end)) / 86_400_000;
  return days >= 0 && days <= CLAIM_DAYS;
}

/**
 * The incident a cited source's title tells: one the text told at a place that fits, ending on the
 * day the source was published or up to CLAIM_DAYS before; of the same kind of event when several
 * are, and then the latest.
 */
function citedIncident(
  drafts: readonly DraftIncident[],
  day: DateRange,
  here: ResolvedPlace | null,
  cue: EventClass | null,
): DraftIncident | null {
  if (day.precision !== 'day') return null;
  const fitting = drafts.filter((d) => statedAfter(d, day, here));
  const alike = cue ? fitting.filter((d) => d.event_type === cue.event_type) : [];
  const pool = alike.length > 0 ? alike : fitting;
  return pool.reduce<DraftIncident | null>((a, d) => (a === null || d.date.end > a.date.end ? d : a), null);
}

/**
 * The one incident told so far on exactly this day at a place within the report's own area, when the
 * event fits it (no other kind of violence than it reports); null when there are none or several.
 */
function theOneThatDay(
  sameDay: readonly DraftIncident[],
  home: ResolvedPlace | null,
  event: { event_type: string },
): DraftIncident | null {
  let only: DraftIncident | null = null;
  for (const d of sameDay) {
    if (!placesFit(d.place, home)) continue;
    if (only !== null) return null;
    only = d;
  }
  return only !== null && fitsEvent(only.event_type, event.event_type) ? only : null;
}

/** How long after an event a source's month-dated statement may still be about it: a quarter. */
const TOLD_WITHIN_DAYS = 92;

/** The one dated incident that ended before `date` began, at a place that fits and of a kind that fits; else null. */
function toldBefore(
  drafts: readonly DraftIncident[],
  date: DateRange,
  here: ResolvedPlace | null,
  eventType: string | null,
): DraftIncident | null {
  const fitting = drafts.filter(
    (d) =>
      !d.undated &&
      d.date.end < date.start &&
      Date.parse(date.start) - Date.parse(d.date.end) <= TOLD_WITHIN_DAYS * 86_400_000 &&
      placesFit(d.place, here) &&
      (eventType === null || fitsEvent(d.event_type, eventType)),
  );
  const first = fitting[0];
  // Several accounts of the same days (a headline and its lead) are one event, folded later.
  if (!first || fitting.some((d) => dayKey(d.date) !== dayKey(first.date))) return null;
  return fitting.find((d) => here !== null && d.place?.gazetteer_id === here.gazetteer_id) ?? first;
}

/** Dates as a key: drafts of exactly the same days share it. */
function dayKey(date: DateRange): string {
  return `${date.start}/${date.end}`;
}

/** Whether a sentence's event can tell more of an incident: the same type, or fighting and its outcome. */
function fitsEvent(incident: string, sentence: string): boolean {
  const fighting = (t: string) => t === 'Battles' || t === 'Strategic developments';
  return incident === sentence || (fighting(incident) && fighting(sentence));
}

/** Ways of attack specific enough that two accounts of one in a report are the same event. */
const SPECIFIC_MEANS = new Set([
  'Suicide bomb',
  'Air/drone strike',
  'Shelling/artillery/missile attack',
  'Chemical weapon',
  'Grenade',
  'Remote explosive/landmine/IED',
  'Sexual violence',
  'Abduction/forced disappearance',
]);

/**
 * An undated account of an attack joins the report's one dated incident of the same means at a place
 * that fits it: "A military air strike killed 11 children" in the lead, "The strike hit a school on
 * 16 September" below. With two such incidents, or none, it stays background.
 */
function joinTheOneOfItsKind(undated: DraftIncident, sameMeans: readonly DraftIncident[]): void {
  if (!SPECIFIC_MEANS.has(undated.sub_event_type)) return;
  let only: DraftIncident | null = null;
  for (const d of sameMeans) {
    if (!placesFit(d.place, undated.place)) continue;
    // A second that fits: nothing tells which one the account is about.
    if (only !== null) return;
    only = d;
  }
  if (only !== null) absorb(only, undated);
}

/** Whether two places can be one: either unknown, in one province, or within ELSEWHERE_KM. */
function placesFit(a: ResolvedPlace | null, b: ResolvedPlace | null): boolean {
  if (a === null || b === null) return true;
  if (a.country !== b.country) return false;
  return (a.admin1 !== null && a.admin1 === b.admin1) || !elsewhere(a, b);
}

/**
 * A sentence that adds to an incident told before: its figures as claims, itself as a source, and
 * the parties the incident lacked ("20 members of the security forces had been killed").
 */
function addTo(
  draft: DraftIncident,
  figures: readonly { f: Figure; i: number }[],
  parties: Parties,
  source: DraftIncident['sources'][number],
): void {
  fillSides(draft, parties);
  draft.claims.push(...figures.map(({ f, i }) => claimOf(f, i, draft)));
  draft.sources.push(source);
}

/** The sides an incident lacks, from a sentence that adds to it; a party already on one side stays there. */
function fillSides(into: DraftIncident, parties: Pick<Parties, 'side_a' | 'side_b'>): void {
  const on = (ref: ActorRef | null) => ref !== null && (sameParty(ref, into.side_a) || sameParty(ref, into.side_b));
  if (into.side_a === null && parties.side_a && !on(parties.side_a)) into.side_a = parties.side_a;
  if (into.side_b === null && parties.side_b && !on(parties.side_b)) into.side_b = parties.side_b;
  into.violence_type = violenceType(into.event_type, into.side_a?.state ?? false, into.side_b?.state ?? false);
}

function absorb(into: DraftIncident, other: DraftIncident): void {
  into.sources.push(...other.sources);
  // A named perpetrator outranks "unidentified"; the first named stays.
  if (
    into.side_a?.actor_id === UNIDENTIFIED.actor_id &&
    other.side_a &&
    other.side_a.actor_id !== UNIDENTIFIED.actor_id
  ) {
    const beforeB = into.side_b;
    into.side_a = other.side_a;
    into.attribution = other.attribution ?? null;
    // The party that acted is no longer its own target: its dead are its side's. The unidentified
    // perpetrator's dead are the named one's.
    if (sameParty(into.side_a, into.side_b)) into.side_b = null;
    rebind(into.claims, into.side_a, beforeB, into);
  }
  // A party already on one side stays there: "IS v IS" is no incident.
  fillSides(into, other);
  rebind(other.claims, other.side_a, other.side_b, into);
  into.claims.push(...other.claims);
  if (moreSpecific(other, into)) {
    into.event_type = other.event_type;
    into.sub_event_type = other.sub_event_type;
  }
  into.violence_type = violenceType(into.event_type, into.side_a?.state ?? false, into.side_b?.state ?? false);
}

/**
 * Infobox casualty lines restate what the prose tells. A dated line joins the incident of its date;
 * an undated one joins the incident whose prose reports the same kind of loss in the same manner
 * ("8 captured prisoners executed" beside "executed nine ... who had surrendered"), so the two
 * counts stand side by side.
 */
function attachInfoboxFigures(extraction: ExtractionResult, drafts: DraftIncident[], actors: ActorIndex | null): void {
  const figures = extraction.figures;
  figures.forEach((f, i) => {
    if (f.source !== 'infobox' || f.kind === 'strength') return;
    const date = f.date;
    const dated = date && spanDays(date) <= 3 ? date : null;
    // A row dated by the whole conflict belongs to an incident of exactly its days: the battle told
    // as one incident ("Battle of Qala-i-Jangi", 25 November – 1 December 2001).
    const target = date
      ? drafts.find(
          (d) =>
            !d.undated &&
            (dated ? d.date.start <= dated.end && dated.start <= d.date.end : dayKey(d.date) === dayKey(date)),
        )
      : undefined;
    if (target) {
      // "Kenyan troops came ashore and fought militants": a battle within the infobox's days whose
      // narration names no side is the infobox's battle, fought by the sides it names.
      const c = extraction.conflict;
      if (c && target.event_type === 'Battles' && target.side_a === null && target.side_b === null)
        fillSides(target, boxSides(c, target.date.start, actors));
      target.claims.push({ ...claimOf(f, i, target), category: boxCategory(f, target, extraction, actors) });
      return;
    }
    if (dated) return;
    if (!f.manner) return;
    for (const d of drafts) {
      const twin = d.claims.find((c) => c.kind === f.kind && figures[c.figure]?.manner === f.manner);
      // The same dead told twice: the infobox count belongs with the prose count it disputes.
      if (twin) {
        d.claims.push({ ...claimOf(f, i, d), category: twin.category });
        return;
      }
    }
  });
}
