import { z } from 'zod';

export const DOCUMENT_KINDS = ['encyclopedia', 'news', 'report', 'other'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const SOURCE_FORMATS = ['text', 'markdown', 'html', 'pdf'] as const;
export const SourceFormat = z.enum(SOURCE_FORMATS);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** What a reader makes of one input: the text Tally keeps forever, and what it could tell about it. */
export const ReadDocument = z.object({
  text: z.string(),
  format: SourceFormat,
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  kind: DocumentKind,
  /** ISO date (YYYY-MM-DD) when the document says when it was published. */
  published: z.string().nullable(),
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
