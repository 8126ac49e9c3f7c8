import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createGazetteer } from '../src/resolve/gazetteer.js';
import {
  openShippedIndex,
  readGazetteerFile,
  readWorldGazetteerFile,
  SHIPPED_GAZETTEER_PATH,
  SHIPPED_WORLD_GAZETTEER_PATH,
} from '../src/resolve/load-resolve-data.js';
import { resolveDocumentPlaces } from '../src/resolve/place-mentions.js';
import { seeded } from './ged-rows.js';

/**
 * Place resolution on one core: loading and indexing the shipped gazetteers (the Afghan detail and the
 * world), then finding and resolving every place in a generated corpus of wire-like reports from
 * several wars.
 */

const TARGET_BYTES = Number(process.env.BENCH_PLACES_MB ?? 5) * 1_000_000;
const HERE = dirname(fileURLToPath(import.meta.url));

// The same seeded generator as the store bench's rows: the corpus is the same on every run.
const rand = seeded(20261204);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

// [town, division, country, adjective]
const SETTINGS = [
  ['Mosul', 'Nineveh', 'Iraq', 'Iraqi'],
  ['Tikrit', 'Salah ad Din', 'Iraq', 'Iraqi'],
  ['Kharkiv', 'Kharkiv region', 'Ukraine', 'Ukrainian'],
  ['Bakhmut', 'Donetsk Oblast', 'Ukraine', 'Ukrainian'],
  ['El Fasher', 'North Darfur', 'Sudan', 'Sudanese'],
  ['Nyala', 'South Darfur', 'Sudan', 'Sudanese'],
  ['Marib', 'Marib province', 'Yemen', 'Yemeni'],
  ['Idlib', 'Idlib province', 'Syria', 'Syrian'],
  ['Baidoa', 'Bay region', 'Somalia', 'Somali'],
  ['Sittwe', 'Rakhine State', 'Myanmar', 'Myanmar'],
  ['Sheberghan', 'Jowzjan province', 'Afghanistan', 'Afghan'],
  ['Kunduz', 'Kunduz province', 'Afghanistan', 'Afghan'],
] as const;

function report(): string {
  const [town, division, country, adj] = pick(SETTINGS);
  const n = int(2, 60);
  const sentences = [
    `${town.toUpperCase()}, ${country} (Wire) - ${adj} officials said on Monday that ${n} people were killed when shells hit a market in ${town}, in ${division}.`,
    `Police and hospital sources said the wounded were taken to the main hospital, and President Ali Hassan condemned the attack.`,
    `Officials in the capital said reinforcements had been sent to ${division} after clashes near ${town}.`,
    `Human Rights Watch and the Red Cross called for access; the Security Council will meet on Thursday.`,
    `Residents of villages around ${town} told reporters that fighting had gone on for three days across ${country}.`,
  ];
  const out: string[] = [];
  for (let i = 0, k = int(4, 12); i < k; i++) out.push(pick(sentences));
  return out.join(' ');
}

const docs: string[] = [];
let bytes = 0;
while (bytes < TARGET_BYTES) {
  const d = report();
  docs.push(d);
  bytes += Buffer.byteLength(d);
}

const t0 = performance.now();
const [af, world] = await Promise.all([
  readGazetteerFile(SHIPPED_GAZETTEER_PATH),
  readWorldGazetteerFile(SHIPPED_WORLD_GAZETTEER_PATH),
]);
const t1 = performance.now();
const gazetteer = createGazetteer([...af.entries, ...world]);
const t2 = performance.now();
// What a process does instead when the build has compiled the tables (npm run build, dist/gazetteer-index.bin).
const compiled = openShippedIndex();
const t2c = performance.now();
if (compiled !== null && compiled.withFolded('kabul').length !== gazetteer.withFolded('kabul').length)
  throw new Error('the compiled tables answer otherwise than the built ones');

let mentions = 0;
let resolved = 0;
const t3 = performance.now();
// CPU time, not wall time: on a shared machine the wall clock measures the neighbours too.
const cpu0 = process.cpuUsage();
for (const d of docs) {
  for (const m of resolveDocumentPlaces(d, gazetteer)) {
    mentions++;
    if (m.candidates.length > 0) resolved++;
  }
}
const cpu = process.cpuUsage(cpu0);
const t4 = performance.now();

const seconds = (cpu.user + cpu.system) / 1e6;
const result = {
  entries: gazetteer.entries.length,
  read_ms: Math.round(t1 - t0),
  index_ms: Math.round(t2 - t1),
  /** Opening the compiled tables (reading the file, checking its fingerprint); null when none is built. */
  open_compiled_ms: compiled === null ? null : Math.round(t2c - t2),
  heap_mb: Math.round(process.memoryUsage().heapUsed / 1e6),
  docs: docs.length,
  mb: Math.round((bytes / 1e6) * 100) / 100,
  cpu_s: Math.round(seconds * 100) / 100,
  wall_s: Math.round(t4 - t3) / 1000,
  mb_per_s: Math.round((bytes / 1e6 / seconds) * 100) / 100,
  docs_per_s: Math.round(docs.length / seconds),
  mentions,
  resolved,
};

// Measured once, by hand, when the world gazetteer and the one-pass scanner came in (2026-12-04, 2 cores
// shared with other work, load average 10-19, so absolute times are inflated): a CPU profile of `tally ingest` over 425 reports (1.27 MB: the seeds, examples and wires from
// seven wars), inclusive time in place matching.
const PROFILE = [
  '| ingest profile, 425 reports | gazetteer | place matching (incl.) | of the profile | gazetteer load |',
  '|---|---|---|---|---|',
  '| before: window by window, re-folding each window | 1,033 Afghan places | 3,633 ms | 15.5 % | 18 ms |',
  '| after: tokens folded once, index of first words, lookups memoised | 118,458 world places | 1,694 ms | 6.7 % | ~1 s read + ~0.7 s index, once per process and only when places are needed |',
];

mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'places.json'), `${JSON.stringify(result, null, 2)}\n`);
const md = [
  '# Places',
  '',
  `Gazetteer: ${result.entries} places, read in ${result.read_ms} ms and indexed in ${result.index_ms} ms (heap ${result.heap_mb} MB after the run); ${result.open_compiled_ms === null ? 'no compiled tables (run npm run build)' : `the tables compiled by the build opened in ${result.open_compiled_ms} ms`}.`,
  `Resolution: ${result.mb_per_s} MB/s, ${result.docs_per_s} reports/s per CPU second over ${result.mb} MB (${result.docs} reports, ${result.cpu_s} s CPU, ${result.wall_s} s wall; ${result.mentions} place names found, ${result.resolved} resolved).`,
  '',
  ...PROFILE,
  '',
].join('\n');
writeFileSync(join(HERE, 'results', 'places.md'), md);
process.stdout.write(`${md}\n`);
