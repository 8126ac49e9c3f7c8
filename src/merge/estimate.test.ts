import { describe, expect, it } from 'vitest';
import type { Claim } from '../core/incident.js';
import { estimateAlternatives, estimateDeaths, vagueFloor } from './estimate.js';

function claim(
  low: number | null,
  high: number | null,
  category: Claim['category'] = 'unknown',
  vague: string | null = null,
): Claim {
  return {
    figure_id: null,
    document_id: null,
    kind: 'killed',
    low,
    high,
    qualifier: vague ? 'vague' : 'exact',
    vague,
    category,
    claimant: null,
    source: null,
    evidence: { start: 0, end: 0, text: '' },
  };
}

describe('estimateAlternatives', () => {
  it('keeps two disputed counts side by side: low the smaller, high the larger, best the lower median', () => {
    expect(estimateAlternatives([claim(8, 8), claim(9, 9)])).toEqual({ low: 8, best: 8, high: 9 });
    expect(estimateAlternatives([claim(23, 23), claim(150, 150), claim(52, 52)])).toEqual({
      low: 23,
      best: 52,
      high: 150,
    });
  });

  it('reads a range as its ends and an "at least" as its floor', () => {
    expect(estimateAlternatives([claim(23, 150)])).toEqual({ low: 23, best: 23, high: 150 });
    expect(estimateAlternatives([claim(35, null)])).toEqual({ low: 35, best: 35, high: 35 });
    expect(estimateAlternatives([claim(null, 3000)])).toEqual({ low: 3000, best: 3000, high: 3000 });
  });

  it('uses vague words only when no source gives a number, at ACLED floors', () => {
    expect(estimateAlternatives([claim(null, null, 'unknown', 'dozens')])).toEqual({ low: 12, best: 12, high: 12 });
    expect(estimateAlternatives([claim(null, null, 'unknown', 'dozens'), claim(35, null)])).toEqual({
      low: 35,
      best: 35,
      high: 35,
    });
    expect(estimateAlternatives([claim(null, null, 'unknown', 'many')])).toEqual({ low: null, best: null, high: null });
    expect(vagueFloor('Hundreds')).toBe(100);
  });

  it('gives nothing for no claims', () => {
    expect(estimateAlternatives([])).toEqual({ low: null, best: null, high: null });
  });
});

describe('estimateDeaths', () => {
  it('adds categories and keeps unattributed totals as an alternative, not an addition', () => {
    const e = estimateDeaths([
      claim(70, 70, 'side_a'),
      claim(17, 17, 'side_a'),
      claim(52, 52, 'side_b'),
      claim(200, 200, 'unknown'),
    ]);
    expect(e.side_a).toEqual({ low: 17, best: 17, high: 70 });
    expect(e.side_b.best).toBe(52);
    expect(e.total).toEqual({ low: 69, best: 200, high: 200 });
    const noTotal = estimateDeaths([claim(70, 70, 'side_a'), claim(12, 12, 'civilians')]);
    expect(noTotal.total).toEqual({ low: 82, best: 82, high: 82 });
  });

  it('ignores figures that are not deaths', () => {
    const injured = { ...claim(30, 30), kind: 'injured' as const };
    expect(estimateDeaths([injured]).total).toEqual({ low: null, best: null, high: null });
  });
});
