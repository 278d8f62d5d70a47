import { DomainError } from '../../domain/errors';
import { realClock, type Clock } from '../governance/clock';
import type { Exchange } from './exchangeLoop';

/**
 * Starts one pairing's exchange and keeps trying until it runs. A start can fail (the devices
 * worker's script not served, IndexedDB refusing) or hang (a connection or a stored document
 * that never answers); either way the pairing would otherwise stay "Not exchanging in this tab"
 * until the page is reloaded. A failed start is tried again after a growing wait; a start that
 * has not settled in time is abandoned (its signal aborts it; should it still arrive, it is
 * stopped) and tried again. Every failure is told, with its reason, until one start succeeds.
 * An exchange that stops by itself after a good start (its worker crashed: Exchange.onFailed)
 * is told the same way, stopped, and started again.
 */
export interface StartTrouble {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  reason: string;
  /** When the next attempt begins (the clock's time). */
  retryAt: number;
  /** The exchange had started and then stopped by itself (its worker crashed). */
  afterStart?: boolean;
}

export interface KeepStarting {
  /** Stops trying; stops the exchange once it runs (`leave`: tells the other device and forgets the document). */
  stop(leave: boolean): Promise<void>;
}

export interface KeepStartingOptions {
  start(signal: AbortSignal): Promise<Exchange>;
  /** The exchange runs (once). */
  started(x: Exchange): void;
  /** An attempt failed (the next one is scheduled). */
  failed(t: StartTrouble): void;
  clock?: Clock;
}

/** Wait before attempt n + 1 after attempt n failed: 1 s, 2 s, 4 s … at most a minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** (attempt - 1));
}

/**
 * How long attempt n may take before it is abandoned: a minute, longer for each later attempt
 * (at most five), so a start that is only slow (a large stored document, a loaded machine) is
 * not abandoned over and over.
 */
export function startTimeoutMs(attempt: number): number {
  return Math.min(5 * 60_000, 60_000 * attempt);
}

/** A start abandoned because it did not settle in time. */
export class ExchangeStartTimeout extends DomainError {
  constructor(readonly ms: number) {
    super(`it did not start within ${Math.round(ms / 1000)} s`, 'ExchangeStartTimeout');
  }
}

const reasonOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

export function keepStarting(o: KeepStartingOptions): KeepStarting {
  const clock = o.clock ?? realClock;
  let stopped = false;
  let leaveOnStop = false;
  let attempt = 0;
  let retry: unknown;
  let current: AbortController | undefined;
  let exchange: Exchange | undefined;
  /** Settles once the attempt under way failed, was abandoned, or its exchange runs or was stopped. */
  let inFlight: Promise<void> = Promise.resolve();
  const tryOnce = () => {
    retry = undefined;
    if (stopped) return;
    const n = ++attempt;
    const control = new AbortController();
    current = control;
    let settled = false;
    let done!: () => void;
    inFlight = new Promise<void>((resolve) => (done = resolve));
    /** Tells the failure and tries again after the wait (and once `before` settled). */
    const again = (reason: string, afterStart: boolean, before?: Promise<void>) => {
      const wait = retryDelayMs(n);
      o.failed({ attempt: n, reason, retryAt: clock.now() + wait, ...(afterStart ? { afterStart } : {}) });
      retry = clock.setTimeout(() => (before ? void before.then(tryOnce) : tryOnce()), wait);
    };
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timeout);
      done();
      if (stopped) return;
      again(reason, false);
    };
    const limit = startTimeoutMs(n);
    const timeout = clock.setTimeout(() => {
      const e = new ExchangeStartTimeout(limit);
      control.abort(e);
      fail(e.message);
    }, limit);
    let attemptPromise: Promise<Exchange>;
    try {
      attemptPromise = o.start(control.signal);
    } catch (e) {
      attemptPromise = Promise.reject(e);
    }
    attemptPromise.then(
      async (x) => {
        if (!settled && !stopped) {
          settled = true;
          clock.clearTimeout(timeout);
          exchange = x;
          done();
          x.onFailed?.((reason) => {
            if (stopped || exchange !== x) return;
            exchange = undefined;
            // What is left of it (a document, a connection, the dead worker) is let go first.
            const letGo = x.stop(false).catch(() => undefined);
            inFlight = letGo;
            again(reason, true, letGo);
          });
          o.started(x);
          return;
        }
        // Abandoned (too late) or no longer wanted: this exchange must not run beside another.
        const wasStopped = stopped && !settled;
        await x.stop(wasStopped && leaveOnStop).catch(() => undefined);
        if (wasStopped) {
          settled = true;
          clock.clearTimeout(timeout);
          done();
        }
      },
      (e) => fail(reasonOf(e)),
    );
  };
  tryOnce();
  return {
    stop: async (leave) => {
      stopped = true;
      leaveOnStop = leave;
      if (retry !== undefined) clock.clearTimeout(retry);
      if (exchange) return exchange.stop(leave);
      // An attempt under way: aborted, and waited for until it settles or its time is up.
      current?.abort(new Error('the pairing ended'));
      await inFlight;
    },
  };
}
