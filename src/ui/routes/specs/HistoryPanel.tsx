import { For, Show, createMemo, createSignal, onCleanup } from 'solid-js';
import {
  checkpoints,
  createCheckpoint,
  diffCheckpoint,
  restoreCheckpoint,
  type Checkpoint,
} from '../../../services/specs/checkpoints';
import { bindSpecView } from '../../../services/specs/view';
import { useLive } from '../../components/useLive';
import { errorMessage } from '../../components/errorMessage';
import { formatShortTime } from '../../components/format';
import { DiffView } from './DiffView';

/**
 * A spec's history: named checkpoints (the person's and the app's), a diff of any of them
 * against the text now (live), and restore as a new edit that reaches every tab and peer.
 */
export function HistoryPanel(props: { specId: string; onClose: () => void }) {
  const list = useLive(checkpoints(props.specId), [] as Checkpoint[]);
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal('');
  const [note, setNote] = createSignal('');
  const [selectedId, setSelectedId] = createSignal<string | undefined>();
  const [confirming, setConfirming] = createSignal(false);
  const view = bindSpecView(props.specId);
  const [now, setNow] = createSignal(view.text());
  void view.whenLoaded.then(() => setNow(view.text()));
  const stop = view.onChange(setNow);
  onCleanup(() => (stop(), view.release()));

  const selected = () => list().find((c) => c.id === selectedId());
  const diff = createMemo(() => {
    const c = selected();
    return c ? diffCheckpoint(c, now()) : [];
  });

  const save = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const c = await createCheckpoint(props.specId, name());
      setName('');
      setNote(`Saved “${c.name}”.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const restore = async (c: Checkpoint) => {
    setError('');
    try {
      const r = await restoreCheckpoint(c.id);
      setConfirming(false);
      setNote(r.edits ? `Restored “${c.name}”. The text before is saved as “${r.before.name}”.` : `The spec already reads as “${c.name}”.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <aside class="history-panel" aria-label="History" data-testid="history-panel">
      <header class="panel-head">
        <h3>History</h3>
        <button class="ghost small" onClick={() => props.onClose()} aria-label="Close history">×</button>
      </header>
      <form class="inline-form" onSubmit={save} novalidate>
        <label class="sr-only" for="checkpoint-name">Checkpoint name</label>
        <input id="checkpoint-name" data-testid="checkpoint-name" placeholder="Name this version" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" data-testid="save-checkpoint">Save</button>
      </form>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      <Show when={note()}><p class="muted" role="status">{note()}</p></Show>
      <Show when={list().length > 0} fallback={<p class="muted">No checkpoints yet. Save one before a big change; the app also saves one before any automated change.</p>}>
        <ul class="checkpoints">
          <For each={list()}>
            {(c) => (
              <li classList={{ selected: c.id === selectedId() }} data-testid="checkpoint">
                <button class="checkpoint-pick" onClick={() => (setSelectedId(c.id === selectedId() ? undefined : c.id), setConfirming(false))} aria-pressed={c.id === selectedId()}>
                  <span class="checkpoint-name">{c.name}</span>
                  <span class="muted small-text">
                    {formatShortTime(c.createdAt)}
                    <Show when={c.automatic}> · <span class="badge">auto</span></Show>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={selected()}>
        {(c) => (
          <section class="checkpoint-detail">
            <div class="sv-row-between">
              <strong>“{c().name}” → now</strong>
              <Show
                when={confirming()}
                fallback={<button class="small" data-testid="restore-checkpoint" onClick={() => setConfirming(true)}>Restore…</button>}
              >
                <span class="confirm">
                  <button class="small" data-testid="confirm-restore" onClick={() => void restore(c())}>Restore as a new edit</button>
                  <button class="ghost small" onClick={() => setConfirming(false)}>Cancel</button>
                </span>
              </Show>
            </div>
            <DiffView lines={diff()} />
          </section>
        )}
      </Show>
    </aside>
  );
}
