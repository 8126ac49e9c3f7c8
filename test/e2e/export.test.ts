import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/manage-accounts.js';
import { GED_COLUMNS } from '../../src/interop/ged-format.js';
import { createTestServer, FAST_SCRYPT, type TestServer } from '../support/server.js';
import { hasChromium, launchBrowser, watch } from './browser.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const PASSWORD = 'correct horse battery staple';

/** A reduced GED extract: one row in Jowzjan, one in Colombia, and one with an impossible date. */
const GED = [
  'id,date_start,date_end,latitude,longitude,side_a,side_b,deaths_a,deaths_b,best,where_coordinates,adm_1,country,source_headline',
  '800002,2018-07-11,2018-07-11,36.0464,65.5167,IS,Taleban,28,12,40,Darzab district,Jowzjan province,Afghanistan,Clashes in Darzab',
  '800003,2018-02-30,2018-07-11,36.0464,65.5167,IS,Taleban,1,1,2,Darzab district,Jowzjan province,Afghanistan,Bad date',
  '800001,2019-05-01,2019-05-01,1.2536,-70.2346,Government of Colombia,FARC dissidents,2,5,7,Mitú town,Vaupés department,Colombia,=Clashes in Vaupés',
].join('\n');

describe.skipIf(!hasChromium)('export and import on the page, in Debian chromium', () => {
  let server: TestServer;
  let origin: string;
  let close: () => Promise<void>;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(`${WEB_ROOT}index.html`)) {
      const { build } = await import('vite');
      await build({
        configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
        logLevel: 'warn',
      });
    }
    dir = mkdtempSync(join(tmpdir(), 'tally-e2e-export-'));
    server = await createTestServer('sqlite', { webRoot: WEB_ROOT, publicReads: false });
    await addUser(
      { store: server.t.store, now: () => new Date().toISOString(), scrypt: FAST_SCRYPT },
      { userId: null, name: 'e2e' },
      { name: 'amina', role: 'analyst', password: PASSWORD },
    );
    origin = (await server.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    const browser = await launchBrowser();
    close = browser.close;
    context = browser.context;
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    seen = watch(page);
  });

  afterAll(async () => {
    await close?.();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports a GED CSV through the form and shows what went in, with the bad row by line', async () => {
    await page.goto(`${origin}/`);
    await page.getByLabel('Name').fill('amina');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#account .who').filter({ hasText: 'amina (analyst)' }).waitFor();
    await page.getByRole('link', { name: 'Upload' }).click();
    const file = join(dir, 'reduced-ged.csv');
    writeFileSync(file, `${GED}\n`);
    await page.getByLabel('UCDP GED or ACLED CSV').setInputFiles(file);
    await page.getByLabel('Release (optional)').fill('19.1');
    await page.getByRole('button', { name: 'Import' }).click();
    const heading = page.locator('.import-result h3');
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Imported 2 rows as “ucdp-ged 19.1”');
    expect(await page.locator('.import-errors li').allTextContents()).toEqual([
      'Line 3: date_start should be a date (YYYY-MM-DD), got "2018-02-30"',
    ]);
  });

  it('exports what the page shows: the links carry its filters, and the file is the chosen format', async () => {
    await page.goto(`${origin}/?place=Jowzjan`);
    await page.locator('#table tr[data-incident]').first().waitFor();
    await page.getByText('Export these incidents').click();
    const [ged] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'UCDP GED CSV' }).click(),
    ]);
    expect(ged.suggestedFilename()).toBe('incidents-ged.csv');
    const lines = readFileSync((await ged.path()) as string, 'utf8').split('\r\n');
    expect(lines[0]).toBe(GED_COLUMNS.join(','));
    // The page shows Jowzjan only: the Colombian row stays out of the file.
    expect(lines.filter(Boolean).map((l) => l.split(',')[0])).toEqual(['id', '800002']);

    const [geojson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'GeoJSON' }).click(),
    ]);
    const doc = JSON.parse(readFileSync((await geojson.path()) as string, 'utf8'));
    expect(readFileSync((await geojson.path()) as string, 'utf8').split('\n')[0]).toBe(
      '{"type":"FeatureCollection","features":[',
    );
    expect(doc.features.map((f: { properties: { dataset_id: string } }) => f.properties.dataset_id)).toEqual([
      '800002',
    ]);
    expect(seen.errors).toEqual([]);
  });
});
