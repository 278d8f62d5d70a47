import { db } from './db';
import { ImportCancelledError } from '../domain/evidence/import/errors';
import { totals, type FileImportSummary, type ImportSummary } from '../domain/evidence/import/summary';
import type { ImportProgress, ParsedFile } from '../domain/evidence/import/types';
import type { Nudge, Run } from '../domain/evidence/run';
import type { NudgeRow } from './rows';

/** Runs per bulk write: the unit of progress reports and of noticing Cancel. */
export const WRITE_BATCH = 5000;
/**
 * Batches queued at once: enough that IndexedDB never waits for the next one (awaiting each
 * batch before issuing the next cost ~40% in Chromium), few enough that issuing them (which
 * clones every row synchronously) never keeps a Cancel message waiting for long.
 */
const IN_FLIGHT = 3;

export interface WriteHooks {
  onProgress?(p: ImportProgress): void;
  /**
   * Polled as batches complete. Synchronous on purpose: awaiting anything but IndexedDB inside
   * the transaction would let it commit early. A cancel message still lands, because the
   * event loop runs other tasks while the batches' requests are in flight.
   */
  isCancelled?(): boolean;
}

/** Keeps the first run of each id not already stored; counts the rest per file as duplicates. */
function freshRuns(files: readonly ParsedFile[], stored: Set<string>): { runs: Run[]; summaries: FileImportSummary[] } {
  const seen = new Set(stored);
  const runs: Run[] = [];
  const summaries = files.map((f) => {
    const s: FileImportSummary = { name: f.name, format: f.format, added: 0, duplicates: f.duplicates, skippedTests: f.skippedTests };
    for (const r of f.runs) {
      if (seen.has(r.id)) s.duplicates++;
      else {
        seen.add(r.id);
        runs.push(r);
        s.added++;
      }
    }
    return s;
  });
  return { runs, summaries };
}

/**
 * Writes parsed evidence files in ONE transaction: every new run of every file lands, or none
 * does (a Cancel or any failure aborts it). Ids already stored, or met earlier in this import,
 * are skipped and counted. Nudge labels already stored are kept (a person may have edited them).
 *
 * Speed: the duplicate check is one key-range scan over the primary key (not a get per id),
 * and a few batches are always queued, so IndexedDB never idles between them. Throwing on
 * Cancel aborts the transaction, requests in flight included.
 */
export async function writeParsedFiles(files: readonly ParsedFile[], now: number, hooks: WriteHooks = {}): Promise<ImportSummary> {
  const d = db();
  const labels = new Map<string, Nudge>();
  for (const f of files) for (const n of f.nudges) if (!labels.has(n.key)) labels.set(n.key, n);
  const summaries = await d.transaction('rw', d.runs, d.nudges, async () => {
    const ids = files.flatMap((f) => f.runs.map((r) => r.id));
    const stored = new Set((await d.runs.where('id').anyOf(ids).primaryKeys()) as string[]);
    const { runs, summaries } = freshRuns(files, stored);
    const known = await d.nudges.bulkGet([...labels.keys()]);
    const newNudges: NudgeRow[] = [...labels.values()].filter((_, i) => known[i] === undefined).map((n) => ({ ...n, createdAt: now }));
    hooks.onProgress?.({ phase: 'writing', done: 0, total: runs.length });
    await d.nudges.bulkAdd(newNudges);
    const inFlight: Promise<unknown>[] = [];
    let next = 0;
    const issue = () => {
      const write = d.runs.bulkAdd(runs.slice(next, next + WRITE_BATCH));
      write.catch(() => undefined); // a Cancel aborts the transaction and rejects it: handled below
      inFlight.push(write);
      next += WRITE_BATCH;
    };
    while (next < runs.length && inFlight.length < IN_FLIGHT) issue();
    let written = 0;
    while (inFlight.length) {
      await inFlight.shift();
      if (hooks.isCancelled?.()) throw new ImportCancelledError();
      written = Math.min(runs.length, written + WRITE_BATCH);
      hooks.onProgress?.({ phase: 'writing', done: written, total: runs.length });
      if (next < runs.length) issue();
    }
    if (hooks.isCancelled?.()) throw new ImportCancelledError();
    return summaries;
  });
  return totals(summaries);
}
