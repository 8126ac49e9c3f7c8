import { loadResolvers } from '../../app/analyse-document.js';
import { InvalidInputError } from '../../core/errors.js';
import { Grade, SourceType } from '../../core/grade.js';
import { listDocumentSources, setIncidentGrade, setSourceType } from '../../store/grade-reviews.js';
import { openStore } from '../../store/open-store.js';
import { formatTable, printJson } from '../format.js';
import { cliAgent } from './server-commands.js';

interface NoteFlags {
  note?: string;
  sensitive?: boolean;
  reason?: string;
  json?: boolean;
}

/** `tally grade ID GRADE`: set a grade over the rule's (`rule` clears it), audited like every review. */
export async function runGrade(
  db: string,
  id: number,
  grade: string,
  flags: NoteFlags & { actors: string },
): Promise<number> {
  const value = grade === 'rule' ? null : Grade.safeParse(grade).data;
  if (value === undefined) {
    throw new InvalidInputError(
      'grade',
      `expected ${Grade.options.join(', ')} or "rule" (clears the override); got "${grade}"`,
    );
  }
  const store = await openStore(db);
  try {
    const { actors } = await loadResolvers(store, flags.actors);
    const request = {
      grade: value,
      note: flags.note ?? null,
      note_sensitive: flags.sensitive ?? false,
      reason: flags.reason,
    };
    const r = await setIncidentGrade(store, cliAgent(), id, request, new Date().toISOString(), actors);
    if (flags.json) printJson({ audit_id: r.auditId, grade: r.grade });
    else process.stdout.write(`incident ${id}: ${r.grade.grade} (${r.grade.reason}); audit entry ${r.auditId}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `tally source ID TYPE`: correct a document's source type (`guess` restores the guess), audited. */
export async function runSourceType(db: string, id: number, type: string, flags: NoteFlags): Promise<number> {
  const value = type === 'guess' ? null : SourceType.safeParse(type).data;
  if (value === undefined) {
    throw new InvalidInputError(
      'type',
      `expected ${SourceType.options.join(', ')} or "guess" (restores the guess); got "${type}"`,
    );
  }
  const store = await openStore(db);
  try {
    const request = {
      source_type: value,
      note: flags.note ?? null,
      note_sensitive: flags.sensitive ?? false,
      reason: flags.reason,
    };
    const r = await setSourceType(store, cliAgent(), id, request, new Date().toISOString());
    if (flags.json) printJson({ audit_id: r.auditId, source: r.source });
    else
      process.stdout.write(
        `document ${id}: ${r.source.source_type} (guessed ${r.source.guessed}); audit entry ${r.auditId}\n`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

/** `tally sources`: every document's source type, agency and the clue behind the guess. */
export async function runSources(
  db: string,
  flags: { json?: boolean; limit: number; offset: number },
): Promise<number> {
  const store = await openStore(db);
  try {
    const sources = await listDocumentSources(store, flags);
    if (flags.json) printJson(sources);
    else {
      const rows = sources.map((s) => [
        s.document_id,
        s.source_type + (s.review ? ' (reviewed)' : ''),
        s.agency ?? '',
        s.publisher ?? '',
        s.title ?? s.source,
        s.reason,
      ]);
      process.stdout.write(`${formatTable(['id', 'type', 'agency', 'publisher', 'title', 'why'], rows, 40)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
