import { CancelledError } from '../domain/learning/cancel';
import { LearnerEngine } from '../domain/learning/engine/engine';
import type { LearnerPort } from './port';

/**
 * The learner on the calling thread: where there is no Worker (Node tests), and the reference
 * the worker must agree with (the same engine behind the same interface).
 */
export function inProcessLearner(engine = new LearnerEngine()): LearnerPort {
  return {
    reset: async (handling) => engine.reset(handling),
    setHandling: async (handling) => engine.setHandling(handling),
    append: async (batch, update) => engine.append(batch, update),
    snapshot: async () => engine.snapshot(),
    failureModes: async () => engine.failureModes(),
    async refit(onProgress, signal) {
      if (signal?.aborted) throw new CancelledError('the refit was cancelled');
      return engine.refitHere(onProgress, () => signal?.aborted ?? false);
    },
  };
}
