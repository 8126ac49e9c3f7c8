import type { Kysely } from 'kysely';
import type { Figure } from '../core/figure.js';
import { insertRowsReturning } from './insert-rows.js';
import { runShaped, slotsOf } from './query-shapes.js';
import type { Database, DocumentTable, ExtractionTable, FigureTable } from './schema.js';

/** A new document's row. */
export type DocumentValues = Omit<DocumentTable, 'id'>;
/** An extraction's row but for the document it belongs to. */
export type ExtractionValues = Omit<ExtractionTable, 'id' | 'document_id'>;
/** A figure's row but for its document, its extraction and its place among the extraction's figures. */
export type FigureValues = Omit<FigureTable, 'id' | 'document_id' | 'extraction_id' | 'ordinal'>;

/** What ingest writes first for a new document: its row, its extraction's, and the figures in order. */
export interface DocumentRows {
  readonly document: DocumentValues;
  readonly extraction: ExtractionValues;
  readonly figures: readonly FigureValues[];
}

export interface WrittenDocument {
  documentId: number;
  extractionId: number;
  /** The stored id of each figure, by its place in DocumentRows.figures. */
  figureIds: number[];
}

// Keeps one INSERT under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const FIGURES_PER_INSERT = 400;

/** A figure as the figures table stores it. */
export function figureValues(f: Figure): FigureValues {
  return {
    kind: f.kind,
    low: f.low,
    high: f.high,
    qualifier: f.qualifier,
    vague: f.vague,
    unit: f.unit,
    evidence_start: f.evidence.start,
    evidence_end: f.evidence.end,
    evidence_text: f.evidence.text,
    sentence_start: f.sentence.start,
    sentence_end: f.sentence.end,
    sentence_text: f.sentence.text,
    claimant: f.claimant,
    subject: f.subject,
    actor: f.actor,
    perpetrator: f.perpetrator,
    manner: f.manner,
    place: f.place,
    date_start: f.date?.start ?? null,
    date_end: f.date?.end ?? null,
    date_precision: f.date?.precision ?? null,
    source: f.source,
    side: f.side,
  };
}

/** An extraction of a stored document, then its figures, up to FIGURES_PER_INSERT a statement. */
export async function insertExtractionRows(
  trx: Kysely<Database>,
  documentId: number,
  extraction: ExtractionValues,
  figures: readonly FigureValues[],
): Promise<{ id: number; figureIds: number[] }> {
  const values = { document_id: documentId, ...extraction };
  const [stored] = await runShaped<{ id: number }>(
    trx,
    'extraction-insert',
    (value) => trx.insertInto('extractions').values(slotsOf(values, value)).returning('id'),
    values,
  );
  if (!stored) throw new Error(`no extraction row returned for document ${documentId}`);
  const rows = figures.map((f, ordinal) => ({ document_id: documentId, extraction_id: stored.id, ordinal, ...f }));
  const figureIds: number[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += FIGURES_PER_INSERT) {
    const written = await insertRowsReturning(trx, 'figures', rows.slice(i, i + FIGURES_PER_INSERT), ['id', 'ordinal']);
    for (const f of written) figureIds[f.ordinal] = f.id;
  }
  return { id: stored.id, figureIds };
}

/**
 * StoreDialect.writeDocument a statement at a time (SQLite, where a statement costs no wait): the
 * document, unless its content is stored already (then null, and nothing is written), its
 * extraction, its figures.
 */
export async function insertDocumentRows(trx: Kysely<Database>, rows: DocumentRows): Promise<WrittenDocument | null> {
  const values = rows.document;
  const [inserted] = await runShaped<{ id: number }>(
    trx,
    'document-insert',
    (value) =>
      trx
        .insertInto('documents')
        .values(slotsOf(values, value))
        .onConflict((oc) => oc.column('content_hash').doNothing())
        .returning('id'),
    values,
  );
  if (!inserted) return null;
  const { id, figureIds } = await insertExtractionRows(trx, inserted.id, rows.extraction, rows.figures);
  return { documentId: inserted.id, extractionId: id, figureIds };
}
