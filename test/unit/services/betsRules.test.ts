import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { readWholeLog } from '../../../src/store/logRepo';
import { readScars } from '../../../src/store/scarsRepo';
import { constitutionHistory } from '../../../src/store/governanceRepo';
import { bettingDashboard, correctBet, placeBet, resolveBet, type Dashboard } from '../../../src/services/bets';
import { ChapelRuntime, useChapel } from '../../../src/services/governance/chapel';
import { proposeAmendment } from '../../../src/services/governance/constitution';
import { ensureConstitution } from '../../../src/services/governance/snapshot';
import { DEFAULT_BETTING_RULES } from '../../../src/domain/governance/constitution';
import { fakeClock } from './fakeClock';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

/*
 * The constitution in force governs settlement: a bet resolved before an amendment of the
 * betting rules keeps the old rules' settlement, one resolved after gets the new rules, and
 * a correction that turns a bet into bullshit scars its principles.
 */

freshDatabaseEachTest('bets-rules');
const T0 = Date.now();
let clock: ReturnType<typeof fakeClock>;
let chapel: ChapelRuntime;
beforeEach(() => {
  clock = fakeClock(T0 + 3_600_000);
  chapel = useChapel(new ChapelRuntime(clock));
});

/** Resolves once something waits in the chapel (its countdown has started). */
function entered(): Promise<void> {
  return new Promise((resolve) => {
    if (chapel.views().length > 0) return resolve();
    const off = chapel.subscribe(() => chapel.views().length > 0 && (off(), resolve()));
  });
}
function dashboard(ok: (d: Dashboard) => boolean): Promise<Dashboard> {
  return new Promise((resolve, reject) => {
    const sub = bettingDashboard().subscribe({
      next: (d) => {
        if (!ok(d)) return;
        queueMicrotask(() => sub.unsubscribe());
        resolve(d);
      },
      error: reject,
    });
  });
}

const bet = (task: string) => ({ task, estimatedHours: '4h', confidence: '85', stake: '10', principles: ['ship small'], context: '' });

describe('bets under the constitution in force', () => {
  it('settles under two constitutions: the same overrun is bullshit before the amendment and a plain miss after', async () => {
    await ensureConstitution(T0);
    const a = await placeBet(bet('before'), T0 + 1);
    const b = await placeBet(bet('after'), T0 + 2);
    await resolveBet(a.bet.id, { actualHours: 8, completed: true }, T0 + 10);

    const amendment = await proposeAmendment({ bettingRules: { ...DEFAULT_BETTING_RULES, bullshitConfidence: 0.9, missPenalty: 0.1 } });
    await entered();
    clock.advance(3000);
    expect(await amendment.done).toEqual({ ran: true });
    const adopted = (await constitutionHistory())[0]!;
    expect(adopted.id).toBe(amendment.next.id);
    expect(adopted.createdAt).toBeGreaterThan(T0 + 10);

    await resolveBet(b.bet.id, { actualHours: 8, completed: true }, adopted.createdAt + 1000);
    const d = await dashboard((x) => x.resolved.length === 2);
    const [later, earlier] = d.resolved.map((r) => r.settlement);
    expect(earlier).toMatchObject({ betId: a.bet.id, bullshit: true, credibilityBefore: 1, credibilityAfter: 0.85 });
    expect(later).toMatchObject({ betId: b.bet.id, bullshit: false, credibilityBefore: 0.85, credibilityAfter: 0.75 });
    expect(d.rules.bullshitConfidence).toBe(0.9);
    // Only the first left a scar on the principle, and only it carries blame.
    expect((await readScars()).filter((s) => s.trigger === 'bullshit_bet').map((s) => s.description)).toEqual([expect.stringContaining('“before”')]);
    expect(d.principles[0]).toMatchObject({ principle: 'ship small', blame: 1 });
  });

  it('scars the principles of a bet a correction turns into bullshit, once, with the correction', async () => {
    await ensureConstitution(T0);
    const a = await placeBet(bet('corrected'), T0 + 1);
    await resolveBet(a.bet.id, { actualHours: 4, completed: true }, T0 + 10); // a hit: no scar
    expect(await readScars()).toEqual([]);
    const corrected = await correctBet(a.bet.id, { actualHours: 9, completed: true }, T0 + 20);
    expect(corrected.settlement).toMatchObject({ bullshit: true, hit: false });
    const scars = await readScars();
    expect(scars).toHaveLength(1);
    expect(scars[0]).toMatchObject({ trigger: 'bullshit_bet', locus: { kind: 'principle', ref: 'ship small' } });
    const kinds = (await readWholeLog()).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['bet_corrected', 'scar']);
    // A second correction that is still bullshit leaves no second scar for the same bet and principle.
    await correctBet(a.bet.id, { actualHours: 10, completed: true }, T0 + 30);
    expect(await readScars()).toHaveLength(1);
  });
});
