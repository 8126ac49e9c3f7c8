import { type Expression, sql } from 'kysely';

/** The newest extraction of a document: older runs stay stored, but only the newest is current. */
export function latestExtractionOf(documentId: Expression<number>) {
  return sql<number>`(select max(e.id) from extractions e where e.document_id = ${documentId})`;
}

/**
 * Case-insensitive "contains", with LIKE's wildcards in the value taken literally. Both dialects
 * accept this exact SQL (PostgreSQL's LIKE is case-sensitive, hence lower() on both sides).
 */
export function containsText(column: Expression<string | null>, value: string) {
  const pattern = `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${column}) like ${pattern} escape '\\'`;
}
