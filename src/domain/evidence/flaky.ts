import { normaliseNudge, type Run } from './run';

/**
 * Flakiness: the same spec text under the same nudges both passed and failed, so the outcome
 * is not a function of what the learner can see. Those runs carry less information about the
 * nudges (the learner may exclude or down-weight them; see learning/encode).
 */

/** Separators that cannot occur in a normalised key (which has no control characters left). */
const KEY_SEP = '\u001f';
const SPEC_SEP = '\u001e';

/** The condition a run was made under: spec hash plus its sorted, normalised nudge set. */
export function flakyGroupKey(run: Pick<Run, 'specHash' | 'nudges'>): string {
  const nudges = [...new Set(run.nudges.map(normaliseNudge))].filter(Boolean).sort();
  return run.specHash + SPEC_SEP + nudges.join(KEY_SEP);
}

export interface FlakyReport {
  /** Group keys (see flakyGroupKey) whose runs both passed and failed, sorted. */
  groups: string[];
  /** Ids of every run in those groups. */
  runIds: Set<string>;
}

export function findFlaky(runs: readonly Run[]): FlakyReport {
  const outcomes = new Map<string, { passed: boolean; failed: boolean; ids: string[] }>();
  for (const run of runs) {
    const key = flakyGroupKey(run);
    let g = outcomes.get(key);
    if (!g) outcomes.set(key, (g = { passed: false, failed: false, ids: [] }));
    if (run.passed) g.passed = true;
    else g.failed = true;
    g.ids.push(run.id);
  }
  const groups: string[] = [];
  const runIds = new Set<string>();
  for (const [key, g] of outcomes) {
    if (!(g.passed && g.failed)) continue;
    groups.push(key);
    for (const id of g.ids) runIds.add(id);
  }
  groups.sort();
  return { groups, runIds };
}
