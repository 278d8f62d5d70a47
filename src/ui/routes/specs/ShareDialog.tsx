import { For, Show, createSignal, onCleanup } from 'solid-js';
import { clearServerCopyOf, onShareChange, shareState, startSharedSessions, startSharing, stopSharing, type ServerCopy, type ShareState } from '../../../services/specs/share';
import { errorMessage } from '../../components/errorMessage';
import { Modal } from '../../specView/Modal';
import { People } from './People';
import { PeerSettingsForm } from './PeerSettingsForm';

/** The current share state of a spec in this tab, updated as sessions start, stop and connect. */
export function useShare(specId: string): () => ShareState | undefined {
  const [state, setState] = createSignal(shareState(specId));
  onCleanup(onShareChange(() => setState(shareState(specId))));
  void startSharedSessions().then(() => setState(shareState(specId)));
  return state;
}

/** One line on how a session is doing, from the leader tab's report. */
export function statusLine(s: ShareState): string {
  const via = s.invite.transport === 'webrtc' ? 'WebRTC' : 'y-websocket';
  const st = s.status;
  if (!st) return `Shared over ${via} · connecting…`;
  if (st.problem) return `Shared over ${via} · not connected: ${st.problem}`;
  if (st.passwordMismatch === 'mine') return `Not connected over ${via}: this link's password does not match the other devices'`;
  const n = st.connections;
  return `${st.active ? 'Sharing' : 'Paused while offline'} over ${via} · ${n === 0 ? 'no other device here now' : `${n} other device${n === 1 ? '' : 's'} here`}`;
}

const clock = (t: number) => new Date(t).toLocaleTimeString();

/** What a person needs to trust a session: servers that do not answer, edits not sent, each device. */
function SyncState(props: { share: ShareState }) {
  const st = () => props.share.status;
  const kind = () => (props.share.invite.transport === 'webrtc' ? 'signaling server' : 'y-websocket server');
  return (
    <Show when={st()}>
      {(s) => (
        <div class="sv-stack" data-testid="sync-state">
          <Show when={s().passwordMismatch === 'mine'}>
            <p class="field-error" role="alert" data-testid="password-mismatch">
              This link's password does not match the other devices'. This device stays out of the room: ask for the link again.
            </p>
          </Show>
          <Show when={s().passwordMismatch === 'theirs'}>
            <p class="muted" data-testid="password-mismatch-other">
              A device tried to join with another password for this room; it was told so and sees nothing.
            </p>
          </Show>
          <For each={s().servers.filter((x) => x.reachable === false)}>
            {(server) => (
              <p class="field-error" data-testid="server-unreachable">
                The {kind()} at <code>{server.url}</code> cannot be reached; edits wait here until it can.
              </p>
            )}
          </For>
          <p data-testid="unsent-edits" data-unsent={s().unsentEdits ? 'yes' : 'no'}>
            {s().unsentEdits ? 'This device has edits no other device has yet.' : 'Every edit made here has reached another device.'}
          </p>
          <Show when={s().devices.length > 0}>
            <ul class="plain" data-testid="peer-devices">
              <For each={s().devices}>
                {(d) => (
                  <li data-testid="peer-device" data-name={d.name} data-here={d.here ? 'yes' : 'no'}>
                    <strong>{d.name}</strong> · {d.here ? 'here' : `away (last heard ${clock(d.lastSeenAt)})`} ·{' '}
                    {d.lastInSyncAt ? `last in sync ${clock(d.lastInSyncAt)}` : 'not in sync yet'}
                    {d.hasEditsWeLack ? ' · has edits this device lacks' : ''}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
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
  const [serverCopy, setServerCopy] = createSignal<ServerCopy | undefined>();
  const [cleared, setCleared] = createSignal('');
  const start = async () => {
    setError('');
    setCleared('');
    try {
      await startSharing(props.spec);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const stop = async () => {
    setError('');
    try {
      setServerCopy(await stopSharing(props.spec.id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const clear = async (copy: ServerCopy) => {
    setError('');
    try {
      await clearServerCopyOf(copy);
      setServerCopy(undefined);
      setCleared(`The server at ${copy.url} no longer has the text of this spec in the old room.`);
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
            <Show when={serverCopy()}>
              {(copy) => (
                <div class="banner warn" data-testid="server-copy">
                  <span>
                    Sharing stopped and the old link reaches no device. The y-websocket server at <code>{copy().url}</code> still
                    keeps the text it was sent in that room (in memory until it restarts, on disk if it runs with YPERSISTENCE).
                  </span>
                  <button data-testid="clear-server-copy" onClick={() => void clear(copy())}>Clear the server's copy</button>
                  <button class="ghost" onClick={() => setServerCopy(undefined)}>Keep it</button>
                </div>
              )}
            </Show>
            <Show when={cleared()}><p role="status" data-testid="server-cleared">{cleared()}</p></Show>
            <p>
              Not shared now: nothing of this spec leaves this browser. Sharing opens a room that people with the link can join; their edits and
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
            <p class="muted" data-testid="share-status">{statusLine(s())}</p>
            <p class="muted small" data-testid="connection-holder">
              {s().leader
                ? "This tab holds this browser's connections for every shared spec."
                : 'Another tab of this browser holds the connections; this one follows it and takes over if it closes.'}
            </p>
            <SyncState share={s()} />
            <p class="muted small">
              It stays shared, and reconnects whenever this browser has the app open, until you stop sharing. Stopping closes the
              room for every device in it: this link then reaches nobody, and sharing again makes a new one.
            </p>
            <div>
              <strong>Here now</strong>
              <People specId={props.spec.id} />
            </div>
            <div class="sv-row-end">
              <button class="ghost" onClick={() => setShowSettings((v) => !v)} aria-expanded={showSettings()}>Connection settings</button>
              <button class="danger ghost" data-testid="stop-sharing" onClick={() => void stop()}>Stop sharing</button>
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
