import { For, Show } from 'solid-js';
import { recentRuns, runCount, type Run } from '../../../services/evidence';
import { specs, type SpecMeta } from '../../../services/specs';
import { useLive } from '../../components/useLive';
import { formatShortTime } from '../../components/format';

export function RunsTable() {
  const runs = useLive(recentRuns(500), [] as Run[]);
  const count = useLive(runCount(), 0);
  const specList = useLive(specs(), [] as SpecMeta[]);
  const specName = (run: Run) => {
    if (run.specId) return specList().find((s) => s.id === run.specId)?.title ?? '(deleted spec)';
    return run.specHash.startsWith('name:') ? run.specHash.slice(5) : run.specHash;
  };
  return (
    <div>
      <h2>
        Runs <span class="muted" data-testid="run-count">({count()})</span>
      </h2>
      <Show when={count() > runs().length}>
        <p class="muted">Showing the latest {runs().length} of {count()}.</p>
      </Show>
      <Show when={runs().length > 0} fallback={<p class="empty">No runs yet. Every run, pass or fail, is evidence: record one with the form.</p>}>
        <div class="table-scroll">
        <table class="data" data-testid="runs-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Spec</th>
              <th>Outcome</th>
              <th>Nudges</th>
              <th>Errors</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            <For each={runs()}>
              {(run) => (
                <tr>
                  <td class="nowrap" title={new Date(run.at).toISOString()}>{formatShortTime(run.at)}</td>
                  <td>{specName(run)}</td>
                  <td class={run.passed ? 'pass' : 'fail'}>{run.passed ? 'pass' : 'fail'}</td>
                  <td>
                    <span class="tags">
                      <For each={run.nudges}>{(n) => <span class="tag">{n}</span>}</For>
                    </span>
                  </td>
                  <td class="error-text" title={run.errorMessages.join('\n')}>{run.errorMessages[0] ?? ''}</td>
                  <td>{run.source}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        </div>
      </Show>
    </div>
  );
}
