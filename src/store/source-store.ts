import { type Kysely, sql } from 'kysely';
import type { DocumentKind } from '../core/document.js';
import type { DocumentSource, SourceType } from '../core/grade.js';
import { guessSourceType } from '../grade/source-type.js';
import { chunks } from './review-store.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

// The guess reads the header and dateline; the rest of a long report would only cost time.
const HEAD_CHARS = 3000;

/** A document's source as grading and the report need it: its type, agency and label. */
export interface SourceProfile extends DocumentSource {
  title: string | null;
  publisher: string | null;
  published: string | null;
  source: string;
}

/**
 * Source types of documents: the guess from their publisher, location and header, under the newest
 * reviewer correction. Documents that do not exist are left out.
 */
export async function readDocumentSources(db: Db, ids: readonly number[]): Promise<Map<number, SourceProfile>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, SourceProfile>();
  for (const part of chunks(unique)) {
    const [docs, reviews] = await Promise.all([
      db
        .selectFrom('documents')
        .select([
          'id',
          'title',
          'publisher',
          'published',
          'source',
          'kind',
          sql<string>`substr(text, 1, ${HEAD_CHARS})`.as('head'),
        ])
        .where('id', 'in', part)
        .execute(),
      latestSourceReviews(db, part),
    ]);
    for (const d of docs) {
      const guess = guessSourceType({
        publisher: d.publisher,
        source: d.source,
        title: d.title,
        kind: d.kind as DocumentKind,
        head: d.head,
      });
      const review = reviews.get(d.id);
      const corrected = review?.source_type ? (review.source_type as SourceType) : null;
      out.set(d.id, {
        document_id: d.id,
        source_type: corrected ?? guess.type,
        agency: guess.agency,
        guessed: guess.type,
        reason: corrected ? `set by ${review?.user_name}` : guess.reason,
        review:
          review?.source_type == null
            ? null
            : {
                source_type: review.source_type as SourceType,
                note: review.note,
                note_sensitive: review.note_sensitive === 1,
                by: review.user_name,
                at: review.created_at,
                audit_id: review.audit_id,
              },
        title: d.title,
        publisher: d.publisher,
        published: d.published,
        source: d.source,
      });
    }
  }
  return out;
}

/** The newest source review of each document (a cleared one included: its null type means "the guess"). */
async function latestSourceReviews(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('source_reviews as r')
    .innerJoin('audit_log as a', 'a.id', 'r.audit_id')
    .selectAll('r')
    .select('a.user_name')
    .where('r.document_id', 'in', ids)
    .orderBy('r.id', 'desc')
    .execute();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.document_id)) latest.set(r.document_id, r);
  return latest;
}
