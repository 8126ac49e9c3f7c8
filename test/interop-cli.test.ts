import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../src/core/incident.js';
import { GED_COLUMNS } from '../src/interop/ged-format.js';
import { ROOT, runCli, SHARED } from './support/cli.js';
import { gedCsv } from './support/datasets.js';

const UCDP_SUBSET = join(SHARED, 'data', 'ucdp', 'ucdp_ged191_afghanistan_subset_RealCaddish.csv');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-interop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tally import', () => {
  it('reports each malformed row by file and line, imports the rest, and exits 1', async () => {
    const header = 'id,date_start,date_end,latitude,longitude,side_a,side_b,deaths_a,deaths_b,best,source_article';
    const lines = [
      header,
      '1,2018-07-11,2018-07-11,36.04,65.51,IS,Taleban,28,9,37,Xinhua',
      '2,2018-13-40,2018-07-11,36.04,65.51,IS,Taleban,28,9,37,Xinhua',
      '3,2018-07-11,2018-07-11,36.04,65.51,IS,Taleban,many,9,,Xinhua',
      '4,2018-07-11,2018-07-11,136.04,65.51,IS,Taleban,28,9,37,Xinhua',
      '5,2018-07-11,2018-07-11,36.04,65.51,IS,Taleban,28,9,37',
      '6,2018-07-12,2018-07-12,36.04,65.51,IS,Taleban,1,2,3,"AFP, ""quoted""',
      'on two lines"',
      '',
      '7,2018-07-10,2018-07-11,36.04,65.51,IS,Taleban,1,1,2,AP',
      '8,2018-07-12,2018-07-01,36.04,65.51,IS,Taleban,1,1,2,AP',
    ];
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const db = join(dir, 'bad.db');
    const result = await runCli(['import', file, '--db', db]);
    expect(result.code).toBe(1);
    const problems = result.stderr.trim().split('\n');
    expect(problems).toEqual([
      `${file}:3: date_start should be a date (YYYY-MM-DD), got "2018-13-40"`,
      `${file}:4: deaths_a should be a whole number, got "many"`,
      `${file}:5: latitude should be between -90 and 90, got 136.04`,
      `${file}:6: expected 11 fields as in the header, found 10`,
      `${file}:11: date_end 2018-07-01 is before date_start 2018-07-12`,
    ]);
    expect(result.stdout).toMatch(/^3 imported, 5 failed/);
    const stored: Incident[] = JSON.parse((await runCli(['incidents', '--json', '--db', db])).stdout);
    expect(stored.map((i) => i.dataset_id).sort()).toEqual(['1', '6', '7']);
    expect(stored.find((i) => i.dataset_id === '6')?.claims[0]?.source).toBe('AFP, "quoted"\non two lines');
  });

  it('refuses a file that is neither GED nor ACLED before storing anything', async () => {
    const file = join(dir, 'other.csv');
    writeFileSync(file, 'name,lat,lon\nKabul,34.5,69.2\n');
    const result = await runCli(['import', file, '--db', join(dir, 'other.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot tell whether this is UCDP GED');
  });

  describe.skipIf(!existsSync(UCDP_SUBSET))('the UCDP GED 19.1 Afghanistan subset in ../shared', () => {
    const db = () => join(dir, 'ucdp.db');

    it('imports all 310 rows, as ucdp-ged 19.1', async () => {
      const result = await runCli(['import', UCDP_SUBSET, '--db', db()]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^310 imported, 0 failed \(as "ucdp-ged 19.1"\)/);
    });

    it('places the Darzab rows of July 2018 in Darzab district, Jowzjan, with their dyads and deaths', async () => {
      const darzab: Incident[] = JSON.parse(
        (await runCli(['incidents', '--json', '--place', 'Darzab', '--from', '2018-07-01', '--db', db()])).stdout,
      );
      expect(darzab.map((i) => i.dataset_id).sort()).toEqual(['263880', '264796', '265014', '265015', '265016']);
      const first = darzab.find((i) => i.dataset_id === '263880');
      expect(first).toMatchObject({
        side_a: 'IS',
        side_b: 'Taleban',
        violence_type: 2,
        deaths: { best: 37 },
        deaths_by: { side_a: 28, side_b: 9 },
        place: { admin1: 'Jowzjan', where_prec: 3 },
      });
    });

    it('updates in place when the same file comes again', async () => {
      const again = await runCli(['import', UCDP_SUBSET, '--db', db()]);
      expect(again.stdout).toMatch(/^310 imported, 0 failed .*310 already stored, updated in place/);
      const all = (await runCli(['export', '--format', 'jsonl', '--db', db()])).stdout.trim().split('\n');
      expect(all).toHaveLength(310);
    });

    it('exports all of them through a pipe, whole', async () => {
      const jsonl = await runCli(['export', '--format', 'jsonl', '--db', db()]);
      expect(jsonl.code).toBe(0);
      expect(jsonl.stdout.trim().split('\n')).toHaveLength(310);
      expect(jsonl.stderr).toContain('310 incidents exported (jsonl)');
    });
  });
});

describe('tally export', () => {
  const db = () => join(dir, 'export.db');
  beforeAll(async () => {
    const file = join(dir, 'ged191.csv');
    writeFileSync(file, gedCsv());
    await runCli(['import', file, '--db', db()]);
  });

  it('writes filtered GeoJSON to a file, points in longitude-latitude order', async () => {
    const out = join(dir, 'jowzjan.geojson');
    const result = await runCli(['export', '--format', 'geojson', '--place', 'Jowzjan', '--out', out, '--db', db()]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features.map((f: { properties: { dataset_id: string } }) => f.properties.dataset_id).sort()).toEqual([
      '263880',
      '264796',
      '300001',
    ]);
    for (const f of doc.features) {
      expect(f.geometry.type).toBe('Point');
      expect(f.geometry.coordinates[0]).toBeGreaterThan(60);
      expect(f.geometry.coordinates[1]).toBeLessThan(40);
    }
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('writes GED CSV with the standard header, to standard output', async () => {
    const result = await runCli(['export', '--format', 'ged', '--dataset', 'ucdp-ged 19.1', '--db', db()]);
    expect(result.stdout.split('\r\n')[0]).toBe(GED_COLUMNS.join(','));
    expect(result.stdout.trim().split('\r\n').length).toBeGreaterThan(5);
  });

  it("cites an extracted incident's documents in the GED source columns", async () => {
    const extracted = join(dir, 'examples.db');
    await runCli(['ingest', join(ROOT, 'examples'), '--db', extracted]);
    const ged = await runCli(['export', '--format', 'ged', '--dataset', 'tally', '--db', extracted]);
    const rows: Record<string, string>[] = parse(ged.stdout, { columns: true });
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(Number(row.number_of_sources)).toBeGreaterThan(0);
      expect(row.source_headline).not.toBe('');
      expect(String(row.date_start) <= String(row.date_end)).toBe(true);
    }
  });

  it('rejects an unknown format with the formats it knows', async () => {
    const result = await runCli(['export', '--format', 'xlsx', '--db', db()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format: expected one of ged, acled, geojson, jsonl, csv');
  });
});
