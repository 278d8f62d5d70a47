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
export const PAIRING_SETTING_KEYS: ReadonlySet<string> = new Set([SELF, PAIRINGS]);

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
