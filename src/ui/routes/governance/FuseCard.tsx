import { Show, createSignal } from 'solid-js';
import { resetFuse, type HudView } from '../../../services/governance';
import { errorMessage } from '../../components/errorMessage';

/** The veto fuse; a tripped one holds back high-hazard automation until a person resets it (logged). */
export function FuseCard(props: { veto: HudView['veto'] }) {
  const [message, setMessage] = createSignal('');
  const [note, setNote] = createSignal('');
  const reset = async (e: Event) => {
    e.preventDefault();
    try {
      await resetFuse('self', note());
      setNote('');
      setMessage('Fuse reset. The reset is in the log.');
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };
  return (
    <section class="card" data-testid="fuse-card" aria-labelledby="fuse-title">
      <h2 id="fuse-title">Veto fuse: <span class={`fuse fuse-${props.veto.fuse}`} data-testid="fuse-card-state">{props.veto.fuse}</span></h2>
      <p class="muted small">
        ok: no veto; strained: a veto in this slice or E_ext above 80% of the budget; tripped: a veto fired, and high-hazard
        automation stays blocked until a person resets the fuse.
      </p>
      <Show when={props.veto.fuse === 'tripped'}>
        <form class="inline-form" onSubmit={reset}>
          <input aria-label="Why it is safe to reset" placeholder="Why it is safe to reset (optional)" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
          <button type="submit" data-testid="reset-fuse">Reset fuse</button>
        </form>
      </Show>
      <Show when={message()}><p role="status" class="small">{message()}</p></Show>
    </section>
  );
}
