import type { Compilation, CompilationStatus } from '../../domain/compile/compilation';
import { buildPrompt } from '../../domain/compile/prompt';
import { validateRun } from '../../domain/evidence/run';
import { newId } from '../../domain/ids';
import { VerifyCancelledError } from '../../compile/verifyClient';
import { getCompilation, putCompilation, recordCandidate, updateCompilation, type CompilationCounts } from '../../store/compilationsRepo';
import { inMode } from '../governance/mode';
import { CompileCancelledError, isFatal } from './errors';
import { chatCompletion } from './http';
import { runPool } from './pool';
import { newCompilation, prepareCompile, type Prepared } from './prepare';
import { verifyVariation } from './variation';

/**
 * The compile loop (issue 7): N variations of a spec's target, each prompted with the nudges
 * the Thompson policy chose for it, verified in a sandbox and recorded as a run (pass or fail)
 * so the learner sees it. Cancel with the signal: requests in flight are aborted, workers
 * terminated, and variations not finished are not recorded (they are not evidence).
 *
 * Fails before writing anything when the settings, the spec or the endpoint are wrong.
 */
export interface CompileProgress extends CompilationCounts {
  compilationId?: string;
  status: 'preparing' | CompilationStatus;
  requested: number;
  note?: string;
}

/** Consecutive failed requests (HTTP errors, bad replies) after which the compilation stops. */
const MAX_CONSECUTIVE_ERRORS = 3;

export async function compile(
  specId: string,
  options: { signal: AbortSignal; onProgress?: (p: CompileProgress) => void },
): Promise<Compilation> {
  return inMode('COMPILING', async () => {
    options.onProgress?.({ status: 'preparing', requested: 0, generated: 0, verified: 0, passed: 0, tokens: 0, generationErrors: 0 });
    const prepared = await prepareCompile(specId, options.signal);
    if (options.signal.aborted) throw new CompileCancelledError();
    return runVariations(prepared, options.signal, options.onProgress);
  });
}

async function runVariations(p: Prepared, userSignal: AbortSignal, onProgress?: (p: CompileProgress) => void): Promise<Compilation> {
  const at = Date.now();
  const compilation = newCompilation(p, newId('cmp', at), at);
  await putCompilation(compilation);
  // Stops everything in flight: on the person's cancel, or on an error no request survives.
  const stopper = new AbortController();
  const cancel = () => stopper.abort();
  userSignal.addEventListener('abort', cancel, { once: true });
  const counts: CompilationCounts = { generated: 0, verified: 0, passed: 0, tokens: 0, generationErrors: 0 };
  let fatal: string | undefined;
  let budgetNote: string | undefined;
  let consecutiveErrors = 0;
  const report = (status: CompileProgress['status']) =>
    onProgress?.({ compilationId: compilation.id, status, requested: p.options.variations, ...counts, ...(fatal ?? budgetNote ? { note: fatal ?? budgetNote } : {}) });
  const overBudget = () => p.options.tokenBudget > 0 && counts.tokens >= p.options.tokenBudget;

  const variation = async (i: number) => {
    if (overBudget()) {
      budgetNote = `stopped at the token budget (${counts.tokens} of ${p.options.tokenBudget} tokens used)`;
      return;
    }
    const nudges = p.plan.variations[i] ?? [];
    const messages = buildPrompt({ specText: p.specText, functionName: p.spec.target.functionName, priorsBlock: p.priorsBlock, instructions: nudges.map(p.labelOf) });
    let reply;
    try {
      reply = await chatCompletion(p.endpoint, p.apiKey, { messages, maxTokens: p.options.maxTokensPerVariation }, stopper.signal);
      consecutiveErrors = 0;
    } catch (err) {
      if (stopper.signal.aborted) return;
      counts.generationErrors++;
      if (isFatal(err) || ++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
        fatal = err instanceof Error ? err.message : String(err);
        stopper.abort();
      }
      report('running');
      return;
    }
    counts.generated++;
    counts.tokens += reply.tokens;
    report('running');
    let candidate;
    try {
      const input = { index: i + 1, nudges, reply, functionName: p.spec.target.functionName, tests: p.tests, timeLimitMs: p.options.timeLimitMs, signal: stopper.signal };
      candidate = await verifyVariation(input);
    } catch (err) {
      if (err instanceof VerifyCancelledError) return;
      throw err;
    }
    counts.verified++;
    if (candidate.passed) counts.passed++;
    const now = Date.now();
    const run = validateRun({
      id: newId('run', now),
      specId: p.specId,
      specHash: p.specHash,
      nudges,
      passed: candidate.passed,
      errorMessages: candidate.errors,
      testFailures: candidate.testFailures,
      typeErrors: candidate.typeErrors,
      model: p.endpoint.model,
      temperature: p.endpoint.temperature,
      source: 'compile',
      at: now,
    });
    const newNudges = p.offered.filter((o) => nudges.includes(o.key));
    await recordCandidate(compilation.id, { id: run.id, ...candidate }, run, newNudges, { ...counts }, now);
    report('running');
  };

  try {
    await runPool(p.options.variations, p.options.concurrency, variation, () => stopper.signal.aborted || overBudget());
  } catch (err) {
    // A failure of this app (e.g. storage), not of the endpoint: the history says so.
    fatal = `the compilation stopped: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
    stopper.abort();
  } finally {
    userSignal.removeEventListener('abort', cancel);
  }
  if (overBudget() && !budgetNote) budgetNote = `stopped at the token budget (${counts.tokens} of ${p.options.tokenBudget} tokens used)`;
  const status: CompilationStatus = fatal ? 'failed' : userSignal.aborted ? 'cancelled' : 'done';
  const note = fatal ?? budgetNote;
  const final = { ...counts, status, finishedAt: Date.now(), ...(note ? { note } : {}) };
  await updateCompilation(compilation.id, final);
  report(status);
  return (await getCompilation(compilation.id)) ?? { ...compilation, ...final };
}
