import { seeded } from './ged-rows.js';

// Places and parties of several wars, for reports written here: a corpus the ingest bench can
// grow to any size, the same on every run.
const SCENES: readonly { place: string; region: string; parties: readonly string[] }[] = [
  { place: 'Khanabad', region: 'Kunduz province', parties: ['the Taliban', 'Afghan security forces'] },
  { place: 'Lashkar Gah', region: 'Helmand province', parties: ['the Taliban', 'the Afghan army'] },
  { place: 'Jalalabad', region: 'Nangarhar province', parties: ['Islamic State fighters', 'Afghan police'] },
  { place: 'Mosul', region: 'Nineveh governorate', parties: ['Iraqi forces', 'Islamic State fighters'] },
  { place: 'Bakhmut', region: 'Donetsk oblast', parties: ['Russian forces', 'Ukrainian troops'] },
  { place: 'Kherson', region: 'Kherson oblast', parties: ['Russian artillery', 'Ukrainian forces'] },
  { place: 'El Fasher', region: 'North Darfur', parties: ['the Rapid Support Forces', 'the Sudanese army'] },
  { place: 'Taiz', region: 'Taiz governorate', parties: ['Houthi fighters', 'government-aligned forces'] },
  { place: 'Idlib', region: 'Idlib governorate', parties: ['Syrian government aircraft', 'opposition groups'] },
  { place: 'Mogadishu', region: 'Banadir', parties: ['al-Shabaab', 'Somali troops'] },
];
const SOURCES = ['a police spokesman', 'the provincial governor', 'a hospital official', 'local elders', 'a UN agency'];
const MONTHS = ['January', 'March', 'May', 'June', 'August', 'October', 'November'];
const EVENTS = [
  'a roadside bomb struck a minibus',
  'shells hit a market',
  'an air strike hit a residential block',
  'fighters attacked a checkpoint',
  'a suicide bomber blew himself up near a mosque',
  'clashes broke out on the edge of the town',
];

/** `count` wire reports of about 1–2 KB, each with a dateline, figures, a claimant and a place. */
export function* wireReports(count: number, seed = 2026): Generator<{ name: string; text: string }> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const n = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  for (let i = 0; i < count; i++) {
    const scene = pick(SCENES);
    const [a, b] = scene.parties as [string, string];
    const day = n(1, 28);
    const month = pick(MONTHS);
    const year = n(2009, 2023);
    const killed = n(2, 60);
    const injured = n(0, 90);
    const paragraphs = [
      `${scene.place.toUpperCase()}, ${day} ${month} ${year} - At least ${killed} people were killed and ${injured} others wounded when ${pick(EVENTS)} in ${scene.place}, ${scene.region}, ${pick(SOURCES)} said on ${pick(['Monday', 'Tuesday', 'Thursday', 'Saturday'])}.`,
      `${pick(SOURCES).replace(/^./, (c) => c.toUpperCase())} said ${n(2, killed)} of the dead were women and children, and that ${n(1, 12)} members of ${b} were among the wounded. ${a.replace(/^./, (c) => c.toUpperCase())} denied responsibility.`,
      `Fighting between ${a} and ${b} around ${scene.place} has forced about ${n(3, 40) * 100} families from their homes since ${pick(MONTHS)}, according to ${pick(SOURCES)}.`,
      `In a separate incident the same day, ${n(2, 9)} civilians were killed by a mortar round in a village outside ${scene.place}, residents said. (report ${i})`,
    ];
    const extra = n(0, 2);
    for (let k = 0; k < extra; k++) {
      paragraphs.push(
        `Earlier in ${pick(MONTHS)}, ${n(5, 120)} fighters of ${a} were reported killed in ${scene.region} during an operation by ${b}, ${pick(SOURCES)} said.`,
      );
    }
    yield { name: `wire-${String(i).padStart(6, '0')}.txt`, text: `${paragraphs.join('\n\n')}\n` };
  }
}
