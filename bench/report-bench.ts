import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyser, loadResolvers } from '../src/app/analyse-document.js';
import type { ReadDocument } from '../src/core/document.js';
import { writeReportHtml } from '../src/report/load-report.js';
import { saveDocument } from '../src/store/document-store.js';
import { openStore } from '../src/store/open-store.js';
import { log, medianMs, timed, writeResults } from './bench-support.js';
import { loadDistricts, seeded } from './ged-rows.js';

// The report of this many incidents must be written in under 10 s (issue 14).
const INCIDENTS = Number(process.env.TALLY_BENCH_REPORT_INCIDENTS ?? 1000);
const BUDGET_MS = 10_000;
const HERE = dirname(fileURLToPath(import.meta.url));
const MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const CLAIMANTS = ['a provincial official said', 'hospital staff said', 'residents told reporters', 'the police said'];
const AGENCIES = ['Example Wire', 'Sample Press', 'Test Agency'];
const EVENTS = [
  'a roadside bomb struck a minibus',
  'mortar rounds hit a market',
  'gunmen opened fire on a checkpoint',
  'an air strike hit a compound',
];

/**
 * Short wire reports, one event each on its own day, so each makes an incident with claims, a source
 * and a sentence to footnote: what a report of real extractions holds.
 */
function* reports(count: number, random: () => number): Generator<ReadDocument> {
  const districts = loadDistricts(join(HERE, '..', 'data', 'gazetteer-af.json'), random);
  const start = Date.UTC(2015, 0, 1);
  for (let n = 0; n < count; n++) {
    const d = districts[Math.floor(random() * districts.length)] as (typeof districts)[number];
    const day = new Date(start + n * 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const said = `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
    const killed = 1 + Math.floor(random() ** 2 * 40);
    const wounded = Math.floor(random() * 60);
    const agency = AGENCIES[n % AGENCIES.length];
    const text = `${d.province.toUpperCase()}, ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()} (${agency}) - ${EVENTS[n % EVENTS.length]} in ${d.name} district of ${d.province} province on ${said}, killing ${killed} civilians and wounding ${wounded}, ${CLAIMANTS[n % CLAIMANTS.length]}.\n`;
    yield {
      text,
      format: 'text',
      title: `${d.name}: ${killed} killed`,
      publisher: agency ?? null,
      kind: 'news',
      published: iso,
      published_given: false,
      language: 'en',
    };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-bench-report-'));
  const store = await openStore(join(dir, 'report.db'));
  try {
    const resolvers = await loadResolvers(store);
    const analyse = createAnalyser(resolvers);
    const random = seeded(14);
    // Reports until the store holds the incidents asked for: a few reports make none (no toll read).
    const stored = async () =>
      Number(
        (
          await store.db
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    let documents = 0;
    const [, ingestMs] = await timed(async () => {
      let n = 0;
      for (const read of reports(INCIDENTS * 2, random)) {
        if (n % 25 === 0 && (await stored()) >= INCIDENTS) break;
        const bytes = Buffer.byteLength(read.text);
        const analysis = analyse(read);
        await saveDocument(store, {
          read,
          source: `bench/report-${n++}.txt`,
          contentHash: createHash('sha256').update(read.text).digest('hex'),
          bytes,
          extraction: analysis.extraction,
          incidents: analysis.incidents,
          now: new Date().toISOString(),
        });
      }
      documents = n;
    });
    log(`ingested ${documents} reports in ${Math.round(ingestMs)} ms`);
    const request = { filter: {}, scope: [], actors: resolvers.actors, now: new Date().toISOString() };
    let incidents = 0;
    let bytes = 0;
    const ms = await medianMs(
      3,
      async () => {
        const r = await writeReportHtml(store, request);
        incidents = r.incidents;
        bytes = Buffer.byteLength(r.html);
      },
      1,
    );
    const result = {
      incidents,
      html_bytes: bytes,
      report_ms: ms,
      budget_ms: BUDGET_MS,
      within_budget: ms < BUDGET_MS,
      documents,
      ingest_ms: Math.round(ingestMs),
      store: 'sqlite',
      cpus: cpus().length,
      node: process.version,
      at: new Date().toISOString(),
    };
    const summary = [
      '# Report bench',
      '',
      `\`tally report\` over ${incidents} incidents extracted from ${documents} written wire reports (SQLite, ${cpus().length} cores shared, Node ${process.version}):`,
      '',
      '| what | figure |',
      '|---|---|',
      `| incidents in the report | ${incidents} |`,
      `| HTML written (median of 3) | ${(ms / 1000).toFixed(2)} s |`,
      `| budget | ${BUDGET_MS / 1000} s (${ms < BUDGET_MS ? 'met' : 'MISSED'}) |`,
      `| HTML size | ${(bytes / 1_048_576).toFixed(1)} MB |`,
      '',
      "The time covers reading and grading the incidents, their sources and sentences, building the summary tables, drawing the map and timeline, and rendering the HTML. Printing it to PDF is chromium's work and is not in the figure.",
      '',
      `Run with \`node --import tsx bench/report-bench.ts\` (TALLY_BENCH_REPORT_INCIDENTS for another size). ${result.at}`,
      '',
    ].join('\n');
    writeResults(join(HERE, 'results'), 'report', result, summary);
    process.stdout.write(summary);
    if (!result.within_budget || incidents < INCIDENTS) process.exitCode = 1;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
