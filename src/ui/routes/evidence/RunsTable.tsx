import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { recentRuns, runCount, type Run } from '../../../services/evidence';
import type { Live } from '../../../services/live';
import { runsWithNudge } from '../../../services/priors';
import { specs, type SpecMeta } from '../../../services/specs';
import { useLive } from '../../components/useLive';
import { formatShortTime } from '../../components/format';

/** useLive for a source that changes with the address (?nudge=), resubscribing on change. */
function useLiveOf<T>(source: () => Live<T>, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial);
  createEffect(() => {
    const sub = source().subscribe({ next: (v) => setValue(() => v), error: (e) => console.error(e) });
    onCleanup(() => sub.unsubscribe());
  });
  return value;
}

/**
 * The previous read's run objects for the ids read again, so <For> (which keys rows by object)
 * keeps their rows: a re-read after a write elsewhere (a 100k-run import of older runs, another
 * tab) changes no row, and new runs add only their own. Runs never change once stored; they
 * are only added or deleted.
 */
function sameRunsSameRows(list: Accessor<Run[]>): Accessor<Run[]> {
  let byId = new Map<string, Run>();
  return createMemo<Run[]>((prev) => {
    const next = list().map((r) => byId.get(r.id) ?? r);
    byId = new Map(next.map((r) => [r.id, r]));
    return next.length === prev.length && next.every((r, i) => r === prev[i]) ? prev : next;
  }, []);
}

/**
 * Rows shown at first, and added per "Show more": every row is DOM that each style recalc,
 * paint and hit test walks, so a table of hundreds of rows made every change to the page
 * (an import finishing, a dialog closing) a long task.
 */
export const RUNS_PAGE = 100;

export function RunsTable() {
  // ?nudge=<key>: only the runs that applied that nudge (the Priors page links here).
  const [params] = useSearchParams();
  const nudge = () => (typeof params.nudge === 'string' ? params.nudge : '');
  const [shown, setShown] = createSignal(RUNS_PAGE);
  createEffect(on(nudge, () => setShown(RUNS_PAGE), { defer: true }));
  const latest = useLiveOf(() => (nudge() ? runsWithNudge(nudge(), shown()).runs : recentRuns(shown())), [] as Run[]);
  const runs = sameRunsSameRows(latest);
  const filteredCount = useLiveOf(() => (nudge() ? runsWithNudge(nudge()).count : runCount()), 0);
  // Undefined until the database answers, so nobody reads a placeholder 0 as "no runs".
  const count = useLive<number | undefined>(runCount(), undefined);
  const specList = useLive(specs(), [] as SpecMeta[]);
  const specName = (run: Run) => {
    if (run.specId) return specList().find((s) => s.id === run.specId)?.title ?? '(deleted spec)';
    return run.specHash.startsWith('name:') ? run.specHash.slice(5) : run.specHash;
  };
  return (
    <div>
      <h2>
        Runs{' '}
        <span class="muted" data-testid="run-count" data-loaded={count() === undefined ? 'false' : 'true'}>
          ({count() ?? '…'})
        </span>
      </h2>
      <Show when={nudge()}>
        <p class="muted" role="status" data-testid="nudge-filter">
          Runs with the nudge “{nudge()}”: {filteredCount()}. <A href="/evidence">Show all runs</A>
        </p>
      </Show>
      <Show when={filteredCount() > runs().length}>
        <p class="muted">
          Showing the latest {runs().length} of {filteredCount()}.{' '}
          <button type="button" class="ghost small" data-testid="runs-more" onClick={() => setShown((n) => n + RUNS_PAGE)}>
            Show {Math.min(RUNS_PAGE, filteredCount() - runs().length)} more
          </button>
        </p>
      </Show>
      <Show when={runs().length > 0} fallback={<p class="empty">{nudge() ? `No runs with the nudge “${nudge()}”.` : "No runs yet. Every run, pass or fail, is evidence: record one with the form."}</p>}>
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
