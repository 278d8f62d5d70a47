import { db } from './db';
import { live, type Live } from './live';
import type { PeerSessionRow } from './rows';

/** The shared specs of this browser (one row per spec). */
export function putPeerSession(row: PeerSessionRow): Promise<string> {
  return db().peerSessions.put(row);
}

export function getPeerSession(specId: string): Promise<PeerSessionRow | undefined> {
  return db().peerSessions.get(specId);
}

export function peerSessionByRoom(room: string): Promise<PeerSessionRow | undefined> {
  return db().peerSessions.where('room').equals(room).first();
}

export function deletePeerSession(specId: string): Promise<void> {
  return db().peerSessions.delete(specId);
}

export function listPeerSessions(): Promise<PeerSessionRow[]> {
  return db().peerSessions.toArray();
}

/** Every shared spec, live across this browser's tabs. */
export function observePeerSessions(): Live<PeerSessionRow[]> {
  return live(() => db().peerSessions.toArray());
}
