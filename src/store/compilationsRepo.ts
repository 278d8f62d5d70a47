import type { Table } from 'dexie';
import type { CandidateRecord, Compilation } from '../domain/compile/compilation';
import { db } from './db';
import { live, type Live } from './live';
import type { RunRow } from './rows';
import { addRuns, type NewNudge } from './runsRepo';

/**
 * The history of compilations (schema v1: 'id, specId, at'). A compilation row is written when
 * it starts and grows one candidate at a time; each candidate lands in the same transaction as
 * its run, so history and evidence never disagree.
 */
const compilations = () => db().compilations as unknown as Table<Compilation, string>;

export async function putCompilation(c: Compilation): Promise<void> {
  await compilations().put(c);
}

export function getCompilation(id: string): Promise<Compilation | undefined> {
  return compilations().get(id);
}

export type CompilationCounts = Pick<Compilation, 'generated' | 'verified' | 'passed' | 'tokens' | 'generationErrors'>;

/** The candidate, its run (and any new nudges) and the new counts, atomically. */
export async function recordCandidate(
  compilationId: string,
  candidate: CandidateRecord,
  run: RunRow,
  nudges: NewNudge[],
  counts: CompilationCounts,
  now: number,
): Promise<void> {
  const d = db();
  await d.transaction('rw', d.compilations, d.runs, d.nudges, async () => {
    const row = await compilations().get(compilationId);
    if (!row) throw new Error(`compilation ${compilationId} is not stored`);
    await addRuns([run], nudges, now);
    await compilations().put({ ...row, ...counts, candidates: [...row.candidates, candidate] });
  });
}

export async function updateCompilation(id: string, patch: Partial<Compilation>): Promise<void> {
  await compilations().update(id, patch);
}

/** Every compilation, oldest first (one spec's when specId is given). */
export function observeCompilations(specId?: string): Live<Compilation[]> {
  return live(() => (specId ? compilations().where('specId').equals(specId).sortBy('at') : compilations().orderBy('at').toArray()));
}
