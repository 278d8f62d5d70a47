import * as Comlink from 'comlink';
import { installWorkerErrors } from '../domain/workerErrors';
import type { LearnerApi } from '../../workers/learner.worker';
import { CancelledError } from '../domain/learning/cancel';
import { DomainError } from '../domain/errors';
import { buffersOf } from '../domain/learning/engine/buffers';
import { batchTransferList } from '../domain/learning/engine/batch';
import type { LearnerPort } from './port';

// Errors thrown in the worker come back as the same class, with their fields.
installWorkerErrors(Comlink.transferHandlers);

/** A learner worker stopped (crashed, or ran out of memory) before it answered. */
export class LearnerStoppedError extends DomainError {
  constructor(message: string) {
    super(message, 'LearnerStoppedError');
  }
}

/** The one place the worker file is named, so the bundler emits it once. */
function spawn(name: string): Worker {
  return new Worker(new URL('../../workers/learner.worker.ts', import.meta.url), { type: 'module', name });
}

interface Spawned {
  remote: Comlink.Remote<LearnerApi>;
  worker: Worker;
  /** Rejects if the worker dies: Comlink never settles a call whose worker is gone. */
  stopped: Promise<never>;
}

let shared: Spawned | undefined;

/** A learner worker of one's own (benchmarks), apart from the page's shared one. */
export function spawnLearner(name = 'learner'): Spawned {
  const worker = spawn(name);
  const stopped = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new LearnerStoppedError(`The learner worker stopped: ${e.message || 'unknown error'}`)));
  });
  stopped.catch(() => undefined);
  return { remote: Comlink.wrap<LearnerApi>(worker), worker, stopped };
}

function sharedLearner(): Spawned {
  shared ??= spawnLearner('learner');
  return shared;
}

/** The page's handle on the learner worker (one per page, started on first use). */
export function learner(): Comlink.Remote<LearnerApi> {
  return sharedLearner().remote;
}

/**
 * The learner in workers: the main worker keeps evidence and model; each full refit runs in a
 * throwaway worker that Cancel terminates (a synchronous fit cannot hear a message). The page
 * only forwards transferred buffers between the two, which costs it next to nothing.
 */
export function workerLearner(spawned: Spawned = sharedLearner()): LearnerPort {
  const main = spawned.remote;
  const call = <T>(p: Promise<T>): Promise<T> => Promise.race([p, spawned.stopped]);
  return {
    reset: (handling) => call(main.reset(handling)),
    setHandling: (handling) => call(main.setHandling(handling)),
    append: (batch, update) => call(main.append(Comlink.transfer(batch, batchTransferList(batch)), update)),
    snapshot: () => call(main.snapshot()),
    failureModes: () => call(main.failureModes()),
    async refit(onProgress, signal) {
      const job = await call(main.refitJob());
      if (!job) return false;
      if (signal?.aborted) throw new CancelledError('the refit was cancelled');
      const worker = spawn('learner-refit');
      const fitter = Comlink.wrap<LearnerApi>(worker);
      let onAbort = () => undefined as void;
      const stopped = new Promise<never>((_, reject) => {
        onAbort = () => reject(new CancelledError('the refit was cancelled'));
        signal?.addEventListener('abort', onAbort, { once: true });
        worker.addEventListener('error', (e) => reject(new LearnerStoppedError(`The refit worker stopped: ${e.message || 'unknown error'}`)));
      });
      stopped.catch(() => undefined); // it may reject after the race is settled
      try {
        const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
        const enc = Comlink.transfer(job.enc, buffersOf(job.enc));
        const warm = job.warm ? Comlink.transfer(job.warm, buffersOf(job.warm)) : undefined;
        const result = await Promise.race([fitter.fit(enc, warm, progress), stopped]);
        const { generation, epoch, through } = job;
        return await call(main.adopt({ generation, epoch, through }, Comlink.transfer(result, buffersOf(result.state))));
      } finally {
        signal?.removeEventListener('abort', onAbort);
        worker.terminate();
      }
    },
  };
}

export { Comlink };
