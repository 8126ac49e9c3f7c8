import { createReadStream, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One input to ingest: where it came from, and how to read its bytes when its turn comes. */
export interface InputItem {
  name: string;
  size: number | null;
  read(maxBytes: number): Promise<Uint8Array>;
}

/** A path that could not even be listed (missing, unreadable): reported, never fatal to the batch. */
export interface InputProblem {
  name: string;
  problem: string;
}

export const STDIN_NAME = '<stdin>';

/** A folder's own notes (README, LICENSE) describe the reports; they are not reports. Named alone, they are read. */
const FOLDER_NOTES = /^(?:readme|license|licence|changelog|provenance)(?:\.[a-z]+)?$/i;

/**
 * Expand files, folders (recursively, in a stable order, skipping hidden entries) and `-` (standard
 * input) into items. Problems are yielded in place of items so the caller reports them in order.
 */
export async function* collectInputs(
  paths: string[],
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<InputItem | InputProblem> {
  const seenDirs = new Set<string>();
  for (const path of paths) {
    if (path === '-') {
      yield { name: STDIN_NAME, size: null, read: (max) => readStream(stdin, max) };
      continue;
    }
    yield* walk(path, seenDirs);
  }
}

async function* walk(path: string, seenDirs: Set<string>): AsyncGenerator<InputItem | InputProblem> {
  // Listing and small reads are synchronous: a stat or a read of a few KB costs less than the
  // promise machinery around it, which took more time than the reads when ingesting many short reports.
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch (error) {
    yield { name: path, problem: describeFsError(error) };
    return;
  }
  if (info.isFile()) {
    const size = info.size;
    yield { name: path, size, read: (max) => readFileLimited(path, size, max) };
    return;
  }
  if (!info.isDirectory()) {
    yield { name: path, problem: 'not a regular file or folder' };
    return;
  }
  // A symlink loop would otherwise walk forever.
  const real = realpathSync(path);
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  let entries: string[];
  try {
    entries = readdirSync(path)
      .filter((e) => !e.startsWith('.') && !FOLDER_NOTES.test(e))
      .sort();
  } catch (error) {
    yield { name: path, problem: describeFsError(error) };
    return;
  }
  for (const entry of entries) yield* walk(join(path, entry), seenDirs);
}

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than the ${formatBytes(limit)} limit (--max-bytes)`);
  }
}

// A stream reads in 64 KB buffers; a report is usually a few KB, read whole at its own size.
const READ_WHOLE_BYTES = 1_000_000;

async function readFileLimited(path: string, size: number, maxBytes: number): Promise<Uint8Array> {
  if (size > maxBytes) throw new TooLargeError(maxBytes);
  if (size > READ_WHOLE_BYTES) return readStream(createReadStream(path), maxBytes);
  // It may have grown since it was listed.
  const bytes = readFileSync(path);
  if (bytes.byteLength > maxBytes) throw new TooLargeError(maxBytes);
  return bytes;
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) throw new TooLargeError(maxBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error).message;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
