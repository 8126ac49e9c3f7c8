import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { detectGazetteerFormat, importGazetteer, parseGeoNamesLines } from './gazetteer-import.js';
import { parseCsvLines, splitDelimited } from './tabular-import.js';

/** A GeoNames dump row; fields not given are plausible defaults. Made up for the tests. */
function row(fields: {
  id: number;
  name: string;
  alt?: string;
  lat?: string;
  lon?: string;
  cls?: string;
  code?: string;
  a1?: string;
  a2?: string;
  pop?: string;
}): string {
  return [
    fields.id,
    fields.name,
    fields.name,
    fields.alt ?? '',
    fields.lat ?? '36.5',
    fields.lon ?? '66.0',
    fields.cls ?? 'P',
    fields.code ?? 'PPL',
    'AF',
    '',
    fields.a1 ?? '30',
    fields.a2 ?? '1601',
    '',
    '',
    fields.pop ?? '0',
    '',
    '400',
    'Asia/Kabul',
    '2024-01-01',
  ].join('\t');
}

const DUMP = [
  row({ id: 1, name: 'Balkh Province', cls: 'A', code: 'ADM1', a2: '' }),
  row({ id: 2, name: 'Mazar-e Sharif District', cls: 'A', code: 'ADM2' }),
  row({ id: 3, name: 'Mazar-e Sharif', alt: 'Mazar,Mazār-e Sharīf,مزار شریف,MZR', code: 'PPLA', pop: '400000' }),
  row({ id: 4, name: 'Deh Qala', pop: '1200' }),
  row({ id: 5, name: 'Balkh River', cls: 'H', code: 'STM' }),
  row({ id: 6, name: 'Dasht-e Shor', cls: 'T', code: 'PLN' }),
];

describe('importGazetteer: GeoNames dumps', () => {
  it('imports admin units, settlements and areas with admin names from the same dump', async () => {
    const result = await importGazetteer(DUMP, { file: 'AF.txt' });
    expect(result.format).toBe('geonames');
    expect(result.skipped).toBe(1);
    const byName = new Map(result.entries.map((e) => [e.name, e]));
    expect(byName.get('Balkh Province')).toMatchObject({
      kind: 'province',
      admin1: 'Balkh Province',
      approximate: true,
    });
    expect(byName.get('Mazar-e Sharif')).toMatchObject({
      id: 'geonames:3',
      kind: 'city',
      admin1: 'Balkh Province',
      admin2: 'Mazar-e Sharif District',
      population: 400000,
      approximate: false,
      alt_names: ['Mazar', 'Mazār-e Sharīf'],
    });
    expect(byName.get('Deh Qala')?.kind).toBe('village');
    expect(byName.get('Dasht-e Shor')?.kind).toBe('area');
  });

  it('uses code tables when the dump has no admin rows', async () => {
    const result = await importGazetteer([row({ id: 9, name: 'Kaldar', a1: '30', a2: '1613' })], {
      file: 'cities1000.txt',
      adminNames: { admin1: new Map([['AF.30', 'Balkh']]), admin2: new Map([['AF.30.1613', 'Kaldar']]) },
    });
    expect(result.entries[0]).toMatchObject({ admin1: 'Balkh', admin2: 'Kaldar' });
  });

  it.each([
    [
      row({ id: 7, name: 'Bad' }).split('\t').slice(0, 7).join('\t'),
      /AF\.txt:4: expected 19 tab-separated columns.*found 7/,
    ],
    [row({ id: 7, name: 'Bad', lat: '95.5' }), /AF\.txt:4: latitude 95\.5 is out of range -90\.\.90/],
    [row({ id: 7, name: 'Bad', lon: 'east' }), /AF\.txt:4: longitude "east" is not a number/],
    [row({ id: 7, name: 'Bad', lat: '' }), /AF\.txt:4: latitude "" is not a number/],
    [row({ id: 7, name: 'Bad', pop: 'many' }), /AF\.txt:4: population "many" is not a whole number/],
    [row({ id: 7, name: '' }), /AF\.txt:4: the name column is empty/],
  ])('rejects a malformed line with its number and problem (%#)', async (bad, message) => {
    const lines = [...DUMP.slice(0, 3), bad, ...DUMP.slice(3)];
    const error = await importGazetteer(lines, { file: 'AF.txt' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).where).toBe('AF.txt:4');
    expect((error as Error).message).toMatch(message);
  });

  it('streams rows and throws at the bad line after yielding the good ones', async () => {
    const seen: string[] = [];
    const run = async () => {
      for await (const r of parseGeoNamesLines([DUMP[0] as string, 'not\ta\trow'], 'AF.txt')) seen.push(r.name);
    };
    await expect(run()).rejects.toThrow('AF.txt:2');
    expect(seen).toEqual(['Balkh Province']);
  });

  it('reads an async iterable of lines', async () => {
    async function* lines() {
      yield* DUMP;
    }
    expect((await importGazetteer(lines(), { file: 'AF.txt' })).entries).toHaveLength(5);
  });
});

describe('importGazetteer: CSV', () => {
  it('finds columns by header name, in any order, with quoted fields', async () => {
    const csv = [
      'Latitude,Longitude,Place Name,alternate_names,Province,District,country_code,type,population',
      '35.98,65.38,Darzab,"Darzāb;Darz Ab",Jowzjan,Darzab,AF,district,',
      '36.67,65.75,"Sheberghan, city",Shibirghan,Jowzjan,Sheberghan,af,city,148000',
    ];
    const { entries, format } = await importGazetteer(csv, { file: 'places.csv' });
    expect(format).toBe('csv');
    expect(entries[0]).toMatchObject({
      id: 'places.csv:2',
      name: 'Darzab',
      alt_names: ['Darzāb', 'Darz Ab'],
      kind: 'district',
      admin1: 'Jowzjan',
      admin2: 'Darzab',
      approximate: true,
    });
    expect(entries[1]).toMatchObject({ name: 'Sheberghan, city', country: 'AF', population: 148000, kind: 'city' });
  });

  it('takes a default country and other delimiters', async () => {
    const tsv = ['name\tlat\tlng\tadmin1', 'Darzab\t35.98\t65.38\tJowzjan'];
    const { entries } = await importGazetteer(tsv, { file: 'p.tsv', country: 'AF' });
    expect(entries[0]).toMatchObject({ name: 'Darzab', country: 'AF', kind: 'town' });
  });

  it.each([
    [['name,lon', 'X,65'], /p\.csv:1: no column for lat/],
    [['name,lat,lon,country', 'X,35,65'], /p\.csv:2: expected 4 columns like the header, found 3/],
    [['name,lat,lon,country', 'X,135,65,AF'], /p\.csv:2: latitude 135 is out of range/],
    [['name,lat,lon', 'X,35,65'], /p\.csv:2: country "" is not an ISO alpha-2 code/],
    [['name,lat,lon,country,kind', 'X,35,65,AF,castle'], /p\.csv:2: kind "castle"/],
    [['name,lat,lon,country', 'X,"35,65,AF'], /p\.csv:2: a quoted field is not closed/],
    [[], /p\.csv: the file is empty/],
  ])('rejects %j', async (lines, message) => {
    await expect(importGazetteer(lines, { file: 'p.csv', format: 'csv' })).rejects.toThrow(message);
  });

  it('yields nothing before the header is checked', async () => {
    const it = parseCsvLines(['lat,lon', '1,2'], { file: 'p.csv', source: 'p' });
    await expect(it.next()).rejects.toThrow(/no column for name/);
  });
});

describe('importGazetteer: GeoJSON', () => {
  const feature = (name: string, geometry: unknown, props: Record<string, unknown> = {}) => ({
    type: 'Feature',
    properties: { name, country: 'AF', province: 'Balkh', ...props },
    geometry,
  });

  it('reads a FeatureCollection, with polygon positions marked approximate', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        feature('Kaldar', { type: 'Point', coordinates: [67.6, 37.2] }, { alt_names: ['Kaldar Town'] }),
        feature(
          'Chahar Bolak',
          {
            type: 'Polygon',
            coordinates: [
              [
                [66, 36],
                [66.4, 36],
                [66.4, 36.4],
                [66, 36.4],
              ],
            ],
          },
          {
            kind: 'district',
          },
        ),
      ],
    };
    const lines = JSON.stringify(doc, null, 2).split('\n');
    const { entries, format } = await importGazetteer(lines, { file: 'b.geojson' });
    expect(format).toBe('geojson');
    expect(entries[0]).toMatchObject({
      name: 'Kaldar',
      lat: 37.2,
      lon: 67.6,
      approximate: false,
      alt_names: ['Kaldar Town'],
    });
    expect(entries[1]).toMatchObject({ lat: 36.2, lon: 66.2, approximate: true, kind: 'district' });
  });

  it('reads one feature per line and names a bad line', async () => {
    const ok = JSON.stringify(feature('Kaldar', { type: 'Point', coordinates: [67.6, 37.2] }));
    const bad = JSON.stringify(feature('Nowhere', { type: 'Point', coordinates: [67.6, 97.2] }));
    expect((await importGazetteer([ok, ok], { file: 'b.geojsonl' })).entries).toHaveLength(2);
    await expect(importGazetteer([ok, bad], { file: 'b.geojsonl' })).rejects.toThrow(/b\.geojsonl:2: latitude 97\.2/);
    await expect(importGazetteer([ok, '{oops'], { file: 'b.geojsonl' })).rejects.toThrow(
      /b\.geojsonl:2: not valid JSON/,
    );
  });

  it('names a bad feature of a collection by index', async () => {
    const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] };
    await expect(importGazetteer([JSON.stringify(doc)], { file: 'b.json' })).rejects.toThrow(
      /features\[0\]: the name is empty/,
    );
  });
});

describe('detectGazetteerFormat', () => {
  it.each([
    ['AF.txt', row({ id: 1, name: 'X' }), 'geonames'],
    ['dump.tsv', row({ id: 1, name: 'X' }), 'geonames'],
    ['AF.txt', '1\tX\tonly three', 'geonames'],
    ['places.csv', 'name,lat,lon', 'csv'],
    ['places.txt', 'name\tlat\tlon', 'csv'],
    ['b.geojson', '{', 'geojson'],
    ['b', '{"type":"Feature"}', 'geojson'],
  ] as const)('%s', (file, first, expected) => {
    expect(detectGazetteerFormat(file, first)).toBe(expected);
  });
});

describe('splitDelimited', () => {
  it('handles doubled quotes and empty fields', () => {
    expect(splitDelimited('a,"b ""c"", d",,e', ',', 'x')).toEqual(['a', 'b "c", d', '', 'e']);
  });
});
