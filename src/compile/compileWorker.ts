import * as Comlink from 'comlink';
import { installWorkerErrors } from '../domain/workerErrors';
import type { CompileWorkerApi } from '../../workers/compile.worker';

// Errors thrown in the worker come back as the same class, with their fields.
installWorkerErrors(Comlink.transferHandlers);

let remote: Comlink.Remote<CompileWorkerApi> | undefined;

/**
 * The page's handle on the compile worker (planning and transpiling; one per page, started on
 * first use, so the TypeScript compiler loads once and serves every candidate).
 */
export function compileWorker(): Comlink.Remote<CompileWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/compile.worker.ts', import.meta.url), { type: 'module', name: 'compile' });
    remote = Comlink.wrap<CompileWorkerApi>(worker);
  }
  return remote;
}

export { Comlink };
