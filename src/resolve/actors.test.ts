import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import {
  type ActorRegistryFile,
  addActorAlias,
  addActorPeriod,
  INTER_CODES,
  mergeActorRegistries,
  parseActorRegistry,
} from './actor-registry.js';
import { type ActorIndex, createActorIndex, findActorMentions, resolutionOn, resolveActor } from './actors.js';
import { loadActorRegistry, SHIPPED_ACTORS_PATH } from './load-resolve-data.js';

let registry: ActorRegistryFile;
let index: ActorIndex;
beforeAll(async () => {
  registry = await loadActorRegistry();
  index = createActorIndex(registry);
});

const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['Taliban', 'taliban'],
  ['the Taliban', 'taliban'],
  ['Islamic Emirate', 'taliban'],
  ['Islamic Emirate of Afghanistan', 'taliban'],
  ['IEA', 'taliban'],
  ['Taliban forces', 'taliban'],
  ['Talibs', 'taliban'],
  ['Taliban fighters', 'taliban'],
  ["Islamic Emirate's forces", 'taliban'],
  ['Islamic State Khorasan Province', 'iskp'],
  ['ISIS-K', 'iskp'],
  ['ISIS–K', 'iskp'],
  ['IS-KP', 'iskp'],
  ['ISKP', 'iskp'],
  ['IS-K', 'iskp'],
  ['Khorasan Province', 'iskp'],
  ['Islamic State – Khorasan Province', 'iskp'],
  ['Islamic State - Khorasan Province militants', 'iskp'],
  ['Daesh', 'iskp'],
  ['Afghan National Army', 'ansf'],
  ['ANA', 'ansf'],
  ['Afghan National Security Forces', 'ansf'],
  ['ANSF', 'ansf'],
  ['ANDSF', 'ansf'],
  ['Afghan Armed Forces', 'ansf'],
  ['IRA Armed Forces', 'ansf'],
  ['Islamic Republic of Afghanistan', 'ansf'],
  ['NRF', 'nrf'],
  ['National Resistance Front', 'nrf'],
  ['Northern Alliance', 'northern-alliance'],
  ['United Islamic Front', 'northern-alliance'],
  ['Junbish', 'junbish'],
  ['Junbish-e Milli', 'junbish'],
  ['Junbish-i-Milli', 'junbish'],
  ['Junbish-i Milli Islami', 'junbish'],
  ['Hezbe Wahdat', 'hezb-e-wahdat'],
  ['Hezb-e Wahdat', 'hezb-e-wahdat'],
  ['Hizb-i-Wahdat', 'hezb-e-wahdat'],
  ['Jamiat-e Islami', 'jamiat-e-islami'],
  ['Jamiat-i Islami', 'jamiat-e-islami'],
  ['Jamiat-i-Islami forces', 'jamiat-e-islami'],
  ['Hezb-e Islami Gulbuddin', 'hezb-e-islami-gulbuddin'],
  ['Islamic Movement of Uzbekistan', 'imu'],
  ['Islamic Movement of Afghanistan', 'harakat-e-islami'],
  ['al-Qaeda', 'al-qaeda'],
  ['Al Qaeda', 'al-qaeda'],
  ['055 Brigade', 'brigade-055'],
  ['Haqqani Network', 'haqqani-network'],
  ['Liwa Fatemiyoun', 'liwa-fatemiyoun'],
  ['US forces', 'us-forces'],
  ['U.S. troops', 'us-forces'],
  ['Resolute Support', 'nato'],
  ['ISAF', 'nato'],
  ['NATO', 'nato'],
  ['Pakistani forces', 'pakistan-military'],
  ['Sipah-e Sahaba', 'sipah-e-sahaba'],
  ["Mahdi Mujahid's forces", 'mahdi-mujahid-forces'],
  ['Mahdi Mujahid fighters', 'mahdi-mujahid-forces'],
  ['civilians', 'civilians'],
  ['local residents', 'civilians'],
  ['Mahdi Mujahid', 'mahdi-mujahid'],
  ['Mawlawi Mahdi', 'mahdi-mujahid'],
  ['Mawlawi Mahdi Mujahid', 'mahdi-mujahid'],
  ['Commander Mawlawi Mahdi', 'mahdi-mujahid'],
  ['Abdul Rashid Dostum', 'abdul-rashid-dostum'],
  ['Dostum', 'abdul-rashid-dostum'],
  ['General Dostum', 'abdul-rashid-dostum'],
  ['Ahmad Shah Massoud', 'ahmad-shah-massoud'],
  ['Ahmed Shah Massoud', 'ahmad-shah-massoud'],
  ['Ahmad Massoud', 'ahmad-massoud'],
  ['Mullah Omar', 'mullah-omar'],
  ['Hibatullah Akhundzada', 'hibatullah-akhundzada'],
  ['Zabiullah Mujahid', 'zabiullah-mujahid'],
  ['Zabihullah Mujahid', 'zabiullah-mujahid'],
  ['Gulbuddin Hekmatyar', 'gulbuddin-hekmatyar'],
  ['Abdul Malik Pahlawan', 'abdul-malik-pahlawan'],
  ["Abdul Malik Pahlawan's forces", 'abdul-malik-pahlawan'],
  ['Ismail Khan', 'ismail-khan'],
  ['Mohammad Mohaqiq', 'mohammad-mohaqiq'],
  ['Muhammad Mohaqiq', 'mohammad-mohaqiq'],
  ['Amrullah Saleh', 'amrullah-saleh'],
];

const NOT_ACTORS = [
  'Kabul',
  'Balkhab',
  'Hazara',
  'Pakistani',
  'Islamic',
  'Khorasan',
  'Mujahid',
  'Ahmad',
  'forces',
  'the',
  'Islamic Movement',
  'State',
  'Mahdi Mujahids',
  'Talib',
  'Uzbekistan',
];

describe('resolveActor', () => {
  it.each(ALIASES)('%s -> %s', (mention, id) => {
    expect(resolveActor(mention, index)?.id).toBe(id);
  });

  it.each(NOT_ACTORS)('%s -> nothing', (mention) => {
    expect(resolveActor(mention, index)).toBeNull();
  });

  it('gives type, ACLED inter code and confidence', () => {
    expect(resolveActor('ISKP', index)).toMatchObject({
      type: 'rebel_group',
      inter: 2,
      ucdp_class: 'organized',
      confidence: 1,
    });
    expect(resolveActor('civilians', index)).toMatchObject({ type: 'civilians', inter: INTER_CODES.civilians });
    expect(resolveActor('Taliban fighters', index)).toMatchObject({ match: 'descriptor', confidence: 0.9 });
    expect(resolveActor('Daesh', index)).toMatchObject({ match: 'weak', confidence: 0.6 });
    expect(resolveActor('US forces', index)).toMatchObject({
      type: 'external_forces',
      inter: 8,
      ucdp_class: 'government',
    });
  });

  it('links persons and units to their group', () => {
    expect(resolveActor('Mawlawi Mahdi', index)?.group?.id).toBe('mahdi-mujahid-forces');
    expect(resolveActor('Zabiullah Mujahid', index)).toMatchObject({ kind: 'person', group: { id: 'taliban' } });
    expect(resolveActor('055 Brigade', index)).toMatchObject({
      kind: 'unit',
      type: 'rebel_group',
      group: { id: 'al-qaeda' },
    });
  });

  it('types the Taliban by date: rebels in 2018, state forces in 1997 and 2022', () => {
    expect(resolveActor('Taliban', index, { date: '2018-07-12' })?.type).toBe('rebel_group');
    expect(resolveActor('Taliban', index, { date: '1997-05' })?.type).toBe('state_forces');
    expect(resolveActor('Taliban', index, { date: '2022-06-23' })).toMatchObject({ type: 'state_forces', inter: 1 });
    expect(resolveActor('Zabiullah Mujahid', index, { date: '2022-09-30' })?.type).toBe('state_forces');
  });

  it('reads a generic government name as whoever held Kabul on the date', () => {
    expect(resolveActor('Afghan government', index, { date: '2018-07-12' })?.stands_for?.id).toBe('ansf');
    expect(resolveActor('Afghanistan', index, { date: '2022-06-23' })).toMatchObject({
      stands_for: { id: 'taliban' },
      type: 'state_forces',
      match: 'weak',
    });
    expect(resolveActor('Afghan government', index)?.stands_for).toBeNull();
  });
});

describe('findActorMentions', () => {
  const spans = (text: string) => findActorMentions(text, index).map((m) => [m.span.text, m.actor.id]);

  it('finds aliases with spans, longest first', () => {
    const text = 'The Islamic State – Khorasan Province attacked Taliban forces, and Mahdi Mujahid’s forces fled.';
    const mentions = findActorMentions(text, index);
    expect(mentions.map((m) => [m.span.text, m.actor.id])).toEqual([
      ['The Islamic State – Khorasan Province', 'iskp'],
      ['Taliban forces', 'taliban'],
      ['Mahdi Mujahid’s forces', 'mahdi-mujahid-forces'],
    ]);
    for (const m of mentions) expect(text.slice(m.span.start, m.span.end)).toBe(m.span.text);
  });

  it('requires capitals for acronyms and names, not for common nouns', () => {
    expect(spans('us and them; nrf; the taliban')).toEqual([]);
    expect(spans('Three civilians and two US soldiers died.')).toEqual([
      ['civilians', 'civilians'],
      ['US soldiers', 'us-forces'],
    ]);
  });

  it('needs a descriptor for an adjective form', () => {
    expect(spans('fighters of Pakistani origin')).toEqual([]);
    expect(spans('Pakistani troops crossed')).toEqual([['Pakistani troops', 'pakistan-military']]);
  });

  it('skips a weak single name that is part of a longer name', () => {
    expect(spans('said Massoud Ekhtiarai, a resident')).toEqual([]);
    expect(spans('Massoud sent reinforcements')).toEqual([['Massoud', 'ahmad-shah-massoud']]);
  });

  it('distinguishes the Islamic State of Afghanistan from the Islamic State', () => {
    expect(spans('the Islamic State of Afghanistan and the Islamic State')).toEqual([
      ['Islamic State of Afghanistan', 'islamic-state-of-afghanistan'],
      ['Islamic State', 'iskp'],
    ]);
  });
});

describe('the actor registry', () => {
  it('ships valid, with every alias naming one actor in any one country', () => {
    const shipped = parseActorRegistry(JSON.parse(readFileSync(SHIPPED_ACTORS_PATH, 'utf8')), SHIPPED_ACTORS_PATH);
    const owners = new Map<string, string>();
    for (const [key, hits] of index.exact) {
      const ids = new Set(hits.map((h) => h.actor.id));
      if (ids.size === 1) continue;
      // A weak alias may name several actors, each in reports from countries of its own.
      const byActor = new Map(hits.map((h) => [h.actor.id, h]));
      const countries = [...byActor.values()].map((h) => (h.weak ? h.weakIn : undefined));
      const where = countries.flatMap((c) => c ?? []);
      if (countries.every((c) => c !== undefined) && new Set(where).size === where.length) continue;
      owners.set(key, [...ids].join(', '));
    }
    expect(owners).toEqual(new Map());
    expect(shipped.actors.length).toBeGreaterThan(50);
  });

  it('merges a user file: aliases added, fields overridden, new actors appended, names re-pointed', () => {
    const merged = mergeActorRegistries(registry, {
      version: 1,
      actors: [
        { id: 'taliban', name: 'Taliban', kind: 'group', aliases: ['Emirate fighters'] },
        { id: 'kaaj-attackers', name: 'Kaaj attackers', kind: 'group', type: 'rebel_group', aliases: ['Daesh'] },
      ],
    });
    const mergedIndex = createActorIndex(merged);
    expect(resolveActor('Emirate fighters', mergedIndex)?.id).toBe('taliban');
    expect(resolveActor('Taliban', mergedIndex)?.id).toBe('taliban');
    expect(resolveActor('Daesh', mergedIndex)?.id).toBe('kaaj-attackers');
    expect(resolveActor('ISKP', mergedIndex)?.id).toBe('iskp');
  });

  it('adds an alias', () => {
    const updated = addActorAlias(registry, 'mahdi-mujahid', 'Mahdi Jan');
    expect(resolveActor('Mahdi Jan', createActorIndex(updated))?.id).toBe('mahdi-mujahid');
    expect(() => addActorAlias(registry, 'nobody', 'X')).toThrow(InvalidInputError);
  });

  it.each([
    [{ version: 1, actors: [{ id: 'a', name: 'A', kind: 'group', aliases: [] }] }, /group "a" has no type/],
    [
      { version: 1, actors: [{ id: 'a', name: 'A', kind: 'person', aliases: [], member_of: 'b' }] },
      /unknown actor "b"/,
    ],
    [{ version: 2, actors: [] }, /version/],
    [
      {
        version: 1,
        actors: [
          { id: 'a', name: 'A', kind: 'group', type: 'state_forces', aliases: [], generic_aliases: ['the army'] },
        ],
      },
      /generic aliases but no country/,
    ],
    [
      { version: 1, actors: [{ id: 'A B', name: 'A', kind: 'group', type: 'rebel_group', aliases: [] }] },
      /actors\.0\.id/,
    ],
  ])('rejects a bad registry (%#)', (value, message) => {
    expect(() => parseActorRegistry(value, 'user.json')).toThrow(message);
  });
});

describe('periods: what a name meant on a date', () => {
  let shipped: Awaited<ReturnType<typeof loadActorRegistry>>;
  beforeAll(async () => {
    shipped = await loadActorRegistry();
  });

  it('reads the generic Afghan names as the Islamic Republic until 15 August 2021, the Taliban after', () => {
    const index = createActorIndex(shipped);
    for (const name of ['the government', 'government forces', 'security forces', 'Afghan forces']) {
      const [mention] = findActorMentions(`Then ${name} attacked.`, index);
      expect([name, mention?.actor.id]).toEqual([name, 'government-of-afghanistan']);
      const before = resolutionOn(mention?.actor as NonNullable<typeof mention>['actor'], index, '2021-08-14');
      const after = resolutionOn(mention?.actor as NonNullable<typeof mention>['actor'], index, '2021-08-15');
      expect([name, before.stands_for?.id, after.stands_for?.id, after.type]).toEqual([
        name,
        'ansf',
        'taliban',
        'state_forces',
      ]);
    }
  });

  it('lets a user add a period for another country, linked to a shipped actor', () => {
    const own = parseActorRegistry(
      {
        version: 1,
        actors: [
          {
            id: 'sudan-government',
            name: 'Government of Sudan',
            kind: 'group',
            type: 'state_forces',
            aliases: ['Sudanese government'],
            periods: [{ from: '2019-04-11', to: '2019-08-20', as: 'sudan-military' }],
          },
        ],
      },
      'mine.json',
      new Set(shipped.actors.map((a) => a.id)),
    );
    const registry = addActorPeriod(mergeActorRegistries(shipped, own), 'sudan-government', {
      from: '2019-08-21',
      as: 'rsf',
    });
    const index = createActorIndex(registry);
    const found = resolveActor('Sudanese government', index) as NonNullable<ReturnType<typeof resolveActor>>;
    expect(resolutionOn(found, index, '2019-05-01').stands_for?.id).toBe('sudan-military');
    expect(resolutionOn(found, index, '2020-01-01').stands_for?.id).toBe('rsf');
    expect(resolutionOn(found, index, '2018-01-01').stands_for).toBeNull();
  });

  it('refuses a period that says nothing, runs backwards, overlaps another or names no actor', () => {
    expect(() => addActorPeriod(shipped, 'rsf', { from: '2024-01-01' })).toThrow(/--as ACTOR/);
    expect(() => addActorPeriod(shipped, 'rsf', { from: '2024-01-01', to: '2023-01-01', type: 'rebel_group' })).toThrow(
      /before it starts/,
    );
    expect(() => addActorPeriod(shipped, 'rsf', { from: '2023-06-01', type: 'rebel_group' })).toThrow(/overlaps/);
    expect(() => addActorPeriod(shipped, 'nobody', { as: 'rsf' })).toThrow(InvalidInputError);
    expect(() => addActorPeriod(shipped, 'civilians', { as: 'no-such-actor' })).toThrow(/unknown actor/);
  });
});
