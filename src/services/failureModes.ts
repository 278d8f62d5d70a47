import type { FailureMode, NudgeContext } from '../domain/evidence/signature';
import type { FailureModesSnapshot } from '../learner/port';
import { observeNudges } from '../store/runsRepo';
import type { Live } from '../store/live';
import { priorsSession } from './priors';
import type { PriorsSession } from './priors/session';

export type { FailureMode, NudgeContext } from '../domain/evidence/signature';

export interface NudgeModes {
  key: string;
  label: string;
  contexts: NudgeContext[];
}

export interface FailureModesView {
  status: 'loading' | 'ready' | 'error';
  runs: number;
  runsWithMessages: number;
  totalModes: number;
  modes: FailureMode[];
  byNudge: NudgeModes[];
  error?: string;
}

const LOADING: FailureModesView = { status: 'loading', runs: 0, runsWithMessages: 0, totalModes: 0, modes: [], byNudge: [] };

/**
 * Failure modes (error signatures ranked by the runs that show them) and, per nudge, the
 * modes over-represented with it (lift), over every run, flaky or not. Computed in the learner
 * worker from the messages it already holds; recomputed when the evidence changes.
 */
export function failureModesView(session: PriorsSession = priorsSession()): Live<FailureModesView> {
  return {
    subscribe(observer) {
      let labels = new Map<string, string>();
      let latest: FailureModesSnapshot | undefined;
      let error: string | undefined;
      let asked: unknown;
      let generation = 0;
      const push = () => {
        if (error) return observer.next?.({ ...LOADING, status: 'error', error });
        if (!latest) return observer.next?.(LOADING);
        const byNudge = latest.contexts.map((c) => ({ key: c.nudge, label: labels.get(c.nudge) ?? c.nudge, contexts: c.contexts }));
        observer.next?.({ status: 'ready', runs: latest.runs, runsWithMessages: latest.runsWithMessages, totalModes: latest.totalModes, modes: latest.modes, byNudge });
      };
      const a = observeNudges().subscribe({ next: (rows) => ((labels = new Map(rows.map((r) => [r.key, r.label]))), push()) });
      const b = session.live().subscribe({
        next: (s) => {
          if (s.status === 'error') {
            error = s.error;
            return push();
          }
          error = undefined;
          // A new snapshot means new evidence (the worker caches modes until its runs change).
          if (s.status !== 'ready' || !s.snapshot || s.snapshot === asked) return;
          asked = s.snapshot;
          const mine = ++generation;
          session.failureModes().then(
            (m) => {
              if (mine !== generation) return;
              latest = m;
              push();
            },
            (e: unknown) => {
              if (mine !== generation) return;
              error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
              push();
            },
          );
        },
      });
      push();
      return {
        unsubscribe() {
          generation = -1;
          a.unsubscribe();
          b.unsubscribe();
        },
      };
    },
  };
}
