import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { distanceKm, type GazetteerEntry } from './gazetteer.js';
import type { CityRecord } from './gazetteer-cities-pbf.js';
import { expandWorldGazetteer } from './gazetteer-compact.js';
import { admin1Spellings, buildWorldGazetteer, formatWorldGazetteer } from './gazetteer-world.js';
import { readWorldGazetteerFile, SHIPPED_WORLD_GAZETTEER_PATH } from './load-resolve-data.js';

const city = (over: Partial<CityRecord>): CityRecord => ({
  id: 1,
  name: 'X',
  country: 'ZZ',
  featureCode: 'PPL',
  admin1: '01',
  population: 5000,
  lat: 10,
  lon: 20,
  ...over,
});

describe('buildWorldGazetteer', () => {
  const file = buildWorldGazetteer({
    cities: [
      city({ id: 10, name: 'Capitalton', featureCode: 'PPLC', population: 900_000, lat: 10, lon: 20 }),
      city({ id: 11, name: 'Smallham', population: 1200, lat: 11, lon: 21 }),
      city({ id: 12, name: 'Seatville', featureCode: 'PPLA2', population: 1500, admin1: '02', lat: 12, lon: 22 }),
      city({ id: 13, name: 'Kharkivka', population: 40_000, admin1: '02', lat: 14, lon: 24 }),
      city({ id: 20, name: 'Kabul', country: 'AF', population: 3_000_000 }),
    ],
    admin1: [
      { code: 'ZZ.01', name: 'Northern Province' },
      { code: 'ZZ.02', name: 'Kharkivka Oblast' },
      { code: 'ZZ.03', name: 'Empty Region' },
      { code: 'AF.13', name: 'Kabul' },
    ],
    countries: [
      { alpha2: 'ZZ', name: 'Zedland', lat: 11, lon: 21 },
      { alpha2: 'AF', name: 'Afghanistan', lat: 34, lon: 66 },
    ],
    points: [
      { name: 'Kharkivka', lat: '14.001', lng: '24.001', country: 'ZZ', admin1: '02', admin2: '' },
      { name: 'Newtown', lat: '15', lng: '25', country: 'ZZ', admin1: '02', admin2: '' },
    ],
  });

  it('keeps towns of a few thousand and every seat, and leaves Afghanistan to its own file', () => {
    const names = file.towns.map((t) => t[1]).sort();
    expect(names).toEqual(['Capitalton', 'Kharkivka', 'Newtown', 'Seatville']);
    expect(file.countries.map((c) => c[0])).toEqual(['ZZ']);
    expect(file.admin1.map((a) => a[1])).toEqual(['01', '02']);
  });

  it('places a division at the mean of its towns and names it as reports do', () => {
    const [, , , lat, lon, alt] = file.admin1.find((a) => a[1] === '02') ?? [];
    expect([lat, lon]).toEqual([13, 23]);
    expect(alt).toEqual(['Kharkivka']);
    expect(file.admin1.find((a) => a[1] === '01')?.[5]).toEqual(['North Province']);
  });

  it('adds towns only the newer list has, with an id of their own and unknown size', () => {
    const newtown = file.towns.find((t) => t[1] === 'Newtown');
    expect(newtown?.[0]).toBe('ZZ.02:newtown');
    expect(newtown?.[6]).toBe(0);
    // The same town in both lists is one row, under its GeoNames id.
    expect(file.towns.filter((t) => t[1] === 'Kharkivka').map((t) => t[0])).toEqual([13]);
  });

  it('expands to entries with GeoNames ids, admin1 names and populations', () => {
    const entries = expandWorldGazetteer(JSON.parse(formatWorldGazetteer(file)), 'test');
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('geonames:10')).toMatchObject({ kind: 'city', admin1: 'Northern Province', population: 900_000 });
    expect(byId.get('geonames:13')).toMatchObject({ kind: 'town', admin1: 'Kharkivka Oblast', country: 'ZZ' });
    expect(byId.get('geonames:adm1:ZZ.02')).toMatchObject({ kind: 'province', approximate: true });
    expect(byId.get('geonames:country:ZZ')).toMatchObject({ kind: 'country', name: 'Zedland' });
    expect(byId.get('cities:ZZ.02:newtown')?.population).toBe(0);
  });
});

describe('admin1Spellings', () => {
  it('drops the administrative word but never leaves a bare compass word', () => {
    expect(admin1Spellings('Sanaa Governorate', undefined)).toEqual(['Sanaa']);
    expect(admin1Spellings('Northern State', undefined)).toEqual(['North State']);
    expect(admin1Spellings('Southern Darfur', undefined)).toEqual(['South Darfur']);
    expect(admin1Spellings('Indiana', 'Indianapolis')).toEqual([]);
  });
});

describe('the world file on disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-world-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a few MB and carries the GeoNames attribution', async () => {
    expect(statSync(SHIPPED_WORLD_GAZETTEER_PATH).size).toBeLessThan(4_000_000);
    const head = gunzipSync(readFileSync(SHIPPED_WORLD_GAZETTEER_PATH)).subarray(0, 2000).toString('utf8');
    expect(head).toMatch(/"attribution": "[^"]*GeoNames[^"]*CC-BY-4\.0/);
    const entries = await readWorldGazetteerFile(SHIPPED_WORLD_GAZETTEER_PATH);
    const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
    expect(count('country')).toBeGreaterThan(200);
    expect(count('province')).toBeGreaterThan(3000);
    expect(count('city') + count('town')).toBeGreaterThan(60_000);
    expect(entries.some((e) => e.country === 'AF' && e.kind !== 'area')).toBe(false);
  });

  it('puts each country and division centroid near where it is', async () => {
    const entries = await readWorldGazetteerFile(SHIPPED_WORLD_GAZETTEER_PATH);
    const find = (id: string) => entries.find((e) => e.id === id) as GazetteerEntry;
    // Facts: Iraq's middle lies near 33N 43.7E; Somalia's (without Somaliland) south of 7N; Nineveh near Mosul.
    expect(distanceKm(find('geonames:country:IQ'), { lat: 33, lon: 43.7 })).toBeLessThan(150);
    expect(find('geonames:country:SO').lat).toBeLessThan(7);
    expect(find('geonames:country:RU').lon).toBeGreaterThan(30);
    expect(distanceKm(find('geonames:adm1:IQ.15'), { lat: 36.3, lon: 43.1 })).toBeLessThan(120);
  });

  it('names the file and the problem when it is damaged', async () => {
    const notGzip = join(dir, 'plain.json.gz');
    writeFileSync(notGzip, '{"towns": []}');
    await expect(readWorldGazetteerFile(notGzip)).rejects.toThrow(InvalidInputError);
    await expect(readWorldGazetteerFile(notGzip)).rejects.toThrow(/plain\.json\.gz.*gzip/);

    const badRow = join(dir, 'bad-row.json.gz');
    const file = {
      attribution: 'a',
      license: 'l',
      generated_by: 'g',
      source: 's',
      countries: [],
      admin1: [],
      regions: [],
    };
    writeFileSync(
      badRow,
      gzipSync(
        JSON.stringify({
          ...file,
          towns: [
            [1, 'Ok', 1, 2, 'ZZ', '01', 5, 0, []],
            [2, ''],
          ],
        }),
      ),
    );
    await expect(readWorldGazetteerFile(badRow)).rejects.toThrow(/bad-row\.json\.gz.*towns\.1/);

    const noTowns = join(dir, 'no-towns.json.gz');
    writeFileSync(noTowns, gzipSync(JSON.stringify(file)));
    await expect(readWorldGazetteerFile(noTowns)).rejects.toThrow(/no-towns\.json\.gz.*towns/);
  });
});
