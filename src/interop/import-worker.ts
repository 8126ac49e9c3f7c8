import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import type { Resolvers } from '../merge/build-incidents.js';
import { type ActorIndex, createActorIndex } from '../resolve/actors.js';
import type { Gazetteer } from '../resolve/gazetteer.js';
import { gazetteerWith } from '../resolve/load-resolve-data.js';
import { readImportSource } from './import-rows.js';
import { type ImportWorkerData, type ImportWorkerMessage, MESSAGE_CHARS, READ_AHEAD } from './import-thread.js';

// The thread of an import that reads and checks a dataset file (import-thread.ts) while the main
// thread stores what it sends. It never touches the store.
const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const data = workerData as ImportWorkerData;

let credit = READ_AHEAD;
let resume: (() => void) | null = null;
port.on('message', () => {
  credit += 1;
  resume?.();
  resume = null;
});
const send = (m: ImportWorkerMessage) => port.postMessage(m);

// Indexed on first use, as the main thread's resolvers would be.
let gazetteer: Gazetteer | undefined;
let actors: ActorIndex | undefined;
const resolvers: Resolvers = {
  get gazetteer() {
    gazetteer ??= gazetteerWith(data.resolve.imported);
    return gazetteer;
  },
  get actors() {
    actors ??= createActorIndex(data.resolve.registry);
    return actors;
  },
};

/** Records written as JSON and not yet sent, and how many characters they hold. */
let pending: string[] = [];
let pendingChars = 0;

async function sendPending(bytes: number): Promise<void> {
  while (credit === 0) {
    await new Promise<void>((r) => {
      resume = r;
    });
  }
  credit -= 1;
  send({ type: 'slice', json: `[${pending.join(',')}]`, bytes });
  pending = [];
  pendingChars = 0;
}

try {
  const source = await readImportSource(createReadStream(data.path), { ...data, resolvers });
  send({ type: 'header', format: source.format, dataset: source.dataset });
  for await (const slice of source.slices) {
    for (const event of slice) {
      const json = JSON.stringify(event);
      if (pending.length > 0 && pendingChars + json.length > MESSAGE_CHARS) await sendPending(source.bytesRead());
      pending.push(json);
      pendingChars += json.length + 1;
    }
  }
  if (pending.length > 0) await sendPending(source.bytesRead());
  send({ type: 'done' });
} catch (error) {
  const e = error as Error;
  const invalid = error instanceof InvalidInputError;
  send({
    type: 'error',
    invalid,
    where: invalid ? error.where : data.file,
    problem: invalid ? error.problem : e.message,
    message: invalid ? e.message : `${data.file}: ${e.message}`,
  });
}
port.removeAllListeners('message');
