import { z } from 'zod';
import { type IngestOutcome, ingestOne } from '../app/ingest-documents.js';
import { DocumentDetail, IngestResult } from '../core/api.js';
import { CalendarDay, DocumentSummary } from '../core/document.js';
import { InputTooLargeError, InvalidInputError } from '../core/errors.js';
import { parseInput } from '../core/validate.js';
import type { InputItem } from '../ingest/collect-files.js';
import { formatBytes } from '../ingest/collect-files.js';
import { appendAudit } from '../store/audit-store.js';
import { getDocument, listDocuments } from '../store/document-store.js';
import { getConflictOfDocument } from '../store/extraction-store.js';
import { listReviewedFigures } from '../store/reviewed-figures.js';
import { agentOf } from './auth-hooks.js';
import type { ServerDeps, ZodApp } from './server-types.js';
import { uploadLabel } from './upload-label.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const PasteRequest = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  text: z.string().min(1, 'the text is empty'),
  /** Where the text came from (a URL, an archive reference); shown as the document's source. */
  source: z.string().trim().min(1).max(1000).optional(),
  /** The day the text was published, kept when the text itself does not say. */
  published: CalendarDay.optional(),
});

/** An in-memory input, so uploads go through the same ingest as files on disk. */
function memoryItem(name: string, bytes: Uint8Array): InputItem {
  return { name, size: bytes.byteLength, read: async () => bytes };
}

export function registerDocumentRoutes(app: ZodApp, deps: ServerDeps): void {
  /** Ingest one input as the CLI does, record who did it, and answer 201 (new) or 200 (same content already stored). */
  async function ingest(
    item: InputItem,
    field: string,
    agent: { userId: number; name: string },
    given: { title?: string; published?: string } = {},
  ) {
    const { title, published } = given;
    const outcome: IngestOutcome = await ingestOne(
      item,
      {
        store: deps.store,
        read: async (bytes, name, options) => {
          const read = await deps.read(bytes, name, options);
          return title ? { ...read, title } : read;
        },
        analyse: deps.analyse,
        now: deps.now,
      },
      { maxBytes: deps.config.uploadLimit, published },
    );
    if (outcome.status === 'failed') throw new InvalidInputError(field, outcome.error);
    if (outcome.status === 'ingested') {
      await appendAudit(deps.store.db, {
        agent,
        action: 'document.ingest',
        entityType: 'document',
        entityId: outcome.id,
        before: { [`document:${outcome.id}`]: null },
        after: { [`document:${outcome.id}`]: { source: item.name, figures: outcome.figures } },
        reason: null,
        now: deps.now(),
      });
    }
    return {
      status: outcome.status === 'ingested' ? (201 as const) : (200 as const),
      body: {
        name: outcome.name,
        status: outcome.status,
        id: outcome.id,
        figures: outcome.status === 'ingested' ? outcome.figures : null,
      },
    };
  }

  app.get(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Stored documents (no text)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(DocumentSummary) },
      },
    },
    async (request) => listDocuments(deps.store, request.query),
  );

  app.get(
    '/api/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'One document with its text, its current figures (reviews applied) and its conflict infobox',
        params: IdParams,
        response: { 200: DocumentDetail },
      },
    },
    async (request) => {
      const doc = await getDocument(deps.store, request.params.id);
      const figures = await listReviewedFigures(deps.store, { document: doc.id, status: 'all', limit: 100_000 });
      return { ...doc, figures, conflict: await getConflictOfDocument(deps.store, doc.id) };
    },
  );

  app.post(
    '/api/documents',
    {
      config: { access: 'analyst' },
      // Pasted text may be as large as an upload, not just a JSON request; the text itself is checked below.
      bodyLimit: deps.config.uploadLimit + 16 * 1024,
      schema: {
        tags: ['documents'],
        summary: 'Ingest pasted text (JSON {title, text, source, published})',
        body: PasteRequest,
        response: { 200: IngestResult, 201: IngestResult },
      },
    },
    async (request, reply) => {
      const { title, text, source, published } = request.body;
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.byteLength > deps.config.uploadLimit) {
        throw new InputTooLargeError(
          'body.text',
          `larger than the ${formatBytes(deps.config.uploadLimit)} upload limit`,
        );
      }
      const name = source ?? `pasted: ${title ?? text.slice(0, 40).replace(/\s+/g, ' ').trim()}`;
      const result = await ingest(memoryItem(name, bytes), 'body.text', agentOf(request), { title, published });
      return reply.status(result.status).send(result.body);
    },
  );

  app.post(
    '/api/documents/upload',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['documents'],
        summary:
          'Ingest an uploaded file (multipart/form-data: optional field "published", YYYY-MM-DD, for a text that does not say when it was published; then "file"): text, Markdown, HTML or PDF',
        consumes: ['multipart/form-data'],
        response: { 200: IngestResult, 201: IngestResult },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new InvalidInputError('body', 'expected multipart/form-data with a "file" field');
      const file = await request.file();
      if (file?.fieldname !== 'file') throw new InvalidInputError('body.file', 'expected a file in the "file" field');
      // The fields before the file are read by now: a bad day is refused before the file is.
      const given = file.fields.published;
      const published =
        given !== undefined && !Array.isArray(given) && given.type === 'field' && String(given.value).trim() !== ''
          ? parseInput(CalendarDay, String(given.value).trim(), 'body.published')
          : undefined;
      // toBuffer() throws 413 when the file passes the upload limit; nothing half-read is stored.
      const bytes = await file.toBuffer();
      const name = uploadLabel(file.filename);
      const result = await ingest(memoryItem(name, bytes), 'body.file', agentOf(request), { published });
      return reply.status(result.status).send(result.body);
    },
  );
}
