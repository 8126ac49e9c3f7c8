import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreKind } from '../test/support/stores.js';
import { log, writeResults } from './bench-support.js';
import { GROUPS } from './soak-clients.js';
import { runSoak, type SoakReport } from './soak-load.js';

/**
 * `npm run soak`: a bounded soak on loopback. SOAK_SECONDS (default 180) of concurrent API reads and
 * writes while `tally ingest` runs, on each store in SOAK_STORES (default sqlite; "sqlite,postgres"
 * for both). The server starts page threads as `tally serve` does (TALLY_PAGE_THREADS=0 for none).
 * Results go to bench/results/soak.json and soak.md; the exit code is 1 on any error or any write
 * the store does not hold.
 */
const seconds = Number(process.env.SOAK_SECONDS ?? 180);
const clients = Number(process.env.SOAK_CLIENTS ?? 8);
const stores = (process.env.SOAK_STORES ?? 'sqlite').split(',').map((s) => s.trim()) as StoreKind[];
// Heap a third larger at the end than at the start of the steady state is growth, not noise.
const FLAT_HEAP_RATIO = 1.33;

const reports: SoakReport[] = [];
for (const store of stores) {
  log(`soak on ${store}: ${seconds} s, ${clients} clients`);
  const report = await runSoak({ store, seconds, clients, batch: 200, sampleEverySeconds: 5, seed: 8, log });
  log(
    `${store}: ${report.requests} requests, ${report.errors} errors, p99 ${report.latency.all.p99_ms} ms, heap ratio ${report.memory.trend.heap_ratio}, store check ${report.check.ok ? 'ok' : 'FAILED'}`,
  );
  reports.push(report);
}

const here = dirname(fileURLToPath(import.meta.url));
writeResults(join(here, 'results'), 'soak', { date: new Date().toISOString(), reports }, summarize(reports));
const failed = reports.some((r) => r.errors > 0 || !r.check.ok);
process.exitCode = failed ? 1 : 0;

function flatOrGrowing(ratio: number): string {
  return ratio <= FLAT_HEAP_RATIO ? 'flat' : 'GROWING';
}

function summarize(all: SoakReport[]): string {
  const lines = ['# Soak', '', `Run ${new Date().toISOString().slice(0, 10)}; \`npm run soak\` writes this file.`, ''];
  for (const r of all) {
    const t = r.memory.trend;
    const c = r.check;
    lines.push(
      `## ${r.store}: ${r.seconds} s, ${r.clients} API clients, ${r.machine.cpus} cores, Node ${r.machine.node}`,
      '',
      `- Requests served: ${r.requests} (${Math.round(r.requests / r.seconds)} a second), errors: ${r.errors}.`,
      `- Written through the API: ${r.writes.api_documents} documents, ${r.writes.figure_reviews} figure reviews, ${r.writes.incident_reviews} incident reviews; by ${r.ingest_runs.length} \`tally ingest\` runs: ${r.writes.cli_documents} documents.`,
      `- Store afterwards: ${c.documents_stored} documents of ${c.documents_expected} written, ${c.duplicate_hashes} duplicated, ${c.api_documents_missing_or_changed} API documents missing or changed; ${c.figure_reviews_stored} figure and ${c.incident_reviews_stored} incident reviews stored; ${c.incidents_with_stale_status} incidents whose status is not their newest review's. ${c.ok ? 'Every write is stored, once.' : 'MISMATCH.'}`,
      `- Server heap after a full collection, steady state (after ${t.warmup_s} s, ${t.samples} samples): first third ${t.heap_first_third_mb} MB, last third ${t.heap_last_third_mb} MB, ratio ${t.heap_ratio} (${flatOrGrowing(t.heap_ratio)}); page threads' heaps together ${t.threads_heap_first_third_mb} MB to ${t.threads_heap_last_third_mb} MB, ratio ${t.threads_heap_ratio} (${flatOrGrowing(t.threads_heap_ratio)}), taken from the system with their garbage ${t.threads_heap_total_first_third_mb} MB to ${t.threads_heap_total_last_third_mb} MB; RSS ${t.rss_first_third_mb} MB to ${t.rss_last_third_mb} MB.`,
      '',
      '| route group | requests | p50 ms | p99 ms | max ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...(['all', ...GROUPS] as const).map((g) => {
        const l = r.latency[g];
        return `| ${g} | ${l?.requests} | ${l?.p50_ms} | ${l?.p99_ms} | ${l?.max_ms} |`;
      }),
      '',
    );
    if (r.first_errors.length > 0) {
      lines.push(
        'First errors:',
        '',
        ...r.first_errors.map((e) => `- ${e.method} ${e.path}: ${e.status ?? 'no response'} ${e.detail}`),
        '',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
