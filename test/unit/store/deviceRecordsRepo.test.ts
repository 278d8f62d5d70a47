import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { applyRecords, readLocalRecords } from '../../../src/store/deviceRecordsRepo';
import { insertBet, readRecord, resolveStoredBet } from '../../../src/store/betsRepo';
import { resolveBet } from '../../../src/domain/betting/settle';
import { approvalId, resolutionId, specMetaBody, specMetaId, timerId } from '../../../src/domain/devices/records';
import { observeResolutionConflicts } from '../../../src/store/deviceRecordsRepo';
import type { Bet } from '../../../src/domain/betting/bet';
import { constitutionHistory, currentConstitution } from '../../../src/store/governanceRepo';
import { constitutionsApart } from '../../../src/services/governance/constitution';

const names: string[] = [];
function fresh(): string {
  const name = `devices-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  useDatabase(name);
  return name;
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const bet: Bet = { id: 'bet_a', task: 'task a', estimatedHours: 2, confidence: 0.9, stake: 10, principles: ['p'], context: [], placedAt: 1000 };
const run = { id: 'run_1', specHash: 'h', nudges: ['small steps'], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual' as const, at: 5 };

describe('paired devices in the store', () => {
  it('what one device holds, written into another, reads back as the same records (nothing sent twice)', async () => {
    const laptop = fresh();
    await insertBet(bet, () => undefined);
    await resolveStoredBet('bet_a', (b) => ({ bet: resolveBet(b, { actualHours: 6, completed: true, at: 2000 }, { credibility: 1 }).bet, scars: [], logPayload: {} }));
    await useDatabase(laptop).runs.add(run);
    const sent = await readLocalRecords('laptop');
    expect(sent.map((r) => r.kind).sort()).toEqual(['bet', 'betResolution', 'run']);

    fresh();
    const applied = await applyRecords(sent);
    expect(applied).toMatchObject({ added: 2, resolved: 1, waiting: [] });
    const { bets } = await readRecord();
    expect(bets).toEqual([{ ...bet, actualHours: 6, completed: true, resolvedAt: 2000 }]);
    // Read back, the records are the same ones (kind, id, body): the union holds them once.
    const back = await readLocalRecords('phone');
    const key = (r: { kind: string; id: string; body: unknown }) => JSON.stringify([r.kind, r.id, r.body]);
    expect(back.map(key).sort()).toEqual(sent.map(key).sort());
    // Applying them again changes nothing.
    expect(await applyRecords(sent)).toMatchObject({ added: 0, resolved: 0 });
  });

  it('a resolution waits for its bet; of two resolutions made apart, the earlier counts', async () => {
    fresh();
    const late = { betId: 'bet_a', resolvedAt: 3000, actualHours: 1, completed: true };
    const early = { betId: 'bet_a', resolvedAt: 2500, actualHours: 9, completed: true };
    const first = await applyRecords([{ kind: 'betResolution', id: resolutionId(late), origin: 'phone', body: late }]);
    expect(first.waiting).toHaveLength(1);
    await applyRecords([{ kind: 'bet', id: 'bet_a', origin: 'laptop', body: { ...bet } }, ...first.waiting]);
    expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 3000, actualHours: 1 });
    await applyRecords([{ kind: 'betResolution', id: resolutionId(early), origin: 'laptop', body: early }]);
    expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 2500, actualHours: 9 });
    // The later one arriving again does not undo it.
    await applyRecords([{ kind: 'betResolution', id: resolutionId(late), origin: 'phone', body: late }]);
    expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 2500 });
  });

  it('both resolutions of a bet resolved apart are kept: the earlier counts on either device, the other is listed and passed on', async () => {
    const late = { betId: 'bet_a', resolvedAt: 3000, actualHours: 1, completed: true };
    const early = { betId: 'bet_a', resolvedAt: 2500, actualHours: 9, completed: false };
    const placed = { kind: 'bet' as const, id: 'bet_a', origin: 'laptop', body: { ...bet } };
    const conflicts = () =>
      new Promise<Map<string, unknown>>((resolve) => {
        const sub = observeResolutionConflicts().subscribe({ next: (m) => (queueMicrotask(() => sub.unsubscribe()), resolve(m)) });
      });
    for (const order of [[late, early], [early, late]]) {
      fresh();
      await applyRecords([placed]);
      for (const res of order) await applyRecords([{ kind: 'betResolution', id: resolutionId(res), origin: 'x', body: res }]);
      expect((await readRecord()).bets[0]).toMatchObject({ resolvedAt: 2500, actualHours: 9, completed: false });
      expect(await conflicts()).toEqual(new Map([['bet_a', [{ resolvedAt: 3000, actualHours: 1, completed: true }]]]));
      const sent = (await readLocalRecords('me')).filter((r) => r.kind === 'betResolution').map((r) => r.id).sort();
      expect(sent).toEqual([resolutionId(early), resolutionId(late)].sort());
    }
  });

  it('spec titles, checkpoints, constitutions, approvals and timers travel; each row ends on the version that counts', async () => {
    const laptop = fresh();
    const d = useDatabase(laptop);
    await d.specs.put({ id: 'spec_1', title: 'Renamed', createdAt: 10, updatedAt: 500, metaAt: 400 });
    await d.table('checkpoints').add({ id: 'cp_1', specId: 'spec_1', name: 'v1', createdAt: 20, automatic: false, state: new Uint8Array([1, 2, 3]), text: '# x' });
    await d.constitutions.add({ id: 'c_1', previousId: null, constitution: { a: 1 }, createdAt: 5 });
    await d.approvals.add({ id: 'act_1', state: 'applied', createdAt: 30, actionKind: 'x', intent: 'i', reason: 'r', params: {}, decidedAt: 40 });
    await insertBet(bet, () => undefined);
    await d.timers.put({ betId: 'bet_a', running: true, runningSince: 50, bankedMs: 0, tabId: 'tab-1', updatedAt: 50 });
    const sent = await readLocalRecords('laptop');
    expect(sent.find((r) => r.kind === 'timer')?.body).not.toHaveProperty('tabId');

    const phone = fresh();
    const p = useDatabase(phone);
    await p.specs.put({ id: 'spec_1', title: 'Old title', createdAt: 10, updatedAt: 900, metaAt: 100 });
    await p.approvals.add({ id: 'act_1', state: 'pending', createdAt: 30, actionKind: 'x', intent: 'i', reason: 'r', params: {} });
    await applyRecords(sent);
    expect(await p.specs.get('spec_1')).toMatchObject({ title: 'Renamed', metaAt: 400, updatedAt: 900 });
    expect(((await p.table('checkpoints').get('cp_1')) as { text?: string } | undefined)?.text).toBe('# x');
    expect(await p.constitutions.count()).toBe(1);
    expect((await p.approvals.get('act_1'))?.state).toBe('applied');
    expect(await p.timers.get('bet_a')).toMatchObject({ running: true, runningSince: 50 });
    // An older title, an earlier approval state and an older timer state do not go back.
    const old = specMetaBody({ id: 'spec_1', title: 'Old title', createdAt: 10, metaAt: 100 });
    const pending = { id: 'act_1', state: 'pending', createdAt: 30, actionKind: 'x', intent: 'i', reason: 'r', params: {} };
    const paused = { betId: 'bet_a', running: false, bankedMs: 0, updatedAt: 20 };
    await applyRecords([
      { kind: 'spec', id: specMetaId(old), origin: 'x', body: old },
      { kind: 'approval', id: approvalId(pending), origin: 'x', body: pending },
      { kind: 'timer', id: timerId(paused), origin: 'x', body: paused },
    ]);
    expect((await p.specs.get('spec_1'))?.title).toBe('Renamed');
    expect((await p.approvals.get('act_1'))?.state).toBe('applied');
    expect((await p.timers.get('bet_a'))?.running).toBe(true);
    // A spec this device never had arrives with its title.
    const other = specMetaBody({ id: 'spec_2', title: 'From the laptop', createdAt: 60 });
    await applyRecords([{ kind: 'spec', id: specMetaId(other), origin: 'x', body: other }]);
    expect(await p.specs.get('spec_2')).toMatchObject({ title: 'From the laptop', updatedAt: 60 });
  });

  it('a finished compilation travels and is stored once; one still running waits until it finishes', async () => {
    const laptop = fresh();
    const l = useDatabase(laptop);
    const compilation = { id: 'cmp_1', specId: 'spec_1', specTitle: 'Sum', specHash: 'h', at: 100, finishedAt: 900, status: 'done', model: 'm', temperature: 0.2, requested: 2, concurrency: 1, maxTokensPerVariation: 10, tokenBudget: 100, timeLimitMs: 1000, nudgesOffered: [], priors: { beneficial: [], harmful: [] }, priorsBlock: '', evidenceRuns: 0, generated: 1, verified: 1, passed: 1, tokens: 5, generationErrors: 0, candidates: [{ id: 'run_1', index: 1, nudges: [], code: 'x', passed: true, testFailures: [], errors: [], typeErrors: [], durationMs: 3, timedOut: false, tokens: 5 }] };
    await l.compilations.add(compilation);
    await l.compilations.add({ ...compilation, id: 'cmp_2', status: 'running', finishedAt: undefined, candidates: [] });
    const sent = await readLocalRecords('laptop');
    expect(sent.filter((r) => r.kind === 'compilation').map((r) => r.id)).toEqual(['cmp_1']);

    const phone = fresh();
    const p = useDatabase(phone);
    expect(await applyRecords(sent)).toMatchObject({ added: 1 });
    expect(await p.compilations.toArray()).toEqual([compilation]);
    // The same compilation again (a batch that arrived twice, a third device) is stored once.
    expect(await applyRecords(sent)).toMatchObject({ added: 0 });
    expect(await p.compilations.count()).toBe(1);
    // One still running, if it came anyway, is not stored as if it were history.
    await applyRecords([{ kind: 'compilation', id: 'cmp_2', origin: 'laptop', body: { ...compilation, id: 'cmp_2', status: 'running', finishedAt: undefined } }]);
    expect(await p.compilations.count()).toBe(1);
  });

  it('a nudge written on two devices apart ends with the first label given on both, whichever arrives first', async () => {
    const first = { key: 'add type hints', label: 'Add type hints', createdAt: 100 };
    const later = { key: 'add type hints', label: 'add TYPE hints', createdAt: 200 };
    const laptop = fresh();
    await useDatabase(laptop).nudges.add(first);
    const phone = fresh();
    await useDatabase(phone).nudges.add(later);
    // (useDatabase switches the store to that device's database, closing the other.)
    expect(await applyRecords([{ kind: 'nudge', id: first.key, origin: 'laptop', body: first }])).toMatchObject({ added: 1 });
    expect(await useDatabase(phone).nudges.get(first.key)).toEqual(first);
    const onPhone = (await readLocalRecords('phone')).filter((r) => r.kind === 'nudge');
    useDatabase(laptop);
    expect(await applyRecords([{ kind: 'nudge', id: later.key, origin: 'phone', body: later }])).toMatchObject({ added: 0 });
    expect(await useDatabase(laptop).nudges.get(first.key)).toEqual(first);
    // Read back, both devices hold the same nudge record.
    expect((await readLocalRecords('laptop')).filter((r) => r.kind === 'nudge').map((r) => r.body)).toEqual(onPhone.map((r) => r.body));
  });

  it('two amendments of one constitution made apart: on either device the earlier governs, the other is listed', async () => {
    const root = { id: 'c_root', previousId: null, constitution: { trustLevel: 2 }, createdAt: 10 };
    const laptopAmend = { id: 'c_laptop', previousId: 'c_root', constitution: { trustLevel: 1 }, createdAt: 100 };
    const phoneAmend = { id: 'c_phone', previousId: 'c_root', constitution: { trustLevel: 3 }, createdAt: 200 };
    const rec = (body: typeof root | typeof laptopAmend, origin: string) => ({ kind: 'constitution' as const, id: body.id, origin, body });
    const seen: { current?: string; history: string[]; apart: string[][] }[] = [];
    for (const [own, other] of [[laptopAmend, phoneAmend], [phoneAmend, laptopAmend]] as const) {
      const d = useDatabase(fresh());
      await d.constitutions.bulkAdd([root, own]);
      // Alone, the device's own amendment is in force.
      expect((await currentConstitution())?.id).toBe(own.id);
      await applyRecords([rec(other, 'other')]);
      const apart = await new Promise<{ row: { id: string }; instead?: { id: string } }[]>((resolve) => {
        const sub = constitutionsApart().subscribe({ next: (v) => (resolve(v), setTimeout(() => sub.unsubscribe())) });
      });
      seen.push({ current: (await currentConstitution())?.id, history: (await constitutionHistory()).map((r) => r.id), apart: apart.map((a) => [a.row.id, a.instead?.id ?? '']) });
    }
    expect(seen[0]).toEqual({ current: 'c_laptop', history: ['c_laptop', 'c_root'], apart: [['c_phone', 'c_laptop']] });
    expect(seen[1]).toEqual(seen[0]);
  });
});
