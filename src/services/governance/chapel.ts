import {
  ChapelError, abort, checkVeto, elapse, enterChapel, remaining, run, veto,
  type ChapelIntent, type ChapelState,
} from '../../domain/governance/chapel';
import type { GovernedEvent } from '../../domain/ledger/logEntry';
import { appendGoverned, withGovernedLog } from '../../store/logRepo';
import { insertScar } from '../../store/scarsRepo';
import { newScar } from '../scars';
import { realClock, type Clock } from './clock';
import { governanceSnapshot } from './snapshot';

/**
 * The chapel at run time: the domain's state machine (entered -> pause -> veto check -> run
 * or abort) driven by a clock, with every step appended to the log as it happens. The
 * countdown lives in this page; if the page closes mid-pause the action simply never runs.
 */

export type ChapelOutcome = { readonly ran: true } | { readonly ran: false; readonly reason: string };

/**
 * Runs the action once the pause ended without a veto. It must append `applied` (the
 * domain's action_applied event) in the same transaction as the change it makes.
 */
export type ChapelWork = (applied: GovernedEvent) => Promise<void>;

export interface ChapelView {
  readonly intent: ChapelIntent;
  readonly enteredAt: number;
  readonly minPauseMs: number;
  /** True once the pause is over and the veto check has started: a veto comes too late. */
  readonly closing: boolean;
}

interface Open {
  state: ChapelState;
  work: ChapelWork;
  timer?: unknown;
  closing: boolean;
  done: (outcome: ChapelOutcome) => void;
}

export const VETO_SEVERITY = 0.3;

export class ChapelRuntime {
  private readonly open = new Map<string, Open>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly clock: Clock = realClock) {}

  now(): number {
    return this.clock.now();
  }

  /** The actions waiting in the chapel, oldest first. */
  views(): ChapelView[] {
    return [...this.open.values()].map((o) => ({
      intent: o.state.intent,
      enteredAt: o.state.enteredAt,
      minPauseMs: o.state.minPauseMs,
      closing: o.closing,
    }));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records the intent, starts the countdown; resolves when the action ran or was stopped. */
  async enter(intent: ChapelIntent, minPauseMs: number, work: ChapelWork): Promise<ChapelOutcome> {
    if (this.open.has(intent.actionId)) throw new ChapelError(`action ${intent.actionId} is already in the chapel`);
    const step = enterChapel(intent, this.clock.now(), minPauseMs);
    await appendGoverned(step.event);
    return new Promise<ChapelOutcome>((done) => {
      const entry: Open = { state: step.state, work, closing: false, done };
      this.open.set(intent.actionId, entry);
      this.schedule(intent.actionId, entry);
      this.notify();
    });
  }

  /** A person's veto during the countdown: logged, the fuse trips, the action is aborted and a scar left. */
  async veto(actionId: string, by: string): Promise<void> {
    const entry = this.open.get(actionId);
    if (!entry) throw new ChapelError(`action ${actionId} is not in the chapel`);
    if (entry.closing) throw new ChapelError(`the pause of action ${actionId} is over: too late to veto`);
    entry.closing = true;
    this.clock.clearTimeout(entry.timer);
    this.notify();
    const at = this.clock.now();
    const vetoed = veto(entry.state, at, by);
    // The veto itself trips the fuse (DOMAIN.md section 4), so the check records it tripped.
    const checked = checkVeto(vetoed.state, at, 'tripped');
    const reason = `vetoed by ${by}`;
    const aborted = abort(checked.state, at, reason);
    const { intent } = entry.state;
    const scar = newScar({
      locus: { kind: 'governance', ref: 'veto fuse' },
      trigger: 'veto_tripped',
      severity: VETO_SEVERITY,
      description: `${by} vetoed ${intent.action}: ${intent.intent}`,
      at,
    });
    try {
      await withGovernedLog(['scars'], async (log) => {
        log.append(vetoed.event);
        log.append(checked.event);
        log.append(aborted.event);
        await insertScar(scar, log);
      });
    } finally {
      this.finish(actionId, { ran: false, reason });
    }
  }

  private schedule(actionId: string, entry: Open): void {
    const wait = remaining(entry.state, this.clock.now());
    entry.timer = this.clock.setTimeout(() => void this.pauseOver(actionId), wait);
  }

  private async pauseOver(actionId: string): Promise<void> {
    const entry = this.open.get(actionId);
    if (!entry || entry.closing) return;
    if (remaining(entry.state, this.clock.now()) > 0) return this.schedule(actionId, entry);
    entry.closing = true;
    this.notify();
    try {
      const elapsed = elapse(entry.state, this.clock.now());
      await appendGoverned(elapsed.event);
      const { status } = await governanceSnapshot(this.clock.now());
      const checked = checkVeto(elapsed.state, this.clock.now(), status.fuse);
      await appendGoverned(checked.event);
      if (checked.state.phase === 'veto_checked' && checked.state.vetoed) {
        const reason = 'the veto fuse is tripped';
        await appendGoverned(abort(checked.state, this.clock.now(), reason).event);
        return this.finish(actionId, { ran: false, reason });
      }
      const ran = run(checked.state, this.clock.now());
      try {
        await entry.work(ran.event);
      } catch (err) {
        const reason = `the action failed: ${err instanceof Error ? err.message : String(err)}`;
        await appendGoverned(abort(checked.state, this.clock.now(), reason).event);
        return this.finish(actionId, { ran: false, reason });
      }
      this.finish(actionId, { ran: true });
    } catch (err) {
      this.finish(actionId, { ran: false, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  private finish(actionId: string, outcome: ChapelOutcome): void {
    const entry = this.open.get(actionId);
    if (!entry) return;
    this.open.delete(actionId);
    this.notify();
    entry.done(outcome);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

let shared: ChapelRuntime | undefined;

/** This page's chapel. */
export function chapel(): ChapelRuntime {
  shared ??= new ChapelRuntime();
  return shared;
}

/** For tests: a chapel on a fake clock. */
export function useChapel(runtime: ChapelRuntime): ChapelRuntime {
  shared = runtime;
  return runtime;
}
