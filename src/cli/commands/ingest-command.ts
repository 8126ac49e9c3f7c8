import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { createAnalyser, loadResolveData, resolversFrom } from '../../app/analyse-document.js';
import { type AnalysePool, createAnalysePool } from '../../app/analyse-pool.js';
import { type IngestDeps, type IngestOutcome, type IngestSummary, ingestAll } from '../../app/ingest-documents.js';
import { growYoungGeneration } from '../../app/young-generation.js';
import { collectInputs } from '../../ingest/collect-files.js';
import { readDocument } from '../../ingest/read-document.js';
import { openStore } from '../../store/open-store.js';

export interface IngestFlags {
  json?: boolean;
  maxBytes: number;
  /** A user's actor registry file, merged over the shipped one. */
  actors?: string;
  /** Threads in all: this one stores, the others read, extract and resolve. Default: the number of cores. */
  jobs?: number;
  /** The day the inputs were published, for those whose text does not say (YYYY-MM-DD). */
  published?: string;
}

// A writer reads back only the incidents its reports may join: a small page cache does, and the
// default 64 MB would grow the process with the store (no measurable change in speed at 16 MB).
const INGEST_CACHE_MB = 16;

/**
 * `tally ingest PATH...`: exit code 1 when any input failed, after the rest went in. Memory does not
 * grow with the number of inputs: they are listed once to count them (for the progress bar and the
 * number of threads), then listed again as they are read; outcomes are counted, and with --json
 * written out as they come.
 */
export async function runIngest(db: string, paths: string[], flags: IngestFlags): Promise<number> {
  const store = await openStore(db, { cacheMb: INGEST_CACHE_MB });
  try {
    let count = 0;
    let bytes = 0;
    for await (const input of collectInputs(paths)) {
      count++;
      if ('size' in input) bytes += input.size ?? 0;
    }
    const bar =
      process.stderr.isTTY && !flags.json ? new SingleBar({ stream: process.stderr, clearOnComplete: true }) : null;
    bar?.start(count, 0);
    const summary: IngestSummary = { ingested: 0, unchanged: 0, failed: 0 };
    const json = flags.json ? new JsonOutcomes() : null;
    const jobs = threadsFor(count, bytes, flags.jobs);
    // This thread stores, in input order, and counts as one of the threads; with more, the others
    // read, extract and resolve (each with its own gazetteer, which this thread then never loads).
    const data = await loadResolveData(store, flags.actors);
    const analyse = createAnalyser(resolversFrom(data));
    // One thread also extracts: V8's own young generation suits it better (app/young-generation.ts).
    if (jobs === 1) growYoungGeneration();
    const pool: AnalysePool | null = jobs > 1 ? createAnalysePool(jobs - 1, data) : null;
    const deps: IngestDeps = { store, read: readDocument, analyse, now: () => new Date().toISOString() };
    try {
      for await (const outcome of ingestAll(
        collectInputs(paths),
        deps,
        { maxBytes: flags.maxBytes, published: flags.published },
        pool,
      )) {
        summary[outcome.status]++;
        json?.write(outcome);
        bar?.increment();
        if (outcome.status === 'failed' && !flags.json) {
          bar?.stop();
          process.stderr.write(`${pc.red('failed')} ${outcome.error}\n`);
          bar?.start(count, summary.ingested + summary.unchanged + summary.failed);
        }
      }
    } finally {
      await pool?.close();
    }
    bar?.stop();
    if (json) json.end(summary);
    else
      process.stdout.write(`${summary.ingested} ingested, ${summary.unchanged} unchanged, ${summary.failed} failed\n`);
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/**
 * `{ "outcomes": [...], "summary": {...} }` printed as printJson prints, one outcome at a time: the
 * summary comes last, once it is known.
 */
class JsonOutcomes {
  private first = true;

  write(outcome: IngestOutcome): void {
    const item = JSON.stringify(outcome, null, 2).replaceAll('\n', '\n    ');
    process.stdout.write(`${this.first ? '{\n  "outcomes": [\n' : ',\n'}    ${item}`);
    this.first = false;
  }

  end(summary: IngestSummary): void {
    const head = this.first ? '{\n  "outcomes": [' : '\n  ';
    const tail = JSON.stringify(summary, null, 2).replaceAll('\n', '\n  ');
    process.stdout.write(`${head}],\n  "summary": ${tail}\n}\n`);
  }
}

/**
 * A thread loads the extractor's modules before its first document, which costs as much as extracting
 * a few megabytes of reports: by default a batch gets one thread per BYTES_PER_THREAD of input, up
 * to one per core, and a smaller one stays on this thread (measured in bench/results/ingest.md). An
 * explicit --jobs is taken as given, up to one thread per input.
 */
export function threadsFor(inputs: number, bytes: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, inputs));
  return Math.max(1, Math.min(availableParallelism(), inputs, Math.floor(bytes / BYTES_PER_THREAD)));
}

const BYTES_PER_THREAD = 4_000_000;
