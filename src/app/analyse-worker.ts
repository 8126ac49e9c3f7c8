import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import { readDocument } from '../ingest/read-document.js';
import { createAnalyser, type ResolveData, resolversFrom } from './analyse-document.js';
import type { AnalyseReply, AnalyseRequest } from './analyse-pool.js';

// One worker thread of the ingest pool: reads documents, extracts them and builds their incidents,
// never touches the store. It holds its own gazetteer and actor index, built from the data it was
// started with (the store's imported places, the user's actors) as the writer would build them.
const port = parentPort;
if (!port) throw new Error('analyse-worker runs as a worker thread');
const analyse = createAnalyser(resolversFrom(workerData as ResolveData));

port.on('message', async (request: AnalyseRequest) => {
  let reply: AnalyseReply;
  try {
    const read = await readDocument(request.bytes, request.name, request.options);
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
