import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.js';

const LINES = `Infobox
- Conflict: Battle of Qala Sabz
- Date: 4 – 19 March 2019
- Place: Qala Sabz, Helmand Province
- Combatant1: Afghanistan
- Combatant2: Taliban
- Commander1: Daud Rahimi, Sami NooriKIA
- Commander2: Mullah Karim (POW)
- Strength1: 1,200
- Strength2: 400–600
- Casualties1: 35 killed, 60 wounded
- Casualties2: 120 killed, 44 captured

The battle was fought over the Qala Sabz district centre.`;

const PIPES = `Battle of Qala Sabz

| Conflict | Battle of Qala Sabz |
| Date | 4 – 19 March 2019 |
| Place | Qala Sabz, Helmand Province |
| Combatant1 | Afghanistan |
| Combatant2 | Taliban |
| Commander1 | Daud Rahimi, Sami NooriKIA |
| Commander2 | Mullah Karim (POW) |
| Strength1 | 1,200 |
| Strength2 | 400–600 |
| Casualties1 | 35 killed, 60 wounded |
| Casualties2 | 120 killed, 44 captured |

The battle was fought over the Qala Sabz district centre.`;

const HTML = `<table class="infobox">
<tr><th colspan="2">Battle of Qala Sabz</th></tr>
<tr><th>Date</th><td>4 – 19 March 2019</td></tr>
<tr><th>Location</th><td>Qala Sabz, Helmand Province</td></tr>
<tr><th colspan="2">Belligerents</th></tr>
<tr><td>Afghanistan</td><td>Taliban</td></tr>
<tr><th colspan="2">Commanders and leaders</th></tr>
<tr><td>Daud Rahimi<br>Sami Noori&nbsp;†</td><td>Mullah Karim (POW)</td></tr>
<tr><th colspan="2">Strength</th></tr>
<tr><td>1,200</td><td>400–600</td></tr>
<tr><th colspan="2">Casualties and losses</th></tr>
<tr><td>35 killed<br>60 wounded</td><td>120 killed<br>44 captured</td></tr>
</table>
<p>The battle was fought over the Qala Sabz district centre.</p>`;

describe('infobox in three renderings', () => {
  it.each([
    ['key: value lines', LINES],
    ['pipe table', PIPES],
    ['HTML table', HTML],
  ])('%s reads to the same conflict and figures', (_, text) => {
    const result = extractDocument(text);
    const c = result.conflict;
    expect(c).not.toBeNull();
    expect(c?.name).toBe('Battle of Qala Sabz');
    expect([c?.start, c?.end, c?.date_precision]).toEqual(['2019-03-04', '2019-03-19', 'day']);
    expect(c?.place).toBe('Qala Sabz');
    expect(c?.sides.map((s) => s.combatants)).toEqual([['Afghanistan'], ['Taliban']]);
    expect(c?.sides.map((s) => s.commanders)).toEqual([
      [
        { name: 'Daud Rahimi', status: null },
        { name: 'Sami Noori', status: 'KIA' },
      ],
      [{ name: 'Mullah Karim', status: 'POW' }],
    ]);
    const figures = result.figures.map((f) => [f.kind, f.low, f.high, f.side, f.source]);
    expect(figures).toEqual([
      ['strength', 1200, 1200, 1, 'infobox'],
      ['strength', 400, 600, 2, 'infobox'],
      ['killed', 35, 35, 1, 'infobox'],
      ['injured', 60, 60, 1, 'infobox'],
      ['killed', 120, 120, 2, 'infobox'],
      ['captured', 44, 44, 2, 'infobox'],
    ]);
    for (const f of result.figures) expect(text.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.text);
  });

  it('reads no conflict from a page without an infobox', () => {
    expect(extractDocument('Date: 3 May 2020\nPlace: Kabul\n\nNine people were killed.').conflict).toBeNull();
  });

  it("reads a casualty note set small in a wiki template as the count's source", () => {
    const text = [
      '{{Infobox military conflict',
      '| conflict = Battle of Wadi Sufr',
      '| date = 3 – 9 May 2016',
      '| combatant1 = Ruritania',
      '| combatant2 = The Front',
      '| casualties1 = 140 killed{{small|(Front claim)}}',
      '| casualties2 = 65 killed{{small|(AFP)}}<br />12 captured{{efn|According to the Front.}}',
      '}}',
      'The battle was fought in May.',
    ].join('\n');
    expect(extractDocument(text).figures.map((f) => [f.low, f.claimant])).toEqual([
      [140, 'Front'],
      [65, 'AFP'],
      [12, 'Front'],
    ]);
  });

  it('gives a bare count in brackets the kind of the count it follows', () => {
    const text = `${LINES.split('\n\n')[0]}\n- Casualties3: 64 civilians killed (21 by disease), 2,000 displaced`;
    const third = extractDocument(text).figures.filter((f) => f.sentence.text.includes('disease'));
    expect(third.map((f) => [f.kind, f.low])).toEqual([
      ['killed', 64],
      ['killed', 21],
      ['displaced', 2000],
    ]);
  });

  it('counts no men who deserted or were freed as casualties', () => {
    const text = `${LINES.split('\n\n')[0]}\n- Casualties3: Unknown; thousands deserted, 300 freed, 40 killed`;
    const third = extractDocument(text).figures.filter((f) => f.sentence.text.includes('deserted'));
    expect(third.map((f) => [f.kind, f.low])).toEqual([['killed', 40]]);
  });

  it('keeps "Heavy" and "Disputed" out of the figures', () => {
    const text = `${LINES.split('\n\n')[0]}\n- Casualties3: Heavy; disputed`;
    expect(extractDocument(text).figures.filter((f) => f.side === 3 || f.side === null)).toEqual([]);
  });
});

describe('the people an infobox line counts', () => {
  const PRISON = `Infobox
- Conflict: Jail uprising at Sarposa
- Date: 2 – 4 June 2009
- Combatant1: Prison guards, Afghan police
- Combatant2: Inmates
- Strength1: 150 guards
- Strength2: 600–900 inmates
- Casualties1: 9 guards killed
- Casualties2: 40 killed, 310 prisoners, 112 escaped and recaptured

The revolt began in the east wing.`;

  it('reads a Strength line of any people as their strength, and prisoners in a Casualties line as captured', () => {
    const figures = extractDocument(PRISON).figures;
    expect(figures.map((f) => [f.kind, f.low, f.high, f.side])).toEqual([
      ['strength', 150, 150, 1],
      ['strength', 600, 900, 2],
      ['killed', 9, 9, 1],
      ['killed', 40, 40, 2],
      ['captured', 310, 310, 2],
      ['captured', 112, 112, 2],
    ]);
  });
});
