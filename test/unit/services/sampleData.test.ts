import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { loadSampleData, removeSampleData, rowCounts } from '../../../src/services/sampleData';
import { readWholeLog } from '../../../src/store/logRepo';
import { observeFirstRun } from '../../../src/store/sampleRepo';
import { SAMPLE_RUNS, sampleWorkspace } from '../../../src/domain/sample/workspace';
import { firstValue } from '../../../src/services/firstValue';
import { computeEthicsHeader } from '../../../src/services/governance/ethics';

const names: string[] = [];
beforeEach(() => {
  const n = `sample-${Math.random().toString(36).slice(2)}`;
  names.push(n);
  useDatabase(n);
});
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('the sample workspace', () => {
  it('is the same for the same time, marks every name as sample, and its nudges have the effects it claims', () => {
    const now = Date.UTC(2026, 0, 1);
    const w = sampleWorkspace(now);
    expect(sampleWorkspace(now)).toEqual(w);
    const runs = w.runsJsonl.trim().split('\n').map((l) => JSON.parse(l) as { specHash: string; nudges: string[]; passed: boolean });
    expect(runs).toHaveLength(SAMPLE_RUNS);
    expect(runs.every((r) => r.specHash.includes('sample') && r.nudges.every((n) => n.includes('(sample)')))).toBe(true);
    expect(w.bets.every((b) => b.task.startsWith('Sample: ') && b.principles.every((p) => p.includes('(sample)')))).toBe(true);
    const rate = (rows: typeof runs) => rows.filter((r) => r.passed).length / rows.length;
    const effect = (label: string) => rate(runs.filter((r) => r.nudges.includes(label))) - rate(runs.filter((r) => !r.nudges.includes(label)));
    // Clear effects: type hints help and global state hurts by well over 10 points.
    expect(effect('Add type hints (sample)')).toBeGreaterThan(0.15);
    expect(effect('Use global state (sample)')).toBeLessThan(-0.15);
    // The numbers written into the spec are those of the runs.
    expect(w.spec.text).toContain(`-> +${Math.round(effect('Add type hints (sample)') * 100)}%`);
    expect(w.spec.text).toContain(`${Math.round(rate(runs) * 100)}% pass (n=${SAMPLE_RUNS})`);
  });

  it('goes in through the services (bets and the scar logged) and comes out leaving only the log record', async () => {
    expect(await firstValue(observeFirstRun())).toBe(true);
    const empty = await rowCounts();
    const ids = await loadSampleData();
    const counts = await rowCounts();
    expect(counts.runs).toBe(SAMPLE_RUNS);
    expect(counts.bets).toBe(6);
    expect(counts.specs).toBe(1);
    expect(ids.scarIds.length).toBeGreaterThanOrEqual(1);
    expect(counts.scars).toBe(ids.scarIds.length);
    expect(await firstValue(observeFirstRun())).toBe(false);
    await expect(loadSampleData()).rejects.toThrow(/already here/);
    const logged = (await readWholeLog()).map((e) => e.kind);
    expect(logged.filter((k) => k === 'bet_placed')).toHaveLength(6);
    expect(logged.filter((k) => k === 'bet_resolved')).toHaveLength(5);
    expect(logged).toContain('scar');

    expect(await removeSampleData()).toBe(true);
    expect(await rowCounts()).toEqual(empty);
    const entries = (await readWholeLog()).filter((e) => e.kind === 'sample_data').map((e) => e.payload.action);
    expect(entries).toEqual(['added', 'removed']);
    expect(await removeSampleData()).toBe(false);
    // The ethics header still holds: the store's scars match the log's less those it says were removed.
    expect((await computeEthicsHeader()).zk_proof_handles.scars_monotone).toBe(true);
  });
});
