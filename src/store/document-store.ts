import { type Kysely, sql } from 'kysely';
import type { ReadDocument, StoredDocument } from '../core/document.js';
import { NotFoundError } from '../core/errors.js';
import type { ExtractionResult } from '../core/figure.js';
import type { DraftIncident } from '../merge/incident-draft.js';
import type { DeathClaimsMemory } from './death-claims-memory.js';
import type { StoreDialect } from './dialect.js';
import { figureValues } from './document-rows.js';
import { insertConflict } from './extraction-store.js';
import { recomputeIncidents, saveIncidents } from './incident-store.js';
import type { Store } from './open-store.js';
import { latestExtractionOf } from './queries.js';
import { runShaped } from './query-shapes.js';
import type { Database, DocumentRow } from './schema.js';
import { inTransaction } from './transactions.js';

export interface NewDocument {
  read: ReadDocument;
  /** Path or URL it came from. */
  source: string;
  contentHash: string;
  bytes: number;
  extraction: ExtractionResult;
  /** The document's incidents, merged into the stored ones in the same transaction. */
  incidents?: DraftIncident[];
  /** ISO timestamp of the ingest; passed in so the store never reads the clock itself. */
  now: string;
}

export type SaveOutcome = { status: 'ingested'; id: number; figures: number } | { status: 'unchanged'; id: number };

/**
 * Store a document and what was extracted from it in one transaction: either all of it is there
 * afterwards, or none of it. The same content twice (by hash) is reported unchanged, even when
 * two writers race.
 */
export async function saveDocument(store: Store, doc: NewDocument): Promise<SaveOutcome> {
  const [outcome] = await saveDocuments(store, [doc]);
  return outcome as SaveOutcome;
}

/**
 * Store documents in order in one transaction: all of them are there afterwards, or none. A commit
 * costs as much as storing a short report, so a batch ingest commits many at a time. A run of
 * batches passes one `memory`, which keeps incidents' killed claims from batch to batch.
 */
export async function saveDocuments(
  store: Store,
  docs: readonly NewDocument[],
  memory?: DeathClaimsMemory,
): Promise<SaveOutcome[]> {
  try {
    const outcomes = await inTransaction(
      store,
      async (trx) => {
        await memory?.begin(trx, store.dialect);
        const saved: SaveOutcome[] = [];
        // An incident that several documents of the batch report is recomputed once, after the last.
        const stale = new Set<number>();
        for (const doc of docs) saved.push(await insertDocument(trx, store.dialect, doc, stale, memory));
        await recomputeIncidents(trx, store.dialect, [...stale], memory);
        await memory?.end(trx, store.dialect);
        return saved;
      },
      // What the aborted attempt read into memory was rolled back with it.
      () => memory?.rolledBack(),
    );
    memory?.committed();
    return outcomes;
  } catch (error) {
    memory?.rolledBack();
    throw error;
  }
}

async function insertDocument(
  trx: Kysely<Database>,
  dialect: StoreDialect,
  doc: NewDocument,
  stale: Set<number>,
  memory: DeathClaimsMemory | undefined,
): Promise<SaveOutcome> {
  const values = {
    content_hash: doc.contentHash,
    title: doc.read.title,
    source: doc.source,
    publisher: doc.read.publisher,
    kind: doc.read.kind,
    format: doc.read.format,
    published: doc.read.published,
    published_given: doc.read.published_given ? 1 : 0,
    language: doc.read.language,
    text: doc.read.text,
    bytes: doc.bytes,
    ingested_at: doc.now,
  };
  const written = await dialect.writeDocument(trx, {
    document: values,
    extraction: {
      extractor: doc.extraction.extractor.name,
      extractor_version: doc.extraction.extractor.version,
      created_at: doc.now,
    },
    figures: doc.extraction.figures.map(figureValues),
  });
  if (!written) {
    const [existing] = await documentsByHash(trx, doc.contentHash);
    if (!existing) throw new Error(`document ${doc.contentHash} neither inserted nor found`);
    return { status: 'unchanged', id: existing.id };
  }
  if (doc.extraction.conflict) {
    await insertConflict(trx, written.documentId, written.extractionId, doc.extraction.conflict);
  }
  if (doc.incidents && doc.incidents.length > 0) {
    await saveIncidents(trx, dialect, written.documentId, doc.incidents, written.figureIds, doc.now, stale, memory);
  }
  return { status: 'ingested', id: written.documentId, figures: doc.extraction.figures.length };
}

export async function findDocumentByHash(store: Store, contentHash: string): Promise<number | null> {
  const [row] = await documentsByHash(store.db, contentHash);
  return row?.id ?? null;
}

function documentsByHash(db: Kysely<Database>, contentHash: string): Promise<{ id: number }[]> {
  return runShaped(
    db,
    'document-by-hash',
    (value) => db.selectFrom('documents').select('id').where('content_hash', '=', value<string>('hash')),
    { hash: contentHash },
  );
}

export interface DocumentSummary extends Omit<StoredDocument, 'text'> {
  figures: number;
}

export async function listDocuments(
  store: Store,
  options: { limit?: number; offset?: number } = {},
): Promise<DocumentSummary[]> {
  const rows = await store.db
    .selectFrom('documents as d')
    .select([
      'd.id',
      'd.content_hash',
      'd.title',
      'd.source',
      'd.publisher',
      'd.kind',
      'd.format',
      'd.published',
      'd.published_given',
      'd.language',
      'd.bytes',
      'd.ingested_at',
      (eb) =>
        eb
          .selectFrom('figures as f')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('f.document_id', '=', 'd.id')
          .where('f.extraction_id', '=', latestExtractionOf(eb.ref('d.id')))
          .as('figures'),
    ])
    .orderBy('d.id')
    .limit(options.limit ?? 1000)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...toDocumentMeta(r), figures: Number(r.figures ?? 0) }));
}

export async function getDocument(store: Store, id: number): Promise<StoredDocument> {
  const row = await store.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('document', String(id));
  return { ...toDocumentMeta(row), text: row.text };
}

function toDocumentMeta(row: Omit<DocumentRow, 'text'>): Omit<StoredDocument, 'text'> {
  return {
    id: row.id,
    content_hash: row.content_hash,
    title: row.title,
    source: row.source,
    publisher: row.publisher,
    kind: row.kind as StoredDocument['kind'],
    format: row.format as StoredDocument['format'],
    published: row.published,
    published_given: row.published_given === 1,
    language: row.language,
    bytes: row.bytes,
    ingested_at: row.ingested_at,
  };
}
