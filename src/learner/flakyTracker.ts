import { flakyGroupKey } from '../domain/evidence/flaky';
import type { Run } from '../domain/evidence/run';

interface Group {
  passed: boolean;
  failed: boolean;
  /** Indices of the group's runs while it is clean; dropped once it turns flaky (never needed again). */
  members: number[];
}

/**
 * findFlaky (domain/evidence/flaky) one run at a time: the same groups (flakyGroupKey), kept
 * as runs arrive, so recording one run does not regroup the whole history. Runs are named by
 * their index in arrival order, which is how the learner worker names them too.
 */
export class FlakyTracker {
  private groups = new Map<string, Group>();
  /** Runs in flaky groups, and the number of such groups. */
  runs = 0;
  groupCount = 0;

  /** Adds run `index`; says whether it is flaky and which earlier runs just became flaky. */
  add(run: Pick<Run, 'specHash' | 'nudges' | 'passed'>, index: number): { flaky: boolean; became: number[] } {
    const key = flakyGroupKey(run);
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { passed: false, failed: false, members: [] }));
    const wasFlaky = g.passed && g.failed;
    if (run.passed) g.passed = true;
    else g.failed = true;
    if (wasFlaky) {
      this.runs++;
      return { flaky: true, became: [] };
    }
    if (!(g.passed && g.failed)) {
      g.members.push(index);
      return { flaky: false, became: [] };
    }
    const became = g.members;
    g.members = [];
    this.runs += became.length + 1;
    this.groupCount++;
    return { flaky: true, became };
  }
}
