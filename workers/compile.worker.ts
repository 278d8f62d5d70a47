import * as Comlink from 'comlink';
import { installWorkerErrors } from '../src/domain/workerErrors';
import { planCompile } from '../src/domain/compile/policy';
import { encodedFromTransfer, type EncodedRuns } from '../src/domain/learning/encode';
import { transpile } from './transpile';

// Errors cross to the page as plain data with their fields and come back as the same class.
installWorkerErrors(Comlink.transferHandlers);

/**
 * The compile loop's work that must not run on the page: the Thompson plan (a fit of the
 * adjusted model on all evidence) and TypeScript transpiling. No candidate code ever runs
 * here; that happens in a fresh verify worker per candidate.
 *
 * The plan belongs in the learner worker; it lives here only until that worker exposes it
 * (one call to move: `planCompile` is pure and takes the same typed arrays).
 */
const api = {
  plan(runs: EncodedRuns, offered: string[], count: number, seed: number) {
    return planCompile(encodedFromTransfer(runs), offered, count, seed);
  },
  transpile,
};

export type CompileWorkerApi = typeof api;

Comlink.expose(api);
