/**
 * Checks place resolution against an independent Afghan gazetteer kept outside the project
 * (../shared/data/gazetteer, MIT). Skips when ../shared is absent, e.g. in a fresh clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm, type Gazetteer } from '../src/resolve/gazetteer.js';
import { loadShippedGazetteer } from '../src/resolve/load-resolve-data.js';
import { placeNamesMatch } from '../src/resolve/place-names.js';
import { resolvePlace } from '../src/resolve/resolve-place.js';

const sharedPath = fileURLToPath(new URL('../../shared', import.meta.url));
const referencePath = `${sharedPath}/data/gazetteer/abubaker47_afghanistan-provinces-districts-villages/JSON/provinces-and-districts.json`;

interface RefPlace {
  name: string;
  latitude: string | null;
  longitude: string | null;
}
interface RefProvince extends RefPlace {
  districts: RefPlace[];
}

// mention, expected kind, our province, our district, the reference's province and district names
const PLACES = [
  ['Balkhab', 'district', 'Sar-e Pol', 'Balkhāb', 'Sar e pul', 'Balkhab'],
  ['Darzab', 'district', 'Jowzjan', 'Darzāb', 'Joz jan', 'Darzab'],
  ['Qush Tepa', 'district', 'Jowzjan', 'Qūsh Tepah', 'Joz jan', 'Qush Tepa'],
  ['Sancharak', 'district', 'Sar-e Pol', 'Sangchārak', 'Sar e pul', 'Sangcharak'],
  ['Andkhoy', 'district', 'Faryab', 'Andkhōy', 'Faryab', 'Andkhoy'],
  ['Maimana', 'city', 'Faryab', 'Maīmanah', 'Faryab', 'Maymana'],
  ['Tashqurghan', 'district', 'Balkh', 'Khulm', 'Balkh', 'Khulmi'],
  ['Khulm', 'district', 'Balkh', 'Khulm', 'Balkh', 'Khulmi'],
  ['Sheberghan', 'city', 'Jowzjan', 'Shibirghān', 'Joz jan', 'Shibirghan'],
  ['Mazar-i-Sharif', 'city', 'Balkh', 'Mazār-e Sharīf', 'Balkh', 'Mazar-e-Sharif'],
  ['Kabul', 'city', 'Kabul', 'Kabul', 'Kabul', 'Kabul'],
  ['Yakawlang', 'district', 'Bamyan', 'Yakāwlang', 'Bamyan', 'Yakawlang'],
  ['Dara-i Sufi Bala', 'district', 'Samangan', 'Darah-ye Şūf-e Bālā', 'Samangan', 'Dara-I-Sufi Balla'],
  ['Nijrab', 'district', 'Kapisa', 'Nijrāb', 'Kapisa', 'Nijrab'],
  ['Kunduz', 'city', 'Kunduz', 'Kunduz', 'Kundoz', 'Kunduz'],
  ['Khanabad', 'district', 'Kunduz', 'Khānābād', 'Kundoz', 'Khan Abad'],
  ['Jalalabad', 'city', 'Nangarhar', 'Jalālābād', 'Nangarhar', 'Jalalabad'],
  ['Lashkar Gah', 'city', 'Helmand', 'Lashkar Gāh', 'Helmand', 'Lashkargah'],
] as const;

const NEAR_KM = 40;
// A district with no town of its own sits at the middle of its province's towns (see af-baseline.ts).
const FALLBACK_KM = 120;

describe.skipIf(!existsSync(sharedPath))('place resolution against ../shared gazetteer', () => {
  let g: Gazetteer;
  let reference: RefProvince[];
  const distances: string[] = [];

  beforeAll(async () => {
    g = await loadShippedGazetteer();
    reference = JSON.parse(readFileSync(referencePath, 'utf8')) as RefProvince[];
  });

  const refDistrict = (province: string, district: string) => {
    const p = reference.find((r) => r.name.trim() === province);
    return { province: p, district: p?.districts.find((d) => d.name.trim() === district) };
  };

  it.each(PLACES)(
    '%s resolves to a %s in %s (%s)',
    (mention, kind, province, district, refProvince, refDistrictName) => {
      const best = resolvePlace(mention, {}, g)[0];
      expect(best?.entry.kind).toBe(kind);
      expect(best?.entry.admin1).toBe(province);
      expect(best?.entry.admin2).toBe(district);

      const ref = refDistrict(refProvince, refDistrictName);
      expect(ref.province, `reference has province ${refProvince}`).toBeDefined();
      expect(ref.district, `reference has district ${refDistrictName}`).toBeDefined();
      // The reference spells names its own way; our normaliser should still see the same province.
      expect(placeNamesMatch(province, refProvince)).toBe(true);

      const km = distanceKm(best?.entry ?? { lat: 0, lon: 0 }, {
        lat: Number(ref.district?.latitude),
        lon: Number(ref.district?.longitude),
      });
      const basis = best?.entry.position_basis ?? 'point';
      distances.push(`${mention.padEnd(17)} ${km.toFixed(1).padStart(6)} km  (${basis})`);
      expect(km).toBeLessThan(basis === 'province-towns' ? FALLBACK_KM : NEAR_KM);
    },
  );

  it('places most districts with towns near the reference', () => {
    const found: number[] = [];
    for (const e of g.entries.filter((x) => x.kind === 'district' && x.position_basis === 'towns')) {
      const p = reference.find((r) => e.admin1 !== null && placeNamesMatch(r.name, e.admin1));
      const d = p?.districts.find((x) => x.latitude !== null && placeNamesMatch(x.name, e.name));
      if (d !== undefined) found.push(distanceKm(e, { lat: Number(d.latitude), lon: Number(d.longitude) }));
    }
    found.sort((a, b) => a - b);
    const median = found[Math.floor(found.length / 2)] ?? Number.POSITIVE_INFINITY;
    const within = found.filter((km) => km < NEAR_KM).length / found.length;
    distances.push(
      `all districts with towns: ${found.length} matched by name, median ${median.toFixed(1)} km, ${(within * 100).toFixed(0)}% within ${NEAR_KM} km`,
    );
    expect(found.length).toBeGreaterThan(200);
    expect(median).toBeLessThan(20);
    expect(within).toBeGreaterThan(0.85);
    process.stdout.write(`\ndistances to the reference:\n  ${distances.join('\n  ')}\n`);
  });
});
