import { InvalidInputError } from '../../core/errors.js';
import type { IncidentExplanation, MergeSource } from '../../core/incident-explain.js';
import { explainIncident } from '../../store/incident-merges.js';
import { openStore } from '../../store/open-store.js';
import { printJson } from '../format.js';

/** `tally incidents --explain ID`: why each source is part of the incident. */
export async function runIncidentExplain(db: string, id: string, flags: { json?: boolean }): Promise<number> {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError('--explain', `expected an incident id, got "${id}"`);
  const store = await openStore(db);
  try {
    const explanation = await explainIncident(store, n);
    if (flags.json) printJson(explanation);
    else process.stdout.write(formatExplanation(explanation));
    return 0;
  } finally {
    await store.close();
  }
}

function told(s: MergeSource): string {
  const r = s.report;
  if (r === null) return '';
  const date =
    r.date === null ? 'no date' : r.date.start === r.date.end ? r.date.start : `${r.date.start}..${r.date.end}`;
  const sides = [r.side_a, r.side_b].filter(Boolean).join(' v ') || 'no parties named';
  return `${date}, ${r.place ?? 'no place'}, ${r.event_type}, ${sides}`;
}

export function formatExplanation(e: IncidentExplanation): string {
  const lines = [`incident ${e.incident_id}: ${e.sources.length} source${e.sources.length === 1 ? '' : 's'}`];
  for (const s of e.sources) {
    const doc = `document ${s.document_id}${s.title ? ` "${s.title}"` : ''}`;
    if (s.how === 'unrecorded') {
      lines.push(`  ${doc}: stored before merge reasons were kept`);
      continue;
    }
    lines.push(`  ${doc} ${s.how === 'founded' ? 'founded the incident' : 'was merged in'}: ${told(s)}`);
    if (s.match) {
      lines.push(`    date: ${s.match.date}`, `    place: ${s.match.place}`, `    event: ${s.match.event}`);
      lines.push(`    parties: ${s.match.parties}`);
    }
    const a = s.report?.attribution;
    if (a)
      lines.push(
        `    perpetrator ${a.how === 'claimed' ? 'claimed' : 'attributed'}: "${a.cue}"${a.claimant ? ` (${a.claimant})` : ''}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
