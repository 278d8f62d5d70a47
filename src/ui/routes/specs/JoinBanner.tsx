import { Show, createResource, createSignal, onCleanup } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { joinInvite, specForInvite } from '../../../services/specs/share';
import { peerSettings } from '../../../services/specs/peerSettings';
import { readInvite, type Invite } from '../../../services/specs/shareLink';
import { errorMessage } from '../../components/errorMessage';
import { Modal } from '../../specView/Modal';
import { PeerSettingsForm } from './PeerSettingsForm';

function currentInvite(): { invite?: Invite; error?: string } {
  try {
    const invite = readInvite(location.pathname, location.hash);
    return invite ? { invite } : {};
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/**
 * Opening a share link asks before connecting: joining sends this browser's copy of the spec to
 * the people in the room, so it is a person's decision, never automatic.
 */
export function JoinBanner() {
  const navigate = useNavigate();
  const [found, setFound] = createSignal(currentInvite());
  const [error, setError] = createSignal('');
  const [settings, { refetch }] = createResource(peerSettings);
  const [editing, setEditing] = createSignal(false);
  const onHash = () => setFound(currentInvite());
  addEventListener('hashchange', onHash);
  onCleanup(() => removeEventListener('hashchange', onHash));

  const dropFragment = () => history.replaceState(history.state, '', location.pathname + location.search);
  const join = async (invite: Invite) => {
    setError('');
    try {
      const specId = await joinInvite(invite);
      // The password has done its job here (it is kept with the session); keep it out of the
      // address bar and history.
      dropFragment();
      setFound({});
      navigate(`/specs/${encodeURIComponent(specId)}`, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  // The link's own words are not trusted: a spec this device has is named by its title here.
  const [known] = createResource(() => found().invite, specForInvite);
  const via = (invite: Invite) =>
    invite.transport === 'webrtc' ? `WebRTC (signaling: ${settings()?.signaling.join(', ') ?? '…'})` : `the y-websocket server ${settings()?.websocketUrl ?? '…'}`;

  return (
    <>
      <Show when={found().error}>
        <div class="banner warn" role="alert">This share link is broken: {found().error}</div>
      </Show>
      <Show when={found().invite}>
        {(invite) => (
          <div class="banner info join-banner" data-testid="join-banner">
            <span>
              <Show when={known()} fallback={<>You were invited to edit a shared spec together; it takes its title from its text once it arrives.</>}>
                {(k) => <>You were invited to edit <strong>“{k().title}”</strong>, which this browser already has, together.</>}
              </Show>{' '}
              Joining connects this browser to the people with the link through {via(invite())}.
            </span>
            <button data-testid="join-session" onClick={() => void join(invite())}>Join</button>
            <button class="ghost" data-testid="join-settings" onClick={() => setEditing(true)}>Settings…</button>
            <button class="ghost" onClick={() => (dropFragment(), setFound({}))}>Not now</button>
            <Show when={error()}><span class="field-error" role="alert">{error()}</span></Show>
          </div>
        )}
      </Show>
      <Show when={editing()}>
        <Modal title="Connection settings" onClose={() => setEditing(false)} testId="join-settings-dialog">
          <PeerSettingsForm onSaved={() => (void refetch(), setEditing(false))} />
        </Modal>
      </Show>
    </>
  );
}
