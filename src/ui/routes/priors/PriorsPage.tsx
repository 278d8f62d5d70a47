import { Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { priorsView, type PriorsView } from '../../../services/priors';
import { useLive } from '../../components/useLive';
import { formatCount } from '../../components/format';
import { ForestPlot } from '../../charts/learning/ForestPlot';
import { NudgeGraph } from '../../charts/learning/NudgeGraph';
import { LearningCurveChart } from '../../charts/learning/LearningCurveChart';
import { LearnerBar } from './LearnerBar';
import { PriorsTable } from './PriorsTable';
import { RankedLists } from './RankedLists';
import { PromptBlock } from './PromptBlock';
import './priors.css';

const EMPTY: PriorsView = {
  status: 'loading',
  runs: 0,
  learnedRuns: 0,
  flakyRuns: 0,
  handling: 'include',
  reading: false,
  loadedRuns: 0,
  rows: [],
  ranked: { beneficial: [], harmful: [] },
  promptBlock: '',
  promptLines: [],
  withheld: [],
  adjustedFor: undefined,
  fit: undefined,
  refit: { running: false, progress: 0, by: null, outcome: 'none' },
  curve: undefined,
};

function status(v: PriorsView): string {
  if (v.status === 'error') return `The learner failed: ${v.error}`;
  if (v.status === 'loading') return v.loadedRuns > 0 ? `Learning… (${formatCount(v.loadedRuns)} runs read)` : 'Learning…';
  if (v.reading) return `From ${formatCount(v.runs)} run${v.runs === 1 ? '' : 's'}; reading new runs… (${formatCount(v.loadedRuns)} so far)`;
  return `From ${formatCount(v.runs)} run${v.runs === 1 ? '' : 's'}.`;
}

export default function PriorsPage() {
  const view = useLive(priorsView(), EMPTY);
  const fitted = () => view().rows.some((r) => r.adjusted);
  return (
    <section class="page priors-page">
      <h1>Priors</h1>
      <p class="muted lede">
        Which nudges raise or lower the pass rate? The adjusted effect is the headline: learned only from runs of the same spec with
        and without the nudge, so a nudge used mostly on hard specs is not blamed for their difficulty, and adjusted for the other
        nudges, the model, the temperature and the month. Raw pass rates are shown beside it for comparison. A Do or Avoid line goes
        into the prompt block only after it passes three checks.
      </p>
      <p class="progress-note" role="status" data-testid="priors-status">{status(view())}</p>
      <Switch>
        <Match when={view().status === 'ready' && view().runs === 0}>
          <div class="empty-state" data-testid="priors-empty">
            <p>
              No runs yet. Record runs on the <A href="/evidence">Evidence</A> page (or import test results there), naming the nudges you
              applied to each: the practices or prompt tweaks you tried. Effects appear here after a few runs with and without each nudge.
            </p>
          </div>
        </Match>
        <Match when={view().status === 'ready' && view().rows.length === 0}>
          <div class="empty-state" data-testid="priors-no-nudges">
            <p>
              {formatCount(view().runs)} run{view().runs === 1 ? '' : 's'} recorded, but none names a nudge. When you record a run on the{' '}
              <A href="/evidence">Evidence</A> page, add the nudges you applied; this page compares runs with and without each.
            </p>
          </div>
        </Match>
        <Match when={view().rows.length > 0}>
          <LearnerBar view={view()} />
          <div class="priors-top">
            <RankedLists beneficial={view().ranked.beneficial} harmful={view().ranked.harmful} />
            <PromptBlock view={view()} />
          </div>
          <h2>Every nudge</h2>
          <PriorsTable rows={view().rows} adjustedFor={view().adjustedFor} />
          <div class="priors-charts">
            <section class="card">
              <h2>Adjusted effects</h2>
              <Show when={fitted()} fallback={<p class="empty">The model is being fitted…</p>}>
                <ForestPlot rows={view().rows} />
              </Show>
            </section>
            <section class="card">
              <h2>Nudges → outcome</h2>
              <Show when={fitted()} fallback={<p class="empty">The model is being fitted…</p>}>
                <NudgeGraph rows={view().rows} />
              </Show>
            </section>
            <section class="card">
              <h2>Learning curve</h2>
              <Show when={view().curve && view().curve!.points.length > 1} fallback={<p class="empty">The curve needs at least two runs.</p>}>
                <LearningCurveChart curve={view().curve!} />
              </Show>
            </section>
          </div>
        </Match>
      </Switch>
    </section>
  );
}
