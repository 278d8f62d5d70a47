import { For } from 'solid-js';
import { MODES, type ModeView } from '../../../services/governance';

/** The five modes as a row; the current one is filled, the ones reachable from it are outlined. */
export function ModeMachine(props: { view: ModeView }) {
  const open = (m: string) => props.view.directions.includes(m as ModeView['mode']);
  return (
    <section class="mode-machine" data-testid="mode-machine" aria-label="Mode machine">
      <h3 class="dial-label">Mode</h3>
      <ol class="modes">
        <For each={MODES}>
          {(m) => (
            <li
              class="mode"
              classList={{ current: m === props.view.mode, open: open(m) }}
              aria-current={m === props.view.mode ? 'step' : undefined}
            >
              {m}
            </li>
          )}
        </For>
      </ol>
      <p class="muted small">
        Now <strong>{props.view.mode}</strong> ({props.view.reason}). Open directions: {props.view.directions.join(', ')}.
      </p>
    </section>
  );
}
