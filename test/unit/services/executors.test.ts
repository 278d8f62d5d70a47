import { describe, expect, it } from 'vitest';
import { registerBuiltinExecutors } from '../../../src/services/governance/builtins';
import { proposalFor } from '../../../src/services/governance/automation';

/**
 * A queued action outlives the page that proposed it: after a reload, approving it rebuilds
 * the proposal from the params recorded in the queue. Every action kind this release proposes
 * must have an executor, or its queue entry could never run.
 */
describe('executors for queued actions', () => {
  registerBuiltinExecutors();

  it('rebuilds each kind from its recorded params, with the same intent a person approved', () => {
    const cases = [
      { kind: 'refit_priors', params: {}, intent: 'refit the priors on all evidence and publish them' },
      { kind: 'bulk_delete_evidence', params: { before: Date.UTC(2024, 0, 1) }, intent: 'delete every run recorded before 2024-01-01 (cannot be undone)' },
      { kind: 'inject_priors', params: { specId: 's1', title: 'Parser' }, intent: 'write the learned priors into "Parser" (its "## Learned priors" section)' },
      {
        kind: 'accept_candidate',
        params: { compilationId: 'c1', candidateId: 'k3', index: 3, at: Date.UTC(2026, 11, 2, 6), specTitle: 'Slugify', kind: 'accept_candidate' },
        intent: 'write candidate #3 of the compilation of 2026-12-02T06:00:00.000Z into "Slugify" (a ts compiled block)',
      },
      {
        kind: 'close_task',
        params: { specId: 's1', specTitle: 'Parser', task: 'Parse input', betId: 'bet_1', because: 'its bet was resolved as completed' },
        intent: 'tick the task "Parse input" in "Parser" (its bet was resolved as completed)',
      },
    ] as const;
    for (const c of cases) {
      const proposal = proposalFor(`act-${c.kind}-after-reload`, c.kind, { ...c.params });
      expect(proposal, c.kind).toBeDefined();
      expect(proposal!.action).toBe(c.kind);
      expect(proposal!.intent).toBe(c.intent);
    }
    // Spec changes come with their one-click rollback.
    expect(proposalFor('a', 'inject_priors', { specId: 's1', title: 'Parser' })!.rollback).toBeTypeOf('function');
    expect(proposalFor('b', 'accept_candidate', cases[3].params)!.rollback).toBeTypeOf('function');
    expect(proposalFor('c', 'close_task', { ...cases[4].params })!.rollback).toBeTypeOf('function');
  });
});
