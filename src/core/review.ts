import { z } from 'zod';
import { Figure, FigureKind, Qualifier } from './figure.js';
import { Claim, Estimate, EventType, Incident, IncidentSource, ResolvedPlace, ViolenceType } from './incident.js';
import { StoredFigure } from './stored-figure.js';

/** What readers without the right role see in place of a sensitive field. */
export const REDACTED = '[redacted]';

export const FIGURE_REVIEW_STATUSES = ['unreviewed', 'accepted', 'corrected', 'rejected'] as const;
export const FigureReviewStatus = z.enum(FIGURE_REVIEW_STATUSES);
export type FigureReviewStatus = z.infer<typeof FigureReviewStatus>;

/** `merged`: folded into another incident; `void`: an incident a split made, undone by a revert. */
export const INCIDENT_REVIEW_STATUSES = [...FIGURE_REVIEW_STATUSES, 'merged', 'void'] as const;
export const IncidentReviewStatus = z.enum(INCIDENT_REVIEW_STATUSES);
export type IncidentReviewStatus = z.infer<typeof IncidentReviewStatus>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const ReviewDate = z
  .object({ start: IsoDay, end: IsoDay, precision: z.enum(['day', 'month', 'year', 'range']) })
  .refine((d) => d.start <= d.end, { message: 'start must not be after end', path: ['end'] });

/** The part of a figure a reviewer can correct; the span and sentence stay the extractor's. */
export const FigureValues = Figure.pick({
  kind: true,
  low: true,
  high: true,
  qualifier: true,
  vague: true,
  date: true,
  place: true,
  actor: true,
  perpetrator: true,
  claimant: true,
});
export type FigureValues = z.infer<typeof FigureValues>;

export const SideRef = z.object({ name: z.string().trim().min(1).max(200), actor_id: z.string().max(100).nullable() });
export type SideRef = z.infer<typeof SideRef>;

/** The part of an incident a reviewer can correct; claims and sources move only by merge and split. */
export const IncidentValues = z.object({
  date: z.object({ start: z.string(), end: z.string(), precision: z.string() }),
  place: ResolvedPlace.nullable(),
  event_type: EventType,
  sub_event_type: z.string(),
  violence_type: ViolenceType.nullable(),
  side_a: SideRef.nullable(),
  side_b: SideRef.nullable(),
  deaths: Estimate,
  deaths_by: Incident.shape.deaths_by,
});
export type IncidentValues = z.infer<typeof IncidentValues>;

const ReviewMeta = {
  /** Values come from the review rather than the extraction. */
  corrected: z.boolean(),
  /** Free text for the team (a witness, a doubt); may be marked sensitive. */
  note: z.string().nullable(),
  note_sensitive: z.boolean(),
  by: z.string(),
  at: z.string(),
  audit_id: z.number().int(),
};

export const FigureReview = z.object({ status: FigureReviewStatus, ...ReviewMeta });
export type FigureReview = z.infer<typeof FigureReview>;

export const IncidentReview = z.object({
  status: IncidentReviewStatus,
  merged_into: z.number().int().nullable(),
  ...ReviewMeta,
});
export type IncidentReview = z.infer<typeof IncidentReview>;

/** A figure as the API returns it: the effective values on top, what the extractor said in `extracted`. */
export const ReviewedFigure = StoredFigure.extend({
  extracted: FigureValues,
  review: FigureReview.nullable(),
});
export type ReviewedFigure = z.infer<typeof ReviewedFigure>;

export const ReviewedClaim = Claim.extend({
  id: z.number().int(),
  /** The review of the figure this claim quotes, when there is one; its corrected numbers are shown. */
  figure_review: z.object({ status: FigureReviewStatus, corrected: z.boolean() }).nullable(),
});
export type ReviewedClaim = z.infer<typeof ReviewedClaim>;

export const ReviewedIncident = Incident.extend({
  claims: z.array(ReviewedClaim),
  sources: z.array(IncidentSource.extend({ id: z.number().int() })),
  extracted: IncidentValues,
  review: IncidentReview.nullable(),
  /** Incidents merged into this one. */
  merged_from: z.array(z.number().int()),
});
export type ReviewedIncident = z.infer<typeof ReviewedIncident>;

/** A review state as the audit trail records it before and after a change. */
export const FigureState = z.object({
  status: FigureReviewStatus,
  corrected: z.boolean(),
  values: FigureValues,
  note: z.string().nullable(),
  note_sensitive: z.boolean(),
});
export type FigureState = z.infer<typeof FigureState>;

export const IncidentState = z.object({
  status: IncidentReviewStatus,
  corrected: z.boolean(),
  merged_into: z.number().int().nullable(),
  values: IncidentValues,
  note: z.string().nullable(),
  note_sensitive: z.boolean(),
  /** The deaths were typed by an analyst; otherwise they follow the claims the incident holds. */
  deaths_set: z.boolean().optional(),
  /** Which claims and sources belong to the incident; recorded by merges and splits so a revert can move them back. */
  members: z.object({ claims: z.array(z.number().int()), sources: z.array(z.number().int()) }).optional(),
});
export type IncidentState = z.infer<typeof IncidentState>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.number().int(),
  /** Entity key ("figure:12", "incident:3") to its state before the change. */
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  reverts: z.number().int().nullable(),
  reverted_by: z.array(z.number().int()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Reason = z.string().trim().min(1, 'say why').max(2000);
const NoteFields = {
  note: z.string().max(10_000).nullable().optional(),
  note_sensitive: z.boolean().optional(),
};

export const AcceptRequest = z.object({ reason: Reason.optional(), ...NoteFields });
export type AcceptRequest = z.infer<typeof AcceptRequest>;
export const RejectRequest = z.object({ reason: Reason, ...NoteFields });
export type RejectRequest = z.infer<typeof RejectRequest>;
export const NoteRequest = z.object({
  note: z.string().max(10_000).nullable(),
  note_sensitive: z.boolean(),
  reason: Reason.optional(),
});
export type NoteRequest = z.infer<typeof NoteRequest>;
export const RevertRequest = z.object({ reason: Reason });

const Count = z.number().int().nonnegative().nullable();
const ShortText = z.string().trim().min(1).max(500).nullable();

export const FigureCorrection = z
  .object({
    reason: Reason,
    ...NoteFields,
    kind: FigureKind.optional(),
    low: Count.optional(),
    high: Count.optional(),
    qualifier: Qualifier.optional(),
    vague: ShortText.optional(),
    date: ReviewDate.nullable().optional(),
    place: ShortText.optional(),
    actor: ShortText.optional(),
    perpetrator: ShortText.optional(),
    claimant: ShortText.optional(),
  })
  .strict();
export type FigureCorrection = z.infer<typeof FigureCorrection>;

export const IncidentCorrection = z
  .object({
    reason: Reason,
    ...NoteFields,
    date: ReviewDate.optional(),
    /** A gazetteer id (see /api/places), or null for "place unknown". */
    place_id: z.string().min(1).max(200).nullable().optional(),
    event_type: EventType.optional(),
    sub_event_type: z.string().min(1).max(100).optional(),
    side_a: SideRef.nullable().optional(),
    side_b: SideRef.nullable().optional(),
    violence_type: ViolenceType.nullable().optional(),
    deaths: Estimate.optional(),
  })
  .strict();
export type IncidentCorrection = z.infer<typeof IncidentCorrection>;

export const MergeRequest = z.object({
  /** The incident that stays. */
  target: z.number().int().positive(),
  /** The incident folded into it. */
  source: z.number().int().positive(),
  reason: Reason,
});
export const SplitRequest = z.object({
  /** Claim ids as the incident lists them; an imported incident's dataset claims have negative ids. */
  claims: z
    .array(
      z
        .number()
        .int()
        .refine((id) => id !== 0, 'a claim id is not 0'),
    )
    .max(1000)
    .default([]),
  sources: z.array(z.number().int().positive()).max(1000).default([]),
  reason: Reason,
});
export type SplitRequest = z.infer<typeof SplitRequest>;
