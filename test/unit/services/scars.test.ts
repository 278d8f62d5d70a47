import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/store/db';
import { readWholeLog } from '../../../src/store/logRepo';
import { DAY_MS } from '../../../src/domain/scars/weight';
import { ScarAppendOnlyError } from '../../../src/domain/scars/scarLog';
import { DEFAULT_KERNEL } from '../../../src/domain/scars/kernels';
import { allScars, atlasOf, raiseScar, raiseScarOnce, reportIncident, restore, scarCurves } from '../../../src/services/scars';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

freshDatabaseEachTest('scars');
const T0 = Date.UTC(2025, 0, 1);

describe('scars', () => {
  it('stores a scar with its log entry, and a restoration as a separate row and entry', async () => {
    const scar = await raiseScar({ locus: { kind: 'principle', ref: 'depth' }, trigger: 'bullshit_bet', severity: 0.6, description: 'bet b1', at: T0 });
    await restore(scar.id, 're-estimated with a checklist', T0 + DAY_MS);
    const [stored] = await allScars();
    expect(stored?.restorations).toEqual([{ at: T0 + DAY_MS, note: 're-estimated with a checklist' }]);
    expect((await readWholeLog()).map((e) => e.kind)).toEqual(['scar', 'restoration']);
    expect(await db().table('scars').get(scar.id)).not.toHaveProperty('restorations');
  });

  it('never re-logs a scar id and refuses a restoration dated before the scar', async () => {
    const scar = await raiseScar({ id: 'ledger-1', locus: { kind: 'governance', ref: 'signed log' }, trigger: 'ledger_verification_failed', severity: 0.8, description: 'x', at: T0 });
    await expect(raiseScar({ id: 'ledger-1', locus: scar.locus, trigger: scar.trigger, severity: 0.8, description: 'again', at: T0 })).rejects.toThrow(ScarAppendOnlyError);
    expect(await raiseScarOnce({ id: 'ledger-1', locus: scar.locus, trigger: scar.trigger, severity: 0.8, description: 'again' })).toBeNull();
    await expect(restore(scar.id, 'too early', T0 - 1)).rejects.toThrow(/after the scar/);
    expect((await readWholeLog()).map((e) => e.kind)).toEqual(['scar']);
  });

  it('names the empty field of an incident report', async () => {
    await expect(reportIncident({ kind: 'area', ref: '  ', severity: 0.5, description: 'x' })).rejects.toThrow(/ref/);
  });

  it('gives tones per locus and decay curves with the kernel (half-life 30 days)', async () => {
    const a = await raiseScar({ locus: { kind: 'area', ref: 'release' }, trigger: 'manual_incident', severity: 0.4, description: 'a', at: T0 });
    await raiseScar({ locus: { kind: 'spec', ref: 'parser' }, trigger: 'manual_incident', severity: 0.2, description: 'b', at: T0 });
    await restore(a.id, 'fixed', T0);
    const view = atlasOf(await allScars(), DEFAULT_KERNEL, T0 + 30 * DAY_MS);
    expect(view.tone).toBe('unresolved');
    expect(view.loci.map((l) => [l.key, l.tone])).toEqual([['spec:parser', 'unresolved'], ['area:release', 'earned_forgiveness']]);
    const curve = scarCurves(view, 30).find((c) => c.id === a.id);
    expect(curve?.now).toBeCloseTo(0.2, 10); // 0.4 x 2^(-30/30)
    expect(curve?.ahead).toBeCloseTo(0.1, 10);
  });
});
