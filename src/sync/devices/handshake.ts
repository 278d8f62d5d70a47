import * as Y from 'yjs';
import type { PairingParty, PairingRole } from '../../domain/devices/pairing';
import { joinRoom, type RoomConfig, type RoomLink } from './room';

/**
 * The handshake room of one pairing link: each side writes what it says (its PairingParty) and,
 * once the person confirmed, its confirmation tag, under its role. Everything in it is public
 * (public keys, names, a tag that proves knowledge of a secret without revealing it).
 */
export interface HandshakeChannel {
  say(party: PairingParty): void;
  confirm(role: PairingRole, tag: string): void;
  party(role: PairingRole): PairingParty | undefined;
  confirmation(role: PairingRole): string | undefined;
  /** The server (y-websocket or signaling) answers; the other device may not be there yet. */
  connected(): boolean;
  onChange(f: () => void): () => void;
  close(): void;
}

function readParty(value: unknown, role: PairingRole): PairingParty | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const p = JSON.parse(value) as PairingParty;
    if (p.role !== role || typeof p.deviceId !== 'string' || typeof p.name !== 'string' || typeof p.ecdh !== 'string' || !p.ledgerKey) return undefined;
    return p;
  } catch {
    return undefined;
  }
}

export function openHandshake(config: RoomConfig): HandshakeChannel {
  const doc = new Y.Doc();
  const hello = doc.getMap<string>('hello');
  const confirmations = doc.getMap<string>('confirm');
  const link: RoomLink = joinRoom(doc, config);
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((f) => f());
  doc.on('update', emit);
  const stopLink = link.onChange(emit);
  return {
    say: (party) => hello.set(party.role, JSON.stringify(party)),
    confirm: (role, tag) => confirmations.set(role, tag),
    party: (role) => readParty(hello.get(role), role),
    confirmation: (role) => confirmations.get(role),
    connected: () => link.reachable(),
    onChange: (f) => (listeners.add(f), () => listeners.delete(f)),
    close: () => {
      stopLink();
      doc.off('update', emit);
      link.destroy();
      doc.destroy();
    },
  };
}
