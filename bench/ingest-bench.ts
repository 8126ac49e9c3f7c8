import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, removeSqliteFiles, withPostgresDatabase, writeResults } from './bench-support.js';
import { generateGedCsv } from './ged-rows.js';
import { latencyProxy } from './latency-proxy.js';
import { wireReports } from './report-corpus.js';

// `tally ingest` end to end (read, extract, resolve, merge, store) over a folder of wire reports,
// with one thread and with two, in its own process as a user runs it (the built CLI: run from the
// TypeScript sources, tsx's wrappers around every closure took a third more CPU); peak RSS from /proc.
// TALLY_BENCH_INGEST_DOCS sets the corpus size; corpora four times larger (both thread counts) and
// sixteen times larger (--jobs 2, the one with the higher peak) are ingested too, to show whether peak
// memory stays flat as the corpus grows: 20,000 reports once stayed under 300 MB where 80,000 did not.
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const DOCS = Number(process.env.TALLY_BENCH_INGEST_DOCS ?? 5000);
const DATA = join(HERE, 'data');

const LARGER = 4;
const LARGEST = 16;
/**
 * Paragraphs of context in each report of the news-length corpus: 2.6 KB a report on average, the
 * size of the reports issue 13 measured (20 MB at 54 reports a second). The wire corpus, at 0.85 KB
 * a report with five figures, is as dense as reports come; most reports are longer and sparser.
 */
const NEWS_BACKGROUND = 7;
/**
 * GED rows imported before one more ingest of the news-length reports: a team's store often holds
 * a dataset beside its own reports, and matching a report must not read the dataset's incidents.
 */
const BASE_ROWS = Number(process.env.TALLY_BENCH_INGEST_BASE ?? 200_000);
/**
 * A team's PostgreSQL server is across a network, where every statement waits a round trip: the
 * news-length reports are also ingested through a proxy that holds each packet this long each way
 * (2 ms a round trip, a server in another building or another zone of a cloud), a tenth of them.
 */
const NETWORK_DELAY_MS = 1;
const NETWORK_SHARE = 10;

type Kind = 'wire' | 'news';

function corpus(docs: number, kind: Kind = 'wire'): { folder: string; bytes: number } {
  const folder = join(DATA, kind === 'wire' ? `wire-${docs}` : `news-${docs}-${NEWS_BACKGROUND}`);
  if (!existsSync(folder)) {
    const partial = `${folder}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    for (const r of wireReports(docs, undefined, kind === 'wire' ? 0 : NEWS_BACKGROUND))
      writeFileSync(join(partial, r.name), r.text);
    renameSync(partial, folder);
  }
  const bytes = readdirSync(folder).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
  return { folder, bytes };
}

// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ).
const TICKS_PER_SECOND = 100;

/**
 * Peak resident memory (VmHWM) and CPU time (user and system) of a running process, polled until it
 * exits; threads included. CPU time says more than wall time on a machine others share.
 */
function watch(child: ChildProcess): () => { peak: number; cpu: number } {
  let peak = 0;
  let cpu = 0;
  const timer = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (hwm) peak = Math.max(peak, Number(hwm) * 1024);
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    } catch {
      // Gone between two polls: the last reading stands.
    }
  }, 100);
  child.on('exit', () => clearInterval(timer));
  return () => ({ peak, cpu });
}

/**
 * A yardstick for the machine in this run: the news-length corpus read into memory, then every word
 * and every "N people killed"-like phrase found with a regex, three times over; MB/s of the best pass.
 * On a shared machine the same ingest took from 12 to 23 s on different days; this pass slows with it.
 */
function regexFloor(folder: string): number {
  const texts = readdirSync(folder).map((f) => readFileSync(join(folder, f), 'utf8'));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const WORD = /[\p{L}\p{N}]+/gu;
  const FIGURE =
    /\b(\d[\d,]*) (?:people|civilians|soldiers|fighters|police(?:men)?)\b[^.]{0,40}\b(?:killed|dead|died|wounded)\b/gi;
  let best = Number.POSITIVE_INFINITY;
  let found = 0;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const text of texts) {
      for (const _ of text.matchAll(WORD)) found++;
      for (const _ of text.matchAll(FIGURE)) found++;
    }
    best = Math.min(best, performance.now() - started);
  }
  if (found === 0) throw new Error('the regex floor found nothing');
  return Math.round((bytes / 1e6 / (best / 1000)) * 100) / 100;
}

interface IngestRun {
  corpus: Kind;
  docs: number;
  jobs: number;
  seconds: number;
  mb_per_s: number;
  docs_per_s: number;
  peak_rss_mb: number;
  cpu_s: number;
  /** One-minute load average of the machine when the run began. */
  load: number;
}

/** `tally` with these arguments in its own process, on no store but the one they name; its output. */
async function runTally(
  args: string[],
): Promise<{ code: number | null; out: string; usage: () => { peak: number; cpu: number } }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tally.js'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TALLY_DB: '', DATABASE_URL: '' },
  });
  const usage = watch(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out, usage };
}

/** A store holding BASE_ROWS generated GED rows, imported once as `tally import` does. */
async function importedStore(): Promise<string> {
  const csv = join(DATA, `ged-${BASE_ROWS}.csv`);
  await generateGedCsv(csv, BASE_ROWS);
  const db = join(DATA, `ingest-base-${BASE_ROWS}.db`);
  removeSqliteFiles(db);
  const { code, out } = await runTally(['import', csv, '--db', db]);
  if (code !== 0) throw new Error(`tally import exited with ${code}: ${out}`);
  log(`base store: ${out.trim()}`);
  return db;
}

async function ingest(docs: number, jobs: number, kind: Kind = 'wire', base?: string): Promise<IngestRun> {
  const db = join(DATA, `ingest-bench-${jobs}.db`);
  removeSqliteFiles(db);
  if (base) copyFileSync(base, db);
  try {
    return await ingestInto(db, docs, jobs, kind, base ? ' into an imported store' : '');
  } finally {
    removeSqliteFiles(db);
  }
}

/** The same on PostgreSQL, into a database of its own. */
function ingestPostgres(docs: number, jobs: number, kind: Kind): Promise<IngestRun> {
  return withPostgresDatabase('tally_ingest_bench', (url) => ingestInto(url, docs, jobs, kind, ' on PostgreSQL'));
}

/** ingestPostgres through latencyProxy; with the chunks Tally sent the server, about one a round trip. */
async function ingestPostgresAcross(docs: number, kind: Kind): Promise<IngestRun & { sent_per_report: number }> {
  return withPostgresDatabase('tally_ingest_bench', async (url) => {
    const direct = new URL(url);
    const proxy = await latencyProxy(direct.hostname, Number(direct.port || 5432), NETWORK_DELAY_MS);
    try {
      const across = new URL(url);
      across.hostname = '127.0.0.1';
      across.port = String(proxy.port);
      const where = ` on PostgreSQL, ${NETWORK_DELAY_MS} ms each way`;
      const run = await ingestInto(across.toString(), docs, 1, kind, where);
      return { ...run, sent_per_report: Math.round((proxy.sent() / docs) * 10) / 10 };
    } finally {
      await proxy.close();
    }
  });
}

async function ingestInto(db: string, docs: number, jobs: number, kind: Kind, where: string): Promise<IngestRun> {
  const { folder, bytes } = corpus(docs, kind);
  const load = loadavg()[0] as number;
  const started = performance.now();
  const { code, out, usage } = await runTally(['ingest', folder, '--jobs', String(jobs), '--db', db]);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`tally ingest --jobs ${jobs}${where} exited with ${code}: ${out}`);
  log(`${docs} ${kind} reports, --jobs ${jobs}${where}: ${out.trim()} in ${seconds.toFixed(1)} s`);
  return {
    corpus: kind,
    docs,
    jobs,
    seconds: Math.round(seconds * 100) / 100,
    mb_per_s: Math.round((bytes / 1e6 / seconds) * 100) / 100,
    docs_per_s: Math.round(docs / seconds),
    peak_rss_mb: Math.round(usage().peak / 1e6),
    cpu_s: Math.round(usage().cpu * 10) / 10,
    load: Math.round(load * 100) / 100,
  };
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const { folder, bytes } = corpus(DOCS);
  log(`${folder}: ${DOCS} reports, ${(bytes / 1e6).toFixed(1)} MB`);
  const runs = [
    await ingest(DOCS, 1),
    await ingest(DOCS, 2),
    await ingest(DOCS * LARGER, 1),
    await ingest(DOCS * LARGER, 2),
    await ingest(DOCS * LARGEST, 2),
  ];
  const [one, two, oneLarger, twoLarger, twoLargest] = runs as [IngestRun, IngestRun, IngestRun, IngestRun, IngestRun];
  const news = corpus(DOCS, 'news');
  log(`${news.folder}: ${DOCS} reports, ${(news.bytes / 1e6).toFixed(1)} MB`);
  const floor = regexFloor(news.folder);
  log(`regex floor: ${floor} MB/s`);
  const newsRuns = [await ingest(DOCS, 1, 'news'), await ingest(DOCS, 2, 'news')];
  const [newsOne, newsTwo] = newsRuns as [IngestRun, IngestRun];
  const base = await importedStore();
  const beside = await ingest(DOCS, 1, 'news', base);
  removeSqliteFiles(base);
  const postgres = await ingestPostgres(DOCS, 1, 'news');
  const across = await ingestPostgresAcross(DOCS / NETWORK_SHARE, 'news');
  const growth = Math.max(
    oneLarger.peak_rss_mb - one.peak_rss_mb,
    twoLarger.peak_rss_mb - two.peak_rss_mb,
    twoLargest.peak_rss_mb - two.peak_rss_mb,
  );
  const result = {
    docs: DOCS,
    bytes,
    cores: availableParallelism(),
    node: process.version,
    at: new Date().toISOString(),
    runs,
    news: { bytes: news.bytes, background_paragraphs: NEWS_BACKGROUND, runs: newsRuns },
    beside_import: { ged_rows: BASE_ROWS, run: beside },
    postgres: { run: postgres, across_network: { delay_ms_each_way: NETWORK_DELAY_MS, run: across } },
    regex_floor_mb_per_s: floor,
  };
  const row = (r: IngestRun) =>
    `| ${r.docs} | ${r.jobs} | ${r.seconds} | ${r.mb_per_s} | ${r.docs_per_s} | ${r.peak_rss_mb} | ${r.cpu_s} | ${r.load} |`;
  const text = [
    `# Ingest bench: ${DOCS.toLocaleString('en')} wire reports, ${(bytes / 1e6).toFixed(1)} MB, \`tally ingest\` end to end on SQLite`,
    '',
    `Then ${(DOCS * LARGER).toLocaleString('en')} reports of the same kind, and ${(DOCS * LARGEST).toLocaleString('en')} with --jobs 2, for memory as the corpus grows.`,
    '',
    '| reports | --jobs | seconds | MB/s | reports/s | peak RSS (MB) | CPU seconds | load average |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map(row),
    '',
    `News-length reports: the same ${DOCS.toLocaleString('en')} reports, each with ${NEWS_BACKGROUND} paragraphs of context (reactions, history, the humanitarian picture; numbers that are not casualties), ${(news.bytes / 1e6).toFixed(1)} MB, ${(news.bytes / DOCS / 1000).toFixed(2)} KB a report: the size of the reports issue 13 measured.`,
    '',
    '| reports | --jobs | seconds | MB/s | reports/s | peak RSS (MB) | CPU seconds | load average |',
    '|---|---|---|---|---|---|---|---|',
    ...newsRuns.map(row),
    '',
    `The machine in this run: one thread finding every word and every "N people killed"-like phrase in these files with regexes (the files already in memory) runs at ${floor} MB/s; one-thread ingest of them is ${((newsOne.mb_per_s / floor) * 100).toFixed(1)}% of that.`,
    '',
    `On PostgreSQL (the local server, a database of its own), the same news-length reports on one thread: ${postgres.seconds} s, ${postgres.mb_per_s} MB/s; CPU of the Tally process ${postgres.cpu_s} s (the rest of the time it waits on the server).`,
    '',
    `Across a network (a proxy holding every packet ${NETWORK_DELAY_MS} ms each way, ${2 * NETWORK_DELAY_MS} ms a round trip), the first ${across.docs.toLocaleString('en')} of those reports on one thread: ${across.seconds} s, ${across.docs_per_s} reports/s; Tally sent the server ${across.sent_per_report} messages a report, each a wait of a round trip or more.`,
    '',
    `The same news-length reports on one thread into a store that already holds ${BASE_ROWS.toLocaleString('en')} imported GED incidents (\`tally import\` of the store bench's generated rows): ${beside.seconds} s, ${beside.mb_per_s} MB/s, against ${newsOne.seconds} s into an empty store; peak RSS ${beside.peak_rss_mb} MB, CPU ${beside.cpu_s} s.`,
    '',
    `Targets: ≥ 2 MB/s on one thread ${one.mb_per_s >= 2 ? 'met' : 'MISSED'} (wire reports ${one.mb_per_s}, news-length reports ${newsOne.mb_per_s} MB/s); faster with --jobs 2 ${two.mb_per_s > one.mb_per_s && newsTwo.mb_per_s > newsOne.mb_per_s ? 'met' : 'MISSED'} (${(two.mb_per_s / one.mb_per_s).toFixed(2)}× and ${(newsTwo.mb_per_s / newsOne.mb_per_s).toFixed(2)}×); peak RSS ≤ 300 MB ${[...runs, ...newsRuns, beside].every((r) => r.peak_rss_mb <= 300) ? 'met' : 'MISSED'} (${growth >= 0 ? '+' : ''}${growth} MB at most from ${DOCS.toLocaleString('en')} to ${(DOCS * LARGEST).toLocaleString('en')} reports). Machine: ${availableParallelism()} cores, shared.`,
    '',
  ].join('\n');
  writeResults(join(HERE, 'results'), 'ingest', result, text);
  process.stdout.write(text);
}

await main();
