import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDocumentDetailed } from '../src/extract/extract-document.js';
import { buildIncidents, type Resolvers } from '../src/merge/build-incidents.js';
import { createActorIndex } from '../src/resolve/actors.js';
import { loadActorRegistry, loadShippedGazetteer } from '../src/resolve/load-resolve-data.js';
import { wireReports } from './report-corpus.js';

/**
 * One long document (a monthly digest, a compiled casualty log) read on one core: the wire reports of
 * the ingest bench joined into one text of 250, 1,000 and 4,000 reports. Reading it should take time
 * in proportion to its length; a rule that looks across the whole document for each name or sentence
 * shows here as time per kilobyte growing with the size. Each size is read three times; the best is
 * kept.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.TALLY_BENCH_LONG_REPORTS ?? '250,1000,4000').split(',').map(Number);
const ROUNDS = 3;

interface Row {
  reports: number;
  kilobytes: number;
  extract_ms: number;
  incidents_ms: number;
  ms_per_kb: number;
  incidents: number;
}

const resolvers: Resolvers = {
  gazetteer: await loadShippedGazetteer(),
  actors: createActorIndex(await loadActorRegistry()),
};

const rows: Row[] = [];
for (const reports of SIZES) {
  const text = [...wireReports(reports, 2026, 2)].map((r) => r.text).join('\n\n');
  let best: Omit<Row, 'reports' | 'kilobytes' | 'ms_per_kb'> | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    const { result, passages } = extractDocumentDetailed(text, { published: null });
    const t1 = performance.now();
    const incidents = buildIncidents(text, result, passages, resolvers).length;
    const t2 = performance.now();
    const run = { extract_ms: Math.round(t1 - t0), incidents_ms: Math.round(t2 - t1), incidents };
    if (best === null || run.extract_ms + run.incidents_ms < best.extract_ms + best.incidents_ms) best = run;
  }
  const kilobytes = Math.round(Buffer.byteLength(text) / 1000);
  const row = best as NonNullable<typeof best>;
  rows.push({
    reports,
    kilobytes,
    ...row,
    ms_per_kb: Number(((row.extract_ms + row.incidents_ms) / kilobytes).toFixed(3)),
  });
  console.log(
    `${reports} reports in one text, ${kilobytes} KB: extract ${row.extract_ms} ms, incidents ${row.incidents_ms} ms`,
  );
}

const first = rows[0] as Row;
const last = rows[rows.length - 1] as Row;
const growth = last.ms_per_kb / first.ms_per_kb;
const result = { when: new Date().toISOString(), node: process.version, cores: cpus().length, rows, growth };
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'long-report.json'), `${JSON.stringify(result, null, 2)}\n`);
const md = [
  '# Long-report bench: one document of many reports, read on one core',
  '',
  "The ingest bench's wire reports (two paragraphs of context each) joined into one text, read by `extractDocumentDetailed` and `buildIncidents` as `tally ingest` reads a document. Best of 3 runs per size.",
  '',
  '| reports in the text | KB | extract (ms) | incidents (ms) | ms per KB | incidents |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) => `| ${r.reports} | ${r.kilobytes} | ${r.extract_ms} | ${r.incidents_ms} | ${r.ms_per_kb} | ${r.incidents} |`,
  ),
  '',
  `Time per KB at ${last.reports} reports is ${growth.toFixed(2)}× that at ${first.reports}: ${growth <= 1.5 ? 'linear (met)' : 'growing faster than the text (MISSED)'}. Machine: ${cpus().length} cores, shared; Node ${process.version}; ${result.when}.`,
  '',
  'Run with `node --import tsx bench/long-report-bench.ts` (TALLY_BENCH_LONG_REPORTS for other sizes).',
  '',
].join('\n');
writeFileSync(join(HERE, 'results', 'long-report.md'), md);
