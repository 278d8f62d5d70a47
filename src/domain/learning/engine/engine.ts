import { adjustedEstimates, type AdjustedState } from '../adjusted';
import { isAdjustmentKey } from '../adjustment';
import { updateAdjusted } from '../adjustedUpdate';
import type { OnProgress, ShouldCancel } from '../cancel';
import type { FlakyHandling } from '../encode';
import { rawEstimates } from '../raw';
import { specContrasts } from '../specContrast';
import { clearOnlyRaw } from '../rawOnly';
import { failureModes, nudgeContexts } from '../../evidence/signature';
import type { Run } from '../../evidence/run';
import type { RunBatch } from './batch';
import { learningCurve, timeOrder, type LearningCurve } from './curve';
import { EvidenceLog } from './log';
import { runFit } from './refit';
import type { FailureModesSnapshot, LearnerSnapshot, RefitJob, RefitResult } from './types';

/** Failure modes sent to the page (the ranking's head; the page shows fewer still). */
const MAX_MODES = 100;

/**
 * Incremental updates approximate (adjustedUpdate.ts); after this many of them relative to
 * the evidence, the learner asks for a full refit. A quarter of the runs (at least 200): by
 * then the old runs' curvature has moved enough to matter at the displayed precision.
 */
export function driftedFar(updates: number, n: number): boolean {
  return updates >= Math.max(200, n / 4);
}

/**
 * The learner's state, wherever it runs (the learner worker in a browser, in-process in Node
 * tests): the evidence log and the fitted adjusted model, kept in step one batch at a time.
 *
 * generation counts resets (a new body of evidence); epoch counts changes to run weights (the
 * flaky setting, or old runs turning flaky). A refit result is adopted only for the same
 * generation, and counts as current only for the same epoch.
 */
export class LearnerEngine {
  private log = new EvidenceLog();
  private handling: FlakyHandling = 'include';
  private state: AdjustedState | undefined;
  /** Log runs [0, through) are in the state. */
  private through = 0;
  private stale = false;
  private generation = 0;
  private epoch = 0;
  private fitMs: number | null = null;
  private refuteMs: number | null = null;
  private updateMs: number | null = null;
  private curveCache: { n: number; curve: LearningCurve } | undefined;
  private modesCache: FailureModesSnapshot | undefined;

  reset(handling: FlakyHandling): void {
    this.log = new EvidenceLog();
    this.handling = handling;
    this.state = undefined;
    this.through = 0;
    this.stale = false;
    this.generation++;
    this.epoch++;
    this.fitMs = null;
    this.refuteMs = null;
    this.updateMs = null;
    this.curveCache = undefined;
    this.modesCache = undefined;
  }

  setHandling(handling: FlakyHandling): void {
    if (handling === this.handling) return;
    this.handling = handling;
    this.epoch++;
    if (this.state) this.stale = true;
  }

  /**
   * Takes new runs. With `update`, a fitted model absorbs them at once (one Laplace step per
   * run); without (a first bulk load), they wait for the refit that follows.
   */
  append(batch: RunBatch, update: boolean): void {
    const { from, to } = this.log.append(batch);
    const changed = this.log.markFlaky(batch.becameFlaky);
    if (changed > 0 && this.handling !== 'include') {
      // Old runs' weights changed: the fitted model no longer describes this evidence.
      this.epoch++;
      if (this.state) this.stale = true;
    }
    this.modesCache = undefined;
    if (update && this.state && !this.stale && this.through === from) {
      const started = performance.now();
      updateAdjusted(this.state, this.log.encoded(this.handling, from, to));
      this.updateMs = performance.now() - started;
      this.through = to;
    }
  }

  get needsRefit(): boolean {
    const learned = this.learnedRuns();
    if (learned === 0) return false;
    if (!this.state || this.stale || this.through < this.log.n) return true;
    // Runs of specs fitted through their conditional likelihood (or new specs) wait for a refit.
    if (this.state.deferredRuns > 0) return true;
    return driftedFar(this.state.updatesSinceFit, this.state.n);
  }

  snapshot(): LearnerSnapshot {
    const enc = this.log.encoded(this.handling);
    const started = performance.now();
    // Adjustment terms (model, temperature band, month) share the nudges' columns; they are not nudges.
    const raw = rawEstimates(enc).filter((e) => !isAdjustmentKey(e.nudge));
    const rawMs = performance.now() - started;
    const s = this.state;
    const adjusted = s ? adjustedEstimates(s) : null;
    return {
      runs: this.log.n,
      learnedRuns: enc.n,
      flakyRuns: this.log.flakyCount,
      handling: this.handling,
      raw,
      rawMs,
      adjusted,
      contrasts: adjusted ? specContrasts(enc, clearOnlyRaw(raw, adjusted)) : [],
      adjustment: s?.adjustment ?? null,
      fit: {
        status: !s ? 'none' : this.stale ? 'stale' : 'current',
        runs: s?.n ?? 0,
        updatesSinceFit: s?.updatesSinceFit ?? 0,
        iterations: s?.iterations ?? 0,
        converged: s?.converged ?? false,
        fitMs: this.fitMs,
        refuteMs: this.refuteMs,
        updateMs: this.updateMs,
      },
      needsRefit: this.needsRefit,
      curve: this.curve(),
    };
  }

  /** The input of a full refit, as copies another thread may own; undefined with no evidence. */
  refitJob(): RefitJob | undefined {
    if (this.learnedRuns() === 0) return undefined;
    return {
      enc: this.log.encodedCopy(this.handling),
      warm: this.state,
      generation: this.generation,
      epoch: this.epoch,
      through: this.log.n,
    };
  }

  /**
   * Takes a finished refit: runs that arrived while it ran are replayed as updates. Returns
   * false when the job belongs to an earlier body of evidence (it is dropped).
   */
  adopt(job: Pick<RefitJob, 'generation' | 'epoch' | 'through'>, result: RefitResult): boolean {
    if (job.generation !== this.generation) return false;
    this.state = result.state;
    this.fitMs = result.ms;
    this.refuteMs = result.refuteMs;
    this.through = job.through;
    // A result for other weights still beats none, and warm-starts the refit that follows.
    this.stale = job.epoch !== this.epoch;
    if (!this.stale && this.through < this.log.n) {
      updateAdjusted(this.state, this.log.encoded(this.handling, this.through, this.log.n));
      this.through = this.log.n;
    }
    return true;
  }

  /** A refit on this thread (Node, tests): cancellable only between the fit's phases. */
  refitHere(onProgress?: OnProgress, shouldCancel?: ShouldCancel): boolean {
    const job = this.refitJob();
    if (!job) return false;
    return this.adopt(job, runFit(job.enc, job.warm, onProgress, shouldCancel));
  }

  failureModes(): FailureModesSnapshot {
    if (this.modesCache) return this.modesCache;
    const started = performance.now();
    const runs: Run[] = [];
    let runsWithMessages = 0;
    for (let r = 0; r < this.log.n; r++) {
      const f = this.log.runFacts(r);
      if (f.messages.length > 0) runsWithMessages++;
      // The signature functions read nudges, outcome and messages; the rest is filler.
      runs.push({ id: String(r), specHash: '', nudges: f.nudges, passed: f.passed, errorMessages: [...f.messages], testFailures: [], typeErrors: [], source: 'manual', at: 0 });
    }
    const modes = failureModes(runs);
    const contexts = [...nudgeContexts(runs)].map(([nudge, list]) => ({ nudge, contexts: list })).sort((a, b) => (a.nudge < b.nudge ? -1 : a.nudge > b.nudge ? 1 : 0));
    this.modesCache = { runs: this.log.n, runsWithMessages, totalModes: modes.length, modes: modes.slice(0, MAX_MODES), contexts, ms: performance.now() - started };
    return this.modesCache;
  }

  private learnedRuns(): number {
    return this.handling === 'exclude' ? this.log.n - this.log.flakyCount : this.log.n;
  }

  private curve(): LearningCurve {
    if (this.curveCache?.n === this.log.n) return this.curveCache.curve;
    const { at, passed } = this.log.outcomes();
    const curve = learningCurve(at, passed, this.log.inTimeOrder ? undefined : timeOrder(at));
    this.curveCache = { n: this.log.n, curve };
    return curve;
  }
}
