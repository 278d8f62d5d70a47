import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { freshProfile } from '../backup/profile';
import { MetacompilerDb } from '../../../src/store/db';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '../../../src/store/schema';
import { decodeValue } from '../../../src/domain/backup/encoding';

/**
 * Every schema version that ever shipped has a fixture of real data (test/fixtures/schema/vN.json,
 * written by the app at that version, see schemaFixture.ts). Each is written with exactly its own
 * schema, then opened by the current release: every row of every table must still be there.
 */
const DIR = new URL('../../fixtures/schema/', import.meta.url);
interface Fixture {
  version: number;
  stores: Record<string, string>;
  tables: Record<string, unknown[]>;
}
const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version);

const opened: Dexie[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

async function writeAsVersion(name: string, f: Fixture): Promise<void> {
  const old = new Dexie(name);
  old.version(f.version).stores(f.stores);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(f.tables)) await old.table(table).bulkAdd(decodeValue(rows, table) as object[]);
  });
  old.close();
}

const byKey = (keyPath: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[keyPath]).localeCompare(String(b[keyPath]));

describe('schema upgrades keep every row', () => {
  it('has a fixture for every schema version, each with rows in every table of its version', () => {
    expect(fixtures.map((f) => f.version)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
    for (const f of fixtures) {
      const declared = Object.keys(SCHEMA_VERSIONS.find((v) => v.version === f.version)!.stores);
      expect(Object.keys(f.stores)).toEqual(declared);
      for (const t of declared) expect(f.tables[t]?.length, `${t} in v${f.version}.json`).toBeGreaterThan(0);
    }
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('opens v%i data under the current version with all of it', async (_v, f) => {
    freshProfile();
    const name = `schema-fixture-v${f.version}`;
    await writeAsVersion(name, f);
    const current = new MetacompilerDb(name);
    opened.push(current);
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    for (const [table, rows] of Object.entries(f.tables)) {
      const keyPath = current.table(table).schema.primKey.keyPath as string;
      const stored = ((await current.table(table).toArray()) as Record<string, unknown>[]).sort(byKey(keyPath));
      const expected = (decodeValue(rows, table) as Record<string, unknown>[]).sort(byKey(keyPath));
      expect(stored, `table ${table}`).toEqual(expected);
    }
    // The indexes pages query answer on the migrated data.
    expect(await current.table('runs').where('nudges').equals('tdd').count()).toBe(2);
    expect(await current.table('bets').where('state').equals('open').count()).toBe(1);
    expect(await current.table('log').orderBy('seq').last()).toMatchObject({ seq: f.tables.log!.length - 1 });
  });
});
