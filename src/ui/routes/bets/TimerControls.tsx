import { Match, Show, Switch, createSignal } from 'solid-js';
import { elapsedMs, timers, type TimerRow } from '../../../services/bets';
import { errorMessage } from '../../components/errorMessage';
import { clock } from './betFormat';

/**
 * Start / pause / stop for one open bet. The clock is computed from the stored row, so it is the
 * same in every tab; only the tab that owns a running timer gets the buttons.
 */
export function TimerControls(props: { betId: string; row: TimerRow | undefined; now: number; onStop: (hours: number) => void }) {
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const here = () => props.row?.running === true && props.row.tabId === timers().tabId;
  const elsewhere = () => props.row?.running === true && !here();
  const act = async (fn: () => Promise<unknown>) => {
    setError('');
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e).replace(/^timer: /, ''));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="timer" data-testid="timer">
      <span class={`timer-clock ${props.row?.running ? 'running' : ''}`} data-testid="timer-clock" aria-label="Time on this bet">
        {clock(elapsedMs(props.row, props.now))}
      </span>
      <Switch>
        <Match when={elsewhere()}>
          <span class="muted small" data-testid="timer-state">running in another tab</span>
        </Match>
        <Match when={here()}>
          <span class="sr-only" data-testid="timer-state">running</span>
          <button type="button" class="ghost small" disabled={busy()} onClick={() => act(() => timers().pause(props.betId))} data-testid="timer-pause">Pause</button>
        </Match>
        <Match when={true}>
          <span class="sr-only" data-testid="timer-state">{props.row ? 'paused' : 'not started'}</span>
          <button type="button" class="ghost small" disabled={busy()} onClick={() => act(() => timers().start(props.betId))} data-testid="timer-start">
            {props.row ? 'Resume' : 'Start timer'}
          </button>
        </Match>
      </Switch>
      <Show when={!elsewhere() && props.row}>
        <button type="button" class="ghost small" disabled={busy()} onClick={() => act(async () => props.onStop(await timers().stop(props.betId)))} data-testid="timer-stop" title="Stop the clock and resolve with its time">
          Stop
        </button>
      </Show>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
    </div>
  );
}
