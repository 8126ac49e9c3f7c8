import { InvalidInputError } from '../../core/errors.js';

/** A password typed at the terminal, not echoed. Refuses when there is no terminal to ask. */
export async function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new InvalidInputError('password', 'no terminal to ask for it: pipe it in with --password-stdin');
  }
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new InvalidInputError('password', 'cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/** The whole of standard input, less one trailing newline (what `echo pw |` adds). */
export async function readPasswordStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asked twice at a terminal, so a typo does not become the password. */
export async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordStdin();
  const first = await promptPassword('password: ');
  const again = await promptPassword('again:    ');
  if (first !== again) throw new InvalidInputError('password', 'the two entries differ');
  return first;
}
