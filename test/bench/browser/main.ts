import { priorsSession } from '../../../src/services/priors';
import { addRuns } from '../../../src/store/runsRepo';
import { importFile, jsonlFile, makeRuns, rawPuts } from './importBench';
import { LongTasks } from './longtasks';
import { refitBench } from './refitBench';

/**
 * `npm run bench` opens this page in Chromium (test/bench/run.mjs) and reads
 * window.__benchResult. Every timing is reported as a ratio to a baseline measured here, in
 * the same page and run; nothing fails on a timing.
 */
declare global {
  interface Window {
    __benchResult?: unknown;
    __benchError?: string;
    /** The import's file, for run.mjs to import the same runs through the app's Evidence page. */
    __benchImportFile?: () => Promise<string>;
  }
}

const params = new URLSearchParams(location.search);
const IMPORT_RUNS = Number(params.get('importRuns') ?? 100_000);
const REFIT_RUNS = Number(params.get('refitRuns') ?? 1_000_000);
const NUDGES = Number(params.get('nudges') ?? 1000);
const PER_RUN = Number(params.get('perRun') ?? 20);
/** Runs recorded (as of now) before the import, so the learner already holds evidence, as in use. */
const SEED_RUNS = Number(params.get('seedRuns') ?? 1000);

const out = document.getElementById('log')!;
function log(s: string): void {
  out.textContent += s + '\n';
  console.log(`[bench] ${s}`);
}

/** Resolves once the page's learner has taken every run and its model is current and idle. */
function learnerSettled(runs: number): Promise<void> {
  const session = priorsSession();
  return new Promise((resolve) => {
    const sub = session.live().subscribe({
      next: (s) => {
        const snap = s.snapshot;
        if (s.status === 'ready' && snap?.runs === runs && snap.fit.status === 'current' && !snap.needsRefit && !s.refit.running) {
          queueMicrotask(() => sub.unsubscribe());
          resolve();
        }
      },
    });
  });
}

async function main(): Promise<void> {
  const tasks = new LongTasks();
  log(`long tasks observable: ${tasks.supported}`);
  // The app's live learner runs on this page too, so the import is measured with its reaction.
  if (params.get('noLearner') === null) priorsSession();
  if (SEED_RUNS > 0) {
    // Evidence of today, which the imported (older) runs then join: the learner finds them
    // through its "every id" path, as it does in a person's app.
    const now = Date.now();
    const seed = makeRuns(SEED_RUNS, 3).map((r, i) => ({ ...r, id: `seed-${i}`, at: now - i * 1000 }));
    await addRuns(seed, [], now);
    if (params.get('noLearner') === null) await learnerSettled(SEED_RUNS);
    log(`${SEED_RUNS.toLocaleString('en')} runs recorded before the import`);
  }
  // The runs exist only until they are written and filed: the catch-up is measured without
  // 100k objects of the benchmark's own in the page's heap.
  let runs = makeRuns(IMPORT_RUNS, 7);
  log(`raw IndexedDB: ${IMPORT_RUNS.toLocaleString('en')} puts in one transaction…`);
  const rawMs = await rawPuts(runs);
  log(`  ${rawMs.toFixed(0)} ms`);
  const file = jsonlFile(runs);
  runs = [];
  log('import through the import worker…');
  // Making the file is the benchmark's own work: let its task end before the clock starts, or
  // the Long Tasks API counts it (it overlaps t0) as a task of the import.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const t0 = performance.now();
  const imported = await importFile(file);
  const t1 = performance.now();
  log(`  ${imported.ms.toFixed(0)} ms (${imported.added} added; all parsed after ${imported.writingAtMs.toFixed(0)} ms); the page's learner catches up…`);
  if (params.get('noLearner') === null) await learnerSettled(SEED_RUNS + imported.added);
  const t2 = performance.now();
  log(`  learner settled after ${(t2 - t1).toFixed(0)} ms`);
  const refit = await refitBench(REFIT_RUNS, NUDGES, 1000, PER_RUN, log);
  window.__benchResult = {
    import: {
      runs: IMPORT_RUNS,
      rawMs,
      importMs: imported.ms,
      writingAtMs: imported.writingAtMs,
      rawRowsPerSec: IMPORT_RUNS / (rawMs / 1000),
      importRowsPerSec: IMPORT_RUNS / (imported.ms / 1000),
      ratio: rawMs / imported.ms,
      learnerCatchUpMs: t2 - t1,
      longestTaskImportMs: tasks.longest(t0, t1),
      longestTaskLearnerMs: tasks.longest(t1, t2),
    },
    refit: {
      ...refit,
      ratio: refit.fitMs / refit.countMs,
      warmRatio: refit.warmFitMs / refit.countMs,
      wallRatio: refit.wallMs / refit.countMs,
      longestTaskMs: tasks.longest(refit.window[0], refit.window[1]),
    },
    longTasksSupported: tasks.supported,
  };
  window.__benchImportFile = () => jsonlFile(makeRuns(IMPORT_RUNS, 7)).text();
  log('done');
}

main().catch((err: unknown) => {
  window.__benchError = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err);
  log(`failed: ${window.__benchError}`);
});
