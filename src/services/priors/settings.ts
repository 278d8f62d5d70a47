import type { FlakyHandling } from '../../domain/learning/encode';
import { observeSetting, setSetting } from '../../store/settingsRepo';
import type { Live } from '../../store/live';

export const FLAKY_SETTING = 'learner.flakyHandling';
export const FLAKY_HANDLINGS: readonly FlakyHandling[] = ['include', 'exclude', 'downweight'];

function valid(x: unknown): FlakyHandling {
  return (FLAKY_HANDLINGS as readonly unknown[]).includes(x) ? (x as FlakyHandling) : 'include';
}

/** The flaky-run setting, live across tabs ('include' until someone chooses otherwise). */
export function flakyHandling(): Live<FlakyHandling> {
  const source = observeSetting<unknown>(FLAKY_SETTING, 'include');
  return {
    subscribe: (o) => source.subscribe({ next: (v) => o.next?.(valid(v)), error: (e) => o.error?.(e) }),
  };
}

export function setFlakyHandling(handling: FlakyHandling): Promise<void> {
  return setSetting(FLAKY_SETTING, valid(handling));
}
