import encodeQR from 'qr';
import { PairingError } from '../../domain/devices/errors';
import { newPairInvite, pairLink, readPairLink, type PairInvite } from '../../domain/devices/pairLink';
import {
  checkConfirmation,
  confirmationTag,
  derivePairingSecret,
  newHandshakeKey,
  pairedRoomName,
  shortCode,
  type PairingParty,
  type PairingRole,
} from '../../domain/devices/pairing';
import { deviceKey } from '../../store/deviceKeyRepo';
import { savePairing, thisDevice } from '../../store/pairingsRepo';
import { openHandshake, type HandshakeChannel } from '../../sync/devices/handshake';
import { peerSettings } from '../specs/peerSettings';

export { PairingError };

/**
 * Pairing this device with another of the same person (domain/devices/pairing.ts says why it
 * takes a link, a code compared on both screens and a confirmation on each side).
 */
export type PairingView =
  /** The link was made here; waiting for the other device to open it. */
  | { step: 'waiting'; link: string; qr: boolean[][]; connected: boolean }
  /** The link was opened here; waiting to meet the device that made it. */
  | { step: 'joining'; connected: boolean }
  /** Both sides met: the person compares the code with the other screen and confirms. */
  | { step: 'compare'; code: string; otherName: string; confirmed: boolean }
  | { step: 'paired'; otherName: string }
  | { step: 'failed'; message: string };

export interface PairingFlow {
  view(): PairingView;
  onChange(f: (v: PairingView) => void): () => void;
  /** The person saw the same code on both screens. */
  confirm(): Promise<void>;
  /** Leaves the handshake (also after it paired). */
  close(): void;
}

/** The matrix of a QR code for `text`, drawn by the page (nothing leaves the browser). */
export function qrMatrix(text: string): boolean[][] {
  return encodeQR(text, 'raw', { ecc: 'medium', border: 2 });
}

/** The name this device gives itself to paired devices: the name under Shared sessions, or its id. */
export async function defaultName(): Promise<string> {
  const { displayName } = await peerSettings();
  if (displayName.trim()) return displayName.trim();
  const { deviceId } = await thisDevice();
  return `Device ${deviceId.slice(4, 8)}`;
}

function flow(invite: PairInvite, role: PairingRole, link: string | undefined, name: string): PairingFlow {
  const other: PairingRole = role === 'creator' ? 'joiner' : 'creator';
  const listeners = new Set<(v: PairingView) => void>();
  let view: PairingView = link ? { step: 'waiting', link, qr: qrMatrix(link), connected: false } : { step: 'joining', connected: false };
  let own: { party: PairingParty; privateKey: CryptoKey } | undefined;
  let secret: string | undefined;
  let confirmed = false;
  let done = false;
  const channel: HandshakeChannel = openHandshake({ transport: invite.transport, server: invite.server, room: invite.room, password: invite.secret });
  const set = (v: PairingView) => {
    view = v;
    listeners.forEach((f) => f(v));
  };
  const fail = (e: unknown) => set({ step: 'failed', message: e instanceof Error ? e.message : String(e) });
  const parties = (): [PairingParty, PairingParty] | undefined => {
    const c = channel.party('creator');
    const j = channel.party('joiner');
    return c && j ? [c, j] : undefined;
  };

  const update = async () => {
    if (done || !own || view.step === 'failed') return;
    const both = parties();
    if (!both) {
      if (view.step === 'waiting' || view.step === 'joining') set({ ...view, connected: channel.connected() });
      return;
    }
    const [creator, joiner] = both;
    const mine = role === 'creator' ? creator : joiner;
    // Another browser with the same link wrote over this side's words: start again.
    if (mine.ecdh !== own.party.ecdh) throw new PairingError('another browser answered with this link. Cancel and make a new link.');
    const otherParty = role === 'creator' ? joiner : creator;
    if (!secret) secret = await derivePairingSecret(own.privateKey, otherParty.ecdh, invite.secret, creator, joiner);
    const tag = channel.confirmation(other);
    if (confirmed && tag !== undefined) {
      if (!(await checkConfirmation(secret, other, tag))) throw new PairingError(`${otherParty.name} did not arrive at the same pairing secret: the codes differed. Nothing was paired.`);
      done = true;
      await savePairing({
        id: await pairedRoomName(secret),
        secret,
        transport: invite.transport,
        server: invite.server,
        pairedAt: Date.now(),
        peer: { deviceId: otherParty.deviceId, name: otherParty.name, ledgerKey: otherParty.ledgerKey },
      });
      set({ step: 'paired', otherName: otherParty.name });
      return;
    }
    set({ step: 'compare', code: await shortCode(invite.secret, creator, joiner), otherName: otherParty.name, confirmed });
  };
  let queue = Promise.resolve();
  const schedule = () => {
    queue = queue.then(update).catch(fail);
  };
  channel.onChange(schedule);

  void (async () => {
    const [key, self, handshake] = await Promise.all([deviceKey(), thisDevice(), newHandshakeKey()]);
    const { kty, crv, x, y } = key.publicKeyJwk;
    own = { party: { role, deviceId: self.deviceId, name, ecdh: handshake.publicRaw, ledgerKey: { kty, crv, x, y } }, privateKey: handshake.privateKey };
    channel.say(own.party);
    schedule();
  })().catch(fail);

  return {
    view: () => view,
    onChange: (f) => (listeners.add(f), () => listeners.delete(f)),
    confirm: async () => {
      await queue;
      if (!secret || view.step !== 'compare') return;
      confirmed = true;
      channel.confirm(role, await confirmationTag(secret, role));
      schedule();
      await queue;
    },
    close: () => {
      done = true;
      listeners.clear();
      channel.close();
    },
  };
}

/** Makes a fresh pairing link (and its QR code) and waits for the other device. */
export async function startPairing(origin: string, name?: string): Promise<PairingFlow> {
  const settings = await peerSettings();
  const transport = settings.transport;
  const server = transport === 'websocket' ? settings.websocketUrl : settings.signaling[0] ?? '';
  const invite = newPairInvite(transport, server);
  return flow(invite, 'creator', await pairLink(origin, invite), name ?? (await defaultName()));
}

/** Whether a page's fragment is a pairing link (checked fully by joinPairing). */
export function isPairingHash(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has('pair');
}

/** Opens a pairing link made on the other device. Throws PairingError for a bad link. */
export async function joinPairing(hash: string, name?: string): Promise<PairingFlow> {
  const invite = await readPairLink(hash);
  if (!invite) throw new PairingError('this is not a pairing link');
  return flow(invite, 'joiner', undefined, name ?? (await defaultName()));
}
