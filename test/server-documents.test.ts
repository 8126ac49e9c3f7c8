import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, json, type TestServer } from './support/server.js';

const BOUNDARY = '----tallydocuments';

/** A multipart body: text fields in order, then the file. */
function form(fields: Record<string, string>, file: string) {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    payload: `${parts.join('')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="wire.txt"\r\nContent-Type: text/plain\r\n\r\n${file}\r\n--${BOUNDARY}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

// Copied wires whose datelines carry no year.
const PASTED =
  'GAO, June 5 (Reuters) - A mine killed 4 soldiers on a road north of Ansongo on Sunday, the army said.\n';
const UPLOADED =
  'MOPTI, June 7 (AFP) - Gunmen killed 9 villagers in Bankass district on Tuesday, a local official said.\n';

describe('documents API: the day a text was published, when it does not say', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer('sqlite');
  });
  afterAll(async () => s.close());

  const document = async (id: number) =>
    json<{ published: string | null; published_given: boolean }>(
      await s.app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: s.as('viewer') }),
    );

  it('takes "published" with pasted text and as a form field before an uploaded file, and dates the incident by it', async () => {
    const pasted = await s.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: s.as('analyst'),
      payload: { text: PASTED, published: '2022-06-06' },
    });
    expect(pasted.statusCode).toBe(201);
    expect(await document(json<{ id: number }>(pasted).id)).toMatchObject({
      published: '2022-06-06',
      published_given: true,
    });

    const body = form({ published: '2022-06-08' }, UPLOADED);
    const uploaded = await s.app.inject({
      method: 'POST',
      url: '/api/documents/upload',
      headers: { ...body.headers, ...s.as('analyst') },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    expect(await document(json<{ id: number }>(uploaded).id)).toMatchObject({ published: '2022-06-08' });

    const page = json<{ items: { date: { start: string } }[] }>(
      await s.app.inject({ method: 'GET', url: '/api/incidents', headers: s.as('viewer') }),
    );
    expect(page.items.map((i) => i.date.start).sort()).toEqual(['2022-06-05', '2022-06-07']);
  });

  it('refuses a day that does not exist, naming the field, and stores nothing', async () => {
    const before = json<unknown[]>(
      await s.app.inject({ method: 'GET', url: '/api/documents', headers: s.as('viewer') }),
    );
    const pasted = await s.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: s.as('analyst'),
      payload: { text: `${PASTED}More.\n`, published: '2022-06-31' },
    });
    expect(pasted.statusCode).toBe(400);
    expect(json<{ message: string }>(pasted).message).toMatch(/published.*no such day/);
    const body = form({ published: '6/8/2022' }, `${UPLOADED}More.\n`);
    const uploaded = await s.app.inject({
      method: 'POST',
      url: '/api/documents/upload',
      headers: { ...body.headers, ...s.as('analyst') },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(400);
    expect(json<{ message: string }>(uploaded).message).toBe('body.published: expected a date as YYYY-MM-DD');
    const after = json<unknown[]>(
      await s.app.inject({ method: 'GET', url: '/api/documents', headers: s.as('viewer') }),
    );
    expect(after).toHaveLength(before.length);
  });
});
