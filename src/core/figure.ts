import { z } from 'zod';

/** What a figure counts. See ../../docs and the eval README for the conventions. */
export const FIGURE_KINDS = [
  'killed',
  'injured',
  'killed_or_injured',
  'captured',
  'displaced',
  'strength',
  'surrendered',
] as const;
export const FigureKind = z.enum(FIGURE_KINDS);
export type FigureKind = z.infer<typeof FigureKind>;

/**
 * How the text qualifies the number: "35" exact; "at least / more than / 35+" at_least (low only);
 * "up to / as many as / nearly" up_to (high only); "about / some / c." about; "23–150" range;
 * "dozens / hundreds / several" vague (no numbers, the word kept in `vague`).
 */
export const QUALIFIERS = ['exact', 'at_least', 'up_to', 'about', 'range', 'vague', 'none'] as const;
export const Qualifier = z.enum(QUALIFIERS);
export type Qualifier = z.infer<typeof Qualifier>;

export const DATE_PRECISIONS = ['day', 'month', 'year', 'range'] as const;
export const DatePrecision = z.enum(DATE_PRECISIONS);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** A character span of the document text: `text === documentText.slice(start, end)` always holds. */
export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Span = z.infer<typeof Span>;

/** A partly known date: ISO `start`/`end` (YYYY-MM-DD) and how precisely the text stated it. */
export const DateRange = z.object({
  start: z.string(),
  end: z.string(),
  precision: DatePrecision,
});
export type DateRange = z.infer<typeof DateRange>;

export const FIGURE_SOURCES = ['infobox', 'prose', 'headline', 'caption', 'citation'] as const;

export const Figure = z.object({
  kind: FigureKind,
  low: z.number().int().nonnegative().nullable(),
  high: z.number().int().nonnegative().nullable(),
  qualifier: Qualifier,
  /** The vague word ("dozens", "thousands") when the text gives no number. */
  vague: z.string().nullable(),
  /** What is counted when it is not people ("families"). */
  unit: z.string().nullable(),
  /** The words that state the figure. */
  evidence: Span,
  /** The whole sentence (or infobox line) the figure stands in. */
  sentence: Span,
  claimant: z.string().nullable(),
  subject: z.string().nullable(),
  /** The side or actor the counted people belong to. */
  actor: z.string().nullable(),
  perpetrator: z.string().nullable(),
  manner: z.string().nullable(),
  place: z.string().nullable(),
  date: DateRange.nullable(),
  source: z.enum(FIGURE_SOURCES),
  /** Infobox side number (1-based) when the figure comes from a per-side infobox line. */
  side: z.number().int().positive().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const COMMANDER_STATUSES = ['KIA', 'POW', 'WIA', 'DOW', 'MIA', 'executed', 'surrendered'] as const;

export const Commander = z.object({
  name: z.string(),
  status: z.enum(COMMANDER_STATUSES).nullable(),
});
export type Commander = z.infer<typeof Commander>;

export const ConflictSide = z.object({
  combatants: z.array(z.string()),
  /** "Supported by" parties, kept apart from the belligerents. */
  supporters: z.array(z.string()),
  commanders: z.array(Commander),
  units: z.array(z.string()),
  strength: z.string().nullable(),
  casualties: z.string().nullable(),
});
export type ConflictSide = z.infer<typeof ConflictSide>;

/** The conflict infobox of an encyclopedia article. */
export const Conflict = z.object({
  name: z.string(),
  part_of: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  date_precision: DatePrecision.nullable(),
  place: z.string().nullable(),
  result: z.string().nullable(),
  territory: z.string().nullable(),
  sides: z.array(ConflictSide),
  /** Casualty lines that belong to no side (civilians, totals). */
  other_casualties: z.array(z.string()),
  evidence: Span,
});
export type Conflict = z.infer<typeof Conflict>;

export const Extractor = z.object({ name: z.string(), version: z.string() });
export type Extractor = z.infer<typeof Extractor>;

export const ExtractionResult = z.object({
  extractor: Extractor,
  figures: z.array(Figure),
  conflict: Conflict.nullable(),
});
export type ExtractionResult = z.infer<typeof ExtractionResult>;
