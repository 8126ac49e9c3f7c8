import { parentPort } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import { readDocument } from '../ingest/read-document.js';
import { extractRead } from './analyse-document.js';
import type { AnalyseReply, AnalyseRequest } from './analyse-pool.js';

// One worker thread of the ingest pool: reads and extracts documents, never touches the store.
// Places and actors are resolved by the writer, so a worker holds no gazetteer (one per process).
const port = parentPort;
if (!port) throw new Error('analyse-worker runs as a worker thread');

port.on('message', async (request: AnalyseRequest) => {
  let reply: AnalyseReply;
  try {
    const read = await readDocument(request.bytes, request.name, { maxBytes: request.maxBytes });
    reply = { id: request.id, ok: true, read, extracted: extractRead(read) };
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
