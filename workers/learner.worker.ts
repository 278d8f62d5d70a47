import * as Comlink from 'comlink';
import { encodedFromTransfer, type EncodedRuns } from '../src/domain/learning/encode';
import { rawEstimates } from '../src/domain/learning/raw';

/**
 * The learner: statistics over evidence run here, off the page's thread. Runs arrive as
 * typed arrays (transferred, not copied); results go back as plain data.
 */
const api = {
  rawEstimates(runs: EncodedRuns) {
    return rawEstimates(encodedFromTransfer(runs));
  },
};

export type LearnerApi = typeof api;

Comlink.expose(api);
