import { describe, expect, it } from 'vitest';
import type { Claim } from '../core/incident.js';
import { estimateAlternatives, estimateDeaths, vagueFloor } from './estimate.js';

function claim(
  low: number | null,
  high: number | null,
  category: Claim['category'] = 'unknown',
  vague: string | null = null,
  sum_group: number | null = null,
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
    sum_group,
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

  it('adds counts told side by side into one reading, beside the other sources', () => {
    // "17 soldiers and 36 volunteers", then another source's 80.
    const told = [claim(17, 17, 'unknown', null, 1), claim(36, 36, 'unknown', null, 1)];
    expect(estimateAlternatives(told)).toEqual({ low: 53, best: 53, high: 53 });
    expect(estimateAlternatives([...told, claim(80, 80)])).toEqual({ low: 53, best: 53, high: 80 });
    // Two runs of one incident are two readings; a range adds its ends.
    expect(estimateAlternatives([...told, claim(20, 30, 'unknown', null, 7), claim(5, 5, 'unknown', null, 7)])).toEqual(
      { low: 25, best: 25, high: 53 },
    );
    // A vague count adds its floor, and a run with a number outranks a vague word alone.
    expect(
      estimateAlternatives([
        claim(null, null, 'unknown', 'dozens', 2),
        claim(5, 5, 'unknown', null, 2),
        claim(null, null, 'unknown', 'hundreds'),
      ]),
    ).toEqual({ low: 17, best: 17, high: 17 });
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

  it('adds a count named to no side to the named counts told beside it', () => {
    // "Militants killed 23 villagers as well as 4 soldiers": the soldiers' side is not known.
    const e = estimateDeaths([claim(23, 23, 'civilians', null, 4), claim(4, 4, 'unknown', null, 4)]);
    expect(e.civilians.best).toBe(23);
    expect(e.unknown.best).toBe(4);
    expect(e.total).toEqual({ low: 27, best: 27, high: 27 });
    // Another source's toll of the whole stays an alternative to the sum.
    const rival = estimateDeaths([
      claim(23, 23, 'civilians', null, 4),
      claim(4, 4, 'unknown', null, 4),
      claim(40, 40, 'unknown'),
    ]);
    expect(rival.total).toEqual({ low: 27, best: 40, high: 40 });
  });

  it('ignores figures that are not deaths', () => {
    const injured = { ...claim(30, 30), kind: 'injured' as const };
    expect(estimateDeaths([injured]).total).toEqual({ low: null, best: null, high: null });
  });
});
