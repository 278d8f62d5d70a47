import { db } from './db';
import { live, type Live } from './live';
import type { RunRow } from './rows';

/** Reads behind a spec's tokens: the run an `[Evidence: id]` names, a spec's runs for its pass rate. */
export function getRun(id: string): Promise<RunRow | undefined> {
  return db().runs.get(id);
}

export function observeRun(id: string): Live<RunRow | undefined> {
  return live(() => db().runs.get(id));
}

/** Outcomes of every run recorded against a spec, re-read when any tab records one. */
export function observeSpecOutcomes(specId: string): Live<{ passes: number; n: number }> {
  return live(async () => {
    let passes = 0;
    let n = 0;
    await db()
      .runs.where('specId')
      .equals(specId)
      .each((r) => {
        n++;
        if (r.passed) passes++;
      });
    return { passes, n };
  });
}
