import * as Comlink from 'comlink';
import { installWorkerErrors } from '../src/domain/workerErrors';
import { encodedFromTransfer, type EncodedRuns, type FlakyHandling } from '../src/domain/learning/encode';
import type { AdjustedState } from '../src/domain/learning/adjusted';
import { rawEstimates } from '../src/domain/learning/raw';
import { simulateOpenBets, summarizeSimulation, type ForecastRules } from '../src/domain/betting/forecast';
import type { Bet } from '../src/domain/betting/bet';
import { batchFromTransfer, type RunBatch } from '../src/domain/learning/engine/batch';
import { LearnerEngine } from '../src/domain/learning/engine/engine';
import { buffersOf } from '../src/domain/learning/engine/buffers';
import { runFit } from '../src/domain/learning/engine/refit';
import type { RefitJob, RefitResult } from '../src/domain/learning/engine/types';

// Errors cross to the page as plain data with their fields and come back as the same class.
installWorkerErrors(Comlink.transferHandlers);

/**
 * The learner: statistics over evidence run here, off the page's thread. Runs arrive as
 * typed arrays (transferred, not copied); results go back as plain data.
 *
 * One instance keeps the evidence and the fitted model (LearnerEngine) and absorbs new runs
 * incrementally. A full refit runs in a second, throwaway instance of this same file (`fit`):
 * a synchronous fit cannot hear a cancel message, but its worker can be terminated, and the
 * first instance keeps taking new runs meanwhile (see src/learner/client.ts).
 */
const engine = new LearnerEngine();

const api = {
  rawEstimates(runs: EncodedRuns) {
    return rawEstimates(encodedFromTransfer(runs));
  },
  /** Evidence-based scheduling: 10,000+ seeded draws, too slow for the page's thread; `rules` are the constitution's in force. */
  forecast(bets: Bet[], rules?: ForecastRules) {
    const started = performance.now();
    const sim = simulateOpenBets(bets, rules ? { rules } : {});
    const summary = summarizeSimulation(sim);
    const ms = performance.now() - started;
    return Comlink.transfer({ summary, totals: sim.totals, ms }, [sim.totals.buffer as ArrayBuffer]);
  },

  reset(handling: FlakyHandling) {
    engine.reset(handling);
  },
  setHandling(handling: FlakyHandling) {
    engine.setHandling(handling);
  },
  append(batch: RunBatch, update: boolean) {
    engine.append(batchFromTransfer(batch), update);
  },
  snapshot() {
    return engine.snapshot();
  },
  failureModes() {
    return engine.failureModes();
  },
  /**
   * The refit's input, all of it transferred: the evidence is a fresh copy, and the warm start
   * is copied here (the model keeps taking updates meanwhile), so the page, which passes it on
   * to the refit worker, never deserialises megabytes of factor on its own thread.
   */
  refitJob(): RefitJob | undefined {
    const job = engine.refitJob();
    if (!job) return undefined;
    // The kept covariance (K^2 doubles) is the updates' business: a warm start reads the parameters.
    const warm = job.warm ? structuredClone({ ...job.warm, covariance: undefined }) : undefined;
    return Comlink.transfer({ ...job, warm }, [...buffersOf(job.enc), ...buffersOf(warm)]);
  },
  adopt(job: Pick<RefitJob, 'generation' | 'epoch' | 'through'>, result: RefitResult) {
    return engine.adopt(job, result);
  },

  /** In the throwaway instance: one full fit, its state transferred back whole. */
  fit(enc: EncodedRuns, warm: AdjustedState | undefined, onProgress?: (fraction: number) => void): RefitResult {
    // Each report is a message to the page: a hundredth at a time is smooth enough.
    let shown = -1;
    const report = (f: number) => {
      if (f === 1 || f - shown >= 0.01) {
        shown = f;
        void onProgress?.(f);
      }
    };
    const result = runFit(encodedFromTransfer(enc), warm, onProgress ? report : undefined);
    return Comlink.transfer(result, buffersOf(result.state));
  },
};

export type LearnerApi = typeof api;

Comlink.expose(api);
