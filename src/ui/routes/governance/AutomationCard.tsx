import { For, Show, createSignal, onCleanup } from 'solid-js';
import {
  ACTIONS, type ActionKind, onRollbackableChange, proposeBulkDelete, proposeRefit, rollBack, rollbackable, type ProposalResult, type Rollbackable,
} from '../../../services/governance';
import { errorMessage } from '../../components/errorMessage';

const VERDICT_WORDS: Record<ProposalResult['verdict'], string> = {
  apply: 'Applied',
  queue: 'Queued for your approval',
  chapel: 'Entered the chapel',
  blocked: 'Blocked',
  consent: 'Proposed to everyone sharing the spec',
};

/** The automated actions of this release, proposed by hand here (the same door automation uses). */
export function AutomationCard(props: { personOnly: readonly ActionKind[] }) {
  const [result, setResult] = createSignal('');
  const [before, setBefore] = createSignal('');
  const [undo, setUndo] = createSignal<Rollbackable[]>(rollbackable());
  onCleanup(onRollbackableChange(() => setUndo(rollbackable())));
  const show = async (p: Promise<ProposalResult & { runs?: number }>) => {
    setResult('');
    try {
      const r = await p;
      const extra = r.runs === undefined ? '' : ` (${r.runs} runs match)`;
      setResult(`${VERDICT_WORDS[r.verdict]}: ${r.reason}${extra}.`);
      const outcome = await r.done;
      if (r.verdict === 'chapel') setResult(outcome.ran ? 'Ran after the pause.' : `Stopped: ${outcome.reason}.`);
    } catch (err) {
      setResult(errorMessage(err));
    }
  };
  const deleteOld = (e: Event) => {
    e.preventDefault();
    void show(proposeBulkDelete(before() ? Date.parse(`${before()}T00:00:00`) : Number.NaN));
  };
  return (
    <section class="card" data-testid="automation" aria-labelledby="automation-title">
      <h2 id="automation-title">Automation</h2>
      <p class="muted small">Each action declares a trust level, a hazard and an external-impact cost; governance decides whether it applies, waits for you, or pauses in the chapel.</p>
      <div class="automation-row">
        <button data-testid="propose-refit" onClick={() => void show(proposeRefit())}>Refit and publish priors</button>
        <span class="muted small">level {ACTIONS.refit_priors.requiredTrust}, {ACTIONS.refit_priors.hazard} hazard, cost {ACTIONS.refit_priors.externalCost}</span>
      </div>
      <form class="automation-row" onSubmit={deleteOld}>
        <label class="inline-label">
          Delete evidence older than
          <input type="date" data-testid="delete-before" value={before()} onInput={(e) => setBefore(e.currentTarget.value)} />
        </label>
        <button type="submit" class="danger-outline" data-testid="propose-delete">Propose deletion</button>
        <span class="muted small">
          level {ACTIONS.bulk_delete_evidence.requiredTrust}, {ACTIONS.bulk_delete_evidence.hazard} hazard
          {props.personOnly.includes('bulk_delete_evidence') ? ', always needs a person (the constitution says so, whatever the trust level)' : ''}
        </span>
      </form>
      <p class="muted small">Injecting the learned priors into a spec (level 3, with an automatic checkpoint) is proposed from the spec's toolbar, “Inject priors”; accepting a compiled candidate, from the Compile page.</p>
      <Show when={result()}><p role="status" class="small" data-testid="automation-result">{result()}</p></Show>
      <Show when={undo().length > 0}>
        <h3 class="subhead">Can be rolled back</h3>
        <ul class="queue">
          <For each={undo()}>
            {(u) => (
              <li class="queue-item">
                <span>{u.intent}</span>
                <button class="ghost small" onClick={() => void rollBack(u.actionId).catch((err: unknown) => setResult(errorMessage(err)))}>Roll back</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
