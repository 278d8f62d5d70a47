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

/** Ids of the runs at or after a time (the learner's fast path: new runs are usually the latest). */
export function runIdsFrom(at: number): Promise<string[]> {
  return db().runs.where('at').aboveOrEqual(at).primaryKeys();
}

/** Every run id (keys only: far cheaper than the runs), to find what changed when `at` cannot say. */
export function allRunIds(): Promise<string[]> {
  return db().runs.toCollection().primaryKeys();
}

export async function runsByIds(ids: readonly string[]): Promise<RunRow[]> {
  const rows = await db().runs.bulkGet([...ids]);
  return rows.filter((r): r is RunRow => r !== undefined);
}

/** Runs in id order, `limit` at a time after `afterId` (up to `through` when given): a long read in short steps. */
export function runsPage(afterId: string | undefined, limit: number, through?: string): Promise<RunRow[]> {
  const runs = db().runs;
  const range =
    through !== undefined
      ? afterId === undefined
        ? runs.where(':id').belowOrEqual(through)
        : runs.where(':id').between(afterId, through, false, true)
      : afterId === undefined
        ? runs.orderBy(':id')
        : runs.where(':id').above(afterId);
  return range.limit(limit).toArray();
}

/** The latest runs that applied a nudge (multi-entry index on nudges), newest first. */
export function observeRunsWithNudge(key: string, limit = 500): Live<RunRow[]> {
  // A cursor newest-first that stops at `limit` matches: reading every run of a common nudge
  // (tens of thousands) just to show the latest few hundred would stall the page.
  return live(() =>
    db()
      .runs.orderBy('at')
      .reverse()
      .filter((r) => r.nudges.includes(key))
      .limit(limit)
      .toArray(),
  );
}

export function observeRunsWithNudgeCount(key: string): Live<number> {
  return live(() => db().runs.where('nudges').equals(key).count());
}

/**
 * The runs table as the learner's feed reads it (src/learner/feed.ts RunSource): in the
 * browser this is called inside a worker, so the runs it reads never reach the page.
 */
export function runSource() {
  return {
    observeCount: observeRunCount,
    idsFrom: runIdsFrom,
    allIds: allRunIds,
    byIds: runsByIds,
    page: runsPage,
  };
}
