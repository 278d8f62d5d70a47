import { db } from './db';
import { live, type Live } from './live';
import type { NudgeRow, RunRow } from './rows';

export interface NewNudge {
  key: string;
  label: string;
}

/**
 * Writes runs and any nudges they introduce in one transaction: either all of it lands or
 * none of it. Existing nudge labels are never overwritten (a person may have edited them).
 * Runs whose id already exists are skipped and counted, never changed.
 */
export async function addRuns(
  runs: RunRow[],
  nudges: NewNudge[],
  now: number,
): Promise<{ added: number; duplicates: number }> {
  const d = db();
  return d.transaction('rw', d.runs, d.nudges, async () => {
    const existing = await d.runs.bulkGet(runs.map((r) => r.id));
    const fresh = runs.filter((_, i) => existing[i] === undefined);
    const known = await d.nudges.bulkGet(nudges.map((n) => n.key));
    const newNudges: NudgeRow[] = nudges
      .filter((_, i) => known[i] === undefined)
      .map((n) => ({ key: n.key, label: n.label, createdAt: now }));
    await d.nudges.bulkAdd(newNudges);
    await d.runs.bulkAdd(fresh);
    return { added: fresh.length, duplicates: runs.length - fresh.length };
  });
}

export function observeRuns(limit = 500): Live<RunRow[]> {
  return live(() => db().runs.orderBy('at').reverse().limit(limit).toArray());
}

export function observeRunCount(): Live<number> {
  return live(() => db().runs.count());
}

export function allRuns(): Promise<RunRow[]> {
  return db().runs.orderBy('at').toArray();
}

export function observeAllRuns(): Live<RunRow[]> {
  return live(() => db().runs.orderBy('at').toArray());
}

export function observeNudges(): Live<NudgeRow[]> {
  return live(() => db().nudges.orderBy('key').toArray());
}
