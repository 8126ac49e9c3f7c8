// npm does not link a package's own bin into its node_modules/.bin, so `npx tally`
// inside a fresh clone would find nothing; make the link the way npm would.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'bin', 'tally.js');
const link = join(root, 'node_modules', '.bin', 'tally');
mkdirSync(dirname(link), { recursive: true });
if (existsSync(link)) rmSync(link);
symlinkSync(relative(dirname(link), target), link);
chmodSync(target, 0o755);
