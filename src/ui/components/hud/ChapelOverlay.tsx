import { For, Show, createSignal, onCleanup, onMount } from 'solid-js';
// Not the governance barrel (see HudBar.tsx): the overlay shows on every page.
import { chapel, type ChapelView } from '../../../services/governance/chapel';
import { errorMessage } from '../errorMessage';

/**
 * Every action waiting in the chapel, on whatever page is open: its recorded intent, the
 * countdown of the constitution's pause, and the Veto button. The countdown here is display
 * only; the chapel service decides when the pause is over.
 */
export function ChapelOverlay() {
  const runtime = chapel();
  const [views, setViews] = createSignal<ChapelView[]>(runtime.views());
  const [now, setNow] = createSignal(runtime.now());
  const [error, setError] = createSignal('');
  onMount(() => {
    const off = runtime.subscribe(() => setViews(runtime.views()));
    const tick = setInterval(() => setNow(runtime.now()), 100);
    onCleanup(() => {
      off();
      clearInterval(tick);
    });
  });
  const left = (v: ChapelView) => Math.max(0, v.enteredAt + v.minPauseMs - now());
  const veto = async (id: string) => {
    try {
      setError('');
      await runtime.veto(id, 'self');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Show when={views().length > 0}>
      <div class="chapel" role="alertdialog" aria-labelledby="chapel-title" data-testid="chapel">
        <h2 id="chapel-title">The chapel: a pause before acting</h2>
        <For each={views()}>
          {(v) => (
            <div class="chapel-entry" data-testid="chapel-entry" data-action={v.intent.action}>
              <p class="chapel-intent">
                <span class={`badge ${v.intent.hazard === 'low' ? 'neutral' : 'bad'}`}>{v.intent.hazard} hazard</span>{' '}
                {v.intent.intent}
              </p>
              <div class="chapel-countdown">
                <progress max={v.minPauseMs} value={v.minPauseMs - left(v)} aria-label="Pause elapsed" />
                <span data-testid="chapel-countdown" aria-live="off">{(left(v) / 1000).toFixed(1)} s</span>
              </div>
              <p class="muted small">
                {v.closing ? 'Pause over: checking the veto fuse…' : `It runs when the pause ends unless you veto it. ${v.intent.automated ? 'Proposed by automation.' : 'Approved by a person.'}`}
              </p>
              <button class="danger veto" data-testid="veto" disabled={v.closing} onClick={() => void veto(v.intent.actionId)}>
                Veto
              </button>
            </div>
          )}
        </For>
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      </div>
    </Show>
  );
}
