import { beforeAll, describe, expect, it } from 'vitest';
import { createGazetteer, type Gazetteer, type GazetteerEntry } from './gazetteer.js';
import { loadShippedGazetteer } from './load-resolve-data.js';
import { parseMention, resolvePlace, wherePrecisionOf } from './resolve-place.js';

function entry(partial: Partial<GazetteerEntry> & Pick<GazetteerEntry, 'id' | 'name' | 'kind'>): GazetteerEntry {
  return {
    alt_names: [],
    lat: 34,
    lon: 66,
    approximate: false,
    admin1: null,
    admin2: null,
    country: 'AF',
    source: 'test',
    ...partial,
  };
}

describe('resolvePlace on the shipped gazetteer', () => {
  let g: Gazetteer;
  beforeAll(async () => {
    g = await loadShippedGazetteer();
  });

  const top = (mention: string, provinces?: string[]) => resolvePlace(mention, provinces ? { provinces } : {}, g)[0];

  it.each([
    ['Balkhab', 'district', 'Sar-e Pol', 3],
    ['Balkhab district', 'district', 'Sar-e Pol', 3],
    ['Darzab', 'district', 'Jowzjan', 3],
    ['Qush Tepa', 'district', 'Jowzjan', 3],
    ['Yakawlang District', 'district', 'Bamyan', 3],
    ['Dara-i Sufi Bala', 'district', 'Samangan', 3],
    ['Dara-i Sufi', 'district', 'Samangan', 3],
    ['Nijrab', 'district', 'Kapisa', 3],
    ['Sancharak', 'district', 'Sar-e Pol', 3],
    ['Kabul', 'city', 'Kabul', 1],
    ['Kunduz', 'city', 'Kunduz', 1],
    ['Kunduz province', 'province', 'Kunduz', 4],
    ['Balkh', 'province', 'Balkh', 4],
    ['Balkh district', 'district', 'Balkh', 3],
    ['Mazar', 'city', 'Balkh', 1],
    ['Mazar-i-Sharif', 'city', 'Balkh', 1],
    ['Sheberghan', 'city', 'Jowzjan', 1],
    ['Jawzjan', 'province', 'Jowzjan', 4],
    ['Sari-Pul province', 'province', 'Sar-e Pol', 4],
    ['Ghor', 'province', 'Ghowr', 4],
    ['Afghanistan', 'country', null, 6],
  ] as const)('%s -> %s in %s (where_prec %i)', (mention, kind, province, prec) => {
    const best = top(mention);
    expect(best?.entry.kind).toBe(kind);
    expect(best?.entry.admin1 ?? null).toBe(province);
    expect(best?.where_prec).toBe(prec);
  });

  it('labels the precision', () => {
    expect(top('Balkhab')?.precision).toBe('district');
    expect(top('Kabul')?.precision).toBe('exact');
  });

  it('returns nothing for a name it does not know', () => {
    expect(resolvePlace('Qzorvathmil', {}, g)).toEqual([]);
    expect(resolvePlace('   ', {}, g)).toEqual([]);
  });

  it('widens precision for "near X" and a part of the country', () => {
    expect(top('near Mazar-i-Sharif')?.where_prec).toBe(2);
    expect(top('outskirts of Kabul')?.where_prec).toBe(2);
    expect(top('northern Afghanistan')?.where_prec).toBe(5);
    expect(top('Balkhab valley')?.where_prec).toBe(2);
  });

  it('explains its choice', () => {
    const best = top('Balkhab', ['Sar-e Pol']);
    expect(best?.reasons.join('; ')).toMatch(/Sar-e Pol/);
  });
});

describe('resolvePlace disambiguation', () => {
  const g = createGazetteer([
    entry({ id: 'h', name: 'Qarah Bagh', kind: 'town', admin1: 'Herat', admin2: 'Gulran', lat: 34.9, lon: 61.8 }),
    entry({ id: 'gz', name: 'Qarah Bagh', kind: 'town', admin1: 'Ghazni', admin2: 'Qarah Bagh', lat: 33.2, lon: 68.1 }),
    entry({
      id: 'gzd',
      name: 'Qarah Bagh',
      kind: 'district',
      admin1: 'Ghazni',
      admin2: 'Qarah Bagh',
      approximate: true,
    }),
    entry({ id: 'big', name: 'Dowlatabad', kind: 'town', admin1: 'Balkh', population: 50_000 }),
    entry({ id: 'small', name: 'Dowlatabad', kind: 'town', admin1: 'Faryab', population: 5_000 }),
    entry({ id: 'doshi', name: 'Doshi', kind: 'district', admin1: 'Baghlan', approximate: true }),
    entry({ id: 'dishu', name: 'Dishu', kind: 'district', admin1: 'Helmand', approximate: true }),
  ]);

  it('prefers the candidate in a province the document names', () => {
    expect(resolvePlace('Qarah Bagh', { provinces: ['Herat'] }, g)[0]?.entry.id).toBe('h');
    expect(resolvePlace('Qara Bagh', { provinces: ['Ghazni'] }, g)[0]?.entry.id).toBe('gzd');
  });

  it('then the kind the text names', () => {
    expect(resolvePlace('Qarah Bagh village', { provinces: ['Ghazni'] }, g)[0]?.entry.id).toBe('gz');
    expect(resolvePlace('Qarah Bagh district', {}, g)[0]?.entry.id).toBe('gzd');
  });

  it('then the kind the surrounding words name', () => {
    expect(resolvePlace('Qarah Bagh', { provinces: ['Ghazni'], kind: 'village' }, g)[0]?.entry.id).toBe('gz');
  });

  it('then population', () => {
    expect(resolvePlace('Dowlatabad', {}, g).map((c) => c.entry.id)).toEqual(['big', 'small']);
  });

  it('then nearness to a reference point', () => {
    expect(resolvePlace('Qarah Bagh', { near: { lat: 34.8, lon: 61.9 } }, g)[0]?.entry.id).toBe('h');
  });

  it('ranks an exact spelling above a sound-alike of the same kind', () => {
    expect(resolvePlace('Doshi', {}, g).map((c) => [c.entry.id, c.match])).toEqual([
      ['doshi', 'exact'],
      ['dishu', 'phonetic'],
    ]);
  });
});

describe('wherePrecisionOf', () => {
  it('follows the UCDP scale', () => {
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'village' }))).toBe(1);
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'town', approximate: true }))).toBe(2);
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'area', admin2: 'D' }))).toBe(2);
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'district' }))).toBe(3);
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'province' }))).toBe(4);
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'area' }))).toBe(5);
    expect(wherePrecisionOf(entry({ id: 'a', name: 'A', kind: 'country' }))).toBe(6);
  });
});

describe('parseMention', () => {
  it.each([
    ['near Mazar', { name: 'Mazar', near: true, part: false }],
    ['the outskirts of Kabul', { name: 'Kabul', near: true, part: false }],
    ['Dezdan Valley', { name: 'Dezdan', near: false, part: true }],
    ["Kabul's", { name: 'Kabul', near: false, part: false }],
  ])('%s', (mention, expected) => {
    expect(parseMention(mention)).toEqual(expected);
  });
});
