import { Show, createSignal, onCleanup } from 'solid-js';
import { observePeerSettings, savePeerSettings, type PeerSettings } from '../../../services/specs/peerSettings';
import { errorMessage } from '../../components/errorMessage';

const lines = (s: string) => s.split(/\n|,/).map((l) => l.trim()).filter(Boolean);

/** This device's connection settings for shared sessions, and the name others see. */
export function PeerSettingsForm(props: { onSaved?: () => void }) {
  const [form, setForm] = createSignal<PeerSettings | undefined>();
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const [unreadable, setUnreadable] = createSignal('');
  const sub = observePeerSettings().subscribe({ next: (s) => setForm((f) => f ?? s), error: (e) => setUnreadable(errorMessage(e)) });
  onCleanup(() => sub.unsubscribe());
  const set = (patch: Partial<PeerSettings>) => (setSaved(false), setForm((f) => f && { ...f, ...patch }));
  const save = async (e: Event) => {
    e.preventDefault();
    const f = form();
    if (!f) return;
    setError('');
    try {
      setForm(await savePeerSettings(f));
      setSaved(true);
      props.onSaved?.();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Show
      when={form()}
      fallback={
        <Show when={unreadable()} fallback={<p class="muted">Reading settings…</p>}>
          <p class="field-error" role="alert">The connection settings cannot be read from this browser's storage: {unreadable()}</p>
        </Show>
      }
    >
      {(f) => (
        <form class="sv-stack peer-settings" onSubmit={save} novalidate data-testid="peer-settings">
          <label class="sv-field">
            <span>Your name (shown to others, with your cursor)</span>
            <input data-testid="display-name" value={f().displayName} placeholder="e.g. Ada" onInput={(e) => set({ displayName: e.currentTarget.value })} />
          </label>
          <fieldset class="sv-field">
            <legend>Connect through</legend>
            <label class="sv-check">
              <input type="radio" name="transport" data-testid="transport-webrtc" checked={f().transport === 'webrtc'} onChange={() => set({ transport: 'webrtc' })} /> WebRTC, peer to peer (encrypted with the room password)
            </label>
            <label class="sv-check">
              <input type="radio" name="transport" data-testid="transport-websocket" checked={f().transport === 'websocket'} onChange={() => set({ transport: 'websocket' })} /> A y-websocket server you run (it sees the text)
            </label>
          </fieldset>
          <Show when={f().transport === 'webrtc'}>
            <label class="sv-field">
              <span>Signaling servers (one per line)</span>
              <textarea data-testid="signaling-urls" rows="2" value={f().signaling.join('\n')} onInput={(e) => set({ signaling: lines(e.currentTarget.value) })} />
              <small class="muted">Start one on this machine with <code>npm run signal</code> (ws://127.0.0.1:4444).</small>
            </label>
            <label class="sv-field">
              <span>STUN/TURN servers (optional, one per line)</span>
              <textarea rows="2" value={f().iceServers.join('\n')} placeholder="none: devices on the same network only" onInput={(e) => set({ iceServers: lines(e.currentTarget.value) })} />
            </label>
          </Show>
          <Show when={f().transport === 'websocket'}>
            <label class="sv-field">
              <span>y-websocket server</span>
              <input data-testid="websocket-url" value={f().websocketUrl} onInput={(e) => set({ websocketUrl: e.currentTarget.value })} />
            </label>
          </Show>
          <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
          <div class="sv-row-end">
            <Show when={saved()}><span class="muted" role="status">Saved.</span></Show>
            <button type="submit" data-testid="save-peer-settings">Save settings</button>
          </div>
        </form>
      )}
    </Show>
  );
}
