import { ValidationError } from '../errors';
import { fromHex, isHex, toHex } from './bytes';
import { canonicalBytes } from './canonicalJson';

/** What the device commits to: the log had `size` entries with Merkle root `root` (hex) at `at` (epoch ms). */
export type TreeHead = { readonly size: number; readonly root: string; readonly at: number };

/** A tree head with its ECDSA P-256 / SHA-256 signature (IEEE P1363 r||s, hex) over canonicalJson(head). */
export type SignedTreeHead = TreeHead & { readonly signature: string };

export type DeviceKey = {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** For dossiers: lets anyone check the signed head without the device. */
  readonly publicKeyJwk: JsonWebKey;
};

const ECDSA_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * A signing key that never leaves this device: the private half is non-extractable
 * (IndexedDB can still store the CryptoKey object), while WebCrypto always lets the
 * public half be exported.
 */
export async function generateDeviceKey(): Promise<DeviceKey> {
  const pair = await crypto.subtle.generateKey(ECDSA_KEY, false, ['sign', 'verify']);
  const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicKeyJwk };
}

export function importPublicKeyJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  const { kty, crv, x, y } = jwk;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y }, ECDSA_KEY, true, ['verify']);
}

export function checkTreeHead(head: TreeHead): void {
  if (!Number.isSafeInteger(head.size) || head.size < 0) throw new ValidationError('size', 'must be an integer >= 0');
  if (!isHex(head.root, 32)) throw new ValidationError('root', 'must be 64 lower-case hex digits');
  if (!Number.isFinite(head.at)) throw new ValidationError('at', 'must be epoch milliseconds');
}

/** Only the three head fields are signed, whatever else the object carries. */
function headBytes(head: TreeHead): Uint8Array<ArrayBuffer> {
  const bytes = canonicalBytes({ size: head.size, root: head.root, at: head.at });
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

export async function signTreeHead(head: TreeHead, privateKey: CryptoKey): Promise<SignedTreeHead> {
  checkTreeHead(head);
  const sig = await crypto.subtle.sign(ECDSA_SIGN, privateKey, headBytes(head));
  return { size: head.size, root: head.root, at: head.at, signature: toHex(new Uint8Array(sig)) };
}

/** False for a bad signature and for a malformed head alike: neither may be trusted. */
export async function verifyTreeHead(sth: SignedTreeHead, publicKey: CryptoKey): Promise<boolean> {
  try {
    checkTreeHead(sth);
  } catch {
    return false;
  }
  if (!isHex(sth.signature, 64)) return false;
  return crypto.subtle.verify(ECDSA_SIGN, publicKey, fromHex(sth.signature), headBytes(sth));
}
