import * as Comlink from 'comlink';
import { encodedFromTransfer, type EncodedRuns } from '../src/domain/learning/encode';
import { rawEstimates } from '../src/domain/learning/raw';
import { simulateOpenBets, summarizeSimulation } from '../src/domain/betting/forecast';
import type { Bet } from '../src/domain/betting/bet';

/**
 * The learner: statistics over evidence run here, off the page's thread. Runs arrive as
 * typed arrays (transferred, not copied); results go back as plain data.
 */
const api = {
  rawEstimates(runs: EncodedRuns) {
    return rawEstimates(encodedFromTransfer(runs));
  },
  /** Evidence-based scheduling: 10,000+ seeded draws, too slow for the page's thread. */
  forecast(bets: Bet[]) {
    const started = performance.now();
    const sim = simulateOpenBets(bets);
    const summary = summarizeSimulation(sim);
    const ms = performance.now() - started;
    return Comlink.transfer({ summary, totals: sim.totals, ms }, [sim.totals.buffer as ArrayBuffer]);
  },
};

export type LearnerApi = typeof api;

Comlink.expose(api);
