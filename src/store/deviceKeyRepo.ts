import { generateDeviceKey, type DeviceKey } from '../domain/ledger/treeHead';
import { db, type MetacompilerDb } from './db';

/**
 * The device's signing key for tree heads: ECDSA P-256 made once with WebCrypto, the private
 * half non-extractable. IndexedDB stores the CryptoKey objects themselves (structured clone),
 * so the private key never exists as bytes anywhere the page could read or export.
 */

const DEVICE = 'device';

interface KeyRow extends DeviceKey {
  id: string;
  createdAt: number;
}

const cache = new WeakMap<MetacompilerDb, Promise<DeviceKey>>();

/** The device key, created on first use; two tabs racing to create it end up with the same one. */
export function deviceKey(): Promise<DeviceKey> {
  const d = db();
  let key = cache.get(d);
  if (!key) {
    key = loadOrCreate(d);
    cache.set(d, key);
    key.catch(() => cache.delete(d));
  }
  return key;
}

async function loadOrCreate(d: MetacompilerDb): Promise<DeviceKey> {
  const stored = (await d.keys.get(DEVICE)) as KeyRow | undefined;
  if (stored) return stored;
  const fresh = await generateDeviceKey();
  // Generated outside the transaction (WebCrypto would let it lapse); `add` inside refuses a
  // second key, and the loser of a race adopts the winner's.
  return d.transaction('rw', d.keys, async () => {
    const winner = (await d.keys.get(DEVICE)) as KeyRow | undefined;
    if (winner) return winner;
    await d.keys.add({ id: DEVICE, createdAt: Date.now(), ...fresh });
    return fresh;
  });
}

/** The public half as JWK, or null while no key exists (nothing has been signed yet). */
export async function devicePublicKeyJwk(): Promise<JsonWebKey | null> {
  const row = (await db().keys.get(DEVICE)) as KeyRow | undefined;
  return row ? row.publicKeyJwk : null;
}
