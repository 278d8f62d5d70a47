import * as Comlink from 'comlink';
import { installWorkerErrors } from '../domain/workerErrors';
import type { LedgerApi } from '../../workers/ledger.worker';

// Errors thrown in the worker come back as the same class, with their fields.
installWorkerErrors(Comlink.transferHandlers);

export type { InclusionView, LogCheck } from '../../workers/ledger.worker';

let remote: Comlink.Remote<LedgerApi> | undefined;

/** The page's handle on the ledger worker (one per page, started on first use). */
export function ledgerWorker(): Comlink.Remote<LedgerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/ledger.worker.ts', import.meta.url), {
      type: 'module',
      name: 'ledger',
    });
    remote = Comlink.wrap<LedgerApi>(worker);
  }
  return remote;
}
