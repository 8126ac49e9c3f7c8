import { z } from 'zod';

export const AGGREGATE_DIMENSIONS = ['month', 'actor', 'place', 'type'] as const;
export const AggregateDimension = z.enum(AGGREGATE_DIMENSIONS);
export type AggregateDimension = z.infer<typeof AggregateDimension>;

/**
 * Deaths in one group. low, best and high are sums over the incidents that have that estimate:
 * an unknown count adds nothing rather than counting as zero, and `with_best` says how many
 * incidents the best sum stands on, so a chart can show how much is unknown.
 */
export const DeathsRow = z.object({
  key: z.string().nullable(),
  incidents: z.number().int(),
  with_best: z.number().int(),
  low: z.number().int().nullable(),
  best: z.number().int().nullable(),
  high: z.number().int().nullable(),
});
export type DeathsRow = z.infer<typeof DeathsRow>;

export const DeathsAggregate = z.object({
  by: AggregateDimension,
  /** Per actor, an incident counts under each of its parties, so rows do not add up to the total. */
  rows: z.array(DeathsRow),
  total: DeathsRow,
});
export type DeathsAggregate = z.infer<typeof DeathsAggregate>;

export const TIMELINE_SPLITS = ['type', 'actor'] as const;
export const TimelineSplit = z.enum(TIMELINE_SPLITS);
export type TimelineSplit = z.infer<typeof TimelineSplit>;

/** Deaths per month, and the best estimate per month of each event type or of the actors with most deaths. */
export const TimelineAggregate = z.object({
  split: TimelineSplit,
  /** One row per month (key YYYY-MM, by the month an incident started), oldest first. */
  months: z.array(DeathsRow),
  /** The series, most deaths first: every event type, or the `top` actors. */
  keys: z.array(z.string()),
  series: z.array(z.object({ month: z.string(), key: z.string(), best: z.number().int() })),
});
export type TimelineAggregate = z.infer<typeof TimelineAggregate>;
