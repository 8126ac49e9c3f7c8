import type { Claim, DeathCategory, Estimate } from '../core/incident.js';

/**
 * Numbers for vague words, after ACLED's conservative reading ("dozens" is coded 12, "hundreds" 100).
 * Words with no defensible floor ("many", "heavy") give no number at all.
 */
export const VAGUE_FLOORS: Readonly<Record<string, number>> = {
  'a few': 3,
  few: 3,
  several: 3,
  'a handful': 3,
  tens: 10,
  dozens: 12,
  'a dozen': 12,
  scores: 20,
  hundreds: 100,
  thousands: 1000,
  'tens of thousands': 10_000,
  'hundreds of thousands': 100_000,
};

export function vagueFloor(word: string | null): number | null {
  if (!word) return null;
  const key = word.toLowerCase().replace(/\s+/g, ' ').trim();
  return VAGUE_FLOORS[key] ?? null;
}

interface Reading {
  lower: number;
  point: number;
  upper: number;
}

/** What one claim says, as the lowest, most likely and highest number it supports. */
export function readClaim(claim: Pick<Claim, 'low' | 'high' | 'vague'>): Reading | null {
  const { low, high } = claim;
  if (low !== null && high !== null) return { lower: low, point: low, upper: high };
  if (low !== null) return { lower: low, point: low, upper: low };
  if (high !== null) return { lower: high, point: high, upper: high };
  const floor = vagueFloor(claim.vague);
  return floor === null ? null : { lower: floor, point: floor, upper: floor };
}

/**
 * Low, best and high from claims that are alternatives to each other (several sources on the same
 * dead). Numeric claims outrank vague ones; best is the lower median of the claims' most likely
 * numbers; low and high are the lowest and highest numbers any credible claim supports.
 */
export function estimateAlternatives(claims: Pick<Claim, 'low' | 'high' | 'vague'>[]): Estimate {
  const numeric = claims.filter((c) => c.low !== null || c.high !== null);
  const used = (numeric.length > 0 ? numeric : claims).map(readClaim).filter((r): r is Reading => r !== null);
  if (used.length === 0) return { low: null, best: null, high: null };
  const points = used.map((r) => r.point).sort((a, b) => a - b);
  return {
    low: Math.min(...used.map((r) => r.lower)),
    best: points[Math.floor((points.length - 1) / 2)] ?? null,
    high: Math.max(...used.map((r) => r.upper)),
  };
}

export type DeathEstimates = Record<DeathCategory | 'total', Estimate>;

/** The kind of claim an incident's deaths are estimated from: the estimate reads no other. */
export const DEATH_KIND = 'killed';

/** Whether a claim counts towards an incident's deaths. */
export function countsTowardDeaths(claim: { readonly kind: string }): boolean {
  return claim.kind === DEATH_KIND;
}

/** What of a claim the estimate reads. */
export type CountedClaim = Pick<Claim, 'kind' | 'category' | 'low' | 'high' | 'vague'>;

/**
 * Deaths per category and in total. Categories add up (side A's dead are not side B's); claims within
 * a category are alternatives. Claims that name no side ("200 killed on both sides") are an
 * alternative reading of the total, never added to it: the total's best and high take the larger
 * of the two readings, its low the smaller.
 */
export function estimateDeaths(claims: readonly CountedClaim[]): DeathEstimates {
  const killed = claims.filter(countsTowardDeaths);
  const of = (category: DeathCategory) => estimateAlternatives(killed.filter((c) => c.category === category));
  const side_a = of('side_a');
  const side_b = of('side_b');
  const civilians = of('civilians');
  const unknown = of('unknown');
  const specific = [side_a, side_b, civilians];
  const sum = (key: keyof Estimate) => {
    const values = specific.map((e) => e[key]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
  };
  const larger = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  const smaller = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  return {
    side_a,
    side_b,
    civilians,
    unknown,
    total: {
      low: smaller(sum('low'), unknown.low),
      best: larger(sum('best'), unknown.best),
      high: larger(sum('high'), unknown.high),
    },
  };
}
