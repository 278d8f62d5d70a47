import { Show } from 'solid-js';
import { cancelRefit, refitPriors, setFlakyHandling, type FlakyHandling, type PriorsView } from '../../../services/priors';
import { notify } from '../../components/notify';
import { errorMessage } from '../../components/errorMessage';
import { formatCount, pct } from '../../components/format';

const HANDLING_LABEL: Record<FlakyHandling, string> = {
  include: 'count them fully',
  downweight: 'count them half',
  exclude: 'leave them out',
};

function fitNote(v: PriorsView): string {
  const f = v.fit;
  if (!f || f.status === 'none') return 'Not fitted yet.';
  const parts = [`Fitted on ${formatCount(f.runs)} run${f.runs === 1 ? '' : 's'}`];
  if (f.updatesSinceFit > 0) parts.push(`${formatCount(f.updatesSinceFit)} added since the last full fit (incremental updates)`);
  if (f.fitMs !== null) parts.push(`last full fit ${f.fitMs < 1000 ? `${Math.round(f.fitMs)} ms` : `${(f.fitMs / 1000).toFixed(1)} s`}`);
  if (f.status === 'stale') parts.push('stale: the run weights changed, a refit is needed');
  if (!f.converged) parts.push('the fit did not converge');
  return parts.join(' · ') + '.';
}

/**
 * The learner's controls: what to do with flaky runs (a setting shared by every tab), and a
 * full refit with progress and cancel. The refit runs in a worker: the page stays usable.
 */
export function LearnerBar(props: { view: PriorsView }) {
  const v = () => props.view;
  const refit = () => v().refit;
  const choose = async (h: FlakyHandling) => {
    try {
      await setFlakyHandling(h);
    } catch (err) {
      notify(`Could not save the setting: ${errorMessage(err)}`);
    }
  };
  return (
    <section class="card learner-bar" aria-label="Learner" data-testid="learner-bar">
      <div class="learner-flaky">
        <p class="learner-count" data-testid="flaky-count">
          <strong>{formatCount(v().flakyRuns)}</strong> of {formatCount(v().runs)} run{v().runs === 1 ? ' is' : 's are'} flaky
          <span class="muted"> (same spec, same nudges, both passed and failed)</span>
        </p>
        <label class="inline-label">
          Flaky runs:
          <select data-testid="flaky-handling" value={v().handling} onChange={(e) => void choose(e.currentTarget.value as FlakyHandling)}>
            <option value="include">{HANDLING_LABEL.include}</option>
            <option value="downweight">{HANDLING_LABEL.downweight}</option>
            <option value="exclude">{HANDLING_LABEL.exclude}</option>
          </select>
        </label>
      </div>
      <div class="learner-fit">
        <p class="muted small" data-testid="fit-status">{fitNote(v())}</p>
        <Show
          when={refit().running}
          fallback={
            <button class="ghost" data-testid="refit" disabled={v().status !== 'ready' || v().reading || v().learnedRuns === 0} onClick={() => void refitPriors()}>
              Full refit
            </button>
          }
        >
          <div class="refit-progress" role="status" data-testid="refit-progress">
            <span>{refit().by === 'auto' ? 'Fitting' : 'Refitting'}… {pct(refit().progress)}</span>
            <progress max="1" value={refit().progress} aria-label="Refit progress" />
            <button class="ghost small" data-testid="refit-cancel" onClick={() => cancelRefit()}>Cancel</button>
          </div>
        </Show>
        <Show when={!refit().running && refit().outcome === 'cancelled'}>
          <p class="muted small" data-testid="refit-cancelled">
            {v().fit?.status === 'none'
              ? 'Fit cancelled: there are no adjusted estimates until a fit completes. Press “Full refit” to fit.'
              : 'Refit cancelled: the adjusted estimates are from the previous fit, updated run by run.'}
          </p>
        </Show>
        <Show when={!refit().running && refit().outcome === 'failed'}>
          <p class="field-error" role="alert">The refit failed: {refit().error}</p>
        </Show>
      </div>
    </section>
  );
}
