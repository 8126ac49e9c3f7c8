import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyser, loadResolvers } from '../../src/app/analyse-document.js';
import { ingestAll } from '../../src/app/ingest-documents.js';
import { collectInputs } from '../../src/ingest/collect-files.js';
import { readDocument } from '../../src/ingest/read-document.js';
import { createTestServer, type TestServer } from '../support/server.js';
import { hasChromium, launchBrowser, watch } from './browser.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

interface FootnoteCheck {
  ref: string;
  target: string | null;
  quote: string;
  marked: string;
  document: number | null;
}

describe.skipIf(!hasChromium)('the report of the example corpus, in Debian chromium', () => {
  let server: TestServer;
  let origin: string;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  let close: () => Promise<void>;
  let webRoot: string;

  beforeAll(async () => {
    // The page, built apart from dist/ (which other runs share), so its Report button can be clicked.
    webRoot = mkdtempSync(join(tmpdir(), 'tally-e2e-report-web-'));
    const { build } = await import('vite');
    await build({
      configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
      build: { outDir: webRoot, emptyOutDir: true },
      logLevel: 'warn',
    });
    server = await createTestServer('sqlite', { publicReads: true, webRoot });
    const resolvers = await loadResolvers(server.t.store);
    const deps = {
      store: server.t.store,
      read: readDocument,
      analyse: createAnalyser(resolvers),
      now: () => new Date().toISOString(),
    };
    for await (const outcome of ingestAll(collectInputs([EXAMPLES]), deps)) {
      expect(outcome.status, JSON.stringify(outcome)).toBe('ingested');
    }
    origin = (await server.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    const browser = await launchBrowser();
    close = browser.close;
    page = await browser.context.newPage();
    seen = watch(page);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await close?.();
    await server?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('opens offline, and every footnote resolves to the sentence of its source', async () => {
    const response = await page.goto(`${origin}/api/report?title=Example%20corpus`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect(page.title()).resolves.toBe('Example corpus');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Nothing but the report itself was fetched: the map and timeline are inline.
    expect(seen.requests.filter((u) => !u.startsWith(`${origin}/api/report`))).toEqual([]);
    expect(await page.locator('svg.map circle').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.timeline rect').count()).toBeGreaterThan(0);
    expect(await page.locator('table caption').count()).toBeGreaterThanOrEqual(6);

    // Evaluated in the page (a string: the tests compile without the DOM's types).
    const notes = (await page.evaluate(`[...document.querySelectorAll('sup a[href^="#fn-"]')].map((a) => {
      const target = document.getElementById(a.getAttribute('href').slice(1));
      const back = target?.querySelector('a[href^="#fnref-"]')?.getAttribute('href')?.slice(1) ?? null;
      return {
        ref: a.id,
        target: target && back === a.id ? target.id : null,
        quote: target?.querySelector('blockquote')?.textContent ?? '',
        marked: target?.querySelector('mark')?.textContent ?? '',
        document: target?.dataset.document ? Number(target.dataset.document) : null,
      };
    })`)) as FootnoteCheck[];
    expect(notes.length).toBeGreaterThan(10);
    const texts = new Map<number, string>();
    for (const note of notes) {
      expect(note.target, note.ref).not.toBeNull();
      expect(note.marked.length, note.ref).toBeGreaterThan(0);
      expect(note.quote).toContain(note.marked);
      expect(note.document, note.ref).not.toBeNull();
      const id = note.document as number;
      if (!texts.has(id)) {
        const doc = await server.app.inject({ method: 'GET', url: `/api/documents/${id}` });
        texts.set(id, (JSON.parse(doc.body) as { text: string }).text);
      }
      // The quoted sentence is the source's own words, as stored.
      expect(texts.get(id), `${note.ref}: ${note.quote}`).toContain(note.quote);
    }

    // Following a footnote lands on it; its back link returns to the claim.
    const first = notes[0] as FootnoteCheck;
    await page.click(`#${first.ref}`);
    expect(await page.evaluate('location.hash')).toBe(`#${first.target}`);
    await page.screenshot({ path: `${SHOTS}report-top.png` });
    await page
      .locator('article.incident')
      .first()
      .screenshot({ path: `${SHOTS}report-incident.png` });
    expect(seen.errors).toEqual([]);
  });

  it('prints to an A4 PDF with a page per incident', async () => {
    const incidents = await page.locator('article.incident').count();
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(incidents);
    writeFileSync(`${SHOTS}report.pdf`, pdf);
    expect(existsSync(`${SHOTS}report.pdf`) && statSync(`${SHOTS}report.pdf`).size > 10_000).toBe(true);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}report-print.png`, fullPage: false });
  });

  it('the page shows an incident’s grade and opens the report of what is on screen', async () => {
    const page2 = await page.context().newPage();
    const errors = watch(page2).errors;
    await page2.goto(`${origin}/?place=Nangarhar`);
    const report = page2.locator('a.report-button');
    await expect(report.getAttribute('href')).resolves.toBe('./api/report?place=Nangarhar');
    await page2.locator('#export-menu summary').click();
    await page2.selectOption('#export-grade', 'contested');
    await expect(report.getAttribute('href')).resolves.toBe('./api/report?place=Nangarhar&grade=contested');
    const [tab] = await Promise.all([page2.context().waitForEvent('page'), report.click()]);
    await tab.waitForLoadState();
    const headings = await tab.locator('article.incident h3').allTextContents();
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) expect(heading).toMatch(/Nangarhar.*contested/);
    await tab.close();

    const [listed] = await server.app
      .inject({ method: 'GET', url: '/api/incidents?grade=contested&place=Nangarhar' })
      .then((r) => (JSON.parse(r.body) as { items: { id: number }[] }).items);
    await page2.goto(`${origin}/?view=incident&id=${listed?.id}`);
    await expect(page2.locator('.grade-badge').textContent()).resolves.toBe('contested');
    await page2.screenshot({ path: `${SHOTS}report-page-grade.png` });
    expect(errors).toEqual([]);
    await page2.close();
  });
});
