import { For, Show, createSignal } from 'solid-js';
import { otherResolutions, type Bet, type OtherResolution, type ResolvedBetView } from '../../../services/bets';
import { useLive } from '../../components/useLive';
import { formatTime } from '../../components/format';
import { hours, num, outcomeBadge, signed } from './betFormat';

const PAGE = 25;

/** Settled bets, newest first, as they count now (a corrected one says so). */
export function ResolvedBets(props: { resolved: ResolvedBetView[]; onCorrect: (bet: Bet) => void }) {
  const [shown, setShown] = createSignal(PAGE);
  const others = useLive<Map<string, OtherResolution[]>>(otherResolutions(), new Map());
  return (
    <section class="card" aria-labelledby="resolved-heading">
      <h2 id="resolved-heading">
        Resolved bets <span class="muted">({props.resolved.length})</span>
      </h2>
      <Show when={props.resolved.length > 0} fallback={<p class="empty" data-testid="resolved-empty">Nothing resolved yet. When a task is done (or dropped), resolve its bet with the hours it really took.</p>}>
        <div class="table-scroll">
          <table class="data" data-testid="resolved-bets">
            <thead>
              <tr>
                <th>Resolved</th>
                <th>Task</th>
                <th class="num">Estimate</th>
                <th class="num">Actual</th>
                <th>Outcome</th>
                <th class="num">Tokens</th>
                <th class="num">Credibility</th>
                <th><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              <For each={props.resolved.slice(0, shown())}>
                {(r) => (
                  <tr data-testid="resolved-bet">
                    <td class="nowrap">{formatTime(r.bet.resolvedAt ?? 0)}</td>
                    <td>
                      {r.bet.task}
                      <Show when={r.bet.context.length > 0}>
                        <span class="bet-context muted small" data-testid="bet-context">Context: {r.bet.context.join(' · ')}</span>
                      </Show>
                      <For each={others().get(r.bet.id) ?? []}>
                        {(o) => (
                          <span class="bet-context small resolution-conflict" data-testid="resolution-conflict">
                            Also resolved on another device while apart: {hours(o.actualHours)}, {o.completed ? 'completed' : 'abandoned'}, {formatTime(o.resolvedAt)}. Not counted: the earlier
                            resolution counts, on every device.
                          </span>
                        )}
                      </For>
                    </td>
                    <td class="num">{hours(r.bet.estimatedHours)} @ {Math.round(r.bet.confidence * 100)}%</td>
                    <td class="num">{hours(r.bet.actualHours ?? 0)}</td>
                    <td class="nowrap">
                      <span class={`badge ${outcomeBadge[r.settlement.outcome]}`}>{r.settlement.outcome}</span>
                      <Show when={r.settlement.bullshit}> <span class="badge bad" title="Confident at or above the bullshit line and off by more than the allowed share of the estimate, under the rules in force when it was resolved">bullshit</span></Show>
                      <Show when={r.corrected}> <span class="badge neutral">corrected</span></Show>
                      <Show when={others().has(r.bet.id)}> <span class="badge neutral" title="Resolved on two devices while they were apart; see below the task">resolved twice</span></Show>
                    </td>
                    <td class={`num ${r.settlement.tokensDelta >= 0 ? 'pass' : 'fail'}`}>{signed(r.settlement.tokensDelta)}</td>
                    <td class="num">{num(r.settlement.credibilityBefore)} → {num(r.settlement.credibilityAfter)}</td>
                    <td><button type="button" class="ghost small" onClick={() => props.onCorrect(r.bet)} title="Record a correction (the original stays in the record)">Correct…</button></td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={props.resolved.length > shown()}>
          <button type="button" class="ghost small" onClick={() => setShown(shown() + PAGE)}>Show {Math.min(PAGE, props.resolved.length - shown())} more</button>
        </Show>
      </Show>
    </section>
  );
}
