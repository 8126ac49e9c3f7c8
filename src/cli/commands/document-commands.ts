import { getDocument, listDocuments } from '../../store/document-store.js';
import { getConflictOfDocument, listFigures } from '../../store/extraction-store.js';
import { openStore } from '../../store/open-store.js';
import { formatRange, formatTable, printJson } from '../format.js';

export async function runDocuments(
  db: string,
  flags: { json?: boolean; limit: number; offset: number },
): Promise<number> {
  const store = await openStore(db);
  try {
    const docs = await listDocuments(store, { limit: flags.limit, offset: flags.offset });
    if (flags.json) {
      printJson(docs);
      return 0;
    }
    if (docs.length === 0) {
      process.stdout.write('no documents stored yet: try `tally ingest examples`\n');
      return 0;
    }
    const rows = docs.map((d) => [d.id, d.kind, d.format, d.published ?? '', d.figures, d.title ?? '', d.source]);
    process.stdout.write(
      `${formatTable(['id', 'kind', 'format', 'published', 'figures', 'title', 'source'], rows, 48)}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

export async function runShowDocument(db: string, id: number, flags: { json?: boolean }): Promise<number> {
  const store = await openStore(db);
  try {
    const doc = await getDocument(store, id);
    const figures = await listFigures(store, { document: id, limit: 100_000 });
    const conflict = await getConflictOfDocument(store, id);
    if (flags.json) {
      printJson({ ...doc, figures, conflict });
      return 0;
    }
    const meta: [string, string | number | null][] = [
      ['id', doc.id],
      ['title', doc.title],
      ['source', doc.source],
      ['kind', doc.kind],
      ['format', doc.format],
      ['publisher', doc.publisher],
      ['published', doc.published && doc.published_given ? `${doc.published} (given at ingest)` : doc.published],
      ['language', doc.language],
      ['bytes', doc.bytes],
      ['sha256', doc.content_hash],
      ['ingested', doc.ingested_at],
    ];
    for (const [k, v] of meta) process.stdout.write(`${k.padEnd(10)} ${v ?? '—'}\n`);
    if (conflict) {
      process.stdout.write(`\nconflict   ${conflict.name} (${conflict.start ?? '?'} – ${conflict.end ?? '?'})\n`);
      conflict.sides.forEach((s, i) => {
        const commanders = s.commanders.map((c) => (c.status ? `${c.name} [${c.status}]` : c.name)).join(', ');
        process.stdout.write(`side ${i + 1}     ${s.combatants.join(', ')}${commanders ? ` — ${commanders}` : ''}\n`);
      });
    }
    if (figures.length > 0) {
      process.stdout.write('\n');
      const rows = figures.map((f) => [f.kind, formatRange(f.low, f.high, f.vague), f.claimant ?? '', f.evidence.text]);
      process.stdout.write(`${formatTable(['kind', 'figure', 'claimant', 'evidence'], rows, 70)}\n`);
    }
    process.stdout.write(`\n${doc.text}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
