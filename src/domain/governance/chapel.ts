import type { GovernedEvent } from '../ledger/logEntry';
import type { ActionKind, Hazard } from './actions';
import type { FuseState } from './slice';
import { ChapelError } from './errors';
export { ChapelError };

export type ChapelIntent = {
  readonly actionId: string;
  readonly action: ActionKind;
  readonly hazard: Hazard;
  readonly externalCost: number;
  /** What the action will do, in words, recorded before it waits. */
  readonly intent: string;
  readonly automated: boolean;
  /** The session that proposed it (its per-session automation budget counts this action). */
  readonly sessionId?: string;
  /** Its step in an automated plan (1 when proposed on its own). */
  readonly planDepth?: number;
  /** The shared proposal it carries out, when every steward consented to it. */
  readonly proposalId?: string;
};

type Base = { readonly intent: ChapelIntent; readonly enteredAt: number; readonly minPauseMs: number };

export type ChapelState =
  | (Base & { readonly phase: 'entered' })
  | (Base & { readonly phase: 'vetoed'; readonly vetoedAt: number; readonly by: string })
  | (Base & { readonly phase: 'elapsed'; readonly elapsedAt: number })
  | (Base & { readonly phase: 'veto_checked'; readonly vetoed: boolean; readonly checkedAt: number })
  | (Base & { readonly phase: 'ran'; readonly ranAt: number })
  | (Base & { readonly phase: 'aborted'; readonly abortedAt: number; readonly reason: string });

/** Each move gives the new state and the event to append to the log, so the log cannot skip a step. */
export type ChapelStep = { readonly state: ChapelState; readonly event: GovernedEvent };

/*
 * One chapel entry: entered -> (countdown) -> vetoed | elapsed -> veto_checked -> ran | aborted.
 * The only way to `ran` is through `elapsed`, which refuses to happen before minPauseMs.
 */

export function enterChapel(intent: ChapelIntent, at: number, minPauseMs: number): ChapelStep {
  const state: ChapelState = { phase: 'entered', intent, enteredAt: at, minPauseMs };
  return { state, event: { kind: 'chapel_entered', at, payload: { ...intent, minPauseMs } } };
}

/** Milliseconds left on the visible countdown (0 once the pause is over or the entry has moved on). */
export function remaining(state: ChapelState, now: number): number {
  if (state.phase !== 'entered') return 0;
  return Math.max(0, state.enteredAt + state.minPauseMs - now);
}

function requirePhase(state: ChapelState, phases: readonly ChapelState['phase'][], move: string): void {
  if (!phases.includes(state.phase)) {
    throw new ChapelError(`cannot ${move} action ${state.intent.actionId} in phase ${state.phase}`);
  }
}

/** A person (or guard) vetoes during the countdown or before the check. */
export function veto(state: ChapelState, at: number, by: string): ChapelStep {
  requirePhase(state, ['entered', 'elapsed'], 'veto');
  const { intent, enteredAt, minPauseMs } = state;
  return {
    state: { phase: 'vetoed', intent, enteredAt, minPauseMs, vetoedAt: at, by },
    event: { kind: 'veto', at, payload: { actionId: intent.actionId, by } },
  };
}

export function elapse(state: ChapelState, now: number): ChapelStep {
  requirePhase(state, ['entered'], 'end the pause of');
  const elapsedMs = now - state.enteredAt;
  if (elapsedMs < state.minPauseMs) {
    throw new ChapelError(`the pause of action ${state.intent.actionId} has ${state.minPauseMs - elapsedMs} ms left`);
  }
  const { intent, enteredAt, minPauseMs } = state;
  return {
    state: { phase: 'elapsed', intent, enteredAt, minPauseMs, elapsedAt: now },
    event: { kind: 'pause_elapsed', at: now, payload: { actionId: intent.actionId, elapsedMs } },
  };
}

/** Checks for a veto: one cast during the pause, or the fuse found tripped, both stop the action. */
export function checkVeto(state: ChapelState, at: number, fuse: FuseState): ChapelStep {
  requirePhase(state, ['elapsed', 'vetoed'], 'check the veto of');
  const vetoed = state.phase === 'vetoed' || fuse === 'tripped';
  const { intent, enteredAt, minPauseMs } = state;
  return {
    state: { phase: 'veto_checked', intent, enteredAt, minPauseMs, vetoed, checkedAt: at },
    event: { kind: 'veto_checked', at, payload: { actionId: intent.actionId, vetoed, fuse } },
  };
}

export function run(state: ChapelState, at: number): ChapelStep {
  requirePhase(state, ['veto_checked'], 'run');
  if (state.phase !== 'veto_checked' || state.vetoed) {
    throw new ChapelError(`action ${state.intent.actionId} was vetoed; it can only be aborted`);
  }
  const { intent, enteredAt, minPauseMs } = state;
  const { actionId, action, hazard, externalCost, automated, sessionId, planDepth, proposalId } = intent;
  const context = {
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(planDepth !== undefined ? { planDepth } : {}),
    ...(proposalId !== undefined ? { proposalId } : {}),
  };
  return {
    state: { phase: 'ran', intent, enteredAt, minPauseMs, ranAt: at },
    event: {
      kind: 'action_applied',
      at,
      payload: { actionId, action, hazard, externalCost, automated, viaChapel: true, ...context },
    },
  };
}

export function abort(state: ChapelState, at: number, reason: string): ChapelStep {
  requirePhase(state, ['entered', 'vetoed', 'elapsed', 'veto_checked'], 'abort');
  const { intent, enteredAt, minPauseMs } = state;
  return {
    state: { phase: 'aborted', intent, enteredAt, minPauseMs, abortedAt: at, reason },
    event: { kind: 'chapel_aborted', at, payload: { actionId: intent.actionId, reason } },
  };
}
