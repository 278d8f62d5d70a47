import { DomainError } from '../../domain/errors';
import { keyFingerprint } from '../../domain/governance/consentRecords';
import { deviceKey } from '../../store/deviceKeyRepo';
import { peerSettings } from '../specs/peerSettings';

/**
 * Who this device is in a shared spec's consent channel: the name it answers as (the display
 * name of the connection settings, the one its cursor shows) and its ECDSA key, the same
 * non-extractable key that signs this device's log heads. Other devices learn the pair from the
 * roster record this device signs into the spec, and hold it to that name from then on.
 */
export interface ConsentIdentity {
  readonly name: string;
  readonly fingerprint: string;
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: JsonWebKey;
}

/** Consent needs a name people recognise; a random tab name would change with every page load. */
export class NoConsentNameError extends DomainError {
  constructor() {
    super('set your name in the share dialog’s connection settings first: others see your consent under it', 'NoConsentNameError');
  }
}

const fingerprints = new WeakMap<JsonWebKey, Promise<string>>();

/** This device's fingerprint (its key's id), without needing a name. */
export async function myFingerprint(): Promise<string> {
  const { publicKeyJwk } = await deviceKey();
  let fp = fingerprints.get(publicKeyJwk);
  if (!fp) {
    fp = keyFingerprint(publicKeyJwk);
    fingerprints.set(publicKeyJwk, fp);
  }
  return fp;
}

export async function consentIdentity(): Promise<ConsentIdentity> {
  const [{ displayName }, key, fp] = await Promise.all([peerSettings(), deviceKey(), myFingerprint()]);
  if (!displayName.trim()) throw new NoConsentNameError();
  return { name: displayName.trim(), fingerprint: fp, privateKey: key.privateKey, publicKeyJwk: key.publicKeyJwk };
}
