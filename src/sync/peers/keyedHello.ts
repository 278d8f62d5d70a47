/**
 * The keyed hello: on connecting, each device says hello with an HMAC over a fresh nonce, keyed
 * by a key derived from the room password (PBKDF2, 100,000 rounds, salted with the room name).
 * A device that knows the password checks the others' hellos; a hello that does not verify is a
 * device with another password for this room, which is said in words instead of an empty spec
 * and "waiting" forever. The password itself never leaves the device.
 */
export interface Hello {
  device: string;
  nonce: string;
  mac: string;
}

const enc = (s: string) => new TextEncoder().encode(s);
const b64 = (b: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(b)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function helloKey(room: string, password: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', enc(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: enc(`metacompiler-hello:${room}`), iterations: 100_000, hash: 'SHA-256' },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

const message = (room: string, device: string, nonce: string) => enc(`${room}|${device}|${nonce}`);

export async function makeHello(key: CryptoKey, room: string, device: string): Promise<Hello> {
  const nonce = b64(crypto.getRandomValues(new Uint8Array(16)));
  return { device, nonce, mac: b64(await crypto.subtle.sign('HMAC', key, message(room, device, nonce))) };
}

/** True when the hello was made with the same room password; false for anything else. */
export async function checkHello(key: CryptoKey, room: string, hello: unknown): Promise<boolean> {
  const h = hello as Partial<Hello> | null;
  if (!h || typeof h.device !== 'string' || typeof h.nonce !== 'string' || typeof h.mac !== 'string') return false;
  try {
    return await crypto.subtle.verify('HMAC', key, unb64(h.mac), message(room, h.device, h.nonce));
  } catch {
    return false;
  }
}

export function isHello(value: unknown): value is Hello {
  const h = value as Partial<Hello> | null;
  return !!h && typeof h.device === 'string' && typeof h.nonce === 'string' && typeof h.mac === 'string';
}

/** Which other devices' hellos verified and which did not. */
export class HelloVerdicts {
  readonly matched = new Set<string>();
  readonly mismatched = new Set<string>();

  record(device: string, ok: boolean): void {
    (ok ? this.matched : this.mismatched).add(device);
    (ok ? this.mismatched : this.matched).delete(device);
  }

  /** Another device has a different password and none has ours: this device's link is wrong. */
  get passwordMismatch(): boolean {
    return this.mismatched.size > 0 && this.matched.size === 0;
  }
}
