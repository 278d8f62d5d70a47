import { Match, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { failureModesView, type FailureModesView } from '../../../services/failureModes';
import { useLive } from '../../components/useLive';
import { formatCount } from '../../components/format';
import { ModesTable } from './ModesTable';
import { NudgeModes } from './NudgeModes';
import './failureModes.css';

const LOADING: FailureModesView = { status: 'loading', runs: 0, runsWithMessages: 0, totalModes: 0, modes: [], byNudge: [] };
/** Modes listed on the page; the rest are counted. */
const SHOWN = 50;

export default function FailureModesPage() {
  const v = useLive(failureModesView(), LOADING);
  return (
    <section class="page failure-modes-page">
      <h1>Failure modes</h1>
      <p class="muted lede">
        Error messages grouped by signature: numbers, ids, quoted text and file paths are replaced by placeholders, so the same failure
        groups together wherever it happened.
      </p>
      <p class="progress-note" role="status" data-testid="modes-status">
        {v().status === 'loading'
          ? 'Reading failures…'
          : v().status === 'error'
            ? `Could not compute failure modes: ${v().error}`
            : v().runs === 0
              ? '' // the empty state below says it
              : `${formatCount(v().totalModes)} mode${v().totalModes === 1 ? '' : 's'} in ${formatCount(v().runsWithMessages)} run${v().runsWithMessages === 1 ? '' : 's'} with error messages (of ${formatCount(v().runs)}).`}
      </p>
      <Switch>
        <Match when={v().status === 'ready' && v().runs === 0}>
          <div class="empty-state" data-testid="modes-empty">
            <p>No runs yet. Record failing runs with their error messages on the <A href="/evidence">Evidence</A> page, or import test results; recurring failures are grouped here.</p>
          </div>
        </Match>
        <Match when={v().status === 'ready' && v().modes.length === 0}>
          <div class="empty-state" data-testid="modes-none">
            <p>None of the {formatCount(v().runs)} runs carries an error message. When a run fails, paste its errors into the form on the <A href="/evidence">Evidence</A> page.</p>
          </div>
        </Match>
        <Match when={v().modes.length > 0}>
          <h2>Most frequent</h2>
          <ModesTable modes={v().modes.slice(0, SHOWN)} runs={v().runs} />
          {v().totalModes > SHOWN ? <p class="muted small">Showing the {SHOWN} most frequent of {formatCount(v().totalModes)} modes.</p> : null}
          <h2>By nudge</h2>
          <p class="muted small">
            Modes that show at least 3 times with a nudge and credibly more often than over all runs: the lift's 95% interval lies above ×1,
            adjusted for every nudge and mode compared{v().byNudge[0]?.contexts[0] ? ` (${formatCount(v().byNudge[0]!.contexts[0]!.comparisons)} pairs)` : ''}, so chance alone shows none in 19 of 20 cases.
          </p>
          {v().byNudge.length > 0 ? <NudgeModes nudges={v().byNudge} /> : <p class="empty" data-testid="no-contexts">No nudge goes with a failure mode credibly more often than usual yet.</p>}
        </Match>
      </Switch>
    </section>
  );
}
