import { Show, createSignal, onCleanup } from 'solid-js';
import { onShareChange, shareState, startSharing, stopSharing, type ShareState } from '../../../services/specs/share';
import { errorMessage } from '../../components/errorMessage';
import { Modal } from '../../specView/Modal';
import { People } from './People';
import { PeerSettingsForm } from './PeerSettingsForm';

/** The current share state of a spec in this tab, updated as sessions start, stop and connect. */
export function useShare(specId: string): () => ShareState | undefined {
  const [state, setState] = createSignal(shareState(specId));
  onCleanup(onShareChange(() => setState(shareState(specId))));
  return state;
}

/**
 * "Share session": opens a room and shows the link to give to peers. The password travels in
 * the link's fragment, which no server sees. Until this is used, nothing leaves the browser.
 */
export function ShareDialog(props: { spec: { id: string; title: string }; onClose: () => void }) {
  const share = useShare(props.spec.id);
  const [error, setError] = createSignal('');
  const [copied, setCopied] = createSignal(false);
  const [showSettings, setShowSettings] = createSignal(false);
  const start = async () => {
    setError('');
    try {
      await startSharing(props.spec, location.origin);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setError('The browser did not allow copying; select the link and copy it by hand.');
    }
  };
  return (
    <Modal title="Share session" onClose={props.onClose} testId="share-dialog" wide>
      <Show
        when={share()}
        fallback={
          <div class="sv-stack">
            <p>
              This spec lives only in this browser. Sharing opens a room that people with the link can join; their edits and
              yours then merge live, and each of you keeps a full copy.
            </p>
            <p class="muted">
              The link carries the room's password after the <code>#</code>, which browsers never send to a server. With WebRTC the
              signaling server only relays encrypted handshakes; the text goes device to device.
            </p>
            <div class="sv-row-end">
              <button class="ghost" onClick={() => setShowSettings((v) => !v)} aria-expanded={showSettings()}>Connection settings</button>
              <button data-testid="start-sharing" onClick={() => void start()}>Start sharing</button>
            </div>
          </div>
        }
      >
        {(s) => (
          <div class="sv-stack">
            <label class="sv-field">
              <span>Give this link to the people you want to edit with</span>
              <div class="inline-form">
                <input readonly value={s().link} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
                <button onClick={() => void copy(s().link)}>{copied() ? 'Copied' : 'Copy'}</button>
              </div>
            </label>
            <p class="muted" data-testid="share-status">
              {s().status.active ? 'Sharing' : 'Paused while offline'} over {s().invite.transport === 'webrtc' ? 'WebRTC' : 'y-websocket'} ·{' '}
              {s().status.connections === 0 ? 'waiting for peers' : `${s().status.connections} connection${s().status.connections === 1 ? '' : 's'}`}
            </p>
            <div>
              <strong>Here now</strong>
              <People specId={props.spec.id} />
            </div>
            <div class="sv-row-end">
              <button class="ghost" onClick={() => setShowSettings((v) => !v)} aria-expanded={showSettings()}>Connection settings</button>
              <button class="danger ghost" data-testid="stop-sharing" onClick={() => stopSharing(props.spec.id)}>Stop sharing</button>
            </div>
          </div>
        )}
      </Show>
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      <Show when={showSettings()}>
        <hr />
        <PeerSettingsForm />
      </Show>
    </Modal>
  );
}
