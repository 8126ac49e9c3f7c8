import { classifyEvent, type EventClass } from './classify-event.js';

// Words of politics and movement: a sentence built on them reports no violence of its own.
const NON_EVENT =
  /\b(?:arrived|arriving|arrival|reached|returned|returning|fled (?:to|abroad)|went into exile|visited|visiting|met with|meeting with|elected|election|appointed|appointment|sworn in|inaugurated|took office|resigned|named as|nominated|held talks|negotiations?|talks)\b/i;
// Concluding an agreement, as opposed to naming one in passing ("after the 2020 deal").
const CONCLUDED =
  /\b(?:signed|agreed|reached|declared|announced|brokered|came into (?:force|effect)|took effect|went into effect|accepted)\b/i;
const AGREEMENT_REFERENCE =
  /\b(?:after|since|under|following|despite|before|per|violat\w+|breach\w*) (?:the |a |an |this |that |last )?(?:[\w'’-]+ ){0,5}(?:agreement|ceasefire|cease-fire|truce|peace deal|deal|accord)\b/i;
// A clause that recalls an earlier event: "the deadliest since a bombing in May", "after a similar attack";
// not a time ("on the previous day", "the prior week").
const BACK_REFERENCE =
  /\b(?:since|recalling|reminiscent of|similar to|like the|echoing|months? after|weeks? after|years? after|the anniversary of)\b|\b(?:an?|the) (?:earlier|previous|similar|prior) (?!(?:day|night|evening|morning|afternoon|week|weekend|month|year)s?\b)(?=\w)/i;
/** "came a week after", "happened two days after": what follows is an earlier event of its own. */
const CAME_AFTER =
  /\b(?:came|comes|happened|occurred|followed)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|a few)\s+(?:days?|weeks?|months?)\s+after\b/i;
// A stretch of fighting summed up, or a slow process: no one incident's time or toll. "After two days
// of fighting" still times one event ("overran the district centre on Sunday night after two days of
// fighting"); after weeks of it, the sentence sums them up.
const CAMPAIGN =
  /\b(?:in|during|over|throughout) (?:the )?(?:\w+ ){0,2}(?:days|weeks|months|years) of (?:fighting|clashes|combat|war|conflict|battles|hostilities)\b|\b(?:gradually|progressively|steadily|over the (?:following|next|coming) (?:weeks|months|years))\b/i;
const CAMPAIGNS = new RegExp(CAMPAIGN.source, 'gi');
// "Killed in two days of fighting": a battle's toll over its few days, which an incident spans; a week
// or more of it, or "several days", sums a campaign up.
const FEW_DAYS = /\b(?:two|three|four|five|six|[2-6]|a couple of) days of\b/i;

/** Whether the sentence sums up a stretch of fighting longer than one battle's few days. */
function summedUp(sentence: string): boolean {
  if (!CAMPAIGN.test(sentence)) return false;
  for (const m of sentence.matchAll(CAMPAIGNS)) if (!FEW_DAYS.test(m[0])) return true;
  return false;
}
// "After weeks of fighting" sums the weeks up ("were driven back on 2 March after weeks of fighting"),
// unless the sentence gives the day a town was taken at the end of them: "Taliban fighters captured
// the city on 8 August after weeks of fighting on its outskirts".
const AFTER_CAMPAIGN =
  /\bafter (?:the )?(?:\w+ ){0,2}(?:weeks|months|years) of (?:fighting|clashes|combat|war|conflict|battles|hostilities)\b/i;
// Several attacks counted together ("claimed responsibility for 13 attacks", "a string of attacks").
const SERIES =
  /\b(?:attacks|violence|fighting|clashes|strikes|bombings|raids) (?:across|throughout) (?:the |much of |several |many )?\w+|\b(?:for|in) (?:\d[\d,]*|several|multiple|numerous|dozens of|scores of|a series of|a string of|a wave of) (?:\w+ )?(?:attacks|bombings|strikes|killings|raids|assaults)\b|\b(?:a|the) (?:string|series|wave|spate) of (?:\w+ )?(?:attacks|bombings|strikes|killings|raids|assaults)\b/i;
// Several towns or districts taken at once ("three capitals changed hands", "seized five more
// districts"): a tally of the campaign; each place taken is an incident where the text tells it.
const COUNT_OF_PLACES = String.raw`(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a dozen|several|multiple|numerous|a number of|dozens of) (?:more |other |major |provincial |district )*(?:capitals|cities|towns|districts|district cent(?:re|er)s|provinces|villages)(?: (?:in|of|across|around) (?:the )?[\w'’-]+(?: [\w'’-]+)?)?`;
const TERRITORIES = new RegExp(
  String.raw`\b${COUNT_OF_PLACES} (?:had )?(?:changed hands|fell|(?:were|had been) (?:captured|taken|overrun|seized|lost))\b|\b(?:captured|seized|took|overran|took control of|lost) (?:another |the )?${COUNT_OF_PLACES}\b`,
  'i',
);
// Cheap to test first: most sentences name no places in the plural.
const PLACES_PLURAL = /(?:capitals|cities|towns|districts|cent(?:re|er)s|provinces|villages)\b/i;
const KILLING = /\b(?:killed|killing|died|dead|deaths?|wounded|injured|casualties)\b/i;

export interface EventReading {
  /** The event the sentence reports, or null when it is background. */
  event: EventClass | null;
  /** Where the sentence stops reporting its own event: figures after this belong to an event it recalls. */
  ownEnd: number;
}

/**
 * What a sentence reports as its own event. A sentence about an agreement, an election, an
 * appointment or an arrival reports none unless it also tells of violence; an agreement counts only
 * when the sentence concludes it ("signed a truce"), not when it names one in passing ("after the
 * deal"); a clause recalling an earlier event ("the deadliest since a bombing in May that killed 50")
 * is not this sentence's event.
 */
export function readEvent(sentence: string, civilianDeaths: boolean, dayDated = false): EventReading {
  if (
    summedUp(sentence) ||
    (AFTER_CAMPAIGN.test(sentence) && !(dayDated && takesTerritory(sentence))) ||
    SERIES.test(sentence) ||
    (PLACES_PLURAL.test(sentence) && TERRITORIES.test(sentence))
  )
    return { event: null, ownEnd: 0 };
  // "The attack came a week after militants ambushed a convoy, killing 12 soldiers": the sentence
  // tells the earlier event, which its dates place a week before the one just told.
  const earlier = CAME_AFTER.exec(sentence);
  if (earlier) {
    // Without a toll it is history ("came two months after the Taliban took over"), no incident.
    const told = sentence.slice(earlier.index + earlier[0].length);
    if (!KILLING.test(told)) return { event: null, ownEnd: 0 };
    const event = classifyEvent(told, { civilianDeaths }) ?? killingIn(told);
    return { event: event && { ...event, at: event.at + earlier.index + earlier[0].length }, ownEnd: sentence.length };
  }
  const whole = { event: classifyEvent(sentence, { civilianDeaths }), ownEnd: sentence.length };
  if (datedByAgreement(sentence)) return { event: null, ownEnd: 0 };
  const ref = BACK_REFERENCE.exec(sentence);
  if (ref && whole.event && whole.event.at > ref.index) {
    const own = sentence.slice(0, ref.index);
    // The sentence's own words still report violence ("a bomb killed 12, the worst since ...").
    return { event: classifyEvent(own, { civilianDeaths }) ?? killingIn(own), ownEnd: ref.index };
  }
  // "A bomb killed nine in Herat, the deadliest since a bombing in Kabul that killed 150": the event
  // is told before the clause that recalls another, whose toll is not this one's.
  // "Since" recalls an event only when one follows ("since a bombing"), not a time ("held since 2015").
  const recalls =
    ref !== null && (ref[0].toLowerCase() !== 'since' || /^since (?:a|an|the)\b/i.test(sentence.slice(ref.index)));
  if (ref && recalls && whole.event && ref.index > 0) return { event: whole.event, ownEnd: ref.index };
  const event = whole.event;
  if (event?.sub_event_type === 'Agreement') {
    if (!CONCLUDED.test(sentence) || AGREEMENT_REFERENCE.test(sentence))
      return { event: null, ownEnd: sentence.length };
  }
  if (NON_EVENT.test(sentence) && (event === null || event.event_type === 'Strategic developments')) {
    if (!KILLING.test(sentence) && event?.sub_event_type !== 'Arrests') return { event: null, ownEnd: sentence.length };
  }
  return whole;
}

/** Whether the sentence tells a town taken: an event of its day, whatever led to it. */
function takesTerritory(sentence: string): boolean {
  const sub = classifyEvent(sentence)?.sub_event_type;
  return sub === 'Non-state actor overtakes territory' || sub === 'Government regains territory';
}

const DATE_WORD =
  /\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|December|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

const DAY_WORD =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

/** "After the February 2020 deal, ...": the only date is the agreement's, named in passing. */
function datedByAgreement(sentence: string): boolean {
  const ref = AGREEMENT_REFERENCE.exec(sentence);
  if (!ref || !DATE_WORD.test(ref[0])) return false;
  // Bare years elsewhere ("(2020–2021)") are titles' years; a month or a day would date an event.
  return !DAY_WORD.test(sentence.slice(0, ref.index) + sentence.slice(ref.index + ref[0].length));
}

function killingIn(text: string): EventClass | null {
  const m = KILLING.exec(text);
  return m ? { event_type: 'Battles', sub_event_type: 'Armed clash', cue: '', at: m.index } : null;
}

/** Whether a sentence, read as background, may still carry figures (it may: "the toll rose to 40"). */
export function onlyBackground(sentence: string): boolean {
  return readEvent(sentence, false).event === null && NON_EVENT.test(sentence) && !KILLING.test(sentence);
}
