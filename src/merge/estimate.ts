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

/** What a claim, or a run of claims added up, says: its reading and whether it gives a number. */
interface Unit {
  reading: Reading | null;
  numeric: boolean;
}

/** A run of counts told side by side reads as their sum; a count no number can be read from adds nothing. */
function addUp(claims: readonly Pick<Claim, 'low' | 'high' | 'vague'>[]): Unit {
  const readings = claims.map(readClaim).filter((r): r is Reading => r !== null);
  const total = (key: keyof Reading) => readings.reduce((sum, r) => sum + r[key], 0);
  return {
    reading: readings.length === 0 ? null : { lower: total('lower'), point: total('point'), upper: total('upper') },
    numeric: claims.some((c) => c.low !== null || c.high !== null),
  };
}

/**
 * Low, best and high from claims that are alternatives to each other (several sources on the same
 * dead), except that claims sharing a `sum_group` are one reading, their sum ("17 soldiers and 36
 * volunteers": 53). Numeric readings outrank vague ones; best is the lower median of the readings'
 * most likely numbers; low and high are the lowest and highest numbers any credible reading supports.
 */
export function estimateAlternatives(claims: Pick<Claim, 'low' | 'high' | 'vague' | 'sum_group'>[]): Estimate {
  const units: Unit[] = [];
  const runs = new Map<number, Pick<Claim, 'low' | 'high' | 'vague'>[]>();
  for (const c of claims) {
    if (c.sum_group === null) units.push({ reading: readClaim(c), numeric: c.low !== null || c.high !== null });
    else {
      const run = runs.get(c.sum_group);
      if (run) run.push(c);
      else runs.set(c.sum_group, [c]);
    }
  }
  for (const run of runs.values()) units.push(addUp(run));
  const numeric = units.filter((u) => u.numeric);
  const used = (numeric.length > 0 ? numeric : units).flatMap((u) => (u.reading === null ? [] : [u.reading]));
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
export type CountedClaim = Pick<Claim, 'kind' | 'category' | 'low' | 'high' | 'vague' | 'sum_group'>;

/**
 * Deaths per category and in total. Categories add up (side A's dead are not side B's); claims within
 * a category are alternatives, but for counts told side by side (estimateAlternatives). Claims that
 * name no side ("200 killed on both sides") are an alternative reading of the total, never added to
 * it: the total's best and high take the larger of the two readings, its low the smaller.
 */
export function estimateDeaths(claims: readonly CountedClaim[]): DeathEstimates {
  const killed = claims.filter(countsTowardDeaths);
  const of = (category: DeathCategory) => estimateAlternatives(killed.filter((c) => c.category === category));
  const side_a = of('side_a');
  const side_b = of('side_b');
  const civilians = of('civilians');
  const unknown = of('unknown');
  // "Killed four paramedics and two journalists": counts told side by side whose sides differ, the
  // one named nowhere adds to those named, where it would otherwise be a reading of the total.
  const named = new Set<number>();
  for (const c of killed) if (c.sum_group !== null && c.category !== 'unknown') named.add(c.sum_group);
  const besideNamed = (c: CountedClaim) => c.category === 'unknown' && c.sum_group !== null && named.has(c.sum_group);
  const specific = [side_a, side_b, civilians];
  let apart = unknown;
  if (named.size > 0 && killed.some(besideNamed)) {
    specific.push(estimateAlternatives(killed.filter(besideNamed)));
    apart = estimateAlternatives(killed.filter((c) => c.category === 'unknown' && !besideNamed(c)));
  }
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
      low: smaller(sum('low'), apart.low),
      best: larger(sum('best'), apart.best),
      high: larger(sum('high'), apart.high),
    },
  };
}
