import { encodeRuns } from '../domain/learning/encode';
import { observeAllRuns, observeNudges } from '../store/runsRepo';
import type { Live } from '../store/live';
import { Comlink, learner } from '../learner/client';

export interface RawPriorRow {
  key: string;
  label: string;
  withPasses: number;
  withN: number;
  withoutPasses: number;
  withoutN: number;
  meanWith: number;
  meanWithout: number;
  effect: number;
  pBeneficial: number;
}

export interface RawPriorsView {
  status: 'loading' | 'ready' | 'error';
  runs: number;
  estimates: RawPriorRow[];
  error?: string;
}

/**
 * The raw per-nudge estimates, recomputed in the learner worker whenever runs change in any
 * tab. Runs cross to the worker as transferred typed arrays.
 */
export function rawPriors(): Live<RawPriorsView> {
  return {
    subscribe(observer) {
      let labels = new Map<string, string>();
      let generation = 0;
      const nudgeSub = observeNudges().subscribe({
        next: (rows) => (labels = new Map(rows.map((r) => [r.key, r.label]))),
      });
      const runSub = observeAllRuns().subscribe({
        error: (e) => observer.error?.(e),
        next: (runs) => {
          const mine = ++generation;
          const { encoded, transfer } = encodeRuns(runs);
          learner()
            .rawEstimates(Comlink.transfer(encoded, transfer))
            .then((estimates) => {
              if (mine !== generation) return; // a newer set of runs is on its way
              const rows: RawPriorRow[] = estimates.map((e) => ({
                key: e.nudge,
                label: labels.get(e.nudge) ?? e.nudge,
                withPasses: e.with.passes,
                withN: e.with.runs,
                withoutPasses: e.without.passes,
                withoutN: e.without.runs,
                meanWith: e.with.mean,
                meanWithout: e.without.mean,
                effect: e.effect,
                pBeneficial: e.pBeneficial,
              }));
              rows.sort((a, b) => b.pBeneficial - a.pBeneficial || a.key.localeCompare(b.key));
              observer.next?.({ status: 'ready', runs: runs.length, estimates: rows });
            })
            .catch((err: unknown) => {
              observer.next?.({ status: 'error', runs: runs.length, estimates: [], error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
            });
        },
      });
      return {
        unsubscribe() {
          generation = -1;
          runSub.unsubscribe();
          nudgeSub.unsubscribe();
        },
      };
    },
  };
}
