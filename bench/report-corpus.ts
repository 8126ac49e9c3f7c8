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

// What a news report says besides its figures: context, reactions, the humanitarian picture, history.
// A paragraph may hold numbers that are not casualties (population, distance, a year, aid).
const BACKGROUND: readonly ((s: Scene, a: string, b: string, n: (lo: number, hi: number) => number) => string)[] = [
  (s, a, b) =>
    `${s.place} has changed hands several times since the conflict began. Residents describe long nights of shelling, shops that open for an hour in the morning, and a market that has moved twice to keep out of range. ${cap(a)} and ${b} each accuse the other of using the town's schools and clinics as positions.`,
  (s, _a, _b, n) =>
    `${s.place} had about ${n(20, 400) * 1000} inhabitants before the fighting, according to the last census, and lies some ${n(15, 180)} km from the regional capital. The main road to it has been closed to civilian traffic for ${n(2, 11)} months, and aid convoys need two days' notice to pass.`,
  (s) =>
    `Aid agencies say the hospital in ${s.place} is running on generators and that its surgeons are working double shifts. A doctor who asked not to be named because he was not authorised to speak to the press said supplies of blood and anaesthetic would last about a week.`,
  (_s, a) =>
    `In a statement posted online, a spokesman for ${a} said the group was acting in self-defence and called on civilians to stay away from military sites. The statement could not be independently verified, and earlier claims by the group have proved exaggerated.`,
  (s, _a, b) =>
    `Diplomats meeting in Geneva this week were expected to discuss a ceasefire around ${s.region}, but officials briefed on the talks said positions remained far apart. ${cap(b)} have said they will not withdraw before prisoners are exchanged.`,
  (s, _a, _b, n) =>
    `Satellite images reviewed by independent analysts show ${n(12, 300)} damaged buildings in the centre of ${s.place} compared with images taken in ${2000 + n(8, 22)}, among them a school, a water pumping station and the old covered market.`,
  (s) =>
    `The United Nations has appealed for safe passage for civilians leaving ${s.region}. Families who reached the camps on the outskirts of the regional capital said they had walked for two days, carrying what they could, and had paid drivers for the last part of the journey.`,
  (_s, a, b) =>
    `Analysts say the fighting reflects a wider struggle for the roads that connect the region to the border. Control of the crossings brings customs revenue and smuggling routes, and both ${a} and ${b} have moved reinforcements into the area over the past month.`,
  (s) =>
    `Local journalists say reporting from ${s.place} has become dangerous and that telephone and internet links are cut for days at a time. Much of what is known comes from residents who travel to a hill outside the town to find a signal.`,
  (s, _a, _b, n) =>
    `Schools in ${s.region} have been closed since the spring, affecting about ${n(5, 90) * 1000} children, the education authorities said. Teachers have not been paid for ${n(2, 8)} months, and some have set up classes in private homes.`,
];

type Scene = (typeof SCENES)[number];
const cap = (text: string) => text.replace(/^./, (c) => c.toUpperCase());

/**
 * `count` wire reports of about 0.8 KB, each with a dateline, figures, a claimant and a place: as dense
 * in figures as reports come. With `background`, each also carries that many paragraphs of context
 * (reactions, history, the humanitarian picture) at random places after its lead, as news reports do.
 */
export function* wireReports(count: number, seed = 2026, background = 0): Generator<{ name: string; text: string }> {
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
    // Distinct paragraphs: a report does not repeat itself.
    const pool = [...BACKGROUND];
    for (let k = Math.min(background, pool.length); k > 0; k--) {
      const [write] = pool.splice(n(0, pool.length - 1), 1) as [(typeof BACKGROUND)[number]];
      paragraphs.splice(n(1, paragraphs.length), 0, write(scene, a, b, n));
    }
    yield { name: `wire-${String(i).padStart(6, '0')}.txt`, text: `${paragraphs.join('\n\n')}\n` };
  }
}
