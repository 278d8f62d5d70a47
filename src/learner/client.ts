import * as Comlink from 'comlink';
import type { LearnerApi } from '../../workers/learner.worker';

let remote: Comlink.Remote<LearnerApi> | undefined;

/** The page's handle on the learner worker (one per page, started on first use). */
export function learner(): Comlink.Remote<LearnerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/learner.worker.ts', import.meta.url), {
      type: 'module',
      name: 'learner',
    });
    remote = Comlink.wrap<LearnerApi>(worker);
  }
  return remote;
}

export { Comlink };
