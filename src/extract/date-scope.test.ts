import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.js';
import { SIEGE_ARTICLE_HEAD } from './testing/siege-article.js';

const datesOf = (text: string) => extractDocument(text).figures.map((f) => f.date && [f.date.start, f.date.end]);

// A report dated Friday 10 March 2023, so relative days and yearless dates resolve.
const REPORT = 'Published: 10 March 2023\n\n';

describe('which date governs a figure', () => {
  it('takes the date of its own clause over one in another clause', () => {
    expect(datesOf(`${REPORT}On 2 March 4 soldiers were killed; on 5 March 6 civilians were killed.`)).toEqual([
      ['2023-03-02', '2023-03-02'],
      ['2023-03-05', '2023-03-05'],
    ]);
  });

  it('counts "at least 27 killed since 2 March" from that day, "at least" being no comparison', () => {
    expect(datesOf(`${REPORT}Shelling has killed at least 27 civilians since 2 March, medics said.`)).toEqual([
      ['2023-03-02', '2023-03-10'],
    ]);
    expect(datesOf(`${REPORT}It was the deadliest week since 2019: 40 people died on 6 March.`)).toEqual([
      ['2023-03-06', '2023-03-06'],
    ]);
  });

  it('dates a toll that rose by the day of its event, the day it rose only when no other is told', () => {
    expect(datesOf(`${REPORT}The toll from Monday's shelling of the bus depot climbed to 23 on Wednesday.`)).toEqual([
      ['2023-03-06', '2023-03-06'],
    ]);
    expect(datesOf(`${REPORT}The number of dead rose to 23 on Wednesday.`)).toEqual([['2023-03-08', '2023-03-08']]);
  });

  it('dates each of "N on one day and M more on another" by its own day', () => {
    expect(datesOf(`${REPORT}Twelve people were killed on 1 March and 20 more on 2 March.`)).toEqual([
      ['2023-03-01', '2023-03-01'],
      ['2023-03-02', '2023-03-02'],
    ]);
    expect(datesOf(`${REPORT}Four soldiers died on Monday and two others on Tuesday.`)).toEqual([
      ['2023-03-06', '2023-03-06'],
      ['2023-03-07', '2023-03-07'],
    ]);
  });

  it('takes the date of its own clause after ", and"', () => {
    const text = `${REPORT}On 2 March a bomb in the old Kandahar bazaar killed 2 policemen, and two days later a blast in a mosque wounded 6 worshippers.`;
    expect(datesOf(text)).toEqual([
      ['2023-03-02', '2023-03-02'],
      ['2023-03-04', '2023-03-04'],
    ]);
  });

  it('counts "two days later" in an article from the last day it dated, not the first', () => {
    const text =
      '= Battle of Chora =\n\n== Battle ==\nOn 3 May 2016, fighters attacked the district centre. The following day, 14 policemen were killed. Two days later, the army said it had killed 60 insurgents.';
    expect(datesOf(text)).toEqual([
      ['2016-05-04', '2016-05-04'],
      ['2016-05-06', '2016-05-06'],
    ]);
  });

  it('does not date a figure by the history of a place it names', () => {
    const text = `${REPORT}On Tuesday, while shells killed 9 people in a district retaken last week, troops advanced.`;
    expect(datesOf(text)).toEqual([['2023-03-07', '2023-03-07']]);
    // A casualty verb there still dates its own count.
    expect(datesOf(`${REPORT}The bodies of 12 people killed last week in the village were buried.`)).toEqual([
      ['2023-02-27', '2023-03-05'],
    ]);
  });

  it('gives a running tally the span from its start to the report', () => {
    expect(datesOf(`${REPORT}Since 1 February, 120 people have been killed in the province.`)).toEqual([
      ['2023-02-01', '2023-03-10'],
    ]);
  });

  it('does not date a figure by a comparison across time', () => {
    const text = `${REPORT}On Tuesday 9 people were killed, the deadliest day since the truce of November.`;
    expect(datesOf(text)).toEqual([['2023-03-07', '2023-03-07']]);
  });

  it('does not date a figure by the date that describes an agreement', () => {
    const text = `${REPORT}Guards shot dead 3 protesters near the border crossing opened under the deal signed in January.`;
    expect(datesOf(text)).toEqual([['2023-03-10', '2023-03-10']]);
  });

  it('prefers the event date to the day the source spoke', () => {
    const text = `${REPORT}On 6 March, 14 miners were abducted, the regional governor said on Thursday.`;
    expect(datesOf(text)).toEqual([['2023-03-06', '2023-03-06']]);
  });

  it('falls back on the day the source spoke when nothing else dates the figure', () => {
    expect(datesOf(`${REPORT}Police said on Thursday that 7 people were wounded.`)).toEqual([
      ['2023-03-09', '2023-03-09'],
    ]);
  });

  it('does not carry an old date from an earlier paragraph of a dated report', () => {
    const text = `${REPORT}The militia first took the valley in 2014.\n\nThe militia killed 5 herders, the army said.`;
    expect(datesOf(text)).toEqual([['2023-03-10', '2023-03-10']]);
  });

  it('dates a later paragraph by the date the story led with', () => {
    const text = `${REPORT}Gunmen attacked a bus on Wednesday, killing 11 passengers.\n\nAnother 8 passengers were wounded.`;
    expect(datesOf(text)).toEqual([
      ['2023-03-08', '2023-03-08'],
      ['2023-03-08', '2023-03-08'],
    ]);
  });

  it('dates an undated lead by the first date the story gives', () => {
    const text = `${REPORT}Militants killed 6 border guards, officials said. The ambush took place on Tuesday.`;
    expect(datesOf(text)).toEqual([['2023-03-07', '2023-03-07']]);
  });

  it('reads a yearless day against the report, not against a year of history', () => {
    const text = `${REPORT}In 2012, rebels took the town. On 3 February, 5 people were killed there.`;
    expect(datesOf(text)).toEqual([['2023-02-03', '2023-02-03']]);
  });

  it('reads a yearless day in the year of the full date before it', () => {
    const text = `${REPORT}On 3 March 2019 the siege began. On 5 March, 5 people were killed there.`;
    expect(datesOf(text)).toEqual([['2019-03-05', '2019-03-05']]);
  });

  it('gives no date when an undated text states none', () => {
    expect(datesOf('Militiamen killed 12 villagers in the valley.')).toEqual([null]);
  });
});

describe('a total over the whole conflict an article is about', () => {
  const ARTICLE = [
    ...SIEGE_ARTICLE_HEAD,
    'The siege began on 3 March 2019 when militants surrounded the camp.',
    '',
    '== Aftermath ==',
  ].join('\n');

  it('dates an undated total "during the siege" by the dates of the infobox', () => {
    const text = `${ARTICLE}\nAccording to the army, a total of 85 soldiers were killed during the siege.`;
    expect(datesOf(text).slice(1)).toEqual([['2019-03-03', '2019-04-20']]);
  });

  it('leaves an undated figure that names no span of the conflict undated', () => {
    const text = `${ARTICLE}\nAccording to the army, 85 soldiers were later decorated for bravery and 12 were killed.`;
    expect(datesOf(text).slice(1)).toEqual([null]);
  });
});

describe('a part of a month', () => {
  it('dates a figure by the week of the month it names, not by the whole month', () => {
    expect(datesOf(`${REPORT}In the first week of March, 14,000 families were displaced.`)).toEqual([
      ['2023-03-01', '2023-03-07'],
    ]);
  });
});

describe('a toll told later of an event already dated', () => {
  it('takes the day of the event it recalls, not the day its source spoke', () => {
    const article =
      '= Raid on Tarin Camp =\n\nOn 14 June 2019 gunmen stormed a police camp near Tarin and killed 9 officers.\n\n== Aftermath ==\nThe provincial governor said on 16 June that 4 of the attackers had died in the raid. Three guards were still in hospital.\n';
    expect(datesOf(article)).toEqual([
      ['2019-06-14', '2019-06-14'],
      ['2019-06-14', '2019-06-14'],
    ]);
  });

  it('keeps the day a source spoke for a count that recalls nothing, or an event long before', () => {
    expect(
      datesOf(`${REPORT}On 1 March a bomb killed 5 people. Police said on 3 March that 12 people had been arrested.`),
    ).toEqual([
      ['2023-03-01', '2023-03-01'],
      ['2023-03-03', '2023-03-03'],
    ]);
    expect(
      datesOf(
        `${REPORT}On 2 January a bomb killed 5 people. Police said on 3 March that 12 people had died in the bombing.`,
      ),
    ).toEqual([
      ['2023-01-02', '2023-01-02'],
      ['2023-03-03', '2023-03-03'],
    ]);
  });
});

describe('a page with no year but the one its first full date gives', () => {
  it('reads its later yearless days in that year', () => {
    expect(
      datesOf(
        '= Ambush at Qala Pass =\n\nOn 3 April 2011 insurgents ambushed a convoy and killed 7 drivers.\n\nOn 5 April, 2 more drivers died of their wounds.\n',
      ),
    ).toEqual([
      ['2011-04-03', '2011-04-03'],
      ['2011-04-05', '2011-04-05'],
    ]);
  });
});

describe('a time that opens a sentence before its speaker', () => {
  it('is when the source spoke, so the day the sentence gives the deaths dates them', () => {
    expect(
      datesOf(`${REPORT}On Wednesday, the health ministry said 26 people had been killed on Sunday in Kramatorsk.`),
    ).toEqual([['2023-03-05', '2023-03-05']]);
    expect(
      datesOf(`${REPORT}Last month the refugee agency reported that 4,000 people had fled Marib on 14 January.`),
    ).toEqual([['2023-01-14', '2023-01-14']]);
  });

  it('still dates the figures when the sentence gives no other day', () => {
    expect(datesOf(`${REPORT}On Wednesday, the health ministry said 26 people had been killed.`)).toEqual([
      ['2023-03-08', '2023-03-08'],
    ]);
  });

  it('is the event when the speaker comes after the figures', () => {
    expect(datesOf(`${REPORT}On Wednesday gunmen killed 26 people on a bus, police said.`)).toEqual([
      ['2023-03-08', '2023-03-08'],
    ]);
  });
});

describe('an event placed by days before or after the one just told', () => {
  it('counts back from the event told for "came a week after" and "three days before the raid"', () => {
    expect(
      datesOf(
        `${REPORT}Gunmen shot dead 9 herders near Menaka on 4 March. The massacre came two days after a drone strike killed 6 fighters in the same area.\n\nFour days before the Menaka raid, a mine killed 3 soldiers on the road to Gao.`,
      ),
    ).toEqual([
      ['2023-03-04', '2023-03-04'],
      ['2023-03-02', '2023-03-02'],
      ['2023-02-28', '2023-02-28'],
    ]);
  });
});

describe('a report whose lead dates its toll only by the day a source spoke', () => {
  const WIRE = [
    'Toll from Kismayo hotel attack climbs to 26',
    '',
    'Monday, July 15, 2019',
    '',
    'The number of people killed in the attack on a hotel in Kismayo rose to 26 on Monday, a regional official said, with 56 wounded.',
    '',
    'The siege of the Asasey hotel began on Friday evening when a suicide car bomb exploded at its gate. Troops ended it on Saturday morning.',
    '',
    'Two suspects were detained on Monday.',
  ].join('\n');

  it('dates the toll by the day the event began, once the report tells it', () => {
    const figures = extractDocument(WIRE).figures;
    expect(figures.map((f) => [f.kind, f.low, f.date?.start])).toEqual([
      ['killed', 26, '2019-07-12'],
      ['killed', 26, '2019-07-12'],
      ['injured', 56, '2019-07-12'],
      ['captured', 2, '2019-07-15'],
    ]);
  });

  it('keeps the day the source spoke when the report never tells when the event began', () => {
    const figures = extractDocument(WIRE.replace('began on Friday evening', 'began with a car bomb')).figures;
    expect(figures.map((f) => f.date?.start)).toEqual(['2019-07-15', '2019-07-15', '2019-07-15', '2019-07-15']);
  });
});

describe('a second verb of the same subject after ", and"', () => {
  it('shares the time of the first: "has killed 9,000 since 2016, ..., and displaced 600,000"', () => {
    expect(
      datesOf(
        `${REPORT}The insurgency has killed more than 9,000 people since 2016, according to monitors, and displaced 600,000.`,
      ),
    ).toEqual([
      ['2016-01-01', '2023-03-10'],
      ['2016-01-01', '2023-03-10'],
    ]);
    // A clause with a subject of its own keeps its own time.
    expect(datesOf(`${REPORT}On 2 March a bomb killed 4 people, and on 5 March a blast wounded 6.`)).toEqual([
      ['2023-03-02', '2023-03-02'],
      ['2023-03-05', '2023-03-05'],
    ]);
  });
});

describe('"the same period"', () => {
  it('is the period the sentence told before it, for the count that points back to it', () => {
    expect(
      datesOf(
        `${REPORT}The number of police killed in the province since January rose to 31, while 12 rebels died in the same period.`,
      ),
    ).toEqual([
      ['2023-01-01', '2023-03-10'],
      ['2023-01-01', '2023-03-10'],
    ]);
  });
});
