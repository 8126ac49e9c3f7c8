import { hostname } from 'node:os';
import pc from 'picocolors';
import { createAnalyser, loadResolvers } from '../../app/analyse-document.js';
import { runWorker } from '../../app/run-worker.js';
import { collectInputs, describeFsError, TooLargeError } from '../../ingest/collect-files.js';
import { readDocument } from '../../ingest/read-document.js';
import { enqueueJob, readQueueStatus } from '../../store/job-queue.js';
import { openStore } from '../../store/open-store.js';
import { printJson } from '../format.js';

/** `tally ingest --queue`: put the inputs' bytes on the queue for workers anywhere to process. */
export async function runEnqueue(
  db: string,
  paths: string[],
  flags: { json?: boolean; maxBytes: number; published?: string },
): Promise<number> {
  const store = await openStore(db);
  let queued = 0;
  const failures: string[] = [];
  try {
    for await (const input of collectInputs(paths)) {
      if ('problem' in input) {
        failures.push(`${input.name}: ${input.problem}`);
        continue;
      }
      try {
        const bytes = await input.read(flags.maxBytes);
        await enqueueJob(store, input.name, bytes, new Date().toISOString(), flags.published ?? null);
        queued += 1;
      } catch (error) {
        failures.push(`${input.name}: ${error instanceof TooLargeError ? error.message : describeFsError(error)}`);
      }
    }
    if (flags.json) printJson({ queued, failed: failures.length, failures });
    else {
      for (const f of failures) process.stderr.write(`${pc.red('failed')} ${f}\n`);
      process.stdout.write(`${queued} queued, ${failures.length} failed\n`);
    }
    return failures.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

export interface WorkerFlags {
  exitWhenEmpty?: boolean;
  lease: number;
  poll: number;
  maxBytes: number;
  actors: string;
}

/** `tally worker`: process queued documents until stopped (SIGINT/SIGTERM finish the current one). */
export async function runWorkerCommand(db: string, flags: WorkerFlags): Promise<number> {
  const store = await openStore(db);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const id = `${hostname()}:${process.pid}`;
    const deps = {
      store,
      read: readDocument,
      analyse: createAnalyser(await loadResolvers(store, flags.actors)),
      now: () => new Date().toISOString(),
    };
    process.stderr.write(`worker ${id} on ${store.dialect.location}\n`);
    const stats = await runWorker(store, deps, {
      id,
      leaseMs: flags.lease * 1000,
      pollMs: flags.poll,
      exitWhenEmpty: flags.exitWhenEmpty ?? false,
      maxBytes: flags.maxBytes,
      signal: stop.signal,
    });
    process.stdout.write(`${stats.done} done, ${stats.failed} failed\n`);
    return stats.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

export async function runQueueStatus(db: string, flags: { json?: boolean }): Promise<number> {
  const store = await openStore(db);
  try {
    const s = await readQueueStatus(store);
    if (flags.json) {
      printJson(s);
      return 0;
    }
    const total = s.queued + s.running + s.done + s.failed;
    const lines = [
      `${s.done}/${total} done, ${s.running} running, ${s.queued} queued, ${s.failed} failed`,
      `workers    ${s.workers.length > 0 ? s.workers.join(', ') : 'none running'}`,
      ...(s.oldestQueued ? [`oldest     queued at ${s.oldestQueued}`] : []),
      ...s.recentFailures.map((f) => `${pc.red('failed')} job ${f.id} ${f.error ?? f.name}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
