import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../ingest/read-document.js';
import { extractDocument } from './extract-document.js';

/**
 * One invented conflict infobox per rendering a copy of an encyclopedia page produces (browser copy
 * with keys glued to values, key and value on separate lines, tab and pipe tables, wikitext, HTML,
 * Markdown), each beside the reading a coder would make of it. Read as `tally extract` reads a file.
 */

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'infoboxes');

interface Expected {
  name: string;
  start: string | null;
  end: string | null;
  place: string | null;
  sides: Array<{
    combatants: string[];
    supporters?: string[];
    commanders: Array<{ name: string; status: string | null }>;
  }>;
  /** [kind, low, high, side]; without a side the figure's side is not checked. */
  figures: Array<[string, number | null, number | null, (number | null)?]>;
}

const cases = readdirSync(DIR)
  .filter((f) => /\.(txt|html|md)$/.test(f))
  .sort();

async function read(file: string) {
  const bytes = readFileSync(join(DIR, file));
  const doc = await readDocument(new Uint8Array(bytes), file);
  return extractDocument(doc.text, { published: doc.published });
}

describe('infobox corpus', () => {
  it('has a case per rendering', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(cases)('%s', (file) => {
    const want = JSON.parse(readFileSync(join(DIR, file.replace(/\.\w+$/, '.json')), 'utf8')) as Expected;

    it('names the conflict, its dates and its place', async () => {
      const c = (await read(file)).conflict;
      expect(c).not.toBeNull();
      expect({ name: c?.name, start: c?.start, end: c?.end, place: c?.place }).toEqual({
        name: want.name,
        start: want.start,
        end: want.end,
        place: want.place,
      });
    });

    it('splits belligerents and commanders into sides, with each status', async () => {
      const c = (await read(file)).conflict;
      const got = c?.sides.map((s, i) => ({
        combatants: s.combatants,
        ...(want.sides[i]?.supporters ? { supporters: s.supporters } : {}),
        commanders: s.commanders,
      }));
      expect(got).toEqual(want.sides);
    });

    it('reads Strength and Casualties lines as figures of their side', async () => {
      const result = await read(file);
      const got = result.figures.filter((f) => f.source === 'infobox').map((f) => [f.kind, f.low, f.high, f.side]);
      const expected = want.figures.map((f) => [f[0], f[1], f[2], f.length > 3 ? f[3] : expect.anything()]);
      // Figures without an expected side may carry any side, null included.
      const loose = expected.map((e, i) =>
        want.figures[i]?.length === 3 ? [e[0], e[1], e[2], got.find((g) => g[0] === e[0] && g[1] === e[1])?.[3]] : e,
      );
      expect(got).toEqual(loose);
    });
  });
});
