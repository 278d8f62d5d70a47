/**
 * The seed's mode machine: what the metacompiler is doing right now.
 *
 *   IDLE        waiting; may start anything
 *   COMPILING   running the compile loop (attempts against a spec)
 *   LEARNING    evidence arrived; the learner refits priors
 *   BETTING     a person is placing or resolving a bet
 *   PROJECTING  forecasting from bets and priors (schedule, calibration outlook)
 *
 * Directions follow the feedback loops: a compile produces evidence (COMPILING -> LEARNING);
 * what was learned informs a forecast or a bet (LEARNING -> PROJECTING | BETTING); a bet and
 * a forecast inform each other (BETTING <-> PROJECTING); every mode may return to IDLE.
 * Compiling is started only from IDLE, so an attempt never starts mid-bet or mid-refit.
 * Staying in the current mode is not a move: transition(m, m) returns m unchanged.
 */
import { ModeTransitionError } from './errors';
export { ModeTransitionError };

export const MODES = ['IDLE', 'COMPILING', 'LEARNING', 'BETTING', 'PROJECTING'] as const;
export type Mode = (typeof MODES)[number];

const DIRECTIONS: Readonly<Record<Mode, readonly Mode[]>> = {
  IDLE: ['COMPILING', 'LEARNING', 'BETTING', 'PROJECTING'],
  COMPILING: ['LEARNING', 'IDLE'],
  LEARNING: ['PROJECTING', 'BETTING', 'IDLE'],
  BETTING: ['PROJECTING', 'IDLE'],
  PROJECTING: ['BETTING', 'IDLE'],
};

/** Why each move happens, for the HUD's tooltip and the log. */
const REASONS: Partial<Record<`${Mode}->${Mode}`, string>> = {
  'IDLE->COMPILING': 'a compile loop starts',
  'IDLE->LEARNING': 'evidence was recorded or imported',
  'IDLE->BETTING': 'a bet is being placed or resolved',
  'IDLE->PROJECTING': 'a forecast was asked for',
  'COMPILING->LEARNING': 'evidence arrives from the attempt',
  'LEARNING->PROJECTING': 'new priors change the forecast',
  'LEARNING->BETTING': 'new priors inform an estimate',
  'BETTING->PROJECTING': 'the bet joins the forecast',
  'PROJECTING->BETTING': 'the forecast prompts a bet',
};

export function isMode(x: unknown): x is Mode {
  return typeof x === 'string' && (MODES as readonly string[]).includes(x);
}

/** The modes reachable in one move from `mode`. */
export function directionsFrom(mode: Mode): readonly Mode[] {
  return DIRECTIONS[mode];
}

export function canTransition(from: Mode, to: Mode): boolean {
  return from === to || DIRECTIONS[from].includes(to);
}

/** The next mode; throws ModeTransitionError for a move the machine does not allow. */
export function transition(from: Mode, to: Mode): Mode {
  // Modes may come from storage or the worker, where the type system cannot vouch for them.
  if (!isMode(from)) throw new ModeTransitionError(String(from), String(to), []);
  if (!isMode(to) || !canTransition(from, to)) throw new ModeTransitionError(from, String(to), DIRECTIONS[from]);
  return to;
}

export function reasonFor(from: Mode, to: Mode): string {
  if (to === 'IDLE' && from !== 'IDLE') return 'the work is done or was stopped';
  return REASONS[`${from}->${to}`] ?? (from === to ? 'no change' : 'not a move the machine allows');
}
