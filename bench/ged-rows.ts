import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GED_COLUMNS } from '../src/interop/ged-format.js';

interface District {
  name: string;
  province: string;
  lat: number;
  lon: number;
  weight: number;
}

/** A small seeded generator (mulberry32): the same rows on every run, so runs compare. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Where the fighting was heaviest, roughly as GED has it: the south and east outweigh the centre.
const PROVINCE_WEIGHT: Record<string, number> = {
  Helmand: 12,
  Kandahar: 10,
  Nangarhar: 8,
  Ghazni: 6,
  Kunduz: 6,
  Faryab: 5,
  Kunar: 5,
  Paktika: 4,
  Uruzgan: 4,
  Zabul: 4,
  Badghis: 3,
  Logar: 3,
  Wardak: 3,
  Balkh: 3,
  Herat: 3,
  Baghlan: 3,
  Farah: 3,
  Jowzjan: 2,
};

export function loadDistricts(path: string, random: () => number): District[] {
  const gazetteer = JSON.parse(readFileSync(path, 'utf8')) as {
    entries: { kind: string; name: string; admin1: string | null; lat: number; lon: number }[];
  };
  return gazetteer.entries
    .filter((e) => e.kind === 'district' && e.admin1)
    .map((e) => ({
      name: e.name,
      province: e.admin1 as string,
      lat: e.lat,
      lon: e.lon,
      weight: (PROVINCE_WEIGHT[e.admin1 as string] ?? 1) * (0.2 + random() ** 2 * 4),
    }));
}

const DAY = 86_400_000;
const FIRST = Date.UTC(1989, 0, 1);
const DAYS = (Date.UTC(2023, 11, 31) - FIRST) / DAY + 1;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function geometric(random: () => number, mean: number): number {
  return Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / (mean + 1)));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const INSURGENTS = [
  'Taleban',
  'Taleban',
  'Taleban',
  'Taleban',
  'IS',
  'Hizb-i Islami-yi Afghanistan',
  'Jamiat-i Islami-yi Afghanistan',
];
const OUTLETS = [
  'Reuters',
  'Agence France Presse',
  'Pajhwok Afghan News',
  'BBC Monitoring',
  'Associated Press',
  'UNAMA',
];

/** GED CSV rows (header first) for Afghan districts, 1989–2023: the shape of UCDP GED 23.1. */
export function* gedRows(count: number, districts: District[], random: () => number): Generator<string> {
  const total = districts.reduce((n, d) => n + d.weight, 0);
  const cumulative: number[] = [];
  let run = 0;
  for (const d of districts) {
    run += d.weight / total;
    cumulative.push(run);
  }
  const district = () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return districts[lo] as District;
  };
  yield `${GED_COLUMNS.join(',')}\n`;
  for (let id = 1; id <= count; id += 1) {
    const d = district();
    const start = FIRST + Math.floor(random() * DAYS) * DAY;
    const end = random() < 0.9 ? start : start + (1 + Math.floor(random() * 6)) * DAY;
    const year = new Date(start).getUTCFullYear();
    const r = random();
    const type = r < 0.68 ? 1 : r < 0.78 ? 2 : 3;
    const insurgent = pick(random, INSURGENTS);
    const sideA = type === 1 ? 'Government of Afghanistan' : insurgent;
    const sideB = type === 1 ? insurgent : type === 2 ? (insurgent === 'IS' ? 'Taleban' : 'IS') : 'Civilians';
    const deathsA = type === 3 ? 0 : geometric(random, 2);
    const deathsB = type === 3 ? 0 : geometric(random, 3);
    const civilians = type === 3 ? 1 + geometric(random, 4) : random() < 0.2 ? geometric(random, 1) : 0;
    const unknown = random() < 0.15 ? geometric(random, 2) : 0;
    const best = deathsA + deathsB + civilians + unknown;
    const low = Math.max(0, best - geometric(random, 1));
    const high = best + geometric(random, 2);
    const precise = random() < 0.6;
    const outlet = pick(random, OUTLETS);
    const row: Record<string, string | number | null> = {
      id,
      relid: `AFG-${year}-${type}-${id}-0`,
      year,
      active_year: 1,
      code_status: 'Clear',
      type_of_violence: type,
      conflict_dset_id: 333,
      conflict_new_id: 333,
      conflict_name: 'Afghanistan: Government',
      dyad_dset_id: 700 + type,
      dyad_new_id: 700 + type,
      dyad_name: `${sideA} - ${sideB}`,
      side_a_dset_id: 130,
      side_a_new_id: 130,
      side_a: sideA,
      side_b_dset_id: 300,
      side_b_new_id: 300,
      side_b: sideB,
      number_of_sources: 1 + Math.floor(random() * 3),
      source_article: `${outlet} ${iso(start)} "Fighting in ${d.name} district"`,
      source_office: outlet,
      source_date: iso(start),
      source_headline: `Fighting in ${d.name} district`,
      source_original: outlet,
      where_prec: precise ? 3 : 4,
      where_coordinates: precise ? `${d.name} district` : `${d.province} province`,
      where_description: '',
      adm_1: `${d.province} province`,
      adm_2: precise ? `${d.name} district` : '',
      latitude: d.lat,
      longitude: d.lon,
      geom_wkt: `POINT (${d.lon} ${d.lat})`,
      priogrid_gid: 0,
      country: 'Afghanistan',
      country_id: 700,
      region: 'Asia',
      event_clarity: 1,
      date_prec: end === start ? 1 : 2,
      date_start: iso(start),
      date_end: iso(end),
      deaths_a: deathsA,
      deaths_b: deathsB,
      deaths_civilians: civilians,
      deaths_unknown: unknown,
      best,
      high,
      low,
      gwnoa: 700,
      gwnob: '',
    };
    yield `${GED_COLUMNS.map((c) => csvCell(row[c] ?? null)).join(',')}\n`;
  }
}

/**
 * `rows` GED rows written to `path` from the one seeded generator, unless the file is there
 * already (the same seed gives the same file); milliseconds spent, 0 when reused.
 */
export async function generateGedCsv(path: string, rows: number): Promise<number> {
  if (existsSync(path)) return 0;
  const started = performance.now();
  const random = seeded(1989);
  const here = dirname(fileURLToPath(import.meta.url));
  const districts = loadDistricts(join(here, '..', 'data', 'gazetteer-af.json'), random);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  for (const line of gedRows(rows, districts, random)) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
  return Math.round(performance.now() - started);
}
