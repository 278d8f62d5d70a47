import { ValidationError } from '../../domain/errors';
import { outsideCorridor, sliceJitter } from '../../domain/governance/jitter';
import { countRunsBefore, deleteRunsBefore } from '../../store/evidencePurgeRepo';
import { refitAndPublish, type PublishedPriors } from '../priors';
import { injectPriorsProposal } from '../specs/injectPriors';
import { acceptFromParams } from '../compile/accept';
import { closeTaskFromParams } from '../specs/closeTask';
import { raiseScarOnce } from '../scars';
import type { AutomationProposal } from './apply';
import { registerExecutor, proposeAutomation, type ProposalResult } from './automation';
import { inMode } from './mode';
import { governanceSnapshot } from './snapshot';

/**
 * The automated actions this release ships with that need nothing from other features:
 * refitting and publishing priors (level 2) and the bulk deletion of old evidence (always a
 * person). Each registers an executor so a queued one can still run after a reload, as does
 * injecting the learned priors into a spec (services/specs/injectPriors.ts) and accepting a
 * compiled candidate (services/compile/accept.ts), both level 3 with an automatic checkpoint.
 */

/**
 * Refits the priors on all evidence in the learner worker and publishes the adjusted effects
 * (average marginal effects in percentage points, the headline numbers) as a `refit_recorded`
 * entry. Learner jitter over the slice's refits outside the corridor leaves one scar per slice.
 */
export function refitProposal(): AutomationProposal {
  let published: PublishedPriors = { runs: 0, learnedRuns: 0, effects: {} };
  return {
    action: 'refit_priors',
    intent: 'refit the priors on all evidence and publish them',
    params: {},
    apply: {
      kind: 'store',
      tables: [],
      async prepare() {
        published = await inMode('LEARNING', refitAndPublish);
      },
      async write(log) {
        log.append({ kind: 'refit_recorded', at: Date.now(), payload: { ...published, estimator: 'adjusted_ame_pp' } });
      },
    },
  };
}

export async function checkJitter(now = Date.now()): Promise<number | null> {
  const snap = await governanceSnapshot(now);
  const c = snap.record.constitution;
  const jitter = sliceJitter(snap.entries, c, now);
  if (outsideCorridor(jitter, c.jitterCorridor)) {
    await raiseScarOnce({
      id: `jitter-${snap.status.sliceIndex}`,
      locus: { kind: 'area', ref: 'learner' },
      trigger: 'learner_jitter',
      severity: 0.3,
      description: `learner jitter ${jitter?.toFixed(1)} pp in slice ${snap.status.sliceIndex}, corridor ${c.jitterCorridor.maxPp} pp`,
      at: now,
    });
  }
  return jitter;
}

/** Refit and publish priors, through governance; checks jitter once it has run. */
export async function proposeRefit(): Promise<ProposalResult> {
  const result = await proposeAutomation(refitProposal());
  void result.done.then((o) => (o.ran ? checkJitter() : null));
  return result;
}

export function bulkDeleteProposal(before: number): AutomationProposal {
  if (!Number.isFinite(before)) throw new ValidationError('before', 'choose a date');
  const day = new Date(before).toISOString().slice(0, 10);
  return {
    action: 'bulk_delete_evidence',
    intent: `delete every run recorded before ${day} (cannot be undone)`,
    params: { before },
    apply: { kind: 'store', tables: ['runs'], write: async (log) => void (await deleteRunsBefore(before, log)) },
  };
}

/** Bulk deletion of evidence older than `before`: always waits for a person. */
export async function proposeBulkDelete(before: number): Promise<ProposalResult & { runs: number }> {
  const proposal = bulkDeleteProposal(before);
  const runs = await countRunsBefore(before);
  return { ...(await proposeAutomation(proposal)), runs };
}

let registered = false;

export function registerBuiltinExecutors(): void {
  if (registered) return;
  registered = true;
  registerExecutor('refit_priors', () => refitProposal());
  registerExecutor('bulk_delete_evidence', (params) => bulkDeleteProposal(Number(params.before)));
  registerExecutor('inject_priors', (params) => injectPriorsProposal(String(params.specId), String(params.title)));
  registerExecutor('accept_candidate', acceptFromParams);
  registerExecutor('close_task', closeTaskFromParams);
}
