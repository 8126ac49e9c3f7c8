import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/manage-accounts.js';
import { createTestServer, FAST_SCRYPT, ingestText, type TestServer } from '../support/server.js';
import { hasChromium, launchBrowser, watch } from './browser.js';
import { contrastFailures, focusRing } from './contrast.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PASSWORD = 'correct horse battery staple';

const KHANABAD = (day: number) =>
  `KUNDUZ, ${day} March 2021 - At least ${day} civilians were killed when a roadside bomb struck a minibus in Khanabad district, the provincial police spokesman said.\n`;
const JALALABAD =
  'JALALABAD, 2 May 2021 - Officials said 7 people were killed in Jalalabad when a mortar round hit a market.\n';

const INTERACTIVE = `a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]`;

/**
 * Marks every control a user can see on the page, then presses Tab until focus has come round:
 * which marked controls it never reached, and every stop whose focus ring is too thin or too faint.
 */
async function tabThrough(page: Page): Promise<{ missed: string[]; faint: string[]; stops: number }> {
  const count = (await page.evaluate(`(() => {
    let n = 0;
    for (const el of document.querySelectorAll(${JSON.stringify(INTERACTIVE)})) {
      el.removeAttribute('data-kb');
      const r = el.getBoundingClientRect();
      // checkVisibility: not the content of a closed <details>, which still has a box.
      if (r.width < 1 || r.height < 1 || !el.checkVisibility({ visibilityProperty: true }) || el.disabled) continue;
      // Tab stops at one radio of a group (the checked one, else the first); the arrow keys move within it.
      if (el.type === 'radio' && el.name) {
        const group = [...document.getElementsByName(el.name)];
        if (el !== (group.find((x) => x.checked) ?? group[0])) continue;
      }
      el.setAttribute('data-kb', String(n++));
    }
    return n;
  })()`)) as number;
  await page.evaluate(`document.activeElement?.blur(); window.scrollTo(0, 0)`);
  const reached = new Set<string>();
  const faint: string[] = [];
  // Date inputs take a Tab per part (day, month, year): room for those.
  for (let i = 0; i < count * 2 + 20; i++) {
    await page.keyboard.press('Tab');
    const mark = (await page.evaluate(`document.activeElement?.getAttribute('data-kb') ?? ''`)) as string;
    if (mark) reached.add(mark);
    const ring = await focusRing(page);
    if (ring && (ring.width < 2 || ring.ratio < 3))
      faint.push(`${ring.where}: ${ring.width}px at ${ring.ratio.toFixed(2)}:1`);
  }
  const missed = (await page.evaluate(`[...document.querySelectorAll('[data-kb]')]
    .filter((el) => !${JSON.stringify([...reached])}.includes(el.getAttribute('data-kb')))
    .map((el) => el.outerHTML.slice(0, 120))`)) as string[];
  return { missed, faint, stops: reached.size };
}

async function focused(page: Page): Promise<string> {
  return (await page.evaluate(
    `(() => { const el = document.activeElement; return el ? el.tagName.toLowerCase() + '|' + (el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 120)) : ''; })()`,
  )) as string;
}

async function pressUntil(page: Page, key: string, want: RegExp, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (want.test(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${want}; focus is on ${await focused(page)}`);
}

async function mapCamera(page: Page): Promise<{ lng: number; zoom: number }> {
  return (await page.evaluate(`new Promise((resolve) => {
    const map = window.tallyMap;
    const read = () => resolve({ lng: map.getCenter().lng, zoom: map.getZoom() });
    map.isMoving() ? map.once('moveend', read) : read();
  })`)) as { lng: number; zoom: number };
}

describe.skipIf(!hasChromium)('the page by keyboard alone, and its contrast', () => {
  let server: TestServer;
  let origin: string;
  let close: () => Promise<void>;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  let documentId = 0;

  beforeAll(async () => {
    if (!existsSync(`${WEB_ROOT}index.html`)) {
      const { build } = await import('vite');
      await build({
        configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
        logLevel: 'warn',
      });
    }
    mkdirSync(SHOTS, { recursive: true });
    server = await createTestServer('sqlite', { webRoot: WEB_ROOT, publicReads: false });
    await addUser(
      { store: server.t.store, now: () => new Date().toISOString(), scrypt: FAST_SCRYPT },
      { userId: null, name: 'e2e' },
      { name: 'rahima', role: 'analyst', password: PASSWORD },
    );
    documentId = (await ingestText(server, KHANABAD(14))).document;
    await ingestText(server, KHANABAD(20));
    await ingestText(server, JALALABAD);
    origin = (await server.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    const browser = await launchBrowser();
    close = browser.close;
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    seen = watch(page);
  });

  afterAll(async () => {
    await close?.();
    await server?.close();
  });

  it('signs in, reaches every control of the map page with a visible focus ring', async () => {
    await page.goto(`${origin}/`);
    await expect.poll(() => focused(page)).toBe('input|');
    expect(await page.evaluate('document.activeElement.id')).toBe('login-name');
    await page.keyboard.type('rahima');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#account .who').filter({ hasText: 'rahima (analyst)' }).waitFor();
    await page.locator('#map[data-drawn][data-boundaries="loaded"]').waitFor({ state: 'attached' });
    await page.locator('#timeline .chart-wrap').waitFor();

    const home = await tabThrough(page);
    expect(home.missed).toEqual([]);
    expect(home.faint).toEqual([]);
    expect(home.stops).toBeGreaterThan(15);
  });

  it('pans and zooms the map with the keyboard, and lists what it shows to open an incident', async () => {
    await page.evaluate(`document.activeElement?.blur()`);
    await pressUntil(page, 'Tab', /^canvas\|Map of incidents/);
    const label = (await page.evaluate(`document.activeElement.getAttribute('aria-label')`)) as string;
    expect(label).toContain('Arrow keys pan, plus and minus zoom, Enter lists what is in view');

    const start = await mapCamera(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await mapCamera(page)).lng).toBeGreaterThan(start.lng + 0.1);
    await page.keyboard.press('Equal');
    await expect.poll(async () => (await mapCamera(page)).zoom).toBeCloseTo(start.zoom + 1, 1);
    await page.keyboard.press('Minus');
    await expect.poll(async () => (await mapCamera(page)).zoom).toBeCloseTo(start.zoom, 1);

    // Enter lists what is in view; Escape goes back to the map.
    await page.keyboard.press('Enter');
    await page.locator('#map-list:not([hidden])').waitFor();
    expect(await page.evaluate(`document.getElementById('map-list').contains(document.activeElement)`)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await focused(page)).toMatch(/^canvas\|/);
    await page.keyboard.press('Enter');
    const items = page.locator('#map-list .map-items > li');
    expect(await items.count()).toBe(2);
    // The two Khanabad reports stand on one spot: the first entry lists them rather than zooming.
    expect(await focused(page)).toMatch(/^button\|2 incidents around Khānābād: \d+ deaths.* — list them$/);
    await page.keyboard.press('Enter');
    await page.locator('#map-list .stack a').first().waitFor();
    expect(await page.locator('#map-list .stack a').count()).toBe(2);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^a\|2021-03-20 Khānābād$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#view-title').textContent()).toMatch(/^Incident \d+: 2021-03-20, Khānābād$/);
    expect(await focused(page)).toMatch(/^h2\|Incident/);
  });

  it('works the incident view by keyboard: every control reached, a form opened and closed, a review saved', async () => {
    const view = await tabThrough(page);
    expect(view.missed).toEqual([]);
    expect(view.faint).toEqual([]);

    await page.evaluate(`document.getElementById('view-title').focus()`);
    await pressUntil(page, 'Tab', /^button\|Correct…$/);
    await page.keyboard.press('Space');
    await page.getByRole('form', { name: /^Correct incident/ }).waitFor();
    expect(await page.evaluate(`document.activeElement.type`)).toBe('date');
    const form = await tabThrough(page);
    expect(form.missed).toEqual([]);
    expect(form.faint).toEqual([]);
    await pressUntil(page, 'Tab', /^textarea\|/);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('form', { name: /^Correct incident/ }).count()).toBe(0);
    expect(await focused(page)).toBe('button|Correct…');

    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('button|Accept');
    await page.keyboard.press('Enter');
    await page.locator('#status', { hasText: 'Incident accepted.' }).waitFor();
    await expect.poll(() => page.locator('.facts').textContent()).toContain('accepted by rahima');

    // The timeline's table opens from the keyboard too.
    await page.goto(`${origin}/`);
    await page.locator('#timeline summary').waitFor();
    await pressUntil(page, 'Tab', /^summary\|The months as a table$/, 120);
    await page.keyboard.press('Enter');
    expect(await page.locator('#timeline details').getAttribute('open')).toBe('');
  });

  it('keeps every text at 4.5:1 (large text 3:1) on every view, at laptop and phone width', async () => {
    const views: [string, string, (() => Promise<void>) | null][] = [
      [
        'map',
        `/?document=${documentId}`,
        async () => {
          await page.locator('#map[data-drawn]').waitFor({ state: 'attached' });
          await page.getByRole('button', { name: 'List what the map shows' }).click();
          await page.locator('#timeline summary').click();
        },
      ],
      [
        'incident',
        `/?view=incident&id=1`,
        async () => {
          await page
            .getByRole('group', { name: 'Review this incident' })
            .getByRole('button', { name: 'Correct…' })
            .click();
          await page
            .getByRole('form', { name: /^Correct incident/ })
            .getByLabel('Find another place in the gazetteer')
            .fill('Kunduz');
          await page
            .getByRole('radio', { name: /Kunduz \(province/ })
            .first()
            .waitFor();
        },
      ],
      [
        'document',
        `/?view=document&id=${documentId}&hl=0-10`,
        async () => {
          await page.locator('table.figures tbody tr').first().getByRole('button', { name: 'Correct…' }).click();
          await page.getByRole('form', { name: /^Correct figure/ }).waitFor();
        },
      ],
      ['audit', '/?view=audit', null],
      ['upload', '/?view=upload', null],
      ['documents', '/?view=documents', null],
    ];
    const failures: string[] = [];
    let checked = 0;
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [name, path, prepare] of views) {
        await page.goto(`${origin}${path}`);
        await page.locator('#view-title, #map[data-drawn]').first().waitFor({ state: 'attached' });
        await prepare?.();
        await page.waitForTimeout(200);
        const r = await contrastFailures(page);
        checked += r.checked;
        for (const f of r.failures) {
          failures.push(
            `${name} at ${width}px: “${f.text}” ${f.color} on ${f.background} is ${f.ratio}:1, needs ${f.needed} (${f.where})`,
          );
        }
        if (width === 390) await page.screenshot({ path: `${SHOTS}a11y-${name}-390x844.png`, fullPage: true });
      }
    }
    await page.getByRole('button', { name: 'Sign out' }).click();
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${origin}/`);
      await expect.poll(() => page.locator('#view-title').textContent()).toBe('Sign in');
      const r = await contrastFailures(page);
      checked += r.checked;
      for (const f of r.failures) failures.push(`sign-in at ${width}px: “${f.text}” is ${f.ratio}:1 (${f.where})`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it('made no request beyond the test server and raised no page errors', () => {
    const outside = seen.requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
    expect(outside).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
