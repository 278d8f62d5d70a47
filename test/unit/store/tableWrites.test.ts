import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/store/db';
import { addRuns } from '../../../src/store/runsRepo';
import { observeTableWrites } from '../../../src/store/tableWrites';
import type { RunRow } from '../../../src/store/rows';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

freshDatabaseEachTest('writes');
const run = (id: string): RunRow => ({ id, specHash: 'h', nudges: [], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 1 });

describe('observeTableWrites (the exchange loop\'s cue)', () => {
  it('emits 0 at once, then once per committed write to a listed table, and not for other tables', async () => {
    const seen: number[] = [];
    const sub = observeTableWrites(['runs', 'bets']).subscribe({ next: (n) => seen.push(n) });
    await Promise.resolve();
    expect(seen).toEqual([0]);
    await addRuns([run('run_a'), run('run_b')], [], 1);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(1);
    const afterRuns = seen.length;
    // An overwrite changes no count: a cue that counted rows would miss it.
    await db().runs.put({ ...run('run_a'), passed: false });
    expect(seen.length).toBe(afterRuns + 1);
    await db().settings.put({ key: 'unrelated', value: 1 });
    expect(seen.length).toBe(afterRuns + 1);
    sub.unsubscribe();
    await db().runs.put(run('run_c'));
    expect(seen.length).toBe(afterRuns + 1);
  });
});
