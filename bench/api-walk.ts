import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

// A client in a process of its own that asks for distinct incident pages: one URL after another from
// the list in the file named first, shared by all connections, each with a pass number the server
// ignores (after the label given third, so that two walks ask for different URLs), so no request
// finds a body the server kept. Prints what `autocannon --json` prints.
const [file, seconds, label = ''] = process.argv.slice(2);
const { base, paths } = JSON.parse(readFileSync(file as string, 'utf8')) as { base: string; paths: string[] };
let next = 0;
const result = await autocannon({
  url: base,
  connections: 10,
  duration: Number(seconds),
  requests: [
    {
      setupRequest: (request) => {
        const n = next++;
        return { ...request, path: `${paths[n % paths.length]}&pass=${label}${Math.floor(n / paths.length)}` };
      },
    },
  ],
});
process.stdout.write(JSON.stringify(result));
