import { titleFromText } from '../../domain/spec/titleFromText';
import { deletePeerSession, getPeerSession, observePeerSessions, peerSessionByRoom, putPeerSession } from '../../store/peerSessionsRepo';
import type { PeerSessionRow } from '../../store/rows';
import { getSpec, putSpec, updateSpec } from '../../store/specsRepo';
import { startPeerSession, type PeerHandle, type PeerStatus } from '../../sync/peers';
import { closeSpecRoom, watchSpecText } from '../../sync/peers/specRoom';
import { clearServerCopy } from '../../sync/peers/serverCopy';
import { observePeople, type Person } from '../../sync/presence';
import { becomeLeaderWhenFree } from './peerLeader';
import { applyDisplayName, peerSettings } from './peerSettings';
import { inviteLink, newRoom, type Invite } from './shareLink';
import { openStatusChannel, type StatusChannel } from './shareStatusChannel';

export type { Invite, PeerStatus, Person };

/**
 * The shared specs of this browser. Each is a row in IndexedDB (store/peerSessionsRepo), written
 * when a person shares or joins and removed only by "Stop sharing" (here or on another device of
 * the room): a shared spec stays shared through reloads and restarts, open or not. One tab of
 * the browser, the leader (peerLeader.ts), holds the connections of every row; the other tabs
 * follow through the tab channel, and learn the leader's status through shareStatusChannel.ts.
 */
export interface ShareState {
  specId: string;
  invite: Invite;
  link: string;
  role: PeerSessionRow['role'];
  /** Undefined until the leader tab reports (it may be starting). */
  status: PeerStatus | undefined;
  /** This tab holds the browser's peer connections (else another tab does, and this one follows). */
  leader: boolean;
}

/** Title of a spec joined by a link until its document says otherwise (the link's title is not trusted). */
export const JOINED_TITLE = 'Shared spec';

const rows = new Map<string, PeerSessionRow>();
const statuses = new Map<string, PeerStatus>();
const running = new Map<string, { row: PeerSessionRow; handle: PeerHandle; stopTitle?: () => void }>();
const listeners = new Set<() => void>();
let leader = false;
let channel: StatusChannel | undefined;
let started = false;
let loaded: Promise<void> | undefined;

const changed = () => listeners.forEach((l) => l());
const origin = () => globalThis.location?.origin ?? '';
const inviteOf = (row: PeerSessionRow): Invite => ({ specId: row.specId, room: row.room, password: row.password, transport: row.transport });
const sameRoom = (a: PeerSessionRow, b: PeerSessionRow) => a.room === b.room && a.password === b.password && a.transport === b.transport && a.servers.join() === b.servers.join();

/**
 * Starts following this browser's shared specs (once per page): every tab shows them, and the
 * tab that gets the leader lock connects them all, in the background.
 */
export function startSharedSessions(): Promise<void> {
  if (started) return loaded!;
  started = true;
  channel = openStatusChannel(
    (specId, status) => {
      if (leader) return;
      if (status) statuses.set(specId, status);
      else statuses.delete(specId);
      changed();
    },
    () => {
      if (leader) for (const [specId, s] of running) channel?.publish(specId, s.handle.status());
    },
  );
  loaded = new Promise<void>((resolve) => {
    observePeerSessions().subscribe({
      next: (list) => {
        rows.clear();
        for (const r of list) rows.set(r.specId, r);
        if (leader) void reconcile();
        changed();
        resolve();
      },
      error: () => resolve(),
    });
  });
  becomeLeaderWhenFree(() => {
    leader = true;
    statuses.clear();
    void reconcile();
    changed();
  });
  return loaded;
}

/** Leader only: connects every row not connected yet, and leaves rooms no row names any more. */
async function reconcile(): Promise<void> {
  for (const [specId, r] of running) {
    const row = rows.get(specId);
    if (row && sameRoom(row, r.row)) continue;
    running.delete(specId);
    r.stopTitle?.();
    // A room closed here: give the closing mark a moment to reach the others before leaving.
    setTimeout(() => r.handle.stop(), row ? 0 : 1_000);
    statuses.delete(specId);
    channel?.publish(specId, undefined);
  }
  const missing = [...rows.values()].filter((r) => !running.has(r.specId));
  if (missing.length === 0) return changed();
  await applyDisplayName();
  const settings = await peerSettings();
  for (const wanted of missing) {
    // The rows may have been read again while the settings loaded: start what is wanted now.
    const row = rows.get(wanted.specId);
    if (!row || running.has(row.specId)) continue;
    const handle = startPeerSession(
      row.specId,
      {
        transport: row.transport,
        room: row.room,
        password: row.password,
        signaling: row.transport === 'webrtc' ? row.servers : settings.signaling,
        iceServers: settings.iceServers,
        websocketUrl: row.transport === 'websocket' ? (row.servers[0] ?? settings.websocketUrl) : settings.websocketUrl,
        role: row.role,
      },
      // Another device stopped sharing: this one leaves the room too.
      () => void endIfStill(row),
      row.devices ?? [],
    );
    const entry: { row: PeerSessionRow; handle: PeerHandle; stopTitle?: () => void } = { row, handle };
    running.set(row.specId, entry);
    let kept = JSON.stringify(row.devices ?? []);
    let keptAt = 0;
    handle.onStatus((status) => {
      statuses.set(row.specId, status);
      channel?.publish(row.specId, status);
      changed();
      // What is known of the other devices outlives this page ("last in sync" after a restart);
      // written at most every 10 s.
      const known = JSON.stringify(status.devices.map(({ device, name, lastSeenAt, lastInSyncAt }) => ({ device, name, lastSeenAt, ...(lastInSyncAt ? { lastInSyncAt } : {}) })));
      if (known !== kept && Date.now() - keptAt > 10_000) {
        kept = known;
        keptAt = Date.now();
        void keepDevices(row, JSON.parse(known) as NonNullable<PeerSessionRow['devices']>);
      }
    });
    statuses.set(row.specId, handle.status());
    channel?.publish(row.specId, handle.status());
    if (row.titleFromDocument) entry.stopTitle = takeTitleFromDocument(row);
  }
  changed();
}

async function keepDevices(row: PeerSessionRow, devices: NonNullable<PeerSessionRow['devices']>): Promise<void> {
  const now = await getPeerSession(row.specId);
  if (now && now.room === row.room) await putPeerSession({ ...now, devices });
}

async function endIfStill(row: PeerSessionRow): Promise<void> {
  const now = await getPeerSession(row.specId);
  if (now && now.room === row.room) await deletePeerSession(row.specId);
}

/** A spec joined by a link is named by its document's first heading, once the text arrives. */
function takeTitleFromDocument(row: PeerSessionRow): () => void {
  let done = false;
  const stop = watchSpecText(row.specId, (text) => {
    const title = titleFromText(text);
    if (done || !title) return;
    done = true;
    queueMicrotask(stop);
    void (async () => {
      const at = Date.now();
      await updateSpec(row.specId, { title, updatedAt: at, metaAt: at });
      const now = await getPeerSession(row.specId);
      if (now?.room === row.room) await putPeerSession({ ...now, titleFromDocument: false });
    })();
  });
  return stop;
}

function state(specId: string): ShareState | undefined {
  const row = rows.get(specId);
  if (!row) return undefined;
  const invite = inviteOf(row);
  return { specId, invite, link: inviteLink(origin(), invite), role: row.role, status: statuses.get(specId), leader };
}

async function serversFor(transport: PeerSessionRow['transport']): Promise<string[]> {
  const settings = await peerSettings();
  return transport === 'webrtc' ? settings.signaling : [settings.websocketUrl];
}

/** Opens a new room for a spec (or keeps the one it is shared in) and returns its state. */
export async function startSharing(spec: { id: string; title: string }): Promise<ShareState> {
  await startSharedSessions();
  const existing = await getPeerSession(spec.id);
  if (!existing) {
    const { transport } = await peerSettings();
    await putPeerSession({ specId: spec.id, transport, ...newRoom(), servers: await serversFor(transport), role: 'sharer', createdAt: Date.now() });
  }
  return waitForRow(spec.id);
}

async function waitForRow(specId: string): Promise<ShareState> {
  const row = await getPeerSession(specId);
  if (row) rows.set(specId, row);
  changed();
  return state(specId)!;
}

/** The spec a link leads to on this device: the one already in that room, else the one it names. */
export async function specForInvite(invite: Invite): Promise<{ id: string; title: string } | undefined> {
  const inRoom = await peerSessionByRoom(invite.room);
  const spec = await getSpec(inRoom?.specId ?? invite.specId);
  return spec && { id: spec.id, title: spec.title };
}

/**
 * Joins a session from a link; returns the id of the spec to open. A spec this device already
 * has in that room is that spec, whatever id the link names (no second copy). On a device that
 * has never seen the spec, it is created empty (no starter text, which would otherwise merge
 * into the shared one), fills from the peers and takes its title from the document.
 */
export async function joinInvite(invite: Invite): Promise<string> {
  await startSharedSessions();
  const inRoom = await peerSessionByRoom(invite.room);
  if (inRoom) return inRoom.specId;
  const now = Date.now();
  const known = await getSpec(invite.specId);
  if (!known) await putSpec({ id: invite.specId, title: JOINED_TITLE, createdAt: now, updatedAt: now });
  else if (known.deletedAt !== undefined) await updateSpec(invite.specId, { deletedAt: undefined, updatedAt: now, metaAt: now });
  await putPeerSession({
    specId: invite.specId,
    transport: invite.transport,
    room: invite.room,
    password: invite.password,
    servers: await serversFor(invite.transport),
    role: 'joiner',
    createdAt: now,
    ...(known ? {} : { titleFromDocument: true }),
  });
  await waitForRow(invite.specId);
  return invite.specId;
}

/** What a y-websocket server may still keep of a room this device stopped sharing. */
export interface ServerCopy {
  specId: string;
  url: string;
  room: string;
  password: string;
}

/**
 * Ends sharing: marks the room closed in the document (every device in it leaves on seeing it,
 * so the old link reaches nobody) and forgets it here. Sharing again opens a new room with a new
 * password. Over y-websocket, returns what the server still keeps, for the person to clear.
 */
export async function stopSharing(specId: string): Promise<ServerCopy | undefined> {
  const row = await getPeerSession(specId);
  if (!row) return undefined;
  await closeSpecRoom(specId, row.room);
  await deletePeerSession(specId);
  rows.delete(specId);
  changed();
  return row.transport === 'websocket' ? { specId, url: row.servers[0] ?? '', room: row.room, password: row.password } : undefined;
}

/** Deletes the text a y-websocket server keeps in a closed room (see sync/peers/serverCopy.ts). */
export function clearServerCopyOf(copy: ServerCopy): Promise<void> {
  return clearServerCopy(copy.specId, copy.url, copy.room, copy.password);
}

export function shareState(specId: string): ShareState | undefined {
  return state(specId);
}

/** The ids of the shared specs this page knows of now. */
export function sharedSpecIds(): Set<string> {
  return new Set(rows.keys());
}

/** Called whenever a session starts, stops or changes status. */
export function onShareChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Who has the spec open: this browser's tabs and, when shared, the peers. */
export function watchPeople(specId: string, listener: (people: Person[]) => void): () => void {
  return observePeople(specId, listener);
}
