import type { Kysely, Transaction } from 'kysely';
import type { Conflict, ExtractionResult } from '../core/figure.js';
import type { FigureFilter, StoredConflict, StoredFigure } from '../core/stored-figure.js';
import { FigureFilter as FigureFilterSchema } from '../core/stored-figure.js';
import { figureValues, insertExtractionRows } from './document-rows.js';
import type { Store } from './open-store.js';
import { latestExtractionOf } from './queries.js';
import type { ConflictPartyTable, Database, FigureRow } from './schema.js';

// Keeps one INSERT under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_INSERT = 400;

/**
 * Record one extractor run over a stored document with everything it found. Call inside a
 * transaction. The extraction's id, and the stored id of each of its figures by their order in `result`.
 */
export async function insertExtraction(
  trx: Transaction<Database> | Kysely<Database>,
  documentId: number,
  result: ExtractionResult,
  now: string,
): Promise<{ id: number; figureIds: number[] }> {
  const extraction = { extractor: result.extractor.name, extractor_version: result.extractor.version, created_at: now };
  const stored = await insertExtractionRows(trx, documentId, extraction, result.figures.map(figureValues));
  if (result.conflict) await insertConflict(trx, documentId, stored.id, result.conflict);
  return stored;
}

/** The conflict an infobox describes, and its parties, for an extraction already stored. */
export async function insertConflict(
  trx: Transaction<Database> | Kysely<Database>,
  documentId: number,
  extractionId: number,
  conflict: Conflict,
): Promise<void> {
  const row = await trx
    .insertInto('conflicts')
    .values({
      document_id: documentId,
      extraction_id: extractionId,
      name: conflict.name,
      part_of: conflict.part_of,
      date_start: conflict.start,
      date_end: conflict.end,
      date_precision: conflict.date_precision,
      place: conflict.place,
      result: conflict.result,
      territory: conflict.territory,
      other_casualties: JSON.stringify(conflict.other_casualties),
      evidence_start: conflict.evidence.start,
      evidence_end: conflict.evidence.end,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parties: Omit<ConflictPartyTable, 'id'>[] = [];
  for (const [index, side] of conflict.sides.entries()) {
    const add = (role: ConflictPartyTable['role'], names: string[], statuses: (string | null)[] = []) => {
      for (const [ordinal, name] of names.entries()) {
        parties.push({ conflict_id: row.id, side: index + 1, role, ordinal, name, status: statuses[ordinal] ?? null });
      }
    };
    add('combatant', side.combatants);
    add('supporter', side.supporters);
    add('unit', side.units);
    add(
      'commander',
      side.commanders.map((c) => c.name),
      side.commanders.map((c) => c.status),
    );
    if (side.strength) add('strength', [side.strength]);
    if (side.casualties) add('casualties', [side.casualties]);
  }
  for (let i = 0; i < parties.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('conflict_parties')
      .values(parties.slice(i, i + ROWS_PER_INSERT))
      .execute();
  }
}

/** Figures of each document's newest extraction, filtered. */
export async function listFigures(store: Store, filter: FigureFilter = {}): Promise<StoredFigure[]> {
  const f = FigureFilterSchema.parse(filter);
  let query = store.db
    .selectFrom('figures as f')
    .innerJoin('extractions as e', 'e.id', 'f.extraction_id')
    .innerJoin('documents as d', 'd.id', 'f.document_id')
    .selectAll('f')
    .select(['e.extractor', 'e.extractor_version', 'd.title as document_title'])
    .where((eb) => eb('f.extraction_id', '=', latestExtractionOf(eb.ref('f.document_id'))));
  if (f.document !== undefined) query = query.where('f.document_id', '=', f.document);
  if (f.kind) query = query.where('f.kind', '=', f.kind);
  if (f.minValue !== undefined) {
    const min = f.minValue;
    query = query.where((eb) => eb.or([eb('f.low', '>=', min), eb('f.high', '>=', min)]));
  }
  if (f.claimant) query = query.where('f.claimant', 'like', `%${escapeLike(f.claimant)}%`);
  const rows = await query.orderBy('f.document_id').orderBy('f.ordinal').limit(f.limit).offset(f.offset).execute();
  return rows.map(rowToFigure);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function rowToFigure(
  r: FigureRow & { extractor: string; extractor_version: string; document_title: string | null },
): StoredFigure {
  return {
    id: r.id,
    document_id: r.document_id,
    document_title: r.document_title,
    extractor: { name: r.extractor, version: r.extractor_version },
    kind: r.kind as StoredFigure['kind'],
    low: r.low,
    high: r.high,
    qualifier: r.qualifier as StoredFigure['qualifier'],
    vague: r.vague,
    unit: r.unit,
    evidence: { start: r.evidence_start, end: r.evidence_end, text: r.evidence_text },
    sentence: { start: r.sentence_start, end: r.sentence_end, text: r.sentence_text },
    claimant: r.claimant,
    subject: r.subject,
    actor: r.actor,
    perpetrator: r.perpetrator,
    manner: r.manner,
    place: r.place,
    date:
      r.date_start && r.date_end
        ? { start: r.date_start, end: r.date_end, precision: r.date_precision as 'day' }
        : null,
    source: r.source as StoredFigure['source'],
    side: r.side,
  };
}

/** The conflict infobox of a document's newest extraction, if it had one. */
export async function getConflictOfDocument(store: Store, documentId: number): Promise<StoredConflict | null> {
  const row = await store.db
    .selectFrom('conflicts')
    .selectAll()
    .where('document_id', '=', documentId)
    .where((eb) => eb('extraction_id', '=', latestExtractionOf(eb.val(documentId))))
    .executeTakeFirst();
  if (!row) return null;
  const parties = await store.db
    .selectFrom('conflict_parties')
    .selectAll()
    .where('conflict_id', '=', row.id)
    .orderBy('side')
    .orderBy('role')
    .orderBy('ordinal')
    .execute();
  const sideCount = Math.max(0, ...parties.map((p) => p.side));
  const sides = Array.from({ length: sideCount }, (_, i) => {
    const of = (role: string) => parties.filter((p) => p.side === i + 1 && p.role === role);
    return {
      combatants: of('combatant').map((p) => p.name),
      supporters: of('supporter').map((p) => p.name),
      units: of('unit').map((p) => p.name),
      commanders: of('commander').map((p) => ({ name: p.name, status: p.status as 'KIA' | null })),
      strength: of('strength')[0]?.name ?? null,
      casualties: of('casualties')[0]?.name ?? null,
    };
  });
  return {
    id: row.id,
    document_id: row.document_id,
    name: row.name,
    part_of: row.part_of,
    start: row.date_start,
    end: row.date_end,
    date_precision: row.date_precision as StoredConflict['date_precision'],
    place: row.place,
    result: row.result,
    territory: row.territory,
    sides,
    other_casualties: JSON.parse(row.other_casualties) as string[],
    evidence: { start: row.evidence_start, end: row.evidence_end },
  };
}
