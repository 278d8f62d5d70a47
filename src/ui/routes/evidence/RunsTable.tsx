import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { DataTable } from '../../components/DataTable';
import { A, useSearchParams } from '@solidjs/router';
import { recentRuns, runCount, runsWithNudge, type Run } from '../../../services/evidence';
import type { Live } from '../../../services/live';
import { specs, type SpecMeta } from '../../../services/specs';
import { useLive } from '../../components/useLive';
import { progressive } from '../../components/progressive';
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

/** A count as the import dialog writes it: "100,000". */
const count = (n: number) => n.toLocaleString('en');

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * formatShortTime split into its date and its time, so a narrow When column wraps between
 * them ("Mar 10, 2024" over "10:39 AM"), never inside either. Today's runs have no date.
 */
function whenParts(at: number): [date: string, time: string] {
  const full = formatShortTime(at);
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return ['', full];
  const time = clock.format(d);
  return full.endsWith(time) ? [full.slice(0, -time.length).trim(), time] : ['', full];
}

/**
 * A run's errors: the first on one line, cut with an ellipsis, with "+N more" when there are
 * several; opening it shows every message in full. The rest are rendered only once opened.
 */
function RunErrors(props: { messages: string[] }) {
  const [open, setOpen] = createSignal(false);
  return (
    <details class="run-errors" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary title={props.messages.join('\n')}>
        <span class="run-error-first">{props.messages[0]}</span>
        <Show when={props.messages.length > 1}>
          <span class="run-errors-more" data-testid="run-errors-more">+{count(props.messages.length - 1)} more</span>
        </Show>
      </summary>
      <Show when={open() && props.messages.length > 1}>
        <ul>
          <For each={props.messages.slice(1)}>{(m) => <li>{m}</li>}</For>
        </ul>
      </Show>
    </details>
  );
}

/**
 * Rows shown at first, and added per "Show more": every row is DOM that each style recalc,
 * paint and hit test walks, so a table of hundreds of rows made every change to the page
 * (an import finishing, a dialog closing) a long task.
 */
export const RUNS_PAGE = 100;
/** Rows rendered per task when many appear at once (after an import, on Show more). */
const ROWS_PER_SLICE = 10;

export function RunsTable() {
  // ?nudge=<key>: only the runs that applied that nudge (the Priors page links here).
  const [params] = useSearchParams();
  const nudge = () => (typeof params.nudge === 'string' ? params.nudge : '');
  const [shown, setShown] = createSignal(RUNS_PAGE);
  createEffect(on(nudge, () => setShown(RUNS_PAGE), { defer: true }));
  const latest = useLiveOf(() => (nudge() ? runsWithNudge(nudge(), shown()).runs : recentRuns(shown())), [] as Run[]);
  const runs = sameRunsSameRows(latest);
  const rendered = progressive(runs, ROWS_PER_SLICE);
  // undefined until counted: a count shown before it is read would say 0 runs.
  const counted = useLiveOf<number | undefined>(() => (nudge() ? runsWithNudge(nudge()).count : runCount()), undefined);
  const filteredCount = () => counted() ?? 0;
  // Undefined until the database answers, so nobody reads a placeholder 0 as "no runs".
  const total = useLive<number | undefined>(runCount(), undefined);
  const specList = useLive(specs(), [] as SpecMeta[]);
  const specName = (run: Run) => {
    if (run.specId) return specList().find((s) => s.id === run.specId)?.title ?? '(deleted spec)';
    return run.specHash.startsWith('name:') ? run.specHash.slice(5) : run.specHash;
  };
  return (
    <div class="runs">
      <h2>
        Runs{' '}
        <span class="muted" data-testid="run-count" data-loaded={total() === undefined ? 'false' : 'true'}>
          ({total() === undefined ? '…' : count(total()!)})
        </span>
      </h2>
      <Show when={nudge()}>
        <p class="muted" role="status" data-testid="nudge-filter" data-loaded={counted() === undefined ? 'false' : 'true'}>
          Runs with the nudge “{nudge()}”: {counted() === undefined ? '…' : count(counted()!)}. <A href="/evidence">Show all runs</A>
        </p>
      </Show>
      <Show when={filteredCount() > runs().length}>
        <p class="muted">
          Showing the latest {count(runs().length)} of {count(filteredCount())}.{' '}
          <button type="button" class="ghost small" data-testid="runs-more" onClick={() => setShown((n) => n + RUNS_PAGE)}>
            Show {count(Math.min(RUNS_PAGE, filteredCount() - runs().length))} more
          </button>
        </p>
      </Show>
      <Show when={runs().length > 0} fallback={<p class="empty">{nudge() ? `No runs with the nudge “${nudge()}”.` : "No runs yet. Every run, pass or fail, is evidence: record one with the form."}</p>}>
        <DataTable class="data runs-table" testid="runs-table"
          head={
            <tr>
              <th class="col-when">When</th>
              <th class="col-spec">Spec</th>
              <th class="col-outcome">Outcome</th>
              <th class="col-nudges">Nudges</th>
              <th class="col-errors">Errors</th>
              <th class="col-source">Source</th>
            </tr>
          }
          each={rendered()}
        >
          {(run) => (
            <tr>
              <td class="run-when" data-label="When" title={new Date(run.at).toISOString()}>
                {(() => {
                  const [date, time] = whenParts(run.at);
                  return (
                    <span class="when">
                      <Show when={date}><span>{date}</span> </Show>
                      <span>{time}</span>
                    </span>
                  );
                })()}
              </td>
              <td class="run-spec" data-label="Spec">{specName(run)}</td>
              <td class={run.passed ? 'pass' : 'fail'} data-label="Outcome">{run.passed ? 'pass' : 'fail'}</td>
              <td data-label="Nudges" classList={{ 'cell-empty': run.nudges.length === 0 }}>
                <Show when={run.nudges.length > 0}>
                  <span class="tags">
                    <For each={run.nudges}>{(n) => <span class="tag" title={n}>{n}</span>}</For>
                  </span>
                </Show>
              </td>
              <td data-label="Errors" classList={{ 'cell-empty': run.errorMessages.length === 0 }}>
                <Show when={run.errorMessages.length > 0}>
                  <RunErrors messages={run.errorMessages} />
                </Show>
              </td>
              <td class="run-source" data-label="Source">{run.source}</td>
            </tr>
          )}
        </DataTable>
      </Show>
    </div>
  );
}
