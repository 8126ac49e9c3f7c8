import { readFileSync } from 'node:fs';
import { extractDocument } from '../src/extract/extract-document.js';

// Dev helper for the scorer: `node --import tsx scripts/extract.ts FILE [PUBLISHED]` prints the extraction as JSON.
const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node --import tsx scripts/extract.ts FILE [YYYY-MM-DD]\n');
  process.exitCode = 2;
} else {
  const text = readFileSync(path, 'utf8');
  process.stdout.write(`${JSON.stringify(extractDocument(text, { published: process.argv[3] ?? null }))}\n`);
}
