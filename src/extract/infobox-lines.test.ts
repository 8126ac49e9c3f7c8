import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.js';
import { classifyLine } from './infobox-line-kinds.js';
import { analyseLayout } from './layout.js';

function sides(text: string) {
  return extractDocument(text).conflict?.sides.map((s) => ({
    combatants: s.combatants,
    supporters: s.supporters,
    commanders: s.commanders.map((c) => c.name),
  }));
}

describe('infobox lines', () => {
  it('reads a key glued to its value only when the value does not go on in lower case', () => {
    const kind = (text: string) => classifyLine({ start: 0, end: text.length, text }, false);
    expect(kind('ResultStalemate')).toMatchObject({ kind: 'key', key: { base: 'result' } });
    expect(kind('Date24–25 July 2016')).toMatchObject({ kind: 'key', key: { base: 'date' } });
    expect(kind('Datec. 1997')).toMatchObject({ kind: 'key', key: { base: 'date' } });
    expect(kind('Territorial changesArmy regains the pass')).toMatchObject({ kind: 'key', key: { base: 'territory' } });
    expect(kind('Location — Sirte, Libya')).toMatchObject({ kind: 'key', key: { base: 'place' } });
    expect(kind('Result - Rebel victory')).toMatchObject({ kind: 'key', key: { base: 'result' } });
    expect(kind('Fighters – mostly local men – held the ridge')).toEqual({ kind: 'text' });
    expect(kind('Resultant talks failed')).toEqual({ kind: 'text' });
    expect(kind('Dates were set for talks')).toEqual({ kind: 'text' });
  });

  it('closes a side after its "Supported by" block in a plain list of lines', () => {
    const text = [
      'Battle of Kinsabba Ridge',
      'Part of the Syrian civil war',
      'Date',
      '5–9 May 2016',
      'Location',
      'Kinsabba, Latakia Governorate, Syria',
      'Belligerents',
      'Syrian Arab Army',
      'National Defence Forces',
      'Supported by:',
      'Russia',
      'Free Syrian Army',
      'Commanders and leaders',
      'Suheil al-Hassan',
      'Abu Ahmad Kurdi',
    ].join('\n');
    expect(sides(text)).toEqual([
      {
        combatants: ['Syrian Arab Army', 'National Defence Forces'],
        supporters: ['Russia'],
        commanders: ['Suheil al-Hassan'],
      },
      { combatants: ['Free Syrian Army'], supporters: [], commanders: ['Abu Ahmad Kurdi'] },
    ]);
  });

  it('splits "A vs. B" on one line into two sides', () => {
    const text = 'Date: 2011\nLocation: Sirte, Libya\nBelligerents: Libyan Army vs. National Transitional Council\n';
    expect(sides(text)?.map((s) => s.combatants)).toEqual([['Libyan Army'], ['National Transitional Council']]);
  });

  it('keeps prose after the infobox out of its last value', () => {
    const text = [
      'Date\t3 March 2019 – 9 May 2019',
      'Location\tMarawi, Lanao del Sur, Philippines',
      'Belligerents',
      'Philippines\tMaute group',
      'Casualties and losses',
      '165 killed\t978 killed',
      'The siege began when the army raided a safe house in the city. Fighting spread through the old quarter within days.',
    ].join('\n');
    const layout = analyseLayout(text);
    expect(text.slice(layout.infobox?.start, layout.infobox?.end).endsWith('978 killed')).toBe(true);
    expect(layout.blocks.some((b) => text.slice(b.start, b.end).startsWith('The siege began'))).toBe(true);
  });

  it('finds no infobox in a report that only mentions a date and a place', () => {
    const text =
      'Date: 3 May 2020\nLocation: Kabul\n\nResult of the inquiry was not published.\nCasualties were reported.';
    expect(analyseLayout(text).infobox).toBeNull();
  });

  it('takes a small infobox under a line that says so: a name, a date and a place', () => {
    const text = [
      '= Raid on Kalay Wal =',
      '',
      'Infobox',
      '- Conflict: Raid on Kalay Wal',
      '- Date: 14 June 2011',
      '- Place: Kalay Wal, Kunar',
      '',
      'Gunmen raided the village at night.',
    ].join('\n');
    const conflict = extractDocument(text).conflict;
    expect([conflict?.name, conflict?.start, conflict?.place]).toEqual([
      'Raid on Kalay Wal',
      '2011-06-14',
      'Kalay Wal',
    ]);
    // The same two lines with no "Infobox" above them are a report's header, not an infobox.
    expect(analyseLayout('Date: 14 June 2011\nPlace: Kunar\n\nGunmen raided the village.').infobox).toBeNull();
  });

  it('reads the wikitext template to its own closing braces, past nested ones', () => {
    const text = [
      '{{Infobox military conflict',
      '| conflict = Battle of Kismayo Port',
      '| date = {{start date|2012|9|28}} – {{end date|2012|10|2}}',
      '| place = [[Kismayo]], Somalia',
      '| combatant1 = {{plainlist|',
      '* {{flag|Kenya}}',
      '* [[Ras Kamboni Brigade]]',
      '}}',
      '| combatant2 = [[al-Shabaab]]',
      '| casualties2 = 30 killed',
      '}}',
      'Kenyan troops landed north of the port before dawn.',
    ].join('\n');
    const c = extractDocument(text).conflict;
    expect([c?.name, c?.start, c?.end]).toEqual(['Battle of Kismayo Port', '2012-09-28', '2012-10-02']);
    expect(c?.sides.map((s) => s.combatants)).toEqual([['Kenya', 'Ras Kamboni Brigade'], ['al-Shabaab']]);
  });
});

describe('casualty rows that name what they count', () => {
  it('reads "Deaths", "Injuries" and "Arrested" counts as killed, injured and captured', () => {
    const text = [
      '2019 Khartoum sit-in dispersal',
      'Date\t3 June 2019',
      'Location\tKhartoum, Sudan',
      'Parties\tTransitional Military Council\tForces of Freedom and Change',
      'Deaths\t128',
      'Injuries\t700+',
      'Arrested\t70',
    ].join('\n');
    const figures = extractDocument(text).figures.map((f) => [f.kind, f.low, f.high]);
    expect(figures).toEqual([
      ['killed', 128, 128],
      ['injured', 700, null],
      ['captured', 70, 70],
    ]);
  });
});

describe('a casualty row that dates or describes its own item', () => {
  it('dates an item by the month it names, and reads people who left a place as displaced', () => {
    const text = [
      '= Siege of Tal Hadid =',
      '',
      'Infobox',
      '- Conflict: Siege of Tal Hadid',
      '- Date: 2 October 2016 – 14 March 2017',
      '- Place: Tal Hadid, Syria',
      '- Casualties1: 310 killed',
      '- Casualties3: At least 6 aid workers killed in December 2016, Some 9,000 residents left the besieged town',
    ].join('\n');
    const figures = extractDocument(text).figures.map((f) => [f.kind, f.low, f.date?.start, f.date?.end]);
    expect(figures).toEqual([
      ['killed', 310, '2016-10-02', '2017-03-14'],
      ['killed', 6, '2016-12-01', '2016-12-31'],
      ['displaced', 9000, '2016-10-02', '2017-03-14'],
    ]);
  });
});

describe('sides kept apart inside one value', () => {
  it('splits "Belligerents: A | B" at the bar', () => {
    const text = 'Date: 4 May 2020\nLocation: Beledweyne, Somalia\nBelligerents: Somali National Army | al-Shabaab\n';
    expect(sides(text)?.map((s) => s.combatants)).toEqual([['Somali National Army'], ['al-Shabaab']]);
  });
});

describe('a commander mark on a line of its own', () => {
  it('stays with the name above and does not count as a side', () => {
    const text = [
      'Raid on Ras Kamboni',
      'Part of the War in Somalia',
      'Date',
      '8 January 2007',
      'Location',
      'Ras Kamboni, Lower Juba, Somalia',
      'Belligerents',
      'Somalia',
      'Islamic Courts Union',
      'Commanders and leaders',
      'Abdullahi Yusuf',
      'Hassan Turki',
      'WIA',
    ].join('\n');
    expect(extractDocument(text).conflict?.sides.map((s) => s.commanders)).toEqual([
      [{ name: 'Abdullahi Yusuf', status: null }],
      [{ name: 'Hassan Turki', status: 'WIA' }],
    ]);
  });
});

/** A short infobox in the "- Field: value" rendering, with the lines given. */
function infobox(...lines: string[]): string {
  return [
    '= Battle of Harrow Ford =',
    '',
    'Infobox',
    '- Conflict: Battle of Harrow Ford',
    '- Date: 2–6 March 2011',
    ...lines,
    '',
    'The battle of Harrow Ford was fought in March 2011.',
    '',
  ].join('\n');
}

const figuresOf = (text: string) =>
  extractDocument(text)
    .figures.filter((f) => f.source === 'infobox')
    .map((f) => `${f.kind} ${f.low} ${f.claimant ?? '-'}`);

describe('a list of counts in an infobox row', () => {
  it('takes the source in brackets after its last count for every count of the list', () => {
    expect(figuresOf(infobox('- Casualties2: 300–500 killed, 1,100 wounded (U.S. estimate)'))).toEqual([
      'killed 300 U.S.',
      'injured 1100 U.S.',
    ]);
    expect(figuresOf(infobox('- Casualties1: 64 killed, 19 captured (Moldovan official figures)'))).toEqual([
      'killed 64 Moldovan official',
      'captured 19 Moldovan official',
    ]);
  });

  it('keeps each count its own brackets, and a semicolon ends the list', () => {
    expect(figuresOf(infobox('- Casualties2: 60 killed (per ISAF), 200+ killed (Afghan government claim)'))).toEqual([
      'killed 60 ISAF',
      'killed 200 Afghan government',
    ]);
    expect(figuresOf(infobox('- Casualties1: 9 killed; 30 wounded (Red Cross figures)'))).toEqual([
      'killed 9 -',
      'injured 30 Red Cross',
    ]);
  });

  it('names no source with the state whose losses the brackets count', () => {
    expect(
      figuresOf(
        infobox('- Casualties1: 11 killed, 40 wounded, 2 captured (United States); 3 killed, 6 wounded (Malaysia)'),
      ),
    ).toEqual(['killed 11 -', 'injured 40 -', 'captured 2 -', 'killed 3 -', 'injured 6 -']);
  });

  it('keeps the state whose losses the brackets count as the counted people’s side, for a whole comma list', () => {
    const figures = extractDocument(
      infobox(
        '- Casualties1: 7 killed, 19 wounded (Australia); 2 killed (New Zealand); 30 killed (coalition estimate)',
      ),
    ).figures;
    expect(figures.map((f) => [f.kind, f.low, f.actor, f.claimant])).toEqual([
      ['killed', 7, 'Australia', null],
      ['injured', 19, 'Australia', null],
      ['killed', 2, 'New Zealand', null],
      ['killed', 30, null, 'coalition'],
    ]);
  });

  it('names no source where the brackets say only that estimates differ', () => {
    const figures = extractDocument(infobox('- Casualties2: 300–1,500 killed (various estimates)')).figures;
    expect(figures.map((f) => [f.low, f.high, f.claimant])).toEqual([[300, 1500, null]]);
  });

  it('does not count the missing as captured or killed', () => {
    expect(figuresOf(infobox('- Casualties1: 179 killed, 110 captured, 81 missing'))).toEqual([
      'killed 179 -',
      'captured 110 -',
    ]);
    expect(figuresOf(infobox('- Casualties2: 35 killed, 14 unaccounted for, 60 wounded'))).toEqual([
      'killed 35 -',
      'injured 60 -',
    ]);
  });

  it('reads a strength followed by when it held ("initially", "originally")', () => {
    expect(figuresOf(infobox('- Strength1: 160 initially, 3,000+ in the relief column'))).toEqual([
      'strength 160 -',
      'strength 3000 -',
    ]);
    expect(figuresOf(infobox('- Strength2: 900 originally, later 2,400'))).toEqual([
      'strength 900 -',
      'strength 2400 -',
    ]);
  });
});
