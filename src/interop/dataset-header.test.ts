import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { datasetName, detectFormat, mapHeader, readHeader } from './dataset-header.js';
import { parseDatasetDate } from './date-codes.js';
import { GED_COLUMNS } from './ged-format.js';

const SHAPEFILE_GED =
  'id,year,date_start,date_end,side_a,side_b,adm_2,latitude,longitude,deaths_a,deaths_b,source_art,source_dat,country';

describe('reading a dataset header', () => {
  it('tells GED from ACLED by the columns only one of them has', () => {
    expect(detectFormat([...GED_COLUMNS])).toBe('ged');
    expect(detectFormat(SHAPEFILE_GED.split(','))).toBe('ged');
    expect(
      detectFormat(['EVENT_ID_CNTY', 'EVENT_DATE', 'EVENT_TYPE', 'ACTOR1', 'LATITUDE', 'LONGITUDE', 'FATALITIES']),
    ).toBe('acled');
    expect(detectFormat(['id', 'latitude', 'longitude', 'country'])).toBeNull();
  });

  it('reads shapefile-truncated names as the columns they cut short', () => {
    expect(mapHeader(['source_art', 'source_dat', 'deaths_civ', 'elevation'], GED_COLUMNS)).toEqual([
      'source_article',
      'source_date',
      'deaths_civilians',
      null,
    ]);
  });

  it('refuses a header without the columns an incident needs, naming them', () => {
    const header = ['id', 'type_of_violence', 'where_prec', 'latitude', 'longitude', 'side_a', 'side_b', 'year'];
    expect(() => readHeader('ged.csv', header)).toThrow(InvalidInputError);
    expect(() => readHeader('ged.csv', header)).toThrow(/lacks the column\(s\) best \(or deaths_a/);
    expect(() => readHeader('x.csv', ['a', 'b'])).toThrow(/cannot tell whether this is UCDP GED/);
  });

  it('names the dataset by the version given, else the one in a standard GED file name', () => {
    expect(datasetName('ged', 'x.csv', '20.1')).toBe('ucdp-ged 20.1');
    expect(datasetName('ged', 'data/ucdp_ged191_afghanistan.csv')).toBe('ucdp-ged 19.1');
    expect(datasetName('ged', 'GEDEvent_v22_1.csv')).toBe('ucdp-ged 22.1');
    expect(datasetName('ged', 'events.csv')).toBe('ucdp-ged');
    expect(datasetName('acled', 'acled-2024.csv')).toBe('acled');
  });

  it('reads dates as GED and ACLED write them, and only real days', () => {
    expect(parseDatasetDate('2017-01-01 00:00:00.000')).toBe('2017-01-01');
    expect(parseDatasetDate('16 February 2023')).toBe('2023-02-16');
    expect(parseDatasetDate('16-Feb-2023')).toBe('2023-02-16');
    expect(parseDatasetDate('2023-02-30')).toBeNull();
    expect(parseDatasetDate('Feb 2023')).toBeNull();
  });
});
