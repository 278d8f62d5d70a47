import { For, Show, createSignal } from 'solid-js';
import { restore, type Scar } from '../../../services/scars';
import { useFormSubmit } from '../../components/useFormSubmit';

/** Records a repair as its own event; the scar is never edited and begins to fade. */
export function RestorationForm(props: { scars: Scar[] }) {
  const [scarId, setScarId] = createSignal('');
  const [note, setNote] = createSignal('');
  const { error, saved, submit } = useFormSubmit(async () => {
    if (!scarId()) throw new Error('choose the scar you repaired');
    await restore(scarId(), note());
    setNote('');
    return 'Restoration recorded. The scar fades from now on, down to its floor.';
  });
  return (
    <form class="form card" onSubmit={submit} novalidate data-testid="restoration-form" aria-labelledby="restoration-title">
      <h2 id="restoration-title">Record a restoration</h2>
      <label>
        Scar
        <select value={scarId()} onChange={(e) => setScarId(e.currentTarget.value)} data-testid="restoration-scar">
          <option value="">Choose a scar…</option>
          <For each={[...props.scars].reverse()}>
            {(s) => <option value={s.id}>{`${s.locus.kind}: ${s.locus.ref} — ${s.description.slice(0, 50)}${s.restorations.length ? ' (restored)' : ''}`}</option>}
          </For>
        </select>
      </label>
      <label>
        What was done
        <textarea rows="2" data-testid="restoration-note" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      <div><button type="submit" data-testid="record-restoration">Record restoration</button></div>
      <Show when={saved()}><p role="status" class="muted small">{saved()}</p></Show>
    </form>
  );
}
