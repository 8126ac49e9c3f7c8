/**
 * Writes examples/helmand-flash-update.pdf, a two-page humanitarian update, with the same tiny PDF
 * writer the tests use. Run: node --import tsx scripts/make-example-pdf.ts
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { makePdf } from '../src/ingest/testing/make-pdf.js';

const PAGE_ONE = `Helmand Humanitarian Forum
Flash Update No. 3: Fighting in Lashkar Gah and Nad-e Ali
Published: 10 August 2021

This update is an invented example written for Tally's demos and tests. The forum is fictional.

HIGHLIGHTS
- Heavy fighting between the Afghan National Army and the Taliban continued in Lashkar Gah city and Nad-e Ali district between 1 and 9 August 2021.
- Partner hospitals reported 41 civilians killed and 118 injured in the period, including 14 children.
- An estimated 6,500 families (about 45,000 people) have been displaced within Helmand province.

SITUATION OVERVIEW
Clashes reached the centre of Lashkar Gah on 3 August. The regional hospital said it had received 22 bodies of civilians between 3 and 6 August, most with gunshot or shrapnel wounds. On 5 August, an air strike hit a clinic and a school in police district 2; local officials said at least seven civilians were killed, while the Ministry of Defence said the strike targeted a Taliban gathering and killed 30 fighters.

In Nad-e Ali, residents reported that a family of six was killed when a rocket struck their home on the night of 7 August.`;

const PAGE_TWO = `DISPLACEMENT
Most displaced families have moved to the northern and eastern outskirts of Lashkar Gah, to the Bost area and to relatives in Kandahar city. Partners also recorded some 400 families arriving in Chaman and Quetta, Pakistan, since late July.

NEEDS AND RESPONSE
- Food: 3,200 displaced families received two-week rations on 8 August.
- Health: two mobile teams treated 860 patients; blood supplies at the regional hospital are low.
- Shelter: partners estimate that 1,900 families are sleeping in the open or in mosques.

Access remains severely limited. Humanitarian staff could not reach Nad-e Ali between 4 and 9 August because of active fighting and roadside bombs on the main road.

For more information: info@helmand-forum.example`;

const bytes = makePdf({
  pages: [PAGE_ONE, PAGE_TWO],
  title: 'Flash Update No. 3: Fighting in Lashkar Gah and Nad-e Ali',
  created: '2021-08-10',
});
const target = fileURLToPath(new URL('../examples/helmand-flash-update.pdf', import.meta.url));
await writeFile(target, bytes);
process.stdout.write(`wrote ${target} (${bytes.length} bytes)\n`);
