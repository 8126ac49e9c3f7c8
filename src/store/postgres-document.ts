import { CompiledQuery, type Kysely } from 'kysely';
import type { DocumentRows, DocumentValues, FigureValues, WrittenDocument } from './document-rows.js';
import { refuseOtherColumns } from './postgres-held-back.js';
import type { Database } from './schema.js';

type Column<T> = readonly [column: keyof T & string, type: 'int' | 'text'];

/** The columns of a document row and of a figure row, with their PostgreSQL types. */
const DOCUMENT: readonly Column<DocumentValues>[] = [
  ['content_hash', 'text'],
  ['title', 'text'],
  ['source', 'text'],
  ['publisher', 'text'],
  ['kind', 'text'],
  ['format', 'text'],
  ['published', 'text'],
  ['published_given', 'int'],
  ['language', 'text'],
  ['text', 'text'],
  ['bytes', 'int'],
  ['ingested_at', 'text'],
];
const FIGURE: readonly Column<FigureValues>[] = [
  ['kind', 'text'],
  ['low', 'int'],
  ['high', 'int'],
  ['qualifier', 'text'],
  ['vague', 'text'],
  ['unit', 'text'],
  ['evidence_start', 'int'],
  ['evidence_end', 'int'],
  ['evidence_text', 'text'],
  ['sentence_start', 'int'],
  ['sentence_end', 'int'],
  ['sentence_text', 'text'],
  ['claimant', 'text'],
  ['subject', 'text'],
  ['actor', 'text'],
  ['perpetrator', 'text'],
  ['manner', 'text'],
  ['place', 'text'],
  ['date_start', 'text'],
  ['date_end', 'text'],
  ['date_precision', 'text'],
  ['source', 'text'],
  ['side', 'int'],
];
const DOCUMENT_NAMES = DOCUMENT.map(([column]) => column);
const FIGURE_NAMES = FIGURE.map(([column]) => column);

/**
 * The document (unless its content is stored already: then the statement writes and returns
 * nothing), its extraction and its figures in one statement. The figures come as one array a column
 * (unnest), in order (with ordinality), so their ids follow that order as they did a statement at a
 * time, and one prepared statement serves any number of figures.
 */
const SQL = (() => {
  let parameter = 0;
  const next = (type: string) => `$${++parameter}::${type}`;
  const documents = DOCUMENT.map(([, type]) => next(type));
  const extraction = ['text', 'text', 'text'].map(next);
  const arrays = FIGURE.map(([, type]) => next(`${type}[]`));
  const names = FIGURE_NAMES.map((c) => `"${c}"`).join(', ');
  return `with d as (
    insert into documents (${DOCUMENT_NAMES.map((c) => `"${c}"`).join(', ')}) values (${documents.join(', ')})
    on conflict (content_hash) do nothing returning id
  ), e as (
    insert into extractions (document_id, extractor, extractor_version, created_at)
    select id, ${extraction.join(', ')} from d returning id, document_id
  ), f as (
    insert into figures (document_id, extraction_id, ordinal, ${names})
    select e.document_id, e.id, r.n - 1, ${FIGURE_NAMES.map((c) => `r."${c}"`).join(', ')}
    from e, unnest(${arrays.join(', ')}) with ordinality as r(${names}, n)
    order by r.n
    returning id, ordinal
  )
  select e.document_id, e.id as extraction_id,
    coalesce((select array_agg(f.id order by f.ordinal) from f), '{}'::int[]) as figure_ids
  from e`;
})();

/**
 * StoreDialect.writeDocument on PostgreSQL, where each statement waits for the server: one
 * statement where there were three. A row must have exactly the columns listed above, so that none
 * is left out unseen.
 */
export async function writeDocumentOnce(trx: Kysely<Database>, rows: DocumentRows): Promise<WrittenDocument | null> {
  refuseOtherColumns(rows.document, DOCUMENT_NAMES, 'a document row');
  for (const figure of rows.figures) refuseOtherColumns(figure, FIGURE_NAMES, 'a figure row');
  const { extractor, extractor_version, created_at } = rows.extraction;
  const document = rows.document as unknown as Record<string, unknown>;
  const parameters: unknown[] = [
    ...DOCUMENT_NAMES.map((c) => document[c] ?? null),
    extractor,
    extractor_version,
    created_at,
    ...FIGURE_NAMES.map((c) => rows.figures.map((f) => f[c] ?? null)),
  ];
  const result = await trx.executeQuery<{ document_id: number; extraction_id: number; figure_ids: number[] }>(
    CompiledQuery.raw(SQL, parameters),
  );
  const [written] = result.rows;
  if (!written) return null;
  if (written.figure_ids.length !== rows.figures.length)
    throw new Error(`stored ${written.figure_ids.length} of a document's ${rows.figures.length} figures`);
  return { documentId: written.document_id, extractionId: written.extraction_id, figureIds: written.figure_ids };
}
