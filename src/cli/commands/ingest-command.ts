import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { createAnalyser, loadResolveData, resolversFrom } from '../../app/analyse-document.js';
import { type AnalysePool, createAnalysePool } from '../../app/analyse-pool.js';
import { type IngestDeps, type IngestOutcome, ingestAll, summarize } from '../../app/ingest-documents.js';
import { collectInputs, type InputItem, type InputProblem } from '../../ingest/collect-files.js';
import { readDocument } from '../../ingest/read-document.js';
import { openStore } from '../../store/open-store.js';
import { printJson } from '../format.js';

export interface IngestFlags {
  json?: boolean;
  maxBytes: number;
  /** A user's actor registry file, merged over the shipped one. */
  actors?: string;
  /** Threads in all: this one stores, the others read, extract and resolve. Default: the number of cores. */
  jobs?: number;
}

/** `tally ingest PATH...`: exit code 1 when any input failed, after the rest went in. */
export async function runIngest(db: string, paths: string[], flags: IngestFlags): Promise<number> {
  const store = await openStore(db);
  try {
    const inputs: (InputItem | InputProblem)[] = [];
    for await (const input of collectInputs(paths)) inputs.push(input);
    const bar =
      process.stderr.isTTY && !flags.json ? new SingleBar({ stream: process.stderr, clearOnComplete: true }) : null;
    bar?.start(inputs.length, 0);
    const outcomes: IngestOutcome[] = [];
    const bytes = inputs.reduce((sum, i) => sum + ('size' in i ? (i.size ?? 0) : 0), 0);
    const jobs = threadsFor(inputs.length, bytes, flags.jobs);
    // This thread stores, in input order, and counts as one of the threads; with more, the others
    // read, extract and resolve (each with its own gazetteer, which this thread then never loads).
    const data = await loadResolveData(store, flags.actors);
    const analyse = createAnalyser(resolversFrom(data));
    const pool: AnalysePool | null = jobs > 1 ? createAnalysePool(jobs - 1, data) : null;
    const deps: IngestDeps = { store, read: readDocument, analyse, now: () => new Date().toISOString() };
    try {
      for await (const outcome of ingestAll(iterate(inputs), deps, flags.maxBytes, pool)) {
        outcomes.push(outcome);
        bar?.increment();
        if (outcome.status === 'failed' && !flags.json) {
          bar?.stop();
          process.stderr.write(`${pc.red('failed')} ${outcome.error}\n`);
          bar?.start(inputs.length, outcomes.length);
        }
      }
    } finally {
      await pool?.close();
    }
    bar?.stop();
    const summary = summarize(outcomes);
    if (flags.json) printJson({ summary, outcomes });
    else
      process.stdout.write(`${summary.ingested} ingested, ${summary.unchanged} unchanged, ${summary.failed} failed\n`);
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
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

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
