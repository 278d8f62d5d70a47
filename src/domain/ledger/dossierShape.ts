import { DomainError } from '../errors';
import { isHex } from './bytes';
import { isLogKind } from './logEntry';
import type { LogEntry } from './logEntry';
import type { SignedTreeHead } from './treeHead';

export const DOSSIER_SCHEMA = 'metacompiler_incident_dossier_v1';

export type DossierEntry = {
  readonly entry: LogEntry;
  /** Hex hashes of RFC 9162 PATH(seq, D[signedTreeHead.size]), leaf-most first. */
  readonly inclusionProof: readonly string[];
};

export type Dossier = {
  readonly schema: typeof DOSSIER_SCHEMA;
  readonly summary: string;
  readonly window: { readonly from: number; readonly size: number };
  readonly signedTreeHead: SignedTreeHead;
  readonly publicKeyJwk: JsonWebKey;
  readonly entries: readonly DossierEntry[];
};

/** A field of a dossier that is missing or of the wrong form, with its path (e.g. `entries[3].inclusionProof[1]`). */
export class DossierShapeError extends DomainError {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`, 'DossierShapeError');
    this.path = path;
  }
}

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DossierShapeError(path, 'must be an object');
  return v as Obj;
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new DossierShapeError(path, 'must be an array');
  return v;
}
function int(v: unknown, path: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new DossierShapeError(path, `must be an integer >= ${min}`);
  }
  return v;
}
function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DossierShapeError(path, 'must be a finite number');
  return v;
}
function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new DossierShapeError(path, 'must be a string');
  return v;
}
function hex(v: unknown, path: string, bytes: number): string {
  if (!isHex(v, bytes)) throw new DossierShapeError(path, `must be ${2 * bytes} lower-case hex digits`);
  return v;
}

/** Checks every field of an untrusted dossier; throws DossierShapeError naming the first bad one. */
export function parseDossier(json: unknown): Dossier {
  const d = obj(json, '$');
  if (d.schema !== DOSSIER_SCHEMA) throw new DossierShapeError('schema', `must be "${DOSSIER_SCHEMA}"`);
  const summary = str(d.summary, 'summary');
  const w = obj(d.window, 'window');
  const window = { from: int(w.from, 'window.from'), size: int(w.size, 'window.size', 1) };
  const s = obj(d.signedTreeHead, 'signedTreeHead');
  const signedTreeHead: SignedTreeHead = {
    size: int(s.size, 'signedTreeHead.size'),
    root: hex(s.root, 'signedTreeHead.root', 32),
    at: num(s.at, 'signedTreeHead.at'),
    signature: hex(s.signature, 'signedTreeHead.signature', 64),
  };
  const k = obj(d.publicKeyJwk, 'publicKeyJwk');
  if (k.kty !== 'EC') throw new DossierShapeError('publicKeyJwk.kty', 'must be "EC"');
  if (k.crv !== 'P-256') throw new DossierShapeError('publicKeyJwk.crv', 'must be "P-256"');
  const publicKeyJwk: JsonWebKey = { kty: 'EC', crv: 'P-256', x: str(k.x, 'publicKeyJwk.x'), y: str(k.y, 'publicKeyJwk.y') };
  const entries = arr(d.entries, 'entries').map((raw, i) => parseEntry(raw, `entries[${i}]`));
  return { schema: DOSSIER_SCHEMA, summary, window, signedTreeHead, publicKeyJwk, entries };
}

function parseEntry(raw: unknown, path: string): DossierEntry {
  const de = obj(raw, path);
  const e = obj(de.entry, `${path}.entry`);
  if (!isLogKind(e.kind)) throw new DossierShapeError(`${path}.entry.kind`, 'is not a known log kind');
  const entry: LogEntry = {
    seq: int(e.seq, `${path}.entry.seq`),
    kind: e.kind,
    at: num(e.at, `${path}.entry.at`),
    payload: obj(e.payload, `${path}.entry.payload`),
  };
  const extra = Object.keys(e).find((key) => !['seq', 'kind', 'at', 'payload'].includes(key));
  if (extra !== undefined) throw new DossierShapeError(`${path}.entry.${extra}`, 'is not part of a log entry');
  const inclusionProof = arr(de.inclusionProof, `${path}.inclusionProof`).map((h, j) =>
    hex(h, `${path}.inclusionProof[${j}]`, 32),
  );
  return { entry, inclusionProof };
}
