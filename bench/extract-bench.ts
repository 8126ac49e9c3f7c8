import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTRACTOR, extractDocument } from '../src/extract/extract-document.js';
import { seeded } from './ged-rows.js';

/**
 * Extraction throughput on one core over a generated corpus of report-like documents (encyclopedia
 * leads with infoboxes in three renderings, news wires, humanitarian updates), beside the floor of
 * a single regular-expression pass over the same text.
 */

const TARGET_BYTES = Number(process.env.BENCH_MB ?? 50) * 1_000_000;
const HERE = dirname(fileURLToPath(import.meta.url));

// The same seeded generator as the store bench's rows: the corpus is the same on every run.
const rand = seeded(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const num = (lo: number, hi: number) => int(lo, hi).toLocaleString('en-US');

const PLACES = [
  'Kunduz',
  'Mosul',
  'Aleppo',
  'Hodeidah',
  'Kharkiv',
  'El Fasher',
  'Taiz',
  'Raqqa',
  'Bakhmut',
  'Nyala',
  'Jowzjan',
  'Deir ez-Zor',
  'Marib',
  'Kherson',
  'Geneina',
];
const ACTORS = [
  'the Taliban',
  'Islamic State fighters',
  'government forces',
  'the Houthis',
  'the RSF',
  'Russian forces',
  'coalition aircraft',
  'rebel groups',
  'the army',
  'militias',
];
const SOURCES = [
  'officials said',
  'according to the UN',
  'the ministry said',
  'a spokesman said',
  'local residents told reporters',
  'according to Human Rights Watch',
  'medical sources said',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const QUALIFIERS = ['at least ', 'more than ', 'about ', 'up to ', 'nearly ', 'an estimated ', '', '', ''];
const PEOPLE = ['civilians', 'people', 'fighters', 'soldiers', 'children', 'residents', 'militants', 'police officers'];

const date = () => `${int(1, 28)} ${pick(MONTHS)} ${int(1995, 2024)}`;

function casualtySentence(): string {
  const forms = [
    () =>
      `On ${int(1, 28)} ${pick(MONTHS)}, ${pick(ACTORS)} killed ${pick(QUALIFIERS)}${num(2, 400)} ${pick(PEOPLE)} in ${pick(PLACES)}, ${pick(SOURCES)}.`,
    () =>
      `${pick(QUALIFIERS)}${num(2, 900)} ${pick(PEOPLE)} were killed and ${num(2, 900)} wounded when shelling hit ${pick(PLACES)}.`,
    () =>
      `Between ${num(100, 400)} and ${num(500, 900)} ${pick(PEOPLE)} had been displaced by ${pick(MONTHS)}, ${pick(SOURCES)}.`,
    () => `${pick(ACTORS)} deployed ${pick(QUALIFIERS)}${num(500, 20000)} fighters around ${pick(PLACES)}.`,
    () => `Dozens of ${pick(PEOPLE)} were captured near ${pick(PLACES)}, while ${num(10, 300)} others surrendered.`,
    () => `The death toll rose to ${num(10, 3000)} after ${pick(ACTORS)} struck a market in ${pick(PLACES)}.`,
    () => `More than ${num(10000, 900000)} people have fled their homes since ${date()}.`,
  ];
  return pick(forms)();
}

function noiseSentence(): string {
  const forms = [
    () =>
      `The district lies ${num(20, 300)} kilometres north of ${pick(PLACES)} and was home to ${num(10000, 500000)} people before the war.`,
    () => `Negotiations between ${pick(ACTORS)} and tribal elders continued for ${int(2, 40)} days without result.`,
    () =>
      `Aid agencies delivered ${num(20, 900)} trucks of food and ${num(100, 5000)} shelter kits to ${pick(PLACES)}.`,
    () =>
      `Analysts noted that ${pick(ACTORS)} had launched ${int(2, 30)} attacks on checkpoints in ${int(2, 9)} provinces during ${int(1995, 2024)}.`,
    () =>
      `The road between ${pick(PLACES)} and ${pick(PLACES)} was reopened in ${pick(MONTHS)} after months of closure.`,
  ];
  return pick(forms)();
}

function paragraph(): string {
  const n = int(3, 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rand() < 0.45 ? casualtySentence() : noiseSentence());
  return out.join(' ');
}

function infoboxLines(): string {
  return [
    'Infobox',
    `- Conflict: Battle of ${pick(PLACES)}`,
    `- Date: ${date()} – ${date()}`,
    `- Place: ${pick(PLACES)}, ${pick(PLACES)} Province`,
    `- Combatant1: ${pick(ACTORS)}<hr> 23px Allied militias`,
    `- Combatant2: ${pick(ACTORS)}, Supported by:, , Foreign volunteers`,
    `- Commander1: Ahmad Karimi, Omar HaddadKIA`,
    `- Commander2: Yusuf Rahimi (POW), Samir Nouri †`,
    `- Strength1: ${num(1000, 5000)}–${num(6000, 12000)}`,
    `- Strength2: ${num(100, 900)}`,
    `- Casualties1: ${num(10, 900)} killed, ${num(10, 900)} wounded`,
    `- Casualties2: Heavy ---- ${num(10, 300)} captured`,
    `- Casualties3: ${num(10, 300)} civilians killed, ${num(1000, 90000)} displaced`,
  ].join('\n');
}

function infoboxHtml(): string {
  return `<table class="infobox"><tr><th colspan="2">Siege of ${pick(PLACES)}</th></tr>
<tr><th>Date</th><td>${date()} – ${date()}</td></tr><tr><th>Location</th><td>${pick(PLACES)}</td></tr>
<tr><th colspan="2">Belligerents</th></tr><tr><td>${pick(ACTORS)}</td><td>${pick(ACTORS)}</td></tr>
<tr><th colspan="2">Commanders and leaders</th></tr><tr><td>Karim Saleh<br>Hadi Omar&nbsp;†</td><td>Ali Nasser (POW)</td></tr>
<tr><th colspan="2">Strength</th></tr><tr><td>${num(2000, 9000)}</td><td>c. ${num(200, 900)}</td></tr>
<tr><th colspan="2">Casualties and losses</th></tr><tr><td>${num(10, 500)} killed<br>${num(10, 900)} wounded</td><td>~${num(10, 500)} killed</td></tr>
</table>`;
}

function infoboxPipes(): string {
  return [
    `| Conflict | Battle of ${pick(PLACES)} |`,
    `| Date | ${date()} – ${date()} |`,
    `| Combatant1 | ${pick(ACTORS)} |`,
    `| Combatant2 | ${pick(ACTORS)} |`,
    `| Strength1 | ${num(1000, 9000)}+ |`,
    `| Casualties1 | ${num(10, 500)}–${num(600, 900)} killed, ${num(5, 90)} captured |`,
  ].join('\n');
}

function documentText(): string {
  const kind = rand();
  const paras = int(3, 9);
  const body: string[] = [];
  for (let i = 0; i < paras; i++) body.push(paragraph());
  if (kind < 0.2) return `= Battle of ${pick(PLACES)} =\n\n${infoboxLines()}\n\n${body.join('\n\n')}`;
  if (kind < 0.35) return `${infoboxHtml()}\n\n${body.join('\n\n')}`;
  if (kind < 0.45) return `Battle of ${pick(PLACES)}\n\n${infoboxPipes()}\n\n${body.join('\n\n')}`;
  if (kind < 0.85)
    return `${casualtySentence().replace(/\.$/, '')}\n\n${pick(PLACES).toUpperCase()}, ${date()} — ${body.join('\n\n')}`;
  return `HUMANITARIAN UPDATE\n\nKEY FIGURES\n- People displaced: ${(int(10, 99) / 10).toFixed(1)} million\n- People in need: ${num(100000, 900000)}\n\n${body.join('\n\n')}`;
}

function main(): void {
  const docs: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    const d = documentText();
    docs.push(d);
    bytes += Buffer.byteLength(d, 'utf8');
  }
  const mb = bytes / 1e6;

  // Floor: one pass of a single regular expression over the same documents.
  const t0 = performance.now();
  let matches = 0;
  for (const d of docs) matches += d.match(/\d[\d,]*/g)?.length ?? 0;
  const floorSeconds = (performance.now() - t0) / 1000;

  // Warm the JIT on a slice before timing the whole corpus.
  for (const d of docs.slice(0, 200)) extractDocument(d);
  const t1 = performance.now();
  let figures = 0;
  for (const d of docs) figures += extractDocument(d).figures.length;
  const seconds = (performance.now() - t1) / 1000;

  const result = {
    extractor: EXTRACTOR,
    node: process.version,
    corpus: { documents: docs.length, megabytes: Number(mb.toFixed(2)) },
    extraction: {
      seconds: Number(seconds.toFixed(3)),
      mb_per_s: Number((mb / seconds).toFixed(2)),
      docs_per_s: Math.round(docs.length / seconds),
      figures,
    },
    regex_floor: {
      seconds: Number(floorSeconds.toFixed(3)),
      mb_per_s: Number((mb / floorSeconds).toFixed(1)),
      matches,
    },
    target_mb_per_s: 2,
  };
  const line = `extract ${EXTRACTOR.version}: ${result.extraction.mb_per_s} MB/s, ${result.extraction.docs_per_s} docs/s on one core over ${result.corpus.megabytes} MB (${docs.length} docs, ${figures} figures); regex floor ${result.regex_floor.mb_per_s} MB/s`;
  const dir = join(HERE, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'extract.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, 'extract.md'), `${line}\n`);
  process.stdout.write(`${line}\n`);
}

main();
