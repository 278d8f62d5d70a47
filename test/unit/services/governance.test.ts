import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { db, useDatabase } from '../../../src/store/db';
import { readWholeLog } from '../../../src/store/logRepo';
import { getApproval } from '../../../src/store/approvalsRepo';
import { readScars } from '../../../src/store/scarsRepo';
import { ValidationError } from '../../../src/domain/errors';
import { ChapelRuntime, useChapel } from '../../../src/services/governance/chapel';
import { proposeAutomation, rollBack, type AutomationProposal } from '../../../src/services/governance/automation';
import { GovernanceRefusalError, approveAction, rejectAction } from '../../../src/services/governance/approvals';
import { bulkDeleteProposal } from '../../../src/services/governance/builtins';
import { resetFuse } from '../../../src/services/governance/fuse';
import { governanceSnapshot } from '../../../src/services/governance/snapshot';
import { computeEthicsHeader } from '../../../src/services/governance/ethics';
import { fakeClock } from './fakeClock';

let name = '';
let clock: ReturnType<typeof fakeClock>;
let chapel: ChapelRuntime;
beforeEach(() => {
  name = `gov-${Math.random().toString(36).slice(2)}`;
  useDatabase(name);
  clock = fakeClock();
  chapel = useChapel(new ChapelRuntime(clock));
});
afterEach(async () => {
  await Dexie.delete(name);
});

const kinds = async () => (await readWholeLog()).map((e) => e.kind);

/** A level-2 action whose change is a settings row, so atomicity with its entry is visible. */
function refit(tag: string): AutomationProposal {
  return {
    action: 'refit_priors',
    intent: `refit ${tag}`,
    apply: { kind: 'store', tables: ['settings'], write: async () => void (await db().settings.put({ key: tag, value: true })) },
  };
}

function inject(log: string[]): AutomationProposal {
  return {
    action: 'inject_priors',
    intent: 'inject the learned-priors block into "Parser"',
    params: { specId: 'spec_1' },
    apply: { kind: 'external', run: async () => void log.push('applied') },
    rollback: async () => void log.push('rolled back'),
  };
}

/** Resolves once an action is waiting in the chapel. */
function entered(): Promise<void> {
  return new Promise((resolve) => {
    if (chapel.views().length > 0) return resolve();
    const off = chapel.subscribe(() => {
      if (chapel.views().length > 0) {
        off();
        resolve();
      }
    });
  });
}

describe('proposeAutomation', () => {
  it('applies an action within the trust level, writing the change and action_applied together', async () => {
    const r = await proposeAutomation(refit('a'));
    expect(r.verdict).toBe('apply');
    expect(await r.done).toEqual({ ran: true });
    expect(await db().settings.get('a')).toBeDefined();
    const applied = (await readWholeLog()).find((e) => e.kind === 'action_applied');
    expect(applied?.payload).toMatchObject({ action: 'refit_priors', automated: true, viaChapel: false, externalCost: 1 });
  });

  it('queues an action above the trust level; approval runs it (logged) and it can be rolled back', async () => {
    const log: string[] = [];
    const r = await proposeAutomation(inject(log));
    expect(r.verdict).toBe('queue');
    expect(r.reason).toBe('inject_priors needs trust level 3; the constitution grants 2');
    expect(log).toEqual([]);
    expect((await getApproval(r.actionId))?.state).toBe('pending');

    expect(await approveAction(r.actionId)).toEqual({ ran: true });
    expect(log).toEqual(['applied']);
    expect((await getApproval(r.actionId))?.state).toBe('applied');
    await rollBack(r.actionId);
    expect(log).toEqual(['applied', 'rolled back']);
    expect(await kinds()).toEqual(['constitution', 'action_queued', 'approval', 'action_applied', 'action_rolled_back']);
  });

  it('logs a rejection and never runs the rejected action', async () => {
    const log: string[] = [];
    const r = await proposeAutomation(inject(log));
    await rejectAction(r.actionId);
    expect((await getApproval(r.actionId))?.state).toBe('rejected');
    await expect(approveAction(r.actionId)).rejects.toThrow(/rejected/);
    expect(log).toEqual([]);
    expect(await kinds()).toContain('rejection');
  });

  it('refuses a spec change without a rollback', async () => {
    const { rollback: _drop, ...noUndo } = inject([]);
    await expect(proposeAutomation(noUndo)).rejects.toThrow(ValidationError);
  });

  it('stops at maxAutomatedPerSession: the next action waits for a person', async () => {
    for (let i = 0; i < 10; i++) expect((await proposeAutomation(refit(`r${i}`))).verdict).toBe('apply');
    const eleventh = await proposeAutomation(refit('r10'));
    expect(eleventh.verdict).toBe('queue');
    expect(eleventh.reason).toContain('already ran 10 automated actions (limit 10)');
    expect(await db().settings.get('r10')).toBeUndefined();
  });
});

describe('the chapel', () => {
  it('runs a high-hazard action only after the pause, with every step in the log', async () => {
    await db().runs.bulkAdd([
      { id: 'old', specHash: 'h', nudges: [], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 1 },
      { id: 'new', specHash: 'h', nudges: [], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 5000 },
    ]);
    const r = await proposeAutomation(bulkDeleteProposal(1000));
    expect(r.verdict).toBe('queue');
    const outcome = approveAction(r.actionId);
    await entered();
    clock.advance(2999);
    expect(chapel.views()).toHaveLength(1);
    expect(await db().runs.count()).toBe(2);
    clock.advance(1);
    expect(await outcome).toEqual({ ran: true });
    expect(await db().runs.toCollection().primaryKeys()).toEqual(['new']);
    const log = await readWholeLog();
    expect(log.slice(-4).map((e) => e.kind)).toEqual(['chapel_entered', 'pause_elapsed', 'veto_checked', 'action_applied']);
    expect(log.at(-1)?.payload).toMatchObject({ hazard: 'high', viaChapel: true, automated: false });
    expect((await getApproval(r.actionId))?.state).toBe('applied');
    expect((await computeEthicsHeader()).zk_proof_handles.pause_invariants).toBe(true);
  });

  it('a veto aborts the action, trips the fuse, leaves a scar, and blocks high hazard until a reset', async () => {
    await db().runs.add({ id: 'old', specHash: 'h', nudges: [], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 1 });
    const first = await proposeAutomation(bulkDeleteProposal(1000));
    const second = await proposeAutomation(bulkDeleteProposal(1000));
    const outcome = approveAction(first.actionId);
    await entered();
    await chapel.veto(first.actionId, 'self');
    expect(await outcome).toEqual({ ran: false, reason: 'vetoed by self' });
    expect(await db().runs.count()).toBe(1);
    expect((await governanceSnapshot()).status.fuse).toBe('tripped');
    expect((await readScars()).map((s) => s.trigger)).toEqual(['veto_tripped']);
    expect((await getApproval(first.actionId))?.state).toBe('failed');

    await expect(approveAction(second.actionId)).rejects.toThrow(GovernanceRefusalError);
    expect((await getApproval(second.actionId))?.state).toBe('pending');
    const third = await proposeAutomation(bulkDeleteProposal(1000));
    expect(third.verdict).toBe('blocked');
    await resetFuse('self', 'checked the backup');
    expect((await governanceSnapshot()).status.fuse).toBe('strained');
    expect((await computeEthicsHeader()).zk_proof_handles.pause_invariants).toBe(true);
  });

  it('refuses a veto once the pause is over', async () => {
    const r = await proposeAutomation(bulkDeleteProposal(1000));
    const outcome = approveAction(r.actionId);
    await entered();
    clock.advance(3000);
    await expect(chapel.veto(r.actionId, 'self')).rejects.toThrow(/too late|not in the chapel/);
    expect((await outcome).ran).toBe(true);
  });
});
