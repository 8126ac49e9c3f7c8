import { z } from 'zod';

/** Why a source's report is part of an incident: what it told, and what agreed with the incident. */
export const MergeSource = z.object({
  document_id: z.number().int(),
  title: z.string().nullable(),
  /** founded: the first report, which made the incident; merged or undated: joined by the matcher; unrecorded: stored before reasons were kept. */
  how: z.enum(['founded', 'merged', 'undated', 'unrecorded']),
  report: z
    .object({
      date: z.object({ start: z.string(), end: z.string() }).nullable(),
      place: z.string().nullable(),
      event_type: z.string(),
      side_a: z.string().nullable(),
      side_b: z.string().nullable(),
      attribution: z
        .object({ how: z.enum(['claimed', 'attributed']), claimant: z.string().nullable(), cue: z.string() })
        .nullable(),
    })
    .nullable(),
  match: z.object({ date: z.string(), place: z.string(), event: z.string(), parties: z.string() }).nullable(),
  at: z.string().nullable(),
});
export type MergeSource = z.infer<typeof MergeSource>;

export const IncidentExplanation = z.object({
  incident_id: z.number().int(),
  sources: z.array(MergeSource),
});
export type IncidentExplanation = z.infer<typeof IncidentExplanation>;
