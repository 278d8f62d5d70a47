import { fromHex, isHex, toHex } from '../ledger/bytes';
import { canonicalBytes } from '../ledger/canonicalJson';
import { sha256 } from '../ledger/sha256';
import type { ConsentState } from './consent';

/*
 * What a shared spec's consent channel holds: signed records, appended by the participants'
 * devices to the spec's shared document. Each is signed with the device's ECDSA P-256 key
 * (the one that signs this device's log heads) over canonical JSON of {specId, type, body},
 * so a record cannot be moved to another spec, retyped or edited without breaking it.
 *
 * - roster:   a device shows its public key and the name it answers as (self-signed).
 * - proposal: an automated change proposed on the spec, with the stewards whose consent it needs.
 * - position: a participant's answer (CONSENT_GIVEN, DISSENT, ...), signed by their device.
 * - applied:  the proposer's device made the change (after every steward consented).
 */

export type RosterBody = { readonly name: string; readonly publicKeyJwk: JsonWebKey; readonly at: number };
export type ProposalBody = {
  readonly proposalId: string;
  readonly action: string;
  /** What the change does, in words. */
  readonly intent: string;
  /** Plain JSON to rebuild the change on the proposer's device (an executor's params). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly stewards: readonly string[];
  readonly proposer: string;
  readonly at: number;
};
export type PositionBody = { readonly proposalId: string; readonly participant: string; readonly to: ConsentState; readonly at: number };
export type AppliedBody = { readonly proposalId: string; readonly by: string; readonly at: number };

export type ConsentRecord =
  | { readonly type: 'roster'; readonly body: RosterBody; readonly key: string; readonly sig: string }
  | { readonly type: 'proposal'; readonly body: ProposalBody; readonly key: string; readonly sig: string }
  | { readonly type: 'position'; readonly body: PositionBody; readonly key: string; readonly sig: string }
  | { readonly type: 'applied'; readonly body: AppliedBody; readonly key: string; readonly sig: string };
export type RecordType = ConsentRecord['type'];
type BodyOf<T extends RecordType> = Extract<ConsentRecord, { type: T }>['body'];

const ECDSA_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The public key's id: hex SHA-256 of the canonical JSON of its four public JWK fields. */
export async function keyFingerprint(jwk: JsonWebKey): Promise<string> {
  return toHex(await sha256(canonicalBytes({ crv: jwk.crv ?? null, kty: jwk.kty ?? null, x: jwk.x ?? null, y: jwk.y ?? null })));
}

function signedBytes(specId: string, type: RecordType, body: unknown): Uint8Array<ArrayBuffer> {
  const bytes = canonicalBytes({ specId, type, body });
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** The bytes a record's signature covers (exported so a test can sign a record with a key it holds). */
export function recordBytes(specId: string, type: RecordType, body: unknown): Uint8Array<ArrayBuffer> {
  return signedBytes(specId, type, body);
}

export async function signRecord<T extends RecordType>(
  specId: string,
  type: T,
  body: BodyOf<T>,
  signer: { readonly privateKey: CryptoKey; readonly fingerprint: string },
): Promise<Extract<ConsentRecord, { type: T }>> {
  const sig = await crypto.subtle.sign(ECDSA_SIGN, signer.privateKey, signedBytes(specId, type, body));
  return { type, body, key: signer.fingerprint, sig: toHex(new Uint8Array(sig)) } as Extract<ConsentRecord, { type: T }>;
}

/** Whether `record` is signed by the key `jwk` (whose fingerprint it must name); false for anything malformed. */
export async function verifyRecord(specId: string, record: ConsentRecord, jwk: JsonWebKey): Promise<boolean> {
  try {
    if (!isHex(record.sig, 64) || (await keyFingerprint(jwk)) !== record.key) return false;
    const { kty, crv, x, y } = jwk;
    const key = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, ECDSA_KEY, false, ['verify']);
    return await crypto.subtle.verify(ECDSA_SIGN, key, fromHex(record.sig), signedBytes(specId, record.type, record.body));
  } catch {
    return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 200;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A record as read from the shared document (anything a peer wrote), or the reason it is not
 * one. Checks shape only; signatures are checked by verifyRecord.
 */
export function readRecord(v: unknown): ConsentRecord | string {
  if (!isObject(v) || !isObject(v.body) || typeof v.key !== 'string' || typeof v.sig !== 'string') return 'not a consent record';
  const b = v.body;
  switch (v.type) {
    case 'roster':
      return isText(b.name) && isObject(b.publicKeyJwk) && isTime(b.at) ? (v as ConsentRecord) : 'a roster record without a name, key or time';
    case 'proposal':
      return isText(b.proposalId) && isText(b.action) && typeof b.intent === 'string' && isObject(b.params) && Array.isArray(b.stewards) &&
        b.stewards.length > 0 && b.stewards.every(isText) && isText(b.proposer) && isTime(b.at)
        ? (v as ConsentRecord)
        : 'a proposal without its action, stewards, proposer or time';
    case 'position':
      return isText(b.proposalId) && isText(b.participant) && typeof b.to === 'string' && isTime(b.at) ? (v as ConsentRecord) : 'a position without its proposal, participant or time';
    case 'applied':
      return isText(b.proposalId) && isText(b.by) && isTime(b.at) ? (v as ConsentRecord) : 'an applied mark without its proposal or device';
    default:
      return `an unknown kind of record (${String(v.type)})`;
  }
}

/** A short form of a key's fingerprint for people to compare by eye, e.g. "3f2a 9c01". */
export function shortFingerprint(fp: string): string {
  return `${fp.slice(0, 4)} ${fp.slice(4, 8)}`;
}
