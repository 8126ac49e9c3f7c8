import { describe, expect, it } from 'vitest';
import type { FigureKind } from '../core/figure.js';
import { extractDocument } from './extract-document.js';

type Reading = [FigureKind, number | null, number | null];

function readings(text: string): Reading[] {
  return extractDocument(text).figures.map((f) => [f.kind, f.low, f.high]);
}

/** Shapes wider news and NGO reporting uses, each written for this test. */
const CASES: ReadonlyArray<readonly [string, string, Reading[]]> = [
  [
    'a part set off by commas between the count and its verb',
    '41 people, including 6 children, were killed when shells struck the market in Hodeidah.',
    [
      ['killed', 41, 41],
      ['killed', 6, 6],
    ],
  ],
  [
    'a breakdown set off by dashes between the count and its verb',
    'Eighteen people — most of them farmers on their way to market — were killed by the mine near Kidal.',
    [['killed', 18, 18]],
  ],
  [
    'two groups joined by "as well as" before the verb they share',
    'Two nurses as well as five patients died when the clinic in Sanaa was shelled.',
    [
      ['killed', 2, 2],
      ['killed', 5, 5],
    ],
  ],
  [
    'a part after "among them"',
    'The car bomb killed at least 14 people, among them 5 students, in Mogadishu.',
    [
      ['killed', 14, null],
      ['killed', 5, 5],
    ],
  ],
  [
    'a part named before its total',
    '2 medics among 9 dead in Khan Younis strike',
    [
      ['killed', 2, 2],
      ['killed', 9, 9],
    ],
  ],
  [
    'a second group with a number word of its own after the verb',
    'The strike killed at least 11 children and two teachers in the village.',
    [
      ['killed', 11, null],
      ['killed', 2, 2],
    ],
  ],
  [
    'two groups with number words before a verb that comes last',
    'Nine soldiers and three police officers were killed in the first two days.',
    [
      ['killed', 9, 9],
      ['killed', 3, 3],
    ],
  ],
  [
    'a count of "more" after "and", with no verb of its own',
    'Twelve people were killed in the village on Monday and 20 more on Tuesday.',
    [
      ['killed', 12, 12],
      ['killed', 20, 20],
    ],
  ],
  ['"were among the dead"', 'Twenty-three civilians were among the dead.', [['killed', 23, 23]]],
  ['"among those wounded"', 'Four aid workers are among those wounded.', [['injured', 4, 4]]],
  [
    'the verb after a group the counted people belong to',
    'Five members of one family died when the roof collapsed in the shelling of Kharkiv.',
    [['killed', 5, 5]],
  ],
  [
    'a group with its "of" complement, then another conjunct, then the verb',
    'Local officials said around 100 members of the security forces and 20 civilians had been killed in Ghazni.',
    [
      ['killed', 100, 100],
      ['killed', 20, 20],
    ],
  ],
  [
    'the group with its complement as the second conjunct',
    'Four bystanders and some 60 members of the militia died in the fighting near Beni.',
    [
      ['killed', 4, 4],
      ['killed', 60, 60],
    ],
  ],
  [
    'relatives and passers-by are people',
    'The shell killed two passers-by and wounded five onlookers; his three sons and a cousin were shot dead later.',
    [
      ['killed', 2, 2],
      ['injured', 5, 5],
      ['killed', 3, 3],
    ],
  ],
  [
    'a side named after the count ("loyal to", "backed by", "linked to") before the verb',
    'Some 5,000 troops backed by tanks were deployed to the border. Three soldiers loyal to the governor were killed, and about 40 militants linked to the group were captured.',
    [
      ['strength', 5000, 5000],
      ['killed', 3, 3],
      ['captured', 40, 40],
    ],
  ],
  [
    'fighters holding a place',
    'An estimated 1,000 fighters defended the old city of Marawi.',
    [['strength', 1000, 1000]],
  ],
  [
    'hostages set free are no new count of the captured',
    'Gunmen abducted 30 passengers near Kidal; 12 hostages were freed a week later and four of the others were rescued.',
    [['captured', 30, 30]],
  ],
  [
    'fighters massing',
    'Around 2,000 fighters were massing outside Tal Afar, witnesses said.',
    [['strength', 2000, 2000]],
  ],
  [
    'a restatement in other units after ", or" and in brackets',
    'Some 2,500 households, or roughly 15,000 people, have fled Kalma camp. The floods displaced 1,200 families (about 7,000 people).',
    [
      ['displaced', 2500, 2500],
      ['displaced', 15000, 15000],
      ['displaced', 1200, 1200],
      ['displaced', 7000, 7000],
    ],
  ],
  [
    'a restatement after ", or" following the verb',
    'The offensive displaced an estimated 12,000 families, or about 84,000 people.',
    [
      ['displaced', 12000, 12000],
      ['displaced', 84000, 84000],
    ],
  ],
  [
    '"one of N" is not a count of one',
    'The driver was one of 8 people shot dead at the roadblock near Goma.',
    [['killed', 8, 8]],
  ],
  [
    'treated for injuries',
    'The ministry said 19 people had died and 52 were being treated for injuries.',
    [
      ['killed', 19, 19],
      ['injured', 52, 52],
    ],
  ],
  [
    'a toll noun before a counting verb',
    'Casualties numbered 200, mostly conscripts.',
    [['killed_or_injured', 200, 200]],
  ],
  [
    'people forced from their homes',
    'The offensive on El Fasher has forced more than 130,000 people from their homes.',
    [['displaced', 130000, null]],
  ],
  ['thousands grouped with a space', 'More than 3 000 residents fled across the border.', [['displaced', 3000, null]]],
  ['millions grouped with spaces', 'Some 1 200 000 people are displaced.', [['displaced', 1_200_000, 1_200_000]]],
  ['a year before a count stays a year', 'In 2019 340 villagers were killed.', [['killed', 340, 340]]],
  [
    'a list of counts after one verb',
    'The strike killed 4 soldiers and at least 31 civilians.',
    [
      ['killed', 4, 4],
      ['killed', 31, null],
    ],
  ],
  ['bodies recovered', 'Rescue teams recovered 17 bodies from the rubble.', [['killed', 17, 17]]],
  ['lost their lives', 'Some 23 villagers lost their lives in the raid.', [['killed', 23, 23]]],
  ['martyred', 'Nine fighters were martyred in the clashes, the movement said.', [['killed', 9, 9]]],
  ['fatalities', 'The collapse of the bridge caused 15 fatalities.', [['killed', 15, 15]]],
  [
    'dead and wounded as one number',
    'There were 30 dead and wounded after the blast.',
    [['killed_or_injured', 30, 30]],
  ],
  ['two dozen', 'Two dozen people were wounded in the shelling.', [['injured', 24, 24]]],
  [
    'a decimal million',
    'About 1.5 million people have been displaced by the war.',
    [['displaced', 1_500_000, 1_500_000]],
  ],
  [
    'a headline with two counts',
    'At least 52 dead, 110 wounded in Zaporizhzhia missile strike',
    [
      ['killed', 52, null],
      ['injured', 110, 110],
    ],
  ],
  ['a toll that rose', 'The number of dead has climbed to 112.', [['killed', 112, 112]]],
  [
    'a toll far from its number',
    'The death toll from a series of coordinated attacks on police stations across the province on Saturday has risen to 41, officials said.',
    [['killed', 41, 41]],
  ],
  [
    'the number of people killed, far from its number',
    'According to the ministry, the number of civilians killed since the start of the offensive in the north of the country has reached 1,100.',
    [['killed', 1100, 1100]],
  ],
  ['a part after "of those killed"', 'Of those killed, 14 were children.', [['killed', 14, 14]]],
  [
    'a second count joined to the first',
    'The dead included 7 women and 3 children.',
    [
      ['killed', 7, 7],
      ['killed', 3, 3],
    ],
  ],
  ['a hedged report of the past', 'As many as 80 people may have been killed.', [['killed', null, 80]]],
  [
    'a footnote mark glued to the count',
    'At least 1,000[4] civilians were killed in the siege of the old city.',
    [['killed', 1000, null]],
  ],
  ['footnote marks inside a range', 'Between 3,000 and 5,000[12][13] were killed.', [['killed', 3000, 5000]]],
  ['a named note between count and noun', 'Some 300 [note 2] soldiers surrendered.', [['surrendered', 300, 300]]],
  ['a maintenance tag', 'The raid ended with 45[citation needed] fighters captured.', [['captured', 45, 45]]],
  ['a handful as a vague count', 'A handful of civilians were wounded.', [['injured', null, null]]],
  [
    'a restatement in brackets',
    'Since Friday, 5,200 households (about 31,000 people) have been displaced.',
    [
      ['displaced', 5200, 5200],
      ['displaced', 31000, 31000],
    ],
  ],
  // precision: counts of things, ages, negations and hypotheticals
  ['no one hurt is no toll', 'No one was hurt when a shell struck the clinic in Kherson.', []],
  ['nobody killed is no toll', 'Nobody was killed, the police said.', []],
  ['materiel lost', 'The brigade lost 12 aircraft and 300 tanks in the battle.', []],
  ['people in need are no casualties', 'Some 4 million people need humanitarian aid.', []],
  ['a town by its population', 'The city of 300,000 people was besieged.', []],
  ['mourners are no casualties', '1,000 people attended the funeral.', []],
  ['attacks, days and tanks are not people', 'Rebels carried out 14 attacks in 3 days using 20 tanks.', []],
  ['ages are not counts', 'A 45-year-old man and his 12-year-old son were among those hurt.', []],
  ['a hypothetical toll', 'If the dam bursts, thousands could die.', []],
];

describe('figures in wider reporting', () => {
  for (const [name, text, want] of CASES) {
    it(name, () => {
      expect(readings(text)).toEqual(want);
    });
  }

  it('reads a table by its column headers, the number alone as evidence', () => {
    const text = [
      'Casualties by state, January to June',
      '',
      'State\tDeaths\tInjured\tDisplaced',
      'Khartoum\t1,204\t3,400\t120,000',
      'North Darfur\t2 310\tc. 900\t450,000',
      '',
      'The fighting continued into July.',
    ].join('\n');
    const figures = extractDocument(text).figures;
    expect(figures.map((f) => [f.kind, f.low, f.high, f.evidence.text])).toEqual([
      ['killed', 1204, 1204, '1,204'],
      ['injured', 3400, 3400, '3,400'],
      ['displaced', 120000, 120000, '120,000'],
      ['killed', 2310, 2310, '2 310'],
      ['injured', 900, 900, 'c. 900'],
      ['displaced', 450000, 450000, '450,000'],
    ]);
  });

  it('reads a pipe table whose header sits above a rule line', () => {
    const text = 'Governorate | Killed | Injured\n---|---|---\nNineveh | 12 | 40\nTotal | 17 | 48\n';
    expect(readings(text)).toEqual([
      ['killed', 12, 12],
      ['injured', 40, 40],
      ['killed', 17, 17],
      ['injured', 48, 48],
    ]);
  });

  it('reads every row of a long table under one header', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `District ${i + 1}\t${i + 1}`);
    const figures = extractDocument(['District\tKilled', ...rows].join('\n')).figures;
    expect(figures).toHaveLength(500);
    expect(figures.every((f, i) => f.kind === 'killed' && f.low === i + 1)).toBe(true);
  });

  it('leaves a table of things alone', () => {
    const text = 'Month\tAttacks\tVehicles\nMarch\t14\t30\nApril\t9\t12\n';
    expect(readings(text)).toEqual([]);
  });
});
