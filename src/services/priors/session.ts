import type { FlakyHandling } from '../../domain/learning/encode';
import { RunFeed, type FeedSink } from '../../learner/feed';
import type { FailureModesSnapshot, LearnerPort, LearnerSnapshot, RunBatch } from '../../learner/port';
import type { Live } from '../../store/live';
import { runSource } from '../../store/runsRepo';
import { flakyHandling } from './settings';
import { DomainError } from '../../domain/errors';

export interface RefitState {
  running: boolean;
  /** Fraction done, in [0, 1], while running. */
  progress: number;
  /** Who started the current (or last) refit: the learner itself, or a person's button. */
  by: 'auto' | 'person' | null;
  outcome: 'none' | 'done' | 'cancelled' | 'failed';
  error?: string;
}

export interface LearnerState {
  status: 'loading' | 'ready' | 'error';
  /** True while many runs are being read (a first load, a large import); estimates wait for the end. */
  reading: boolean;
  /** Runs sent to the learner so far in the current read. */
  loadedRuns: number;
  snapshot: LearnerSnapshot | undefined;
  refit: RefitState;
  error?: string;
}

/** Starts a feed of the runs table into `sink`; the handle stops it. */
export type FeedFactory = (sink: FeedSink, onError: (err: unknown) => void) => { stop(): void };

/** The feed on the calling thread (Node tests; the browser runs it in a worker: openFeedWorker). */
export const inProcessFeed: FeedFactory = (sink, onError) => {
  const feed = new RunFeed(runSource(), sink, onError);
  feed.start();
  return feed;
};

const IDLE: RefitState = { running: false, progress: 0, by: null, outcome: 'none' };

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * The page's side of the learner: passes it the runs table as the feed packs it (each run
 * once, flaky flags included; see learner/feed.ts, which runs in a worker in the browser),
 * follows the flaky setting, and publishes what it knows.
 *
 * Refits: the first fit, and any later one the learner asks for (new weights, drift), start
 * by themselves; a person can start or cancel one. After a person cancels, the learner does
 * not restart on its own (a long fit the person stopped should stay stopped) until they press
 * Refit again or change the flaky setting.
 */
export class PriorsSession {
  private state: LearnerState = { status: 'loading', reading: false, loadedRuns: 0, snapshot: undefined, refit: IDLE };
  private readonly listeners = new Set<(s: LearnerState) => void>();
  private feed: { stop(): void } | undefined;
  private stopped = false;
  private handling: FlakyHandling | undefined;
  private loading = true;
  private refreshing = false;
  private refreshAgain = false;
  private refitAbort: AbortController | undefined;
  private cancelledByPerson = false;
  private autoSuppressed = false;
  private settingSub: { unsubscribe(): void } | undefined;

  constructor(
    private readonly port: LearnerPort,
    private readonly options: { autoRefit?: boolean; feed?: FeedFactory } = {},
  ) {}

  start(): this {
    this.settingSub = flakyHandling().subscribe({
      next: (h) => void this.onHandling(h).catch((e: unknown) => this.fail(e)),
      error: (e) => this.fail(e),
    });
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.settingSub?.unsubscribe();
    this.feed?.stop();
    this.refitAbort?.abort();
    this.listeners.clear();
  }

  live(): Live<LearnerState> {
    return {
      subscribe: (observer) => {
        const fn = (s: LearnerState) => observer.next?.(s);
        this.listeners.add(fn);
        fn(this.state);
        return { unsubscribe: () => void this.listeners.delete(fn) };
      },
    };
  }

  get current(): LearnerState {
    return this.state;
  }

  /** A full refit; resolves when it has finished, failed or been cancelled. */
  async refit(by: 'auto' | 'person' = 'person'): Promise<void> {
    if (this.state.refit.running || this.loading) return;
    if (by === 'person') this.autoSuppressed = false;
    const abort = new AbortController();
    this.refitAbort = abort;
    this.cancelledByPerson = false;
    this.publish({ refit: { running: true, progress: 0, by, outcome: 'none' } });
    let outcome: RefitState['outcome'] = 'done';
    let error: string | undefined;
    try {
      await this.port.refit((progress) => {
        if (this.refitAbort === abort) this.publish({ refit: { ...this.state.refit, progress } });
      }, abort.signal);
    } catch (err) {
      if ((err as Error)?.name === 'CancelledError') {
        outcome = 'cancelled';
        if (this.cancelledByPerson) this.autoSuppressed = true;
      } else {
        outcome = 'failed';
        error = describe(err);
        this.autoSuppressed = true;
      }
    } finally {
      if (this.refitAbort === abort) this.refitAbort = undefined;
    }
    this.publish({ refit: { running: false, progress: outcome === 'done' ? 1 : this.state.refit.progress, by, outcome, error } });
    await this.refresh();
  }

  /**
   * A full refit on every run held once any read or refit in progress is over, then the
   * state it leaves (governance publishes it). Throws when the refit fails or is cancelled.
   */
  async refitNow(by: 'auto' | 'person'): Promise<LearnerState> {
    await this.idle();
    await this.refit(by);
    return this.afterRefit();
  }

  /**
   * The state once every run is read and no refit is under way, refitting first if the
   * estimates lag behind the evidence (never fitted, stale, drifted): what an action that
   * writes the priors somewhere should read. Throws like refitNow.
   */
  async upToDate(by: 'auto' | 'person'): Promise<LearnerState> {
    await this.idle();
    if (!this.state.snapshot?.needsRefit) return this.healthy();
    await this.refit(by);
    return this.afterRefit();
  }

  private async idle(): Promise<void> {
    // The state can move on between the wait and the caller (an automatic refit starting): wait again.
    do await this.until((s) => s.status !== 'loading' && !s.reading && !s.refit.running);
    while (this.loading || this.state.refit.running);
  }

  private afterRefit(): LearnerState {
    const { refit } = this.state;
    if (refit.outcome === 'cancelled') throw new RefitStoppedError('the refit was cancelled');
    if (refit.outcome === 'failed') throw new RefitStoppedError(`the refit failed: ${refit.error ?? 'unknown error'}`);
    return this.healthy();
  }

  private healthy(): LearnerState {
    if (this.state.status === 'error') throw new RefitStoppedError(`the learner failed: ${this.state.error ?? 'unknown error'}`);
    return this.state;
  }

  /** Resolves at the first state that satisfies `ok`; rejects if the learner fails first. */
  private until(ok: (s: LearnerState) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (s: LearnerState) => {
        const failed = s.status === 'error';
        if (!failed && !ok(s)) return;
        this.listeners.delete(check);
        if (failed) reject(new RefitStoppedError(`the learner failed: ${s.error ?? 'unknown error'}`));
        else resolve();
      };
      this.listeners.add(check);
      check(this.state);
    });
  }

  /** Failure modes over every run the learner holds (computed in the worker). */
  failureModes(): Promise<FailureModesSnapshot> {
    return this.port.failureModes();
  }

  cancelRefit(): void {
    if (!this.refitAbort) return;
    this.cancelledByPerson = true;
    this.refitAbort.abort();
  }

  private async onHandling(h: FlakyHandling): Promise<void> {
    if (this.handling === undefined) {
      this.handling = h;
      if (this.stopped) return;
      const sink: FeedSink = {
        reset: () => this.onReset(),
        runs: (batch, count, bulk) => this.onRuns(batch, count, bulk),
        loaded: () => this.onLoaded(),
      };
      this.feed = (this.options.feed ?? inProcessFeed)(sink, (err) => this.fail(err));
      return;
    }
    if (h === this.handling) return;
    this.handling = h;
    this.autoSuppressed = false;
    await this.port.setHandling(h);
    await this.refresh();
  }

  private async onReset(): Promise<void> {
    this.loading = true;
    this.refitAbort?.abort();
    await this.port.reset(this.handling ?? 'include');
    this.publish({ status: 'loading', reading: true, loadedRuns: 0 });
  }

  /** Bulk runs are only logged (no update, no snapshot per step): one refit follows the read. */
  private async onRuns(batch: RunBatch, count: number, bulk: boolean): Promise<void> {
    if (bulk && !this.state.reading) {
      this.loading = true;
      this.publish({ reading: true, loadedRuns: 0 });
    }
    await this.port.append(batch, !bulk);
    if (bulk) this.publish({ loadedRuns: this.state.loadedRuns + count });
    else await this.refresh();
  }

  private async onLoaded(): Promise<void> {
    this.loading = false;
    this.publish({ reading: false });
    await this.refresh();
  }

  /** Asks the learner for a fresh snapshot; calls during one in flight coalesce into one more. */
  private async refresh(): Promise<void> {
    if (this.loading) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        const snapshot = await this.port.snapshot();
        this.publish({ status: 'ready', snapshot, error: undefined });
        if (this.options.autoRefit !== false && snapshot.needsRefit && !this.autoSuppressed && !this.state.refit.running) {
          void this.refit('auto');
        }
      } while (this.refreshAgain);
    } catch (err) {
      this.fail(err);
    } finally {
      this.refreshing = false;
    }
  }

  private fail(err: unknown): void {
    this.publish({ status: 'error', error: describe(err) });
  }

  private publish(patch: Partial<LearnerState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }
}

/** A refit asked for by governance did not finish: it was cancelled or the learner failed. */
export class RefitStoppedError extends DomainError {
  constructor(message: string) {
    super(message, 'RefitStoppedError');
  }
}
