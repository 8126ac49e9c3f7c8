import { holdYoungGeneration } from './young-generation.js';

// Where an analysing thread starts. Setting up its heap put V8's growth factor back (see
// young-generation.ts), so it is held again here, before analyse-worker.ts loads its modules.
holdYoungGeneration();
await import('./analyse-worker.js');
