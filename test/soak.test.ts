import { describe, expect, it } from 'vitest';
import { runSoak } from '../bench/soak-load.js';
import { createTestServer, ingestText, wireReport } from './support/server.js';

describe('a short soak: API reads and writes while tally ingest runs', () => {
  it('serves every request without an error and stores every write once (SQLite)', async () => {
    const report = await runSoak({
      store: 'sqlite',
      seconds: 15,
      clients: 6,
      batch: 100,
      sampleEverySeconds: 5,
      seed: 3,
      log: () => {},
    });
    process.stdout.write(
      `soak: ${report.requests} requests, ${report.errors} errors, ${report.writes.api_documents} API documents, ${report.writes.cli_documents} ingested by ${report.ingest_runs.length} runs\n`,
    );
    expect(report.first_errors).toEqual([]);
    expect(report.errors).toBe(0);
    // The load did what it is for: writes through the API, and more than one ingest run beside them.
    expect(report.writes.api_documents).toBeGreaterThan(0);
    expect(report.writes.figure_reviews + report.writes.incident_reviews).toBeGreaterThan(0);
    expect(report.ingest_runs.length).toBeGreaterThan(1);
    const c = report.check;
    expect(c.documents_stored).toBe(c.documents_expected);
    expect(c.duplicate_hashes).toBe(0);
    expect(c.api_documents_missing_or_changed).toBe(0);
    expect(c.figure_reviews_stored).toBe(report.writes.figure_reviews);
    expect(c.incident_reviews_stored).toBe(report.writes.incident_reviews);
    expect(c.ingest_audit_entries).toBe(report.writes.api_documents);
    expect(c.incidents_with_stale_status).toBe(0);
    // The server's page threads are sampled with its main thread: their heaps count in the verdict.
    const samples = report.memory.samples;
    expect(samples.length).toBeGreaterThan(1);
    for (const m of samples) {
      expect(m.threadsHeapUsed).toBeGreaterThan(0);
      expect(m.threadsHeapTotal).toBeGreaterThanOrEqual(m.threadsHeapUsed);
    }
  }, 180_000);

  it('takes two first reviews of one incident at once on PostgreSQL (the soak found a 500 there)', async () => {
    const s = await createTestServer('postgres');
    try {
      const incidents: number[] = [];
      for (let i = 0; i < 6; i++) incidents.push(...(await ingestText(s, wireReport(5 + i).text)).incidents);
      expect(incidents.length).toBeGreaterThan(0);
      const review = (id: number, action: 'accept' | 'note') =>
        s.app.inject({
          method: 'POST',
          url: `/api/incidents/${id}/${action}`,
          headers: s.as('analyst'),
          payload: action === 'accept' ? { reason: 'checked' } : { note: 'seen', note_sensitive: false },
        });
      const responses = (
        await Promise.all(incidents.map((id) => Promise.all([review(id, 'accept'), review(id, 'note')])))
      ).flat();
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
      for (const id of incidents) {
        expect(
          (await s.app.inject({ method: 'GET', url: `/api/incidents/${id}`, headers: s.as('viewer') })).statusCode,
        ).toBe(200);
      }
    } finally {
      await s.close();
    }
  }, 120_000);
});
