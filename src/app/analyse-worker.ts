import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import { readDocument } from '../ingest/read-document.js';
import { createActorIndex } from '../resolve/actors.js';
import { createGazetteer, type GazetteerEntry } from '../resolve/gazetteer.js';
import { loadActorRegistry, readShippedEntries } from '../resolve/load-resolve-data.js';
import { createAnalyser } from './analyse-document.js';
import type { AnalyseReply, AnalyseRequest } from './analyse-pool.js';

/** What the pool hands each worker: the store's own places and the user's actor file. */
export interface AnalyseWorkerData {
  places: GazetteerEntry[];
  actorsFile?: string;
}

// One worker thread of the ingest pool: reads and analyses documents, never touches the store.
const setup = workerData as AnalyseWorkerData;
const port = parentPort;
if (!port) throw new Error('analyse-worker runs as a worker thread');

const ready = (async () => {
  const [shipped, registry] = await Promise.all([readShippedEntries(), loadActorRegistry(setup.actorsFile)]);
  // The same precedence as loadResolvers: a place imported into the store wins over the shipped one.
  const ids = new Set(setup.places.map((e) => e.id));
  const entries = [...shipped.filter((e) => !ids.has(e.id)), ...setup.places];
  return createAnalyser({ gazetteer: createGazetteer(entries), actors: createActorIndex(registry) });
})();

port.on('message', async (request: AnalyseRequest) => {
  let reply: AnalyseReply;
  try {
    const analyse = await ready;
    const read = await readDocument(request.bytes, request.name, { maxBytes: request.maxBytes });
    reply = { id: request.id, ok: true, read, analysis: analyse(read) };
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      invalid: error instanceof InvalidInputError,
      message: (error as Error).message,
    };
  }
  port.postMessage(reply);
});
