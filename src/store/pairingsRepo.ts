import { db } from './db';
import { live, type Live } from './live';

/**
 * This device's pairings, in its settings table. They never leave this browser: a backup
 * leaves them out (backupRepo), because a pairing secret in a file would pair whoever holds
 * the file, and a restored backup must not pair the browser it is restored into.
 */
export interface PairedDevice {
  /** The pairing's room name (derived from its secret): one pairing, one id. */
  id: string;
  /** 32 bytes, base64url; the record key and the rooms come from it. */
  secret: string;
  transport: 'webrtc' | 'websocket';
  server: string;
  pairedAt: number;
  peer: { deviceId: string; name: string; ledgerKey: JsonWebKey };
  /** The person paused the exchange with this device (it stays paused until resumed). */
  paused?: boolean;
}

export interface ThisDevice {
  deviceId: string;
}

const SELF = 'devices.self';
const PAIRINGS = 'devices.pairings';
const ENDED = 'devices.ended';
export const PAIRING_SETTING_KEYS: ReadonlySet<string> = new Set([SELF, PAIRINGS, ENDED]);

/** This browser's device id, made once (two tabs racing end up with the same one). */
export async function thisDevice(): Promise<ThisDevice> {
  const d = db();
  return d.transaction('rw', d.settings, async () => {
    const row = await d.settings.get(SELF);
    if (row) return row.value as ThisDevice;
    const self: ThisDevice = { deviceId: `dev_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}` };
    await d.settings.put({ key: SELF, value: self });
    return self;
  });
}

async function read(): Promise<PairedDevice[]> {
  const row = await db().settings.get(PAIRINGS);
  return row ? (row.value as PairedDevice[]) : [];
}

export function pairedDevices(): Promise<PairedDevice[]> {
  return read();
}

export function observePairedDevices(): Live<PairedDevice[]> {
  return live(read);
}

/** Adds a pairing, or replaces the one with its id (pairing the same two devices again). */
export async function savePairing(p: PairedDevice): Promise<void> {
  const d = db();
  await d.transaction('rw', d.settings, async () => {
    const list = (await read()).filter((x) => x.id !== p.id && x.peer.deviceId !== p.peer.deviceId);
    await d.settings.put({ key: PAIRINGS, value: [...list, p] });
  });
}

/** Removes a pairing; returns whether it was there. */
export async function removePairing(id: string): Promise<boolean> {
  const d = db();
  return d.transaction('rw', d.settings, async () => {
    const list = await read();
    const rest = list.filter((x) => x.id !== id);
    await d.settings.put({ key: PAIRINGS, value: rest });
    return rest.length !== list.length;
  });
}

/** Keeps the person's Pause / Resume of one pairing's exchange (also across reloads). */
export async function setPairingPaused(id: string, paused: boolean): Promise<void> {
  const d = db();
  await d.transaction('rw', d.settings, async () => {
    const list = await read();
    if (!list.some((x) => x.id === id && (x.paused ?? false) !== paused)) return;
    await d.settings.put({ key: PAIRINGS, value: list.map((x) => (x.id === id ? { ...x, paused } : x)) });
  });
}

/**
 * Pairings that ended, until what ending them asks for is done: `here` (unpaired on this
 * device: the other device still has to be told, through the pairing's document, by whichever
 * tab of this browser holds the exchange, once it reaches the other side) or `there` (the other
 * device said it unpaired: shown until the person dismisses it).
 */
export interface EndedPairing {
  id: string;
  peerName: string;
  by: 'here' | 'there';
  at: number;
  /** For `here`: the pairing, to reach the other device with; gone once it was told. */
  pending?: PairedDevice;
}

async function readEnded(): Promise<EndedPairing[]> {
  const row = await db().settings.get(ENDED);
  return row ? (row.value as EndedPairing[]) : [];
}

export function observeEndedPairings(): Live<EndedPairing[]> {
  return live(readEnded);
}

/** Ends a pairing (here or there) in one transaction with its removal; returns whether it was there. */
export async function endPairing(id: string, by: 'here' | 'there', at: number): Promise<boolean> {
  const d = db();
  return d.transaction('rw', d.settings, async () => {
    const list = await read();
    const pairing = list.find((x) => x.id === id);
    if (!pairing) return false;
    await d.settings.put({ key: PAIRINGS, value: list.filter((x) => x.id !== id) });
    const ended = (await readEnded()).filter((e) => e.id !== id);
    ended.push({ id, peerName: pairing.peer.name, by, at, ...(by === 'here' ? { pending: pairing } : {}) });
    await d.settings.put({ key: ENDED, value: ended });
    return true;
  });
}

/** The other device was told (`here`), or the person read the notice (`there`): forgotten. */
export async function forgetEndedPairing(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', d.settings, async () => {
    await d.settings.put({ key: ENDED, value: (await readEnded()).filter((e) => e.id !== id) });
  });
}

/** The pairings and the ended ones, read together: the exchange decides from both at once. */
export function observePairingState(): Live<{ pairings: PairedDevice[]; ended: EndedPairing[] }> {
  return live(async () => ({ pairings: await read(), ended: await readEnded() }));
}
