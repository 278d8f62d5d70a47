import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../src/store/db';
import { addRuns, allRuns, runsPage } from '../../../src/store/runsRepo';
import type { RunRow } from '../../../src/store/rows';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

const dbName = freshDatabaseEachTest('runs');
const run = (id: string, nudges: string[], passed: boolean): RunRow => ({
  id,
  specHash: 'h',
  nudges,
  passed,
  errorMessages: [],
  testFailures: [],
  typeErrors: [],
  source: 'manual',
  at: 1,
});

describe('runs repository', () => {
  it('writes runs and new nudges, skipping and counting duplicates', async () => {
    expect(await addRuns([run('a', ['x'], true)], [{ key: 'x', label: 'X' }], 1)).toEqual({ added: 1, duplicates: 0 });
    const second = await addRuns([run('a', ['x'], false), run('b', ['x', 'y'], false)], [{ key: 'x', label: 'changed' }, { key: 'y', label: 'Y' }], 2);
    expect(second).toEqual({ added: 1, duplicates: 1 });
    const runs = await allRuns();
    expect(runs.map((r) => [r.id, r.passed])).toEqual([['a', true], ['b', false]]);
    // A known nudge keeps its label: what a person recorded is never silently changed.
    const db = useDatabase(dbName());
    expect((await db.nudges.get('x'))?.label).toBe('X');
    expect((await db.nudges.get('y'))?.label).toBe('Y');
  });

  it('writes nothing when any part of the batch fails', async () => {
    const bad = { ...run('c', ['z'], true), id: undefined as unknown as string };
    await expect(addRuns([run('ok', ['z'], true), bad], [{ key: 'z', label: 'Z' }], 1)).rejects.toThrow();
    const db = useDatabase(dbName());
    expect(await db.runs.count()).toBe(0);
    expect(await db.nudges.count()).toBe(0);
  });

  it('reads runs a page at a time in id order, after an id and up to another', async () => {
    await addRuns(['a', 'b', 'c', 'd', 'e'].map((id) => run(id, [], true)), [], 1);
    const ids = (rows: RunRow[]) => rows.map((r) => r.id);
    expect(ids(await runsPage(undefined, 2))).toEqual(['a', 'b']);
    expect(ids(await runsPage('b', 10))).toEqual(['c', 'd', 'e']);
    expect(ids(await runsPage(undefined, 10, 'c'))).toEqual(['a', 'b', 'c']);
    expect(ids(await runsPage('a', 2, 'd'))).toEqual(['b', 'c']);
    expect(ids(await runsPage('c', 10, 'd'))).toEqual(['d']);
    expect(ids(await runsPage('d', 10, 'd'))).toEqual([]);
  });
});
