// Compile the shipped gazetteer's lookup tables beside the built code (dist/gazetteer-index.bin), so a
// process that places anything opens them instead of building them. Run by `npm run build`.
import { writeShippedIndex } from '../dist/resolve/load-resolve-data.js';

const { entries, bytes } = writeShippedIndex();
console.log(`gazetteer index: ${entries} places, ${(bytes / 1e6).toFixed(1)} MB`);
