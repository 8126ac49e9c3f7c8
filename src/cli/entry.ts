import { setFlagsFromString } from 'node:v8';
import { holdYoungGeneration } from '../app/young-generation.js';

// V8 lets the old generation grow by up to 4x its live size between full collections. Ingest and
// import keep each batch alive across a few young collections, so a batch's garbage is promoted and
// piles up: ingesting 5,000 reports peaked at 213 MB of heap for 85 MB live, 320 MB RSS; an import of
// 200,000 GED rows at 633 MB. Growth capped at 30% between collections: 250-275 MB and 442 MB, and
// no measurable change in CPU time (old and new builds alternated; peaks in bench/results/ingest.md).
// Worker threads share the setting.
// The flag is read at each collection, so setting it here, before the work begins, takes effect.
setFlagsFromString('--heap-growing-percent=30');
// Before the modules below are loaded (app/young-generation.ts). The command is always the first word.
if (process.argv[2] === 'ingest') holdYoungGeneration();

// `tally incidents --json | head`: a reader that stops reading is no failure of the command. What
// is left to print is dropped and the command ends as it would have (an ingest still stores
// everything); any other failure to write is still an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const { main } = await import('./main.js');
await main(process.argv);
