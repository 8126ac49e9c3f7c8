import { z } from 'zod';

export const DOCUMENT_KINDS = ['encyclopedia', 'news', 'report', 'other'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const SOURCE_FORMATS = ['text', 'markdown', 'html', 'pdf'] as const;
export const SourceFormat = z.enum(SOURCE_FORMATS);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** A calendar day written YYYY-MM-DD that exists ("2023-02-29" does not). */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((day) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'no such day');

/** What a reader makes of one input: the text Tally keeps forever, and what it could tell about it. */
export const ReadDocument = z.object({
  text: z.string(),
  format: SourceFormat,
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  kind: DocumentKind,
  /**
   * ISO date (YYYY-MM-DD) of publication: the one the document states, else one given at ingest for
   * a text that does not say (`published_given`).
   */
  published: z.string().nullable(),
  /** Whether `published` was given at ingest rather than read from the document. */
  published_given: z.boolean().default(false),
  /** BCP 47 tag when known ("en", "fa"). */
  language: z.string().nullable(),
});
export type ReadDocument = z.infer<typeof ReadDocument>;

/** A stored document as the CLI's --json and the API return it. */
export const StoredDocument = ReadDocument.extend({
  id: z.number().int(),
  source: z.string(),
  content_hash: z.string(),
  bytes: z.number().int(),
  ingested_at: z.string(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;

/** A document in a listing: no text, and how many figures its newest extraction holds. */
export const DocumentSummary = StoredDocument.omit({ text: true }).extend({ figures: z.number().int() });
export type DocumentSummary = z.infer<typeof DocumentSummary>;
