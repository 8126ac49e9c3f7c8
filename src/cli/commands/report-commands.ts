import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadResolvers } from '../../app/analyse-document.js';
import { InvalidInputError } from '../../core/errors.js';
import { describeFsError } from '../../ingest/collect-files.js';
import { describeFilter, writeReportHtml } from '../../report/load-report.js';
import { openStore } from '../../store/open-store.js';
import { DEFAULT_CHROMIUM } from '../config.js';
import { checkIncidentFilterFlags, type IncidentFilterFlags, incidentFilter } from './incident-commands.js';

export interface ReportFlags extends IncidentFilterFlags {
  out?: string;
  pdf?: string;
  title?: string;
  chromium: string;
}

export { DEFAULT_CHROMIUM };

/** `tally report`: the incidents a filter selects as one offline HTML document, and as a PDF on request. */
export async function runReport(db: string, flags: ReportFlags): Promise<number> {
  checkIncidentFilterFlags(flags);
  if (!flags.out && !flags.pdf)
    throw new InvalidInputError('--out', 'say where to write the report: --out report.html and/or --pdf report.pdf');
  if (flags.pdf && !existsSync(flags.chromium)) {
    throw new InvalidInputError(
      '--pdf',
      `no chromium at ${flags.chromium} to print the PDF with: install it (apt-get install chromium) or pass --chromium PATH`,
    );
  }
  const store = await openStore(db);
  let html: string;
  let count: number;
  try {
    const filter = await incidentFilter(store, flags);
    const { actors } = await loadResolvers(store, flags.actors);
    const report = await writeReportHtml(store, {
      filter,
      scope: describeFilter({ ...filter, placeName: flags.place }),
      title: flags.title,
      actors,
      now: new Date().toISOString(),
    });
    html = report.html;
    count = report.incidents;
  } finally {
    await store.close();
  }
  if (flags.out) await writeAtomically(flags.out, html, '--out');
  if (flags.pdf) await printPdf(html, flags.pdf, flags.chromium);
  const written = [flags.out, flags.pdf].filter(Boolean).join(' and ');
  process.stderr.write(`report of ${count} incidents written to ${written}\n`);
  return 0;
}

/** Beside the target, then renamed: an interrupted write never leaves half a report under its name. */
async function writeAtomically(file: string, content: string | Uint8Array, flag: string): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, content);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new InvalidInputError(flag, `${file}: ${describeFsError(error)}`);
  }
}

/** Chromium's own print to PDF (A4 from the report's @page rule), headless, from a private temp folder. */
export async function printPdf(html: string, pdf: string, chromium = DEFAULT_CHROMIUM): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tally-report-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    const { code, stderr } = await run(chromium, args);
    if (code !== 0 || !existsSync(out)) {
      throw new InvalidInputError(
        '--pdf',
        `${chromium} could not print the report (exit ${code}): ${stderr.trim().slice(-300)}`,
      );
    }
    const target = resolve(pdf);
    if (!existsSync(dirname(target))) throw new InvalidInputError('--pdf', `${pdf}: the folder does not exist`);
    await writeAtomically(target, await readFile(out), '--pdf');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => fail(new InvalidInputError('--chromium', `${command}: ${describeFsError(error)}`)));
    child.on('close', (code) => done({ code: code ?? 1, stderr }));
  });
}
