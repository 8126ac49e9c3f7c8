import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../src/core/api.js';
import { acledCsv, gedCsv } from './support/datasets.js';
import { createTestServer, json, type TestServer } from './support/server.js';
import { STORE_KINDS } from './support/stores.js';

/** A multipart/form-data body as a browser's form sends it: the fields first, then the file. */
function form(file: { name: string; content: string } | null, fields: Record<string, string> = {}) {
  const boundary = `----tallyimport${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`,
    );
  }
  return {
    payload: `${parts.join('')}--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const HEADER = 'id,date_start,date_end,latitude,longitude,side_a,side_b,deaths_a,deaths_b,best,source_article';
const row = (id: number, day = '2018-07-11') => `${id},${day},${day},36.04,65.51,IS,Taleban,28,9,37,Xinhua`;

for (const kind of STORE_KINDS) {
  describe(`POST /api/import on ${kind}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await createTestServer(kind);
    });
    afterAll(async () => s.close());

    const upload = (body: ReturnType<typeof form>, role: 'viewer' | 'analyst' | 'admin' | null = 'analyst') =>
      s.app.inject({
        method: 'POST',
        url: '/api/import',
        headers: { ...body.headers, ...s.as(role) },
        payload: body.payload,
      });
    const count = async (dataset: string) =>
      (await s.t.store.db.selectFrom('incidents').select('id').where('dataset', '=', dataset).execute()).length;

    it('imports a GED file, reports a malformed row by its line and stores the rest', async () => {
      const content = [HEADER, row(1), '2,2018-13-40,2018-07-11,36.04,65.51,IS,Taleban,28,9,37,Xinhua', row(3), row(4)];
      const r = await upload(
        form({ name: 'reduced.csv', content: `${content.join('\n')}\n` }, { dataset_version: '19.1' }),
      );
      expect(r.statusCode).toBe(200);
      expect(json<ImportResult>(r)).toEqual({
        format: 'ged',
        dataset: 'ucdp-ged 19.1',
        imported: 3,
        updated: 0,
        failed: 1,
        errors: [{ line: 3, message: 'date_start should be a date (YYYY-MM-DD), got "2018-13-40"' }],
      });
      const listed = await s.app.inject({
        method: 'GET',
        url: '/api/incidents?dataset=ucdp-ged%2019.1',
        headers: s.as('viewer'),
      });
      expect(json<{ items: { dataset_id: string }[] }>(listed).items.map((i) => i.dataset_id)).toEqual(['1', '3', '4']);
    });

    it('tells ACLED from GED by the header, takes the release from a GED file name, and updates in place', async () => {
      const acled = json<ImportResult>(await upload(form({ name: 'export.csv', content: acledCsv() })));
      expect(acled).toMatchObject({ format: 'acled', dataset: 'acled', imported: 4, failed: 0, errors: [] });
      const ged = json<ImportResult>(await upload(form({ name: 'ged201.csv', content: gedCsv() }), 'admin'));
      expect(ged).toMatchObject({ format: 'ged', dataset: 'ucdp-ged 20.1', imported: 5, updated: 0 });
      const again = json<ImportResult>(await upload(form({ name: 'ged201.csv', content: gedCsv() })));
      expect(again).toMatchObject({ imported: 5, updated: 5, failed: 0 });
      expect(await count('ucdp-ged 20.1')).toBe(5);
    });

    it('lists the first hundred problems and counts them all', async () => {
      const bad = Array.from(
        { length: 105 },
        (_, n) => `${n + 10},2018-07-11,2018-07-11,136,65.51,IS,Taleban,1,1,2,AP`,
      );
      const r = json<ImportResult>(
        await upload(
          form({ name: 'bad.csv', content: [HEADER, ...bad, row(9)].join('\n') }, { dataset_version: 'bad' }),
        ),
      );
      expect(r).toMatchObject({ imported: 1, failed: 105 });
      expect(r.errors).toHaveLength(100);
      expect(r.errors[0]).toEqual({ line: 2, message: 'latitude should be between -90 and 90, got 136' });
      expect(r.errors[99]?.line).toBe(101);
    });

    it('refuses a file that is neither GED nor ACLED, a bad release and a missing file, storing nothing', async () => {
      const before = (await s.t.store.db.selectFrom('incidents').select('id').execute()).length;
      const other = await upload(form({ name: 'places.csv', content: 'name,lat,lon\nKabul,34.5,69.2\n' }));
      expect(other.statusCode).toBe(400);
      expect(json<{ message: string }>(other).message).toContain('cannot tell whether this is UCDP GED');
      const release = await upload(form({ name: 'g.csv', content: gedCsv() }, { dataset_version: '19.1; drop' }));
      expect(release.statusCode).toBe(400);
      expect(json<{ message: string }>(release).message).toContain('body.dataset_version');
      expect((await upload(form(null, { dataset_version: '19.1' }))).statusCode).toBe(400);
      expect((await upload(form({ name: 'g.csv', content: gedCsv() }, { dataset: 'x' }))).statusCode).toBe(400);
      const notMultipart = await s.app.inject({
        method: 'POST',
        url: '/api/import',
        headers: s.as('analyst'),
        payload: { file: 'x' },
      });
      expect(notMultipart.statusCode).toBe(400);
      expect((await s.t.store.db.selectFrom('incidents').select('id').execute()).length).toBe(before);
    });

    it('needs an analyst: viewers get 403, anonymous callers 401, and nothing is stored', async () => {
      const body = form({ name: 'x.csv', content: gedCsv() }, { dataset_version: '99.9' });
      expect((await upload(body, null)).statusCode).toBe(401);
      expect((await upload(body, 'viewer')).statusCode).toBe(403);
      expect(await count('ucdp-ged 99.9')).toBe(0);
      // Reads are private on this server: exports too.
      const anonymous = await s.app.inject({ method: 'GET', url: '/api/export/incidents?format=csv' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('is in the OpenAPI document with its response schema, beside the export', async () => {
      const doc = json<{ paths: Record<string, Record<string, Record<string, unknown>>> }>(
        await s.app.inject({ method: 'GET', url: '/api/openapi.json' }),
      );
      const post = doc.paths['/api/import']?.post as {
        responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }>;
      };
      const schema = post.responses['200']?.content['application/json']?.schema;
      expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(
        ['dataset', 'errors', 'failed', 'format', 'imported', 'updated'].sort(),
      );
      const exported = doc.paths['/api/export/incidents']?.get as { parameters: { name: string }[] };
      expect(exported.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['format', 'place', 'document']));
    });
  });
}

describe('an import over the size limit', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer('sqlite', { importLimit: 4096 });
  });
  afterAll(async () => s.close());

  const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => row(i + 1))].join('\n');

  it('is refused with 413 when its length says so, before anything is read', async () => {
    const body = form({ name: 'big.csv', content: rows(2000) });
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: { ...body.headers, ...s.as('analyst') },
      payload: body.payload,
    });
    expect(r.statusCode).toBe(413);
    expect((await s.t.store.db.selectFrom('incidents').select('id').execute()).length).toBe(0);
  });

  it('is cut off with 413 when it streams past the limit, and no truncated row is stored', async () => {
    const body = form({ name: 'big.csv', content: rows(200) });
    // No length up front: the limit is found while reading.
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: { ...body.headers, ...s.as('analyst') },
      payload: Readable.from([Buffer.from(body.payload)]),
    });
    expect(r.statusCode).toBe(413);
    expect(json<{ message: string }>(r).message).toContain('import limit');
    expect((await s.t.store.db.selectFrom('incidents').select('id').execute()).length).toBe(0);
  });
});
