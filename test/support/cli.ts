import { type SpawnOptions, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = join(ROOT, '..', 'shared');

/** The CLI from source, as a user would call it, in its own process. */
export function cliArgs(args: string[]): string[] {
  return ['--import', 'tsx', join(ROOT, 'src', 'cli', 'entry.ts'), ...args];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: ROOT,
      env: { ...process.env, TALLY_DB: '', DATABASE_URL: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    };
    const child = spawn(process.execPath, cliArgs(args), spawnOptions);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(options.input ?? '');
  });
}
