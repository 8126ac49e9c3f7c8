import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../src/core/figure.js';
import { extractDocument } from '../../src/extract/extract-document.js';

/**
 * Golden cases: each invented report (*.txt) beside the reading we expect (*.json). The comparison
 * covers what a coder checks (kind, numbers, qualifier, evidence, claimant, date, side; the conflict's
 * names, dates and sides), not every derived field. `UPDATE_GOLDEN=1` rewrites the expectations;
 * review the diff before committing it.
 */

const HERE = dirname(fileURLToPath(import.meta.url));

interface Golden {
  options?: { published?: string | null };
  figures: unknown[];
  conflict: unknown;
}

function project(result: ExtractionResult) {
  return {
    figures: result.figures.map((f) => ({
      kind: f.kind,
      low: f.low,
      high: f.high,
      qualifier: f.qualifier,
      vague: f.vague,
      evidence: f.evidence.text,
      claimant: f.claimant,
      date: f.date ? `${f.date.start}/${f.date.end}` : null,
      source: f.source,
      side: f.side,
    })),
    conflict: result.conflict && {
      name: result.conflict.name,
      part_of: result.conflict.part_of,
      start: result.conflict.start,
      end: result.conflict.end,
      date_precision: result.conflict.date_precision,
      place: result.conflict.place,
      result: result.conflict.result,
      sides: result.conflict.sides.map((s) => ({
        combatants: s.combatants,
        supporters: s.supporters,
        commanders: s.commanders,
        units: s.units,
      })),
    },
  };
}

const cases = readdirSync(HERE)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('golden reports', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)('%s', (file) => {
    const text = readFileSync(join(HERE, file), 'utf8');
    const expectedPath = join(HERE, file.replace(/\.txt$/, '.json'));
    const golden = JSON.parse(readFileSync(expectedPath, 'utf8')) as Golden;
    const got = project(extractDocument(text, golden.options ?? {}));
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(expectedPath, `${JSON.stringify({ options: golden.options, ...got }, null, 2)}\n`);
      return;
    }
    expect(got.conflict).toEqual(golden.conflict);
    expect(got.figures).toEqual(golden.figures);
  });
});
