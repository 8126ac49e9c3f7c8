import { z } from 'zod';
import { Conflict, Extractor, Figure } from './figure.js';

/** A figure as stored: what the extractor said, plus where it lives. */
export const StoredFigure = Figure.extend({
  id: z.number().int(),
  document_id: z.number().int(),
  document_title: z.string().nullable(),
  extractor: Extractor,
});
export type StoredFigure = z.infer<typeof StoredFigure>;

export const StoredConflict = Conflict.omit({ evidence: true }).extend({
  id: z.number().int(),
  document_id: z.number().int(),
  evidence: z.object({ start: z.number().int(), end: z.number().int() }),
});
export type StoredConflict = z.infer<typeof StoredConflict>;

export const FigureFilter = z.object({
  document: z.number().int().optional(),
  kind: Figure.shape.kind.optional(),
  minValue: z.number().int().nonnegative().optional(),
  claimant: z.string().optional(),
  limit: z.number().int().positive().max(100_000).default(1000),
  offset: z.number().int().nonnegative().default(0),
});
export type FigureFilter = z.input<typeof FigureFilter>;
