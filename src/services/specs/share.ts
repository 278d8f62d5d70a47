import { getSpec, putSpec, updateSpec } from '../../store/specsRepo';
import { startPeerSession, type PeerHandle, type PeerStatus } from '../../sync/peers';
import { observePeople, type Person } from '../../sync/presence';
import { applyDisplayName, peerSettings } from './peerSettings';
import { inviteLink, newRoom, type Invite } from './shareLink';

export type { Invite, PeerStatus, Person };

/**
 * Shared sessions of this tab, one per spec at most. Local-only is the default: a spec reaches
 * no server and no peer until a person shares it or joins by link here, and stops the moment
 * they stop sharing. (Other tabs of this browser follow through the tab channel.)
 */
export interface ShareState {
  specId: string;
  invite: Invite;
  link: string;
  status: PeerStatus;
}

const active = new Map<string, { handle: PeerHandle; invite: Invite; link: string }>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

function state(specId: string): ShareState | undefined {
  const s = active.get(specId);
  return s && { specId, invite: s.invite, link: s.link, status: s.handle.status() };
}

async function open(invite: Invite, origin: string): Promise<ShareState> {
  const existing = state(invite.specId);
  if (existing) return existing;
  await applyDisplayName();
  const settings = await peerSettings();
  const handle = startPeerSession(invite.specId, {
    transport: invite.transport,
    room: invite.room,
    password: invite.password,
    signaling: settings.signaling,
    iceServers: settings.iceServers,
    websocketUrl: settings.websocketUrl,
  });
  active.set(invite.specId, { handle, invite, link: inviteLink(origin, invite) });
  handle.onStatus(changed);
  changed();
  return state(invite.specId)!;
}

/** Opens a new room for a spec and returns the link to give to peers. */
export async function startSharing(spec: { id: string; title: string }, origin: string): Promise<ShareState> {
  const { transport } = await peerSettings();
  return open({ specId: spec.id, title: spec.title, transport, ...newRoom() }, origin);
}

/**
 * Joins a session from a link. On a device that has never seen the spec, it is created empty
 * (no starter text, which would otherwise merge into the shared one) and fills from the peers.
 */
export async function joinInvite(invite: Invite, origin: string): Promise<ShareState> {
  const now = Date.now();
  const known = await getSpec(invite.specId);
  if (!known) await putSpec({ id: invite.specId, title: invite.title, createdAt: now, updatedAt: now });
  else if (known.deletedAt !== undefined) await updateSpec(invite.specId, { deletedAt: undefined, updatedAt: now });
  return open(invite, origin);
}

export function stopSharing(specId: string): void {
  const s = active.get(specId);
  if (!s) return;
  active.delete(specId);
  s.handle.stop();
  changed();
}

export function shareState(specId: string): ShareState | undefined {
  return state(specId);
}

/** Called whenever any session of this tab starts, stops or changes status. */
export function onShareChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Who has the spec open: this browser's tabs and, when shared, the peers. */
export function watchPeople(specId: string, listener: (people: Person[]) => void): () => void {
  return observePeople(specId, listener);
}
