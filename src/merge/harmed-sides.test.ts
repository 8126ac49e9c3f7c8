import { describe, expect, it } from 'vitest';
import { incidentsFromText } from '../../test/support/incidents-of.js';

const incidentsOf = incidentsFromText();

/** Each incident as its day, town or province, parties, and its killed claims with their categories. */
const coded = (text: string) =>
  incidentsOf(text).map((d) => ({
    day: d.date.start,
    where: d.place?.admin1 ?? null,
    sides: [d.side_a?.name ?? null, d.side_b?.name ?? null],
    killed: d.claims.filter((c) => c.kind === 'killed').map((c) => [c.low ?? c.high, c.category]),
  }));

describe('the forces a count names without their state', () => {
  it("reads soldiers, police officers and troops killed as the forces of the state that held the report's country then", () => {
    expect(coded('Taliban fighters killed 12 soldiers in Kunduz on 3 May 2019, officials said.')).toEqual([
      {
        day: '2019-05-03',
        where: 'Kunduz',
        sides: ['Taliban', 'Afghan National Defense and Security Forces'],
        killed: [[12, 'side_b']],
      },
    ]);
    // After August 2021 the state's forces in Afghanistan are the Islamic Emirate's.
    expect(coded('On 3 May 2023, gunmen shot dead two police officers at a checkpoint in Kunduz.')[0]?.sides).toEqual([
      'Unidentified armed group',
      'Taliban',
    ]);
    expect(
      coded('On 11 May 2024, at least 8 gendarmes died when their convoy hit a mine near Fada N’Gourma.')[0]?.sides,
    ).toEqual(['Unidentified armed group', 'Military Forces of Burkina Faso']);
    expect(coded('On 9 June 2021, militants ambushed a convoy outside Gao, killing nine soldiers.')).toEqual([
      { day: '2021-06-09', where: 'Gao', sides: [null, 'Military Forces of Mali'], killed: [[9, 'side_b']] },
    ]);
  });

  it("counts a state's soldiers on the side that is a state, and leaves soldiers a sentence names the owner of alone", () => {
    const [battle] = coded(
      'On 3 May 2019, Afghan forces killed 30 Taliban fighters in Kunduz. Two soldiers were also killed, the army said.',
    );
    expect(battle?.sides).toEqual(['Afghan National Defense and Security Forces', 'Taliban']);
    expect(battle?.killed).toEqual([
      [30, 'side_b'],
      [2, 'side_a'],
    ]);
    const [massacre] = coded(
      'On 8 August 1998, Taliban fighters killed 1,400 soldiers from the Hazara army in Mazar-i-Sharif.',
    );
    expect(massacre?.killed).toEqual([[1400, 'unknown']]);
  });

  it('takes a year before a comma for a date, not for a count of the party after it', () => {
    const [one] = coded('On 3 May 2019, Afghan forces killed 30 Taliban fighters in Kunduz.');
    expect(one?.sides).toEqual(['Afghan National Defense and Security Forces', 'Taliban']);
  });
});

describe('a party counted as the object of a verb of harm', () => {
  it('is the target, whoever the sentence says did it, and its claim counts its side', () => {
    expect(coded('A roadside bomb killed three NATO soldiers in Helmand on 3 May 2010, the alliance said.')).toEqual([
      {
        day: '2010-05-03',
        where: 'Helmand',
        sides: ['Unidentified armed group', 'NATO (ISAF, Resolute Support)'],
        killed: [[3, 'side_b']],
      },
    ]);
    expect(
      coded('A roadside bomb killed two American soldiers and an interpreter in Helmand on 3 May 2010.')[0]?.killed,
    ).toEqual([[2, 'side_b']]);
    const [raid] = coded(
      'On 3 May 2022, Ugandan troops of the African Union mission killed 20 al-Shabaab militants near Afgoye.',
    );
    expect(raid?.sides[1]).toBe('Al Shabaab');
    expect(raid?.killed).toEqual([[20, 'side_b']]);
  });
});

describe('a people named for a side', () => {
  it("counts the dead a people's word names on the side of its state", () => {
    const [withdrawal] = coded(
      'On 17 February 2024, Ukrainian forces withdrew from Avdiivka. Russia’s defence ministry claimed that more than 1,500 Ukrainian soldiers had been killed in the last four days.',
    );
    expect(withdrawal?.sides[0]).toBe('Military Forces of Ukraine');
    expect(withdrawal?.killed).toEqual([[1500, 'side_a']]);
  });
});

describe('a speaker that tells of its own action', () => {
  it('acts, where its forces or its pronoun stand; a speaking organ of a state is no party', () => {
    expect(
      coded(
        'The Israeli military said on 3 May 2024 that its aircraft had struck Hamas positions in Rafah, killing 12 militants.',
      )[0]?.sides,
    ).toEqual(['Military Forces of Israel', 'Hamas']);
    expect(coded('On 3 May 2024 the Taliban said they had attacked an army post in Kunduz.')[0]?.sides[0]).toBe(
      'Taliban',
    );
    // The air force that counts the drones is a claimant, not the target of the attack it reports.
    expect(
      coded(
        'Russia launched 25 drones at Odesa overnight on 3 May 2023, killing 2 civilians, Ukraine’s air force said.',
      )[0]?.sides,
    ).toEqual(['Military Forces of Russia', 'Civilians']);
  });
});

describe('claims of incidents told in several sentences', () => {
  it('keeps each claim on the side of its party when two sentences of one day and place join', () => {
    const [clash, ...rest] = coded(
      [
        'On 5 June 2019, Islamic State fighters attacked a Taliban checkpoint in Chapa Dara district, Kunar, killing 6 Taliban members.',
        '',
        'On 5 June 2019 in Chapa Dara district, Kunar, Taliban fighters killed 9 Islamic State militants.',
      ].join('\n'),
    );
    expect(rest).toEqual([]);
    expect(clash?.sides).toEqual(['Islamic State Khorasan Province', 'Taliban']);
    expect(clash?.killed).toEqual([
      [6, 'side_b'],
      [9, 'side_a'],
    ]);
  });

  it('keeps the dead of the party a headline named on its side when a later claim names the perpetrator', () => {
    const [attack] = coded(
      [
        'Bombers hit army post near Ramadi, 17 soldiers dead',
        '',
        'RAMADI, Oct. 14, 2015 (AP) — Suicide bombers rammed an Iraqi army outpost near Ramadi on Wednesday, killing 17 soldiers, officials said.',
        '',
        'The Islamic State group claimed responsibility for the attack.',
      ].join('\n'),
    );
    expect(attack?.sides).toEqual(['Islamic State (Iraq and Syria)', 'Military Forces of Iraq']);
    expect(attack?.killed).toEqual([
      [17, 'side_b'],
      [17, 'side_b'],
    ]);
  });

  it("reads a speaker's own losses as its party's", () => {
    const [clash] = coded(
      'On 17 May 2019, Afghan forces attacked the Taliban in Kunduz. The Taliban said they had lost only 3 fighters, while the army put its own dead at 8 soldiers.',
    );
    expect(clash?.sides).toEqual(['Afghan National Defense and Security Forces', 'Taliban']);
    expect(clash?.killed).toEqual([
      [3, 'side_b'],
      [8, 'side_a'],
    ]);
  });
});

describe('places that are not where an incident happened', () => {
  it('reads a town inside the name of a party as no place', () => {
    expect(coded('Boko Haram fighters killed 12 soldiers near Gwoza on 3 May 2019, officials said.')).toEqual([
      {
        day: '2019-05-03',
        where: 'Borno State',
        sides: ['Boko Haram (JAS)', 'Military Forces of Nigeria'],
        killed: [[12, 'side_b']],
      },
    ]);
  });

  it('places no incident where people fled to, and makes none of people displaced without a day of their own', () => {
    const text = [
      'On 10 September 2016, Afghan commandos drove the Taliban out of central Tarin Kowt. Officials said 14 civilians were killed in the fighting.',
      '',
      'Some 3,500 families fled to Kandahar and Kabul during the assault, the United Nations said. A week later, on 17 September, a roadside bomb killed 4 civilians on the road out of the city.',
    ].join('\n');
    expect(coded(text).map((d) => [d.day, d.where])).toEqual([
      ['2016-09-10', 'Oruzgan'],
      ['2016-09-17', 'Oruzgan'],
    ]);
  });
});

describe('what a sentence sums up', () => {
  it("keeps a battle's toll over two days of fighting, and a counterattack, as an incident", () => {
    const [counter] = coded(
      'On 10 September 2016, Afghan special forces counterattacked in Tarin Kowt. The Ministry of Defence said 130 Taliban had been killed in two days of fighting.',
    );
    expect(counter?.killed).toEqual([[130, 'side_b']]);
    expect(coded('In six weeks of fighting in Helmand in May 2016, more than 300 fighters were killed.')).toEqual([]);
  });
});
