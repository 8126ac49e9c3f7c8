import { describe, expect, it } from 'vitest';
import type { FigureKind } from '../core/figure.js';
import { extractDocument } from './extract-document.js';

type Reading = [FigureKind, number | null, number | null];

/** Phrasings with their expected reading: kind, low, high for each figure, in order. */
const CASES: ReadonlyArray<readonly [string, Reading[]]> = [
  // counts and qualifiers
  ['At least 35 students died.', [['killed', 35, null]]],
  ['82 others were severely wounded.', [['injured', 82, 82]]],
  ['Up to 3,000 prisoners were massacred.', [['killed', null, 3000]]],
  ['Some 3,600 became POWs.', [['captured', 3600, 3600]]],
  ['About 245 fighters surrendered on 1 August.', [['surrendered', 245, 245]]],
  ['An estimated 27,000 locals were displaced.', [['displaced', 27000, 27000]]],
  ['More than 750,000 refugees fled the fighting.', [['displaced', 750000, null]]],
  ['Between 300 and 400 civilians were killed.', [['killed', 300, 400]]],
  ['3,500 to 7,000 civilians had been displaced.', [['displaced', 3500, 7000]]],
  ['In all, 23–150 civilians killed.', [['killed', 23, 150]]],
  ['40-50 people were killed in the raid.', [['killed', 40, 50]]],
  ['Five or six soldiers were wounded.', [['injured', 5, 6]]],
  ['The attack wounded ~40 people.', [['injured', 40, 40]]],
  ['Over 100 were injured.', [['injured', 100, null]]],
  ['Nearly 200 insurgents laid down their arms.', [['surrendered', null, 200]]],
  ['A total of 2,340 fighters surrendered to government forces.', [['surrendered', 2340, 2340]]],
  ['Over a dozen fighters were captured.', [['captured', 12, null]]],
  ['The shelling killed a dozen villagers.', [['killed', 12, 12]]],
  ['Twenty-five civilians were killed.', [['killed', 25, 25]]],
  ['One hundred and fifty people were wounded.', [['injured', 150, 150]]],
  ['The fighting killed ۲۳ civilians.', [['killed', 23, 23]]],
  ['More than 10 million people have been displaced.', [['displaced', 10_000_000, null]]],
  ['1.5 million people were forced to flee their homes.', [['displaced', 1_500_000, 1_500_000]]],
  ['at least 1,200 Rohingya were killed.', [['killed', 1200, null]]],
  // vague words
  ['Dozens of civilians were wounded.', [['injured', null, null]]],
  ['Hundreds were summarily executed.', [['killed', null, null]]],
  ['Thousands of families fled their homes.', [['displaced', null, null]]],
  ['Several soldiers were captured.', [['captured', null, null]]],
  ['Scores of people were killed in the raid.', [['killed', null, null]]],
  ['dozens of deaths and injuries were reported.', [['killed_or_injured', null, null]]],
  // verbs before the count
  [
    'The blast killed 12 people and injured 40 others.',
    [
      ['killed', 12, 12],
      ['injured', 40, 40],
    ],
  ],
  ['The attacks have killed and injured at least 700 people.', [['killed_or_injured', 700, null]]],
  ['Gunmen abducted 276 schoolgirls from a boarding school.', [['captured', 276, 276]]],
  ['Police arrested 45 protesters.', [['captured', 45, 45]]],
  ['Security forces detained as many as 300 people.', [['captured', null, 300]]],
  [
    'Fighters killed 5 soldiers and captured 3 others.',
    [
      ['killed', 5, 5],
      ['captured', 3, 3],
    ],
  ],
  ['On 3 July, the Taliban executed nine of his fighters.', [['killed', 9, 9]]],
  [
    'killing 17 soldiers and wounding 31 others.',
    [
      ['killed', 17, 17],
      ['injured', 31, 31],
    ],
  ],
  ['The airstrike killed 8 members of one family.', [['killed', 8, 8]]],
  ['A roadside bomb killed 3 US soldiers.', [['killed', 3, 3]]],
  ['the massacre of up to 3,000 Taliban prisoners', [['killed', null, 3000]]],
  ['They took about 800 Uzbek soldiers prisoner.', [['captured', 800, 800]]],
  ['The militants took 40 hostages.', [['captured', 40, 40]]],
  ['Seven soldiers lost their lives.', [['killed', 7, 7]]],
  ['Officials reported 14 fatalities.', [['killed', 14, 14]]],
  ['Police found the bodies of 58 people.', [['killed', 58, 58]]],
  [
    'The army said it had killed 153 militants, wounded over 100, and captured 134.',
    [
      ['killed', 153, 153],
      ['injured', 100, null],
      ['captured', 134, 134],
    ],
  ],
  // casualties stated as nouns
  ['The Taliban suffered over 3,000 killed or wounded.', [['killed_or_injured', 3000, null]]],
  [
    'The Taliban had suffered 70 killed and 100 wounded.',
    [
      ['killed', 70, 70],
      ['injured', 100, 100],
    ],
  ],
  [
    'A drone strike left 6 dead and 14 injured.',
    [
      ['killed', 6, 6],
      ['injured', 14, 14],
    ],
  ],
  [
    'Two people were killed and nine injured.',
    [
      ['killed', 2, 2],
      ['injured', 9, 9],
    ],
  ],
  ['The death toll rose to 53.', [['killed', 53, 53]]],
  ['The death toll has risen to at least 120.', [['killed', 120, null]]],
  ['The number of people killed in the clashes has reached 200.', [['killed', 200, 200]]],
  ['The camp hosts 85,000 internally displaced people.', [['displaced', 85000, 85000]]],
  ['UNHCR estimates that 620,000 refugees are in Chad.', [['displaced', 620000, 620000]]],
  ['People displaced: 10.7 million', [['displaced', 10_700_000, 10_700_000]]],
  // strength
  ['The Taliban deployed almost 8,000 fighters.', [['strength', null, 8000]]],
  ['The army amassed 2,000 troops near the border.', [['strength', 2000, 2000]]],
  ['A force of about 800 militants held the town.', [['strength', 800, 800]]],
  ['They formed a front with a reported 6,000+ troops.', [['strength', 6000, null]]],
  ['The garrison numbered c. 900 men.', [['strength', 900, 900]]],
  ['ISIL had an estimated 30,000 fighters in Iraq and Syria.', [['strength', 30000, 30000]]],
  ['A 5,000-strong force advanced on the city.', [['strength', 5000, 5000]]],
  ['Reinforcements of 1,000 soldiers arrived.', [['strength', 1000, 1000]]],
  ['The town was held by about 600 to 700 fighters.', [['strength', 600, 700]]],
  ['The group has up to 2,000 fighters in the province.', [['strength', null, 2000]]],
  // stated zeros
  ['The ministry said it has not suffered any casualties.', [['killed_or_injured', 0, 0]]],
  ['There were no casualties among the troops.', [['killed_or_injured', 0, 0]]],
  // "no one was killed" negates a toll about people; it states none (see readZeros)
  ['No one was killed.', []],
  // more predicates and frames
  ['Twenty people were found dead.', [['killed', 20, 20]]],
  ['Three of the wounded later succumbed to their injuries.', [['killed', 3, 3]]],
  ['12 people sustained serious injuries.', [['injured', 12, 12]]],
  ['The army took 200 prisoners.', [['captured', 200, 200]]],
  ['Over 300 people were rounded up.', [['captured', 300, null]]],
  ['An estimated 5,000 ISIL fighters remained in the city.', [['strength', 5000, 5000]]],
  ['The column, consisting of 500 fighters, advanced.', [['strength', 500, 500]]],
  ['Casualties were estimated at 1,000.', [['killed_or_injured', 1000, 1000]]],
  ['Among the dead were 5 children.', [['killed', 5, 5]]],
  [
    'At least 56 people were killed, 21 of them children.',
    [
      ['killed', 56, null],
      ['killed', 21, 21],
    ],
  ],
  ['Around 150 soldiers and policemen were killed.', [['killed', 150, 150]]],
  ['ISIL lost an estimated 16,000 fighters.', [['killed', 16000, 16000]]],
  [
    '5 soldiers, 3 policemen and 2 civilians were killed.',
    [
      ['killed', 5, 5],
      ['killed', 3, 3],
      ['killed', 2, 2],
    ],
  ],
  ['Thousands of troops and hundreds of others were shot dead.', [['killed', null, null]]],
  [
    'The strike killed 42 people, including 24 patients.',
    [
      ['killed', 42, 42],
      ['killed', 24, 24],
    ],
  ],
  ['Some 2,000 fighters turned themselves in.', [['surrendered', 2000, 2000]]],
  ['An estimated 10,000 Taliban fighters took part in the offensive.', [['strength', 10000, 10000]]],
  ['The war left 2 million people homeless.', [['displaced', 2_000_000, 2_000_000]]],
  ['Hundreds of families had left their homes.', [['displaced', null, null]]],
  ['No civilians were injured during the demining.', []],
  // not figures
  ['Neither he nor his family was injured or killed.', []],
  ['The group claimed responsibility for 13 attacks.', []],
  ['The siege lasted 23 days.', []],
  ['They captured 100 tanks and vehicles.', []],
  ['Aid agencies delivered 1,000 packages of food.', []],
  ['Investigators unearthed 20 mass graves.', []],
  ['The town is 100 kilometers north of Kabul.', []],
  ['The rebels took control of five provinces.', []],
  ['The Taliban asked them to provide 200 fighters, but they refused.', []],
  ['He fled to Turkey together with 135 officers and men.', []],
  ['The bombing took place in district 13 of Kabul.', []],
  ['The city fell after nine months of fighting.', []],
  ['Police said 2,000 people took part in the protest.', []],
  ['The Houthis fired 12 missiles at the city.', []],
  ['He was 45 years old when he died.', []],
  ['A 12-year-old girl was among those hurt.', []],
  ['The rebels freed 50 prisoners.', []],
  ['Dostum released about 200 Taliban prisoners.', []],
  ['The army had 20 tanks in the area.', []],
  ['They threatened to kill 100 hostages.', []],
  ['Ukraine said it shot down 31 of the 44 drones.', []],
  ['About 30 people were reported missing.', []],
  ['The 2014 offensive began in June.', []],
  ['Prices rose by 20% in the city.', []],
  ['The 055 Brigade was deployed in the battle.', []],
  ['Resolution 2254 was adopted in 2015.', []],
  ['Many residents lost their homes.', []],
  ['They lost control of 3 districts.', []],
  ['3 of the dead were under the age of ten.', [['killed', 3, 3]]],
  ['Officials may release 20 people.', []],
  ['The 1,000-bed hospital was hit twice.', []],
  ['The city had a population of 1.5 million.', []],
  ['He was appointed on 3 July.', []],
];

describe('figure grammar phrasings', () => {
  it.each(CASES)('%s', (sentence, expected) => {
    const got = extractDocument(sentence).figures.map((f): Reading => [f.kind, f.low, f.high]);
    expect(got).toEqual(expected);
  });

  it('covers at least 60 phrasings', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });
});

describe('an age between commas', () => {
  it('is no count of the figure after it', () => {
    const figures = extractDocument('Amina Bello, 52, said 4 of her neighbours were shot dead.').figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([['killed', 4]]);
  });
});

describe('a month and two of its days', () => {
  it('is a date, not a count, before the verb of the figure', () => {
    const figures = extractDocument('Published: 20 October 2017\n\nShelling on October 9-11 killed 8 people.').figures;
    expect(figures.map((f) => [f.kind, f.low, f.date?.start, f.date?.end])).toEqual([
      ['killed', 8, '2017-10-09', '2017-10-11'],
    ]);
  });
});

describe('another source putting the figure at a number', () => {
  it('is the count just read, by that source', () => {
    const figures = extractDocument(
      'Civilians: at least 30 killed, according to OCHA; community leaders put the figure at over 90. Police said 5 were wounded, but nurses put it at 11.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low, f.high, f.claimant])).toEqual([
      ['killed', 30, null, 'OCHA'],
      ['killed', 90, null, 'community leaders'],
      ['injured', 5, 5, 'Police'],
      ['injured', 11, 11, 'nurses'],
    ]);
  });
});

describe('the dead buried, the wounded treated', () => {
  it('counts people buried as killed and people treated for wounds as injured', () => {
    const figures = extractDocument(
      'Villagers buried 14 people on the hillside. Surgeons treated 52 patients for blast wounds, and 7 soldiers suffered severe shrapnel injuries.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([
      ['killed', 14],
      ['injured', 52],
      ['injured', 7],
    ]);
  });

  it('counts no mines buried and no patients treated for an illness', () => {
    expect(extractDocument('Farmers buried 20 mines. Nurses treated 40 patients for cholera.').figures).toEqual([]);
  });
});

describe('estimates that range, and killings counted', () => {
  it('reads a toll that ranged from one number to another as that range', () => {
    const figures = extractDocument(
      'Estimates of rebel losses ranged from 80 to 150. Civilian deaths range between 12 and 20, monitors said.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low, f.high])).toEqual([
      ['killed_or_injured', 80, 150],
      ['killed', 12, 20],
    ]);
  });

  it('counts killings, executions and murders as people killed, not attacks', () => {
    const figures = extractDocument(
      'Monitors documented 31 killings of aid workers and at least 9 executions of prisoners. Police recorded 14 murders.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low, f.high])).toEqual([
      ['killed', 31, 31],
      ['killed', 9, null],
      ['killed', 14, 14],
    ]);
    // Prices and temperatures that ranged are no toll.
    expect(extractDocument('Bread prices ranged from 80 to 150 afghanis.').figures).toEqual([]);
  });
});

describe('a count with a verb of its own after a toll', () => {
  it('is not the same kind as the toll before it', () => {
    const figures = extractDocument(
      'Six militiamen died, and three guards went missing. Two drivers were shot dead, and four policemen are still unaccounted for.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([
      ['killed', 6],
      ['killed', 2],
    ]);
  });

  it('still shares the kind of a toll it is joined to without one', () => {
    const figures = extractDocument('The raid killed 11 herders and 2 traders, and 5 more were hurt.').figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([
      ['killed', 11],
      ['killed', 2],
      ['injured', 5],
    ]);
  });
});

describe('a relative clause between a count and its verb', () => {
  it('is stepped over to the verb the count is the subject of', () => {
    const figures = extractDocument(
      'Thirty-one mourners, who had come from the nearby villages, were killed when the mortar landed. The 18 pilgrims, who were on their way to Karbala, were abducted at a checkpoint. Nine sailors, who had been hurt in the first blast, died later in hospital.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([
      ['killed', 31],
      ['captured', 18],
      ['killed', 9],
    ]);
  });
});

describe('people who give up, and people who seize things', () => {
  it('counts those who gave up as surrendered, but not hope given up', () => {
    const figures = extractDocument(
      'The remaining 140 militiamen gave up after the water ran out. Relatives of the 12 missing divers gave up hope on Friday.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([['surrendered', 140]]);
  });

  it('does not count as captured the people who seized or captured a thing', () => {
    expect(extractDocument('At dawn, 25 rebels seized rifles from the armoury.').figures).toEqual([]);
    expect(extractDocument('Eight commandos captured ridge positions above the pass.').figures).toEqual([]);
    const taken = extractDocument('Fourteen conscripts captured alive were shown on state television.').figures;
    expect(taken.map((f) => [f.kind, f.low])).toEqual([['captured', 14]]);
  });
});

describe('a part named in an aside', () => {
  it('takes the kind of its total, not that of the count after it', () => {
    const figures = extractDocument(
      'Nineteen miners were killed, among them three boys, and 30 were hurt. Some 22 passengers, including five nurses, were kidnapped and 4 were later released.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([
      ['killed', 19],
      ['killed', 3],
      ['injured', 30],
      ['captured', 22],
      ['captured', 5],
    ]);
  });
});

describe('a count with two verbs joined by "and"', () => {
  it('takes the kind of the second when the first counts nothing', () => {
    const figures = extractDocument(
      'Some 60 deserters hid and were later arrested. In the end 14 survived and were captured.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([
      ['captured', 60],
      ['captured', 14],
    ]);
  });

  it('does not count the ones who did it when the second verb has an object', () => {
    const figures = extractDocument('About 40 raiders stormed and killed 5 guards.').figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([['killed', 5]]);
  });
});

describe('fighters present in a place', () => {
  it('counts them as its strength, and no one else who was there', () => {
    const figures = extractDocument(
      'Some 800 militiamen were present in the old city. About 3,000 worshippers were present at the shrine.',
    ).figures;
    expect(figures.map((f) => [f.kind, f.low])).toEqual([['strength', 800]]);
  });
});

describe("another source's bare number for the count just told", () => {
  it('is a figure of the same kind, by that source', () => {
    const { figures } = extractDocument(
      'The governor said 14 guards died, while the insurgents said 40. The UN said six women were abducted; local elders said eleven.',
    );
    expect(figures.map((f) => [f.kind, f.low, f.claimant])).toEqual([
      ['killed', 14, 'governor'],
      ['killed', 40, 'insurgents'],
      ['captured', 6, 'UN'],
      ['captured', 11, 'local elders'],
    ]);
  });

  it('is no figure when the number goes on to count something else', () => {
    const { figures } = extractDocument(
      'The governor said 14 guards died. The minister said 3 districts were cut off.',
    );
    expect(figures.map((f) => f.low)).toEqual([14]);
  });
});

describe('a range told by two sources', () => {
  it('is two figures, each with the source after it', () => {
    const { figures } = extractDocument(
      'Estimates of the dead ranged from 90, according to the army, to 450, according to the Red Crescent.',
    );
    expect(figures.map((f) => [f.kind, f.low, f.high, f.claimant])).toEqual([
      ['killed', 90, 90, 'army'],
      ['killed', 450, 450, 'Red Crescent'],
    ]);
  });
});

describe('people taken hostage', () => {
  it('are captured, also after a verb that killed others and with "were" left out', () => {
    const read = (text: string) => extractDocument(text).figures.map((f) => [f.kind, f.low]);
    expect(read('Gunmen killed 9 villagers and took 14 hostage.')).toEqual([
      ['killed', 9],
      ['captured', 14],
    ]);
    expect(read('The army said 700 people were killed in the raid and 85 taken hostage.')).toEqual([
      ['killed', 700],
      ['captured', 85],
    ]);
    expect(read('About 40 miners were held captive for a week.')).toEqual([['captured', 40]]);
  });
});

describe('a toll whose noun stands far from its number', () => {
  it('is read past a year in between: "the number of X killed since early 2021 rises to 40"', () => {
    const [figure] = extractDocument(
      'With these deaths, the number of guards killed in the eastern desert since early 2021 rises to 40.',
    ).figures;
    expect([figure?.kind, figure?.low, figure?.evidence.text]).toEqual([
      'killed',
      40,
      'killed in the eastern desert since early 2021 rises to 40',
    ]);
  });
});

describe('whom "of them" counts', () => {
  it('reads "seven of them" as the people named before the count, not "21 of them children"', () => {
    const subjects = (text: string) => extractDocument(text).figures.map((f) => [f.low, f.subject]);
    expect(subjects('Gunmen opened fire on a van carrying coal miners near Mach, killing seven of them.')).toEqual([
      [7, 'miners'],
    ]);
    expect(subjects('Soldiers ambushed a column of rebels, killing 12 of them and capturing 4.')).toEqual([
      [12, 'rebels'],
      [4, null],
    ]);
    expect(subjects('56 people were killed, 21 of them children.')).toEqual([
      [56, 'people'],
      [21, 'them'],
    ]);
  });
});
