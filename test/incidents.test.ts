import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../src/core/incident.js';
import { ROOT, runCli, SHARED } from './support/cli.js';
import { createEmptyDatabase, STORE_KINDS } from './support/stores.js';

const ARTICLE = `= Darzab killings (2021) =

On 14 May 2021, Taliban fighters executed 8 prisoners in Darzab district of Jowzjan province, according to the district governor.
`;
const WIRE = `SHEBERGHAN, May 16 (Example Wire) - Taliban fighters executed nine prisoners in Darzab on 14 May 2021, local elders said on Sunday.
`;

// Counts told side by side, then another report's toll of the same shelling.
const SIDE_BY_SIDE = `KUNDUZ, 12 June 2021 - Mortar rounds struck the provincial hospital in Kunduz city on Saturday, killing four nurses and eleven patients, the provincial health director said.
`;
const LATER_TOLL = `KUNDUZ, 13 June 2021 (Example Wire) - Twenty civilians were killed when mortar shells hit the main hospital in Kunduz city on 12 June 2021, a rights group said on Sunday.
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-incidents-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function incidents(db: string, ...filters: string[]): Promise<Incident[]> {
  const result = await runCli(['incidents', '--json', '--db', db, ...filters]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

for (const kind of STORE_KINDS) {
  describe(`incidents across reports on ${kind}`, () => {
    let db: { url: string; drop(): Promise<void> };
    beforeAll(async () => {
      db = await createEmptyDatabase(kind);
    });
    afterAll(async () => db.drop());

    it('merges two reports of one killing and keeps both counts side by side', async () => {
      const folder = join(dir, `pair-${kind}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'a-article.txt'), ARTICLE);
      writeFileSync(join(folder, 'b-wire.txt'), WIRE);
      expect((await runCli(['ingest', folder, '--db', db.url])).code).toBe(0);
      const all = await incidents(db.url);
      const killing = all.filter((i) => i.date.start === '2021-05-14');
      expect(killing).toHaveLength(1);
      const [one] = killing;
      expect(new Set(one?.sources.map((s) => s.document_id)).size).toBe(2);
      expect(
        one?.claims
          .filter((c) => c.kind === 'killed')
          .map((c) => c.low)
          .sort(),
      ).toEqual([8, 9]);
      expect(one?.deaths).toEqual({ low: 8, best: 8, high: 9 });
      expect(one?.event_type).toBe('Violence against civilians');
      expect(one?.place?.admin1).toBe('Jowzjan');
    });

    it('filters by place (a province takes in its districts), date and minimum deaths', async () => {
      expect(await incidents(db.url, '--place', 'Jowzjan')).toHaveLength(1);
      expect(await incidents(db.url, '--place', 'Darzab')).toHaveLength(1);
      expect(await incidents(db.url, '--place', 'Kunduz')).toHaveLength(0);
      expect(await incidents(db.url, '--from', '2021-05-15')).toHaveLength(0);
      expect(await incidents(db.url, '--min-deaths', '9')).toHaveLength(0);
      expect(await incidents(db.url, '--min-deaths', '8')).toHaveLength(1);
    });

    it('adds counts told side by side, as stored and when a later report joins the incident', async () => {
      const first = join(dir, `sum-a-${kind}.txt`);
      const second = join(dir, `sum-b-${kind}.txt`);
      writeFileSync(first, SIDE_BY_SIDE);
      writeFileSync(second, LATER_TOLL);
      const shelling = async () => (await incidents(db.url)).filter((i) => i.date.start === '2021-06-12');
      expect((await runCli(['ingest', first, '--db', db.url])).code).toBe(0);
      const [told] = await shelling();
      const killed = told?.claims.filter((c) => c.kind === 'killed') ?? [];
      expect(killed.map((c) => [c.low, c.sum_group])).toEqual([
        [4, killed[0]?.figure_id],
        [11, killed[0]?.figure_id],
      ]);
      expect(told?.deaths).toEqual({ low: 15, best: 15, high: 15 });
      // A second run reads the stored claims back to estimate again.
      expect((await runCli(['ingest', second, '--db', db.url])).code).toBe(0);
      const joined = await shelling();
      expect(joined).toHaveLength(1);
      expect(joined[0]?.claims.filter((c) => c.kind === 'killed').map((c) => c.low)).toEqual([4, 11, 20]);
      expect(joined[0]?.deaths).toEqual({ low: 15, best: 15, high: 20 });
      // The analyst sees which claims were added.
      const shown = await runCli(['show', 'incident', String(joined[0]?.id), '--db', db.url]);
      expect(shown.stdout).toMatch(/killed\s+4 \+\s+civilians/);
      expect(shown.stdout).toMatch(/killed\s+20\s+civilians/);
      expect(shown.stdout).toContain('the estimate adds them');
    });
  });
}

describe('tally incidents on the examples', () => {
  const db = () => join(dir, 'examples.db');
  beforeAll(async () => {
    await runCli(['ingest', join(ROOT, 'examples'), '--db', db()]);
  });

  it('finds dated, placed incidents in the example reports', async () => {
    const all = await incidents(db());
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const i of all) {
      expect(i.date.start <= i.date.end).toBe(true);
      expect(i.sources.length).toBeGreaterThan(0);
    }
    expect(all.some((i) => i.place?.admin1 === 'Kunduz')).toBe(true);
  });

  it('prints CSV with a header and one row per incident, and shows one incident with its claims', async () => {
    const csv = (await runCli(['incidents', '--csv', '--db', db()])).stdout.trim().split('\r\n');
    const all = await incidents(db());
    expect(csv[0]).toMatch(/^id,date_start,date_end,date_precision,place,/);
    expect(csv).toHaveLength(all.length + 1);
    const withClaims = all.find((i) => i.claims.length > 0);
    const shown = await runCli(['show', 'incident', String(withClaims?.id), '--db', db()]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(withClaims?.claims[0]?.evidence.text.slice(0, 30));
  });

  it('rejects a bad filter with the flag named', async () => {
    const bad = await runCli(['incidents', '--from', 'May 2021', '--db', db()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: expected a date as YYYY-MM-DD');
  });
});

describe('tally gazetteer import', () => {
  const row = (id: number, name: string, lat: string) =>
    `${id}\t${name}\t${name}\t\t${lat}\t66.10\tP\tPPL\tAF\t\t33\t\t\t\t0\t\t900\tAsia/Kabul\t2024-01-01`;

  it('imports a GeoNames file, and rejects a malformed one by line number leaving the gazetteer as it was', async () => {
    const db = join(dir, 'gazetteer.db');
    const good = join(dir, 'good.txt');
    writeFileSync(good, `${row(900001, 'Qarabagh-e Sufla', '35.91')}\n`);
    const ok = await runCli(['gazetteer', 'import', good, '--db', db]);
    expect(ok.stdout).toContain('1 places imported');
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, `${row(900002, 'Kohna Qala', '35.80')}\n${row(900003, 'Broken', 'north')}\n`);
    const refused = await runCli(['gazetteer', 'import', bad, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('bad.txt:2');
    const found = JSON.parse((await runCli(['gazetteer', 'search', 'Qarabagh-i Sufla', '--json', '--db', db])).stdout);
    expect(found[0]).toMatchObject({ id: 'geonames:900001', admin1: 'Sar-e Pol' });
    const absent = JSON.parse((await runCli(['gazetteer', 'search', 'Kohna Qala', '--json', '--db', db])).stdout);
    expect(absent.map((p: { id: string }) => p.id)).not.toContain('geonames:900002');
  });
});

describe.skipIf(!existsSync(join(SHARED, 'seeds')))('incidents in the seed reports', () => {
  const db = () => join(dir, 'seeds.db');
  let all: Incident[];
  beforeAll(async () => {
    await runCli(['ingest', join(SHARED, 'seeds'), '--db', db()]);
    all = await incidents(db());
  });

  it('joins the encyclopedia article and the news report on Balkhab in a shared incident', () => {
    const shared = all.filter((i) => new Set(i.sources.map((s) => s.document_id)).size > 1);
    expect(shared.some((i) => i.place?.admin2?.normalize('NFD').replace(/\p{M}/gu, '') === 'Balkhab')).toBe(true);
  });

  it('keeps both counts of the executed fighters (8 and 9) side by side', () => {
    const execution = all.find((i) => i.date.start === '2022-07-03');
    expect(
      execution?.claims
        .filter((c) => c.kind === 'killed')
        .map((c) => c.low)
        .sort(),
    ).toEqual([8, 9]);
    expect(execution?.deaths).toMatchObject({ low: 8, high: 9 });
  });

  it('resolves the Darzab incidents to Darzab district, Jowzjan province', () => {
    const darzab = all.filter((i) => i.date.start.startsWith('2018-07'));
    expect(darzab.length).toBeGreaterThan(3);
    for (const i of darzab) {
      expect(i.place?.admin1).toBe('Jowzjan');
      expect(i.place?.admin2?.normalize('NFD').replace(/\p{M}/gu, '')).toBe('Darzab');
    }
  });

  it('places the Kaaj bombing in Kabul on 30 September 2022 at day precision', () => {
    const kaaj = all.find((i) => i.date.start === '2022-09-30' && i.claims.some((c) => c.low === 35));
    expect(kaaj).toMatchObject({ date: { end: '2022-09-30', precision: 'day' }, place: { admin1: 'Kabul' } });
  });
});
