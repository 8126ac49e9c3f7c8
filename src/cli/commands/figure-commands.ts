import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../core/errors.js';
import type { FigureKind } from '../../core/figure.js';
import { FigureKind as FigureKindSchema } from '../../core/figure.js';
import { extractDocument } from '../../extract/extract-document.js';
import { describeFsError } from '../../ingest/collect-files.js';
import { readDocument } from '../../ingest/read-document.js';
import { listFigures } from '../../store/extraction-store.js';
import { openStore } from '../../store/open-store.js';
import { formatRange, formatTable, printJson } from '../format.js';

/** `tally extract FILE`: extraction alone, nothing stored. */
export async function runExtract(file: string, flags: { json?: boolean; published?: string }): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InvalidInputError(file, describeFsError(error));
  }
  const doc = await readDocument(bytes, file, { published: flags.published });
  const result = extractDocument(doc.text, { published: doc.published });
  if (flags.json) {
    printJson(result);
    return 0;
  }
  const c = result.conflict;
  if (c) {
    process.stdout.write(
      `conflict  ${c.name}\ndates     ${c.start ?? '?'} – ${c.end ?? '?'}\nplace     ${c.place ?? '?'}\n`,
    );
    c.sides.forEach((s, i) => {
      const commanders = s.commanders.map((m) => (m.status ? `${m.name} [${m.status}]` : m.name)).join(', ');
      process.stdout.write(`side ${i + 1}    ${s.combatants.join(', ')}${commanders ? ` — ${commanders}` : ''}\n`);
    });
    process.stdout.write('\n');
  }
  const rows = result.figures.map((f) => [
    f.kind,
    formatRange(f.low, f.high, f.vague),
    f.qualifier,
    f.claimant ?? '',
    f.date ? (f.date.start === f.date.end ? f.date.start : `${f.date.start}..${f.date.end}`) : '',
    f.evidence.text,
  ]);
  process.stdout.write(`${formatTable(['kind', 'figure', 'qualifier', 'claimant', 'date', 'evidence'], rows, 64)}\n`);
  process.stdout.write(`${result.figures.length} figures (${result.extractor.name} ${result.extractor.version})\n`);
  return 0;
}

export interface FigureFlags {
  json?: boolean;
  document?: number;
  kind?: string;
  min?: number;
  claimant?: string;
  limit: number;
}

export async function runFigures(db: string, flags: FigureFlags): Promise<number> {
  let kind: FigureKind | undefined;
  if (flags.kind !== undefined) {
    const parsed = FigureKindSchema.safeParse(flags.kind);
    if (!parsed.success) {
      throw new InvalidInputError(
        '--kind',
        `expected one of ${FigureKindSchema.options.join(', ')}, got "${flags.kind}"`,
      );
    }
    kind = parsed.data;
  }
  const store = await openStore(db);
  try {
    const figures = await listFigures(store, {
      document: flags.document,
      kind,
      minValue: flags.min,
      claimant: flags.claimant,
      limit: flags.limit,
    });
    if (flags.json) {
      printJson(figures);
      return 0;
    }
    const rows = figures.map((f) => [
      f.id,
      f.document_id,
      f.kind,
      formatRange(f.low, f.high, f.vague),
      f.claimant ?? '',
      f.date?.start ?? '',
      f.evidence.text,
    ]);
    process.stdout.write(`${formatTable(['id', 'doc', 'kind', 'figure', 'claimant', 'date', 'evidence'], rows, 60)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
