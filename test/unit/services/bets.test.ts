import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../src/store/db';
import {
  BetAlreadyResolvedError,
  BetDraftError,
  bettingDashboard,
  calibrationData,
  correctBet,
  findBet,
  knownPrinciples,
  placeBet,
  resolveBet,
  type BetDraft,
  type Dashboard,
} from '../../../src/services/bets';
import type { Live } from '../../../src/services/live';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

const dbName = freshDatabaseEachTest('bets-svc');
/** The first value a live view emits that satisfies `ok` (live queries are asynchronous). */
function nextValue<T>(source: Live<T>, ok: (v: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = source.subscribe({
      next: (v) => {
        if (!ok(v)) return;
        queueMicrotask(() => sub.unsubscribe());
        resolve(v);
      },
      error: reject,
    });
  });
}

const dashboard = (): Promise<Dashboard> => nextValue(bettingDashboard());
const draft = (over: Partial<BetDraft> = {}): BetDraft => ({
  task: 'Implement FailureCorpus',
  estimatedHours: '4h',
  confidence: '75',
  stake: '10',
  principles: ['depth over breadth'],
  context: 'morning, new codebase',
  ...over,
});

async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BetDraftError) return e.errors;
    throw e;
  }
  throw new Error('expected a BetDraftError');
}

describe('placeBet', () => {
  it('reads typed text, says how the confidence was understood, and stores the bet', async () => {
    const placed = await placeBet(draft(), 1000);
    expect(placed.bet).toMatchObject({ estimatedHours: 4, confidence: 0.75, stake: 10, context: ['morning', 'new codebase'], placedAt: 1000 });
    expect(placed.confidenceUnderstood).toBe('75% (read as a percentage)');
    // 10 tokens at 75% win 10 x 0.25 / 0.75 = 3.33; 4h +- 50% is the bullshit band.
    expect(placed.preview.winOnHit).toBeCloseTo(10 / 3, 12);
    expect(placed.preview.bullshitAboveHours).toBe(6);
    expect((await placeBet(draft({ confidence: '0.6' }))).confidenceUnderstood).toBe('60% (read as a probability, 0.6)');
    expect((await placeBet(draft({ confidence: 0.8, estimatedHours: 2, stake: 5 }))).bet.confidence).toBe(0.8);
    const d = await dashboard();
    expect(d.open).toHaveLength(3);
    expect(d.available).toBe(100 - 25);
  });

  it('names every bad field at once and writes nothing', async () => {
    const errors = await fieldsOf(placeBet(draft({ task: ' ', estimatedHours: '0', confidence: '150', stake: '1000' })));
    expect(Object.keys(errors).sort()).toEqual(['confidence', 'estimatedHours', 'stake', 'task']);
    expect(errors.estimatedHours).toBe('must be more than 0 hours');
    expect(errors.confidence).toMatch(/below 100%/);
    expect(errors.stake).toBe('1000 is more than the 100 focus tokens you have');
    expect(await fieldsOf(placeBet(draft({ estimatedHours: 'four' })))).toEqual({ estimatedHours: expect.stringMatching(/not a duration/) });
    expect(await fieldsOf(placeBet(draft({ stake: 'ten' })))).toEqual({ stake: '"ten" is not a number of focus tokens' });
    expect((await dashboard()).total).toBe(0);
  });

  it('checks the stake against tokens not already at stake on open bets', async () => {
    await placeBet(draft({ stake: '60' }));
    expect(await fieldsOf(placeBet(draft({ stake: '50' })))).toEqual({ stake: '50 is more than the 40 focus tokens you have' });
    expect((await dashboard()).open).toHaveLength(1);
  });
});

describe('resolveBet and correctBet', () => {
  it('settles a miss then a hit: credibility, tokens, the adversary and principle health', async () => {
    const a = await placeBet(draft({ principles: ['depth over breadth', 'small steps'] }), 1000);
    const miss = await resolveBet(a.bet.id, { actualHours: '5h', completed: true }, 2000);
    expect(miss.settlement).toMatchObject({ outcome: 'miss', bullshit: false, credibilityAfter: 0.95, tokensDelta: -10 });
    const b = await placeBet(draft({ stake: '12' }), 3000);
    const hit = await resolveBet(b.bet.id, { actualHours: 3, completed: true }, 4000);
    // 12 x (1 - 0.75) / 0.75 = 4; credibility 0.95 + 0.02.
    expect(hit.settlement.tokensDelta).toBeCloseTo(4, 12);
    expect(hit.settlement.credibilityAfter).toBe(0.97);
    const d = await dashboard();
    expect(d.state.credibility).toBe(0.97);
    expect(d.state.tokens).toBeCloseTo(94, 12);
    expect(d.state.adversary).toEqual({ winnings: expect.closeTo(6, 12), wins: 1, losses: 1 });
    expect(d.recent).toEqual(['hit', 'miss']);
    expect(d.resolved.map((r) => r.bet.id)).toEqual([b.bet.id, a.bet.id]);
    const depth = d.principles.find((p) => p.principle === 'depth over breadth');
    expect(depth).toMatchObject({ n: 2, hits: 1, misses: 1, blame: 0, label: 'unproven' });
  });

  it('shares blame for a bullshit bet among its principles', async () => {
    const a = await placeBet(draft({ confidence: '90%', principles: ['x', 'y'] }));
    const r = await resolveBet(a.bet.id, { actualHours: '7h', completed: true });
    expect(r.settlement).toMatchObject({ bullshit: true, credibilityAfter: 0.85, blame: { x: 0.5, y: 0.5 } });
    const d = await dashboard();
    expect(d.principles.map((p) => [p.principle, p.blame])).toEqual([['x', 0.5], ['y', 0.5]]);
    expect(d.state.record.bullshit).toBe(1);
    // The bullshit bet scars each cited principle, in the same transaction as the resolution:
    // 4h estimated, 7h actual -> error ratio 0.75 -> severity min(1, 0.75 / 2) = 0.375.
    const db = useDatabase(dbName());
    const scars = await db.scars.orderBy('locusKey').toArray();
    expect(scars.map((s) => [s.locusKey, s.trigger, s.severity])).toEqual([
      ['principle:x', 'bullshit_bet', 0.375],
      ['principle:y', 'bullshit_bet', 0.375],
    ]);
    expect((await db.log.orderBy('seq').toArray()).map((e) => e.kind)).toEqual(['bet_placed', 'bet_resolved', 'scar', 'scar']);
  });

  it('refuses a second resolution and an unknown id, writing nothing', async () => {
    const a = await placeBet(draft());
    await resolveBet(a.bet.id, { actualHours: 5, completed: true });
    await expect(resolveBet(a.bet.id, { actualHours: 3, completed: true })).rejects.toBeInstanceOf(BetAlreadyResolvedError);
    await expect(resolveBet('bet_unknown', { actualHours: 3, completed: true })).rejects.toMatchObject({ field: 'id' });
    await expect(resolveBet(a.bet.id, { actualHours: 'soon', completed: true })).rejects.toMatchObject({ field: 'actualHours' });
    const d = await dashboard();
    expect(d.state.tokens).toBe(90);
    expect(d.resolved).toHaveLength(1);
    expect(d.resolved[0]?.bet.actualHours).toBe(5);
  });

  it('abandons with 0 hours as a miss', async () => {
    const a = await placeBet(draft());
    const r = await resolveBet(a.bet.id, { actualHours: '0', completed: false });
    expect(r.settlement).toMatchObject({ outcome: 'abandoned', tokensDelta: -10 });
  });

  it('corrects a resolution with a new event and replays it in place', async () => {
    const a = await placeBet(draft(), 1000);
    await resolveBet(a.bet.id, { actualHours: 5, completed: true }, 2000);
    const fixed = await correctBet(a.bet.id, { actualHours: '3.5', completed: true }, 9000);
    expect(fixed.settlement).toMatchObject({ outcome: 'hit', credibilityAfter: 1 });
    expect((await findBet(a.bet.id))?.actualHours).toBe(3.5);
    const d = await dashboard();
    expect(d.state.tokens).toBeCloseTo(100 + 10 / 3, 12);
    expect(d.resolved[0]?.corrected).toBe(true);
    const open = await placeBet(draft());
    await expect(correctBet(open.bet.id, { actualHours: 1, completed: true })).rejects.toMatchObject({ field: 'of' });
  });
});

describe('live views', () => {
  it('updates the dashboard and the known principles when a bet is placed', async () => {
    const seen = nextValue(bettingDashboard(), (d) => d.total === 1);
    const principles = nextValue(knownPrinciples(), (m) => m.size > 0);
    await placeBet(draft({ principles: ['Test first', 'depth over breadth'] }));
    expect((await seen).open[0]?.task).toBe('Implement FailureCorpus');
    expect([...(await principles).keys()].sort()).toEqual(['Test first', 'depth over breadth']);
  });

  it('gives calibration data from resolved bets', async () => {
    for (const [hours, at] of [[3, 10], [5, 20], [4, 30]] as const) {
      const b = await placeBet(draft({ stake: '1' }), at);
      await resolveBet(b.bet.id, { actualHours: hours, completed: true }, at + 1);
    }
    const c = await nextValue(calibrationData());
    expect(c.outcomes).toEqual({ hit: 2, miss: 1, abandoned: 0 });
    expect(c.bins).toHaveLength(1);
    expect(c.bins[0]).toMatchObject({ n: 3, hitRate: 2 / 3 });
    // Brier: (0.75-1)^2, (0.75-0)^2, (0.75-1)^2 -> (0.0625 + 0.5625 + 0.0625) / 3.
    expect(c.summary.brier).toBeCloseTo(0.6875 / 3, 12);
    expect(c.rolling.map((p) => p.bets)).toEqual([1, 2, 3]);
  });
});
