import * as Comlink from 'comlink';
import { installWorkerErrors } from '../src/domain/workerErrors';
import { verifyDossier } from '../src/domain/ledger/dossier';
import { importPublicKeyJwk, type SignedTreeHead } from '../src/domain/ledger/treeHead';
import { dossierOf, proveEntry } from '../src/store/logProofs';
import { fullCheck, startupCheck, type LogCheck } from '../src/store/logVerification';

// Errors cross to the page as plain data with their fields and come back as the same class.
installWorkerErrors(Comlink.transferHandlers);

/**
 * The ledger's heavy work, off the page's thread: checking the log (a full check hashes 100k
 * entries), inclusion proofs and dossiers. It reads the log and keeps the tree through
 * src/store itself (like the import worker), so no entry crosses to the page and back.
 */

export type { InclusionView } from '../src/store/logProofs';
export type { LogCheck };

const keyOf = async (jwk: JsonWebKey | null) => (jwk ? importPublicKeyJwk(jwk) : null);

const api = {
  /** Only what was appended since the last verified head, with a consistency proof (store/logVerification.ts). */
  async startupCheck(publicKeyJwk: JsonWebKey | null): Promise<LogCheck> {
    // It reads only the kept tree's frontier; a proof reads the few older nodes it needs.
    return startupCheck(await keyOf(publicKeyJwk));
  },

  /** Every entry, re-hashed from its content. */
  async fullCheck(publicKeyJwk: JsonWebKey | null): Promise<LogCheck> {
    return fullCheck(await keyOf(publicKeyJwk));
  },

  /** Against `sth`, or the latest signed head (read in the worker with the entry). */
  inclusion(seq: number, sth?: SignedTreeHead) {
    return proveEntry(seq, sth);
  },

  dossier(from: number, size: number, sth: SignedTreeHead, publicKeyJwk: JsonWebKey, summary: string) {
    return dossierOf(from, size, sth, publicKeyJwk, summary);
  },

  verifyDossier(text: string) {
    return verifyDossier(text);
  },
};

export type LedgerApi = typeof api;

Comlink.expose(api);
