import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { loadResolveData, resolversFrom } from '../../app/analyse-document.js';
import { InvalidInputError } from '../../core/errors.js';
import { describeFsError } from '../../ingest/collect-files.js';
import { checkDatasetVersion } from '../../interop/dataset-header.js';
import { EXPORT_FORMATS, type ExportFormat, storePages, writeExport } from '../../interop/export-incidents.js';
import { formatProblem, type ImportProgress, importDataset } from '../../interop/import-dataset.js';
import { createActorIndex } from '../../resolve/actors.js';
import { loadActorRegistry } from '../../resolve/load-resolve-data.js';
import { openStore } from '../../store/open-store.js';
import { printJson } from '../format.js';
import { checkIncidentFilterFlags, type IncidentFilterFlags, incidentFilter } from './incident-commands.js';

export interface ExportFlags extends IncidentFilterFlags {
  format: string;
  out?: string;
  redact?: boolean;
}

async function openForReading(file: string): Promise<Readable> {
  if (file === '-') return process.stdin;
  const stream = createReadStream(file);
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new InvalidInputError(file, describeFsError(error));
  }
  return stream;
}

/** Written beside the target and renamed at the end, so a failed export leaves no half file behind. */
async function openForWriting(
  file: string,
): Promise<{ out: Writable; commit(): Promise<void>; abort(): Promise<void> }> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  try {
    await once(out, 'open');
  } catch (error) {
    throw new InvalidInputError('--out', `${file}: ${describeFsError(error)}`);
  }
  const closed = async () => {
    if (!out.closed) await new Promise<void>((resolve) => out.end(resolve));
  };
  return {
    out,
    commit: async () => {
      await closed();
      await rename(partial, file);
    },
    abort: async () => {
      out.destroy();
      await rm(partial, { force: true });
    },
  };
}

/** `tally export`: the incidents a filter selects, streamed in one of the field's formats. */
export async function runExport(db: string, flags: ExportFlags): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
    throw new InvalidInputError('--format', `expected one of ${EXPORT_FORMATS.join(', ')}, got "${flags.format}"`);
  }
  checkIncidentFilterFlags(flags);
  const format = flags.format as ExportFormat;
  const store = await openStore(db);
  try {
    const filter = await incidentFilter(store, flags);
    // The grade every format carries asks the registry whether a claimant is a party.
    const actors = createActorIndex(await loadActorRegistry(flags.actors));
    const target = flags.out ? await openForWriting(flags.out) : null;
    try {
      const { incidents } = await writeExport(storePages(store, filter, actors), target?.out ?? process.stdout, {
        format,
        actors,
        redact: flags.redact === true,
      });
      await target?.commit();
      process.stderr.write(`${incidents} incidents exported${flags.out ? ` to ${flags.out}` : ''} (${format})\n`);
    } catch (error) {
      await target?.abort();
      // `tally export ... | head` closes the pipe early: the reader has what it wanted.
      if (!target && (error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      throw error;
    }
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * A progress bar on a terminal for an import from a file: bytes read of the file's size, and records
 * read. A million GED rows take a minute or more, and without it nothing is printed until the end.
 * Problems are written above the bar. Without a terminal (or with --json, or from standard input)
 * only the problems are written, as they come.
 */
function importBar(file: string, flags: ImportFlags) {
  // Only a regular file has a size to read up to (not standard input, a pipe or a device).
  const info = file === '-' ? null : statSync(file);
  const size = info?.isFile() ? info.size : null;
  const bar =
    process.stderr.isTTY && !flags.json && size !== null
      ? new SingleBar({
          stream: process.stderr,
          clearOnComplete: true,
          format: '{phase} {bar} {percentage}% | {records} records',
        })
      : null;
  let at: ImportProgress = { records: 0, bytes: 0 };
  const payload = (p: ImportProgress) => ({
    records: p.records,
    phase: p.finishing ? 'indexing and committing' : 'importing',
  });
  bar?.start(size ?? 0, 0, payload(at));
  return {
    update(progress: ImportProgress) {
      at = progress;
      bar?.update(progress.bytes, payload(progress));
    },
    aside(text: string) {
      bar?.stop();
      process.stderr.write(text);
      bar?.start(size ?? 0, at.bytes, payload(at));
    },
    stop() {
      bar?.stop();
    },
  };
}

export interface ImportFlags {
  datasetVersion?: string;
  json?: boolean;
  actors: string;
}

/** `tally import FILE`: a UCDP GED or ACLED CSV; bad rows are reported by line and the rest stored. */
export async function runImport(db: string, file: string, flags: ImportFlags): Promise<number> {
  if (flags.datasetVersion !== undefined) checkDatasetVersion(flags.datasetVersion, '--dataset-version');
  const input = await openForReading(file);
  const store = await openStore(db).catch((error) => {
    input.destroy();
    throw error;
  });
  try {
    // A file on disk is read and checked on a second thread while this one stores; standard input
    // is read here.
    const resolve = await loadResolveData(store, flags.actors);
    const bar = importBar(file, flags);
    const summary = await importDataset(store, input, {
      file,
      datasetVersion: flags.datasetVersion,
      resolvers: resolversFrom(resolve),
      now: new Date().toISOString(),
      onProblem: (problem) => bar.aside(`${formatProblem(problem)}\n`),
      onProgress: (progress) => bar.update(progress),
      exclusive: true,
      worker: file === '-' ? undefined : { path: file, resolve },
    }).finally(() => bar.stop());
    if (flags.json) printJson(summary);
    else {
      const updated = summary.updated > 0 ? `; ${summary.updated} already stored, updated in place` : '';
      process.stdout.write(
        `${summary.imported} imported, ${summary.failed} failed (as "${summary.dataset}"${updated})\n`,
      );
    }
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
