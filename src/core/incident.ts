import { z } from 'zod';
import { FigureKind, Qualifier } from './figure.js';
import { IncidentGrade } from './grade.js';

/** ACLED's event types and their sub-event types (codebook 2023). */
export const ACLED_EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;
export type AcledEventType = keyof typeof ACLED_EVENT_TYPES;
export const EventType = z.enum(Object.keys(ACLED_EVENT_TYPES) as [AcledEventType, ...AcledEventType[]]);

/** UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided. */
export const ViolenceType = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type ViolenceType = z.infer<typeof ViolenceType>;

/** Who the dead belong to, as UCDP splits them. */
export const DEATH_CATEGORIES = ['side_a', 'side_b', 'civilians', 'unknown'] as const;
export const DeathCategory = z.enum(DEATH_CATEGORIES);
export type DeathCategory = z.infer<typeof DeathCategory>;

export const Estimate = z.object({
  low: z.number().int().nonnegative().nullable(),
  best: z.number().int().nonnegative().nullable(),
  high: z.number().int().nonnegative().nullable(),
});
export type Estimate = z.infer<typeof Estimate>;

export const ResolvedPlace = z.object({
  name: z.string(),
  gazetteer_id: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  country: z.string().nullable(),
  /** UCDP where_prec: 1 exact place … 7 international waters or airspace. */
  where_prec: z.number().int().min(1).max(7),
  approximate: z.boolean(),
});
export type ResolvedPlace = z.infer<typeof ResolvedPlace>;

/** One source's statement about an incident: a figure and where it was said. */
export const Claim = z.object({
  figure_id: z.number().int().nullable(),
  document_id: z.number().int().nullable(),
  kind: FigureKind,
  low: z.number().int().nullable(),
  high: z.number().int().nullable(),
  qualifier: Qualifier,
  vague: z.string().nullable(),
  category: DeathCategory,
  claimant: z.string().nullable(),
  source: z.string().nullable(),
  evidence: z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }),
  /**
   * Claims that share it count different people told side by side ("17 soldiers and 36 volunteers"):
   * the estimate adds them, where other claims of a category are alternatives. The figure id of the
   * first of them; null for a count that stands alone.
   */
  sum_group: z.number().int().nullable(),
});
export type Claim = z.infer<typeof Claim>;

export const ActorRef = z.object({
  actor_id: z.string().nullable(),
  name: z.string(),
  /** ACLED inter code when the actor is known to the registry. */
  inter: z.number().int().nullable(),
  state: z.boolean(),
});
export type ActorRef = z.infer<typeof ActorRef>;

/** A passage of a source that describes the incident. */
export const IncidentSource = z.object({
  document_id: z.number().int().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
});
export type IncidentSource = z.infer<typeof IncidentSource>;

/** An incident as `tally incidents --json` and the API return it. */
export const Incident = z.object({
  id: z.number().int(),
  date: z.object({ start: z.string(), end: z.string(), precision: z.string() }),
  place: ResolvedPlace.nullable(),
  event_type: EventType,
  sub_event_type: z.string(),
  violence_type: ViolenceType.nullable(),
  side_a: z.string().nullable(),
  side_b: z.string().nullable(),
  actors: z.array(ActorRef.extend({ side: z.enum(['a', 'b']) })),
  deaths: Estimate,
  deaths_by: z.object({
    side_a: z.number().int().nullable(),
    side_b: z.number().int().nullable(),
    civilians: z.number().int().nullable(),
    unknown: z.number().int().nullable(),
  }),
  claims: z.array(Claim),
  sources: z.array(IncidentSource),
  summary: z.string(),
  dataset: z.string(),
  dataset_id: z.string().nullable(),
  /** How well the incident is sourced (docs/methodology.md, section 7); readers that grade attach it. */
  grade: IncidentGrade.optional(),
});
export type Incident = z.infer<typeof Incident>;
