import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { MetacompilerDb } from '../../../src/store/db';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '../../../src/store/schema';

const names: string[] = [];
const freshName = () => {
  const n = `mig-${Math.random().toString(36).slice(2)}`;
  names.push(n);
  return n;
};
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('schema migrations', () => {
  it('declares versions in increasing order, ending at the current one', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(versions.at(-1)).toBe(CURRENT_VERSION);
  });

  it('opens data written under schema v1 with the current version, keeping every row', async () => {
    const name = freshName();
    // Write with exactly the v1 schema, as a release that only knew v1 would have.
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
    await v1.open();
    await v1.table('specs').add({ id: 'spec_1', title: 'Parser', createdAt: 1, updatedAt: 2 });
    await v1.table('runs').bulkAdd([
      { id: 'run_1', specId: 'spec_1', specHash: 'h1', nudges: ['add type hints'], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 10 },
      { id: 'run_2', specId: 'spec_1', specHash: 'h1', nudges: ['add type hints', 'tdd'], passed: false, errorMessages: ['boom'], testFailures: [], typeErrors: [], source: 'manual', at: 11 },
    ]);
    await v1.table('nudges').bulkAdd([
      { key: 'add type hints', label: 'Add type hints', createdAt: 1 },
      { key: 'tdd', label: 'TDD', createdAt: 1 },
    ]);
    await v1.table('settings').add({ key: 'theme', value: 'dark' });
    v1.close();

    const current = new MetacompilerDb(name);
    await current.open();
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.specs.get('spec_1')).toMatchObject({ title: 'Parser' });
    expect(await current.runs.count()).toBe(2);
    // The indexes the pages use answer on migrated data.
    expect(await current.runs.where('nudges').equals('tdd').primaryKeys()).toEqual(['run_2']);
    expect(await current.runs.where('specId').equals('spec_1').count()).toBe(2);
    expect((await current.nudges.get('tdd'))?.label).toBe('TDD');
    expect((await current.settings.get('theme'))?.value).toBe('dark');
    current.close();
  });
});
