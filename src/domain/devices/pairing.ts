import { canonicalBytes } from '../ledger/canonicalJson';
import { PairingError } from './errors';

/**
 * Pairing two devices of one person. The link carries a fresh secret, but a leaked link alone
 * must not pair a stranger's browser silently, so the link only opens a handshake:
 *
 * 1. Each side makes a one-time ECDH P-256 key and says, in the link's keyed room, who it is:
 *    its device id, its name, the public half of that key and the public key of its signed log.
 * 2. Both sides show a six-digit code computed from the link's secret and everything both said.
 *    A third browser with the link says other things (at least another ECDH key), so its code
 *    differs from the one on the person's other device: comparing the codes catches it.
 * 3. When the person confirms on both sides, each derives the pairing secret from the ECDH
 *    shared secret (HKDF, salted with the link's secret, bound to the transcript) and proves it
 *    holds it. The pairing's room and its record key come from that secret, which never
 *    travelled: the link's secret, once used, opens nothing.
 */
export type PairingRole = 'creator' | 'joiner';

export interface PairingParty {
  role: PairingRole;
  deviceId: string;
  name: string;
  /** Raw P-256 ECDH public key, base64url. */
  ecdh: string;
  /** The public key that signs this device's log (JWK: kty, crv, x, y). */
  ledgerKey: JsonWebKey;
}

const enc = new TextEncoder();

export function toB64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new PairingError('a key in the handshake is not base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function party(p: PairingParty): Record<string, unknown> {
  const { kty, crv, x, y } = p.ledgerKey;
  return { role: p.role, deviceId: p.deviceId, name: p.name, ecdh: p.ecdh, ledgerKey: { kty, crv, x, y } };
}

/** Everything both sides said, in one spelling (creator first). */
export function transcript(creator: PairingParty, joiner: PairingParty): Uint8Array<ArrayBuffer> {
  if (creator.role !== 'creator' || joiner.role !== 'joiner') throw new PairingError('a pairing needs one device that made the link and one that opened it');
  if (creator.deviceId === joiner.deviceId) throw new PairingError('this link was made in this browser: open it on your other device');
  const bytes = canonicalBytes({ v: 1, creator: party(creator), joiner: party(joiner) });
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

async function hmac(secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
}

/** The six digits both screens show ("482 913"), from the link's secret and the transcript. */
export async function shortCode(linkSecret: string, creator: PairingParty, joiner: PairingParty): Promise<string> {
  const t = transcript(creator, joiner);
  const mac = await hmac(linkSecret, new Uint8Array([...enc.encode('code\u0000'), ...t]));
  const n = (((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0) % 1_000_000;
  const digits = n.toString().padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A one-time handshake key; its public half (raw, base64url) goes into the transcript. */
export async function newHandshakeKey(): Promise<{ privateKey: CryptoKey; publicRaw: string }> {
  const pair = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicRaw: toB64Url(raw) };
}

/**
 * The pairing secret (32 bytes, base64url): HKDF over the ECDH shared secret, salted with the
 * link's secret and bound to the transcript. Both sides get the same one; nobody else can.
 */
export async function derivePairingSecret(own: CryptoKey, otherRaw: string, linkSecret: string, creator: PairingParty, joiner: PairingParty): Promise<string> {
  let other: CryptoKey;
  try {
    other = await crypto.subtle.importKey('raw', fromB64Url(otherRaw), ECDH, false, []);
  } catch {
    throw new PairingError('the other device sent a handshake key that is not a P-256 point');
  }
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: other }, own, 256);
  const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const t = transcript(creator, joiner);
  const info = new Uint8Array(await crypto.subtle.digest('SHA-256', t));
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: enc.encode(`metacompiler-pairing\u0000${linkSecret}`), info }, material, 256);
  return toB64Url(new Uint8Array(bits));
}

/** The pairing's room name, derived from its secret (the relay learns only this). */
export async function pairedRoomName(pairingSecret: string): Promise<string> {
  return `mcd-${toB64Url((await hmac(pairingSecret, enc.encode('room'))).slice(0, 12))}`;
}

/** Proof that a side holds the pairing secret, for its role (the other side checks it). */
export async function confirmationTag(pairingSecret: string, role: PairingRole): Promise<string> {
  return toB64Url((await hmac(pairingSecret, enc.encode(`confirm\u0000${role}`))).slice(0, 16));
}

export async function checkConfirmation(pairingSecret: string, role: PairingRole, tag: unknown): Promise<boolean> {
  return typeof tag === 'string' && tag === (await confirmationTag(pairingSecret, role));
}
