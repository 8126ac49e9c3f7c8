import { describe, expect, it } from 'vitest';
import type { Figure } from '../core/figure.js';
import { DATE_CLAIMANT_CORPUS } from './date-claimant-corpus.js';
import { extractDocument } from './extract-document.js';

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function figureAt(figures: Figure[], text: string, at: string): Figure | undefined {
  const start = text.indexOf(at);
  if (start < 0 || text.indexOf(at, start + 1) >= 0) throw new Error(`"${at}" must occur once in the report`);
  const end = start + at.length;
  return figures.find((f) => f.evidence.start < end && start < f.evidence.end);
}

describe('dates and claimants over a corpus of short reports', () => {
  for (const report of DATE_CLAIMANT_CORPUS) {
    describe(report.name, () => {
      const { figures } = extractDocument(report.text);
      for (const expected of report.figures) {
        it(`"${expected.at}"`, () => {
          const figure = figureAt(figures, report.text, expected.at);
          expect(figure, 'figure found').toBeDefined();
          if (expected.date !== undefined) {
            if (expected.date === null) expect(figure?.date).toBeNull();
            else {
              expect(figure?.date, 'date').not.toBeNull();
              expect(
                (figure?.date?.start ?? '9') <= expected.date && expected.date <= (figure?.date?.end ?? ''),
                `date ${JSON.stringify(figure?.date)} should hold ${expected.date}`,
              ).toBe(true);
            }
          }
          if (expected.claimant !== undefined) {
            if (expected.claimant === null) expect(figure?.claimant).toBeNull();
            else {
              const got = normalise(figure?.claimant ?? '');
              const want = normalise(expected.claimant);
              expect(
                got !== '' && (got.includes(want) || want.includes(got)),
                `claimant "${figure?.claimant}" should match "${expected.claimant}"`,
              ).toBe(true);
            }
          }
        });
      }
    });
  }
});
