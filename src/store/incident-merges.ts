import { NotFoundError } from '../core/errors.js';
import { IncidentExplanation, type MergeSource } from '../core/incident-explain.js';
import type { Store } from './open-store.js';

/**
 * Why each source is part of an incident, as the matcher recorded it when the source came in. Sources
 * stored before reasons were kept are listed as unrecorded, so every source of the incident appears.
 */
export async function explainIncident(store: Store, id: number): Promise<IncidentExplanation> {
  const incident = await store.db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst();
  if (incident === undefined) throw new NotFoundError('incident', String(id));
  const merges = await store.db
    .selectFrom('incident_merges as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .select(['m.document_id', 'd.title', 'm.how', 'm.reason', 'm.created_at'])
    .where('m.incident_id', '=', id)
    .orderBy('m.id')
    .execute();
  const sources: MergeSource[] = merges.map((m) => {
    const reason = JSON.parse(m.reason) as Pick<MergeSource, 'report' | 'match'>;
    return {
      document_id: m.document_id,
      title: m.title,
      how: m.how as MergeSource['how'],
      report: reason.report,
      match: reason.match,
      at: m.created_at,
    };
  });
  const others = await store.db
    .selectFrom('incident_sources as s')
    .innerJoin('documents as d', 'd.id', 's.document_id')
    .select(['s.document_id', 'd.title'])
    .where('s.incident_id', '=', id)
    .distinct()
    .execute();
  for (const o of others) {
    if (sources.some((s) => s.document_id === o.document_id)) continue;
    sources.push({
      document_id: o.document_id,
      title: o.title,
      how: 'unrecorded',
      report: null,
      match: null,
      at: null,
    });
  }
  return IncidentExplanation.parse({ incident_id: id, sources });
}
