import { describe, expect, it } from 'vitest';
import type { FigureState } from '../core/review.js';
import { nextFigureState } from './review-figures.js';

const extracted: FigureState = {
  status: 'unreviewed',
  corrected: false,
  values: {
    kind: 'killed',
    low: 12,
    high: null,
    qualifier: 'at_least',
    vague: null,
    date: { start: '2023-05-04', end: '2023-05-04', precision: 'day' },
    place: 'Khanabad',
    actor: null,
    perpetrator: null,
    claimant: 'police',
  },
  note: null,
  note_sensitive: false,
};

describe('figure review states', () => {
  it('a correction keeps what it does not change and marks the values as the review’s', () => {
    const next = nextFigureState(extracted, {
      type: 'correct',
      body: { reason: 'list', low: 14, high: 16, qualifier: 'range' },
    });
    expect(next).toMatchObject({
      status: 'corrected',
      corrected: true,
      values: { low: 14, high: 16, claimant: 'police' },
    });
  });

  it('refuses corrections that contradict themselves or change nothing', () => {
    expect(() => nextFigureState(extracted, { type: 'correct', body: { reason: 'x', low: 20, high: 10 } })).toThrow(
      /body\.low/,
    );
    expect(() => nextFigureState(extracted, { type: 'correct', body: { reason: 'x', qualifier: 'range' } })).toThrow(
      /body\.qualifier: a range needs both low and high/,
    );
    expect(() => nextFigureState(extracted, { type: 'correct', body: { reason: 'x', low: 12 } })).toThrow(
      /changes no value/,
    );
  });

  it('accepting a corrected figure keeps the correction; a note changes only the note', () => {
    const corrected = nextFigureState(extracted, { type: 'correct', body: { reason: 'x', low: 14 } });
    expect(nextFigureState(corrected, { type: 'accept', body: {} })).toMatchObject({
      status: 'corrected',
      values: { low: 14 },
    });
    const noted = nextFigureState(corrected, { type: 'note', body: { note: 'names a witness', note_sensitive: true } });
    expect(noted).toEqual({ ...corrected, note: 'names a witness', note_sensitive: true });
    expect(nextFigureState(noted, { type: 'reject', body: { reason: 'double count' } })).toMatchObject({
      status: 'rejected',
      note: 'names a witness',
    });
  });
});
