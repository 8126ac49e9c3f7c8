import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { createAnalyser, loadResolvers } from '../../app/analyse-document.js';
import { type IngestOutcome, ingestAll, summarize } from '../../app/ingest-documents.js';
import { collectInputs, type InputItem, type InputProblem } from '../../ingest/collect-files.js';
import { readDocument } from '../../ingest/read-document.js';
import { openStore } from '../../store/open-store.js';
import { printJson } from '../format.js';

export interface IngestFlags {
  json?: boolean;
  maxBytes: number;
  /** A user's actor registry file, merged over the shipped one. */
  actors?: string;
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
    const deps = {
      store,
      read: readDocument,
      analyse: createAnalyser(await loadResolvers(store, flags.actors)),
      now: () => new Date().toISOString(),
    };
    for await (const outcome of ingestAll(iterate(inputs), deps, flags.maxBytes)) {
      outcomes.push(outcome);
      bar?.increment();
      if (outcome.status === 'failed' && !flags.json) {
        bar?.stop();
        process.stderr.write(`${pc.red('failed')} ${outcome.error}\n`);
        bar?.start(inputs.length, outcomes.length);
      }
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

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
