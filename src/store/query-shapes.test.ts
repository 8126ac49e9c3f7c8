import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.js';
import { runShaped, type ValueOf } from './query-shapes.js';
import type { Database } from './schema.js';

for (const kind of STORE_KINDS) {
  describe(`queries kept per shape on ${kind}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await createTestStore(kind);
      await t.store.db
        .insertInto('users')
        .values(
          ['ana', 'bo', 'cy'].map((name) => ({ name, role: 'viewer', password_hash: 'x', created_at: '2026-01-01' })),
        )
        .execute();
    });
    afterAll(async () => t.cleanup());

    const names = (db: Kysely<Database>) => (value: ValueOf) =>
      db
        .selectFrom('users')
        .select('name')
        .where('name', '>', value<string>('after'))
        .orderBy('name')
        .limit(value<number>('limit'));

    it('binds each run its own values into the SQL built once', async () => {
      const run = (after: string, limit: number) =>
        runShaped(t.store.db, 'names', names(t.store.db), { after, limit }).then((rows) => rows.map((r) => r.name));
      expect(await run('', 2)).toEqual(['ana', 'bo']);
      expect(await run('ana', 5)).toEqual(['bo', 'cy']);
      await expect(runShaped(t.store.db, 'names', names(t.store.db), { after: 'a' })).rejects.toThrow(
        /no value for slot limit/,
      );
    });

    it('builds every query anew, with its values, where a plugin may rewrite it', async () => {
      const seen: string[] = [];
      const plugin: KyselyPlugin = {
        transformQuery: ({ node }) => {
          seen.push(node.kind);
          return node;
        },
        transformResult: async ({ result }) => result,
      };
      const db = t.store.db.withPlugin(plugin);
      const rows = await runShaped(db, 'names', names(db), { after: 'bo', limit: 5 });
      expect(rows.map((r) => r.name)).toEqual(['cy']);
      expect(seen).toContain('SelectQueryNode');
    });
  });
}
