import { For, Show, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import { MS_PER_HOUR, elapsedMs, timers, type Bet, type TimerRow } from '../../../services/bets';
import { useLive } from '../../components/useLive';
import { formatTime } from '../../components/format';
import { TimerControls } from './TimerControls';
import { hours, num } from './betFormat';

/** Open bets with their timers; "Resolve" hands the bet and the clock's hours to the dialog. */
export function OpenBets(props: { bets: Bet[]; onResolve: (bet: Bet, hoursOnClock: number) => void }) {
  const rows = useLive(timers().timers(), [] as TimerRow[]);
  const [now, setNow] = createSignal(Date.now());
  // A display tick only: elapsed time always comes from the stored start time.
  onMount(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(tick));
  });
  const rowOf = (id: string) => rows().find((r) => r.betId === id);
  // Each re-read of the dashboard brings new objects; <For> keys rows by object, so an unchanged
  // bet keeps its old object and its row (and the keyboard focus inside it) survives the update.
  const bets = createMemo<Bet[]>((prev) => {
    const before = new Map(prev.map((b) => [b.id, b]));
    return props.bets.map((b) => {
      const old = before.get(b.id);
      return old && JSON.stringify(old) === JSON.stringify(b) ? old : b;
    });
  }, []);
  const resolve = async (bet: Bet) => {
    const row = rowOf(bet.id);
    const ownedHere = row?.running && row.tabId === timers().tabId;
    const onClock = ownedHere ? await timers().stop(bet.id) : 0;
    props.onResolve(bet, onClock || elapsedMs(row, Date.now()) / MS_PER_HOUR);
  };
  return (
    <section class="card" aria-labelledby="open-bets-heading">
      <h2 id="open-bets-heading" tabindex="-1">
        Open bets <span class="muted">({props.bets.length})</span>
      </h2>
      <Show when={props.bets.length > 0} fallback={<p class="empty" data-testid="open-empty">No open bets. Place one with the form: name a task, estimate its hours and say how sure you are.</p>}>
        <ul class="bet-list" data-testid="open-bets">
          <For each={bets()}>
            {(bet) => (
              <li class="bet-item" data-testid="open-bet" data-bet-id={bet.id}>
                <div class="bet-head">
                  <strong class="bet-task">{bet.task}</strong>
                  <span class="bet-terms">
                    {hours(bet.estimatedHours)} @ {Math.round(bet.confidence * 1000) / 10}% · stake {num(bet.stake)}
                  </span>
                </div>
                <Show when={bet.principles.length > 0}>
                  <div class="bet-tags">
                    <For each={bet.principles}>{(p) => <span class="tag">{p}</span>}</For>
                  </div>
                </Show>
                <Show when={bet.context.length > 0}>
                  <p class="bet-context muted small" data-testid="bet-context">Context: {bet.context.join(' · ')}</p>
                </Show>
                <div class="bet-foot">
                  <TimerControls betId={bet.id} row={rowOf(bet.id)} now={now()} onStop={(h) => props.onResolve(bet, h)} />
                  <span class="muted small">placed {formatTime(bet.placedAt)}</span>
                  <button type="button" class="small" onClick={() => void resolve(bet)} data-testid="resolve-open">Resolve…</button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
