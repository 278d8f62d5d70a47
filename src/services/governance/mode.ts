import { MODES, canTransition, directionsFrom, reasonFor, transition, type Mode } from '../../domain/agentese/modes';

export type { Mode };
export { MODES };

/**
 * The seed's mode machine (IDLE, COMPILING, LEARNING, BETTING, PROJECTING) as this page's
 * state: services move it when work starts and ends; the HUD shows it with the open directions.
 */
let current: Mode = 'IDLE';
let lastReason = 'the app started';
const listeners = new Set<() => void>();

export interface ModeView {
  mode: Mode;
  directions: readonly Mode[];
  reason: string;
}

export function modeView(): ModeView {
  return { mode: current, directions: directionsFrom(current), reason: lastReason };
}

/** Moves the machine; throws ModeTransitionError for a move it does not allow. */
export function moveTo(to: Mode): void {
  const from = current;
  current = transition(from, to);
  lastReason = reasonFor(from, to);
  for (const l of listeners) l();
}

/**
 * Runs `work` in `mode` when the machine can go there now, then returns to where it was
 * (or to IDLE when that way is closed); work that cannot enter the mode still runs.
 */
export async function inMode<T>(mode: Mode, work: () => Promise<T>): Promise<T> {
  const from = current;
  if (!canTransition(from, mode)) return work();
  moveTo(mode);
  try {
    return await work();
  } finally {
    moveTo(canTransition(mode, from) ? from : 'IDLE');
  }
}

export function onModeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
