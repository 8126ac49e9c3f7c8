import { z } from 'zod';

/**
 * Who published a document, as far as its sourcing goes: the UN or an NGO, a news outlet, a party to
 * the conflict (a government, an armed group or its spokesperson), an encyclopedia, social media.
 */
export const SOURCE_TYPES = ['un_ngo', 'news', 'party', 'encyclopedia', 'social_media', 'unknown'] as const;
export const SourceType = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof SourceType>;

/** How well an incident is sourced, in the spirit of Airwars' scale (docs/methodology.md, section 7). */
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

const ReviewerNote = {
  note: z.string().nullable(),
  note_sensitive: z.boolean(),
  by: z.string(),
  at: z.string(),
  audit_id: z.number().int(),
};

/** A reviewer's grade, which stands over the rule's until it is cleared. */
export const GradeOverride = z.object({ grade: Grade, ...ReviewerNote });
export type GradeOverride = z.infer<typeof GradeOverride>;

export const IncidentGrade = z.object({
  /** The grade readers see: the reviewer's when there is one, else the rule's. */
  grade: Grade,
  /** Independent sources: documents repeating one agency, or one another's text, count once. */
  sources: z.number().int().nonnegative(),
  /** Why, in a sentence a reader can check against the claims. */
  reason: z.string(),
  /** What the rule says, whatever a reviewer set. */
  computed: Grade,
  /** Claimants the rule takes for a party to the incident (resolved against its sides). */
  party_claimants: z.array(z.string()),
  override: GradeOverride.nullable(),
});
export type IncidentGrade = z.infer<typeof IncidentGrade>;

/** A document's source type as the guess makes it and as a reviewer corrected it. */
export const DocumentSource = z.object({
  document_id: z.number().int(),
  source_type: SourceType,
  /** The news agency the document credits ("Reuters", "AFP"); copies of one wire are one source. */
  agency: z.string().nullable(),
  guessed: SourceType,
  reason: z.string(),
  review: z.object({ source_type: SourceType, ...ReviewerNote }).nullable(),
});
export type DocumentSource = z.infer<typeof DocumentSource>;

export const GradeOverrideRequest = z.object({
  /** null clears the override: the rule's grade applies again. */
  grade: Grade.nullable(),
  note: z.string().max(4000).nullable().optional(),
  note_sensitive: z.boolean().optional(),
});
export type GradeOverrideRequest = z.infer<typeof GradeOverrideRequest>;

export const SourceTypeRequest = z.object({
  /** null clears the correction: the guess applies again. */
  source_type: SourceType.nullable(),
  note: z.string().max(4000).nullable().optional(),
  note_sensitive: z.boolean().optional(),
});
export type SourceTypeRequest = z.infer<typeof SourceTypeRequest>;
