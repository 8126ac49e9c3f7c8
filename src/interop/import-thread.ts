import type { Worker } from 'node:worker_threads';
import { moduleBeside, startThread } from '../app/threads.js';
import { InvalidInputError } from '../core/errors.js';
import type { ActorRegistryFile } from '../resolve/actor-registry.js';
import type { GazetteerEntry } from '../resolve/gazetteer.js';
import type { DatasetFormat } from './dataset-header.js';
import type { ImportEvent, ImportSource, ReadOptions } from './import-rows.js';

/** What the worker resolves places and actors from: the store's imported places, the registry. */
export interface ImportResolveData {
  imported: GazetteerEntry[];
  registry: ActorRegistryFile;
}

export interface ImportWorkerData {
  path: string;
  file: string;
  datasetVersion?: string;
  now: string;
  sliceSize: number;
  resolve: ImportResolveData;
}

/** From the worker: the header, then records as JSON arrays (one string copies faster than a tree of rows). */
export type ImportWorkerMessage =
  | { type: 'header'; format: DatasetFormat; dataset: string }
  | { type: 'slice'; json: string; bytes: number }
  | { type: 'done' }
  | { type: 'error'; invalid: boolean; where: string; problem: string; message: string };

/**
 * Characters of JSON in one message at most (a record longer than that goes alone). A string
 * larger than V8's largest ordinary object (128 KB; two bytes a character once a name is written
 * with a letter such as "ā") is a large object: it gets fresh pages of its own, in the reading
 * thread as it is flattened to be sent, and in this one as it is received. Slices of 250 GED rows
 * (about 400 KB each) faulted in 226,000 pages over 200,000 rows, and the kernel's time for those
 * was a sixth of the import's CPU on a virtual machine; messages under the limit faulted 84,000.
 */
export const MESSAGE_CHARS = 48_000;

/** Messages the worker may send ahead of the writer: enough to keep both threads busy, bounded. */
export const READ_AHEAD = 16;

const WORKER_URL = moduleBeside(import.meta.url, 'import-worker');

/**
 * The reading thread's young generation, larger than V8's default: a slice's rows and their
 * JSON outlive a scavenge or two, and every scavenge copied them again. 200,000 GED rows: the thread
 * spent 0.9 s collecting, 0.3 s at 64 MB, and the import took 7.1 s instead of 7.7-8.0 (alternated
 * twice; 32 and 48 MB no better than the default, 96 and 128 MB no better than 64).
 */
const YOUNG_GENERATION_MB = 64;

function startWorker(data: ImportWorkerData): Worker {
  return startThread(WORKER_URL, {
    workerData: data,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
}

/**
 * A dataset file read and checked on a worker thread (import-worker.ts), a slice at a time and at
 * most READ_AHEAD slices ahead of the caller: the same rows, problems and refusals as
 * readImportSource gives in this thread.
 */
export async function readInWorker(
  path: string,
  resolve: ImportResolveData,
  options: ReadOptions,
): Promise<ImportSource> {
  const worker = startWorker({
    path,
    file: options.file,
    datasetVersion: options.datasetVersion,
    now: options.now,
    sliceSize: options.sliceSize,
    resolve,
  });
  const queue: ImportWorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let notify: (() => void) | null = null;
  const wake = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (m: ImportWorkerMessage) => {
    queue.push(m);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', () => {
    exited = true;
    wake();
  });
  const next = async (): Promise<ImportWorkerMessage> => {
    for (;;) {
      const m = queue.shift();
      if (m) return m;
      if (failure) throw failure;
      if (exited) throw new Error(`${options.file}: the thread reading the file stopped`);
      await new Promise<void>((resolve) => {
        notify = resolve;
      });
    }
  };
  const close = async () => {
    await worker.terminate();
  };
  const failed = (m: Extract<ImportWorkerMessage, { type: 'error' }>) =>
    m.invalid ? new InvalidInputError(m.where, m.problem) : new Error(m.message);

  let first: ImportWorkerMessage;
  try {
    first = await next();
  } catch (error) {
    await close();
    throw error;
  }
  if (first.type !== 'header') {
    await close();
    throw first.type === 'error'
      ? failed(first)
      : new Error(`${options.file}: the reading thread sent ${first.type} first`);
  }
  // Bytes of the file read as of the last slice given, as the reading thread counted them.
  let bytes = 0;
  async function* slices(): AsyncGenerator<ImportEvent[]> {
    for (;;) {
      const m = await next();
      if (m.type === 'done') return;
      if (m.type === 'error') throw failed(m);
      if (m.type !== 'slice') continue;
      // The worker goes on with the next slice while this one is stored.
      worker.postMessage('ack');
      bytes = m.bytes;
      yield JSON.parse(m.json) as ImportEvent[];
    }
  }
  return { format: first.format, dataset: first.dataset, slices: slices(), bytesRead: () => bytes, close };
}
