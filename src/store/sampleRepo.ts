/**
 * The sample workspace's rows: which ones are sample data (kept in settings when it is added),
 * and their removal. Removal deletes every sample row in one governed transaction, whose log
 * entry records it; the log itself is append-only, so its record of the sample (the bets placed
 * and resolved, the scar, and the two sample_data entries) stays.
 */
import { db } from './db';
import { live, type Live } from './live';
import { withGovernedLog } from './logRepo';

export const SAMPLE_KEY = 'sampleData';
export const WELCOME_KEY = 'welcomeDismissed';

/** The ids of everything the sample added, so removal takes exactly those rows. */
export interface SampleIds {
  at: number;
  specIds: string[];
  runIds: string[];
  nudgeKeys: string[];
  betIds: string[];
  scarIds: string[];
}

/** Records that the sample was added (and what it holds): a setting and its log entry. */
export async function recordSampleAdded(ids: SampleIds): Promise<void> {
  await withGovernedLog(['settings'], async (log) => {
    await db().settings.put({ key: SAMPLE_KEY, value: ids });
    log.append({ kind: 'sample_data', at: ids.at, payload: { action: 'added', ...counts(ids) } });
  });
}

function counts(ids: SampleIds) {
  return { specs: ids.specIds.length, runs: ids.runIds.length, nudges: ids.nudgeKeys.length, bets: ids.betIds.length, scars: ids.scarIds.length };
}

/** Every sample row gone in one transaction with its log entry; nudges a person's own runs use stay. */
export async function removeSampleRows(ids: SampleIds, at: number): Promise<void> {
  const d = db();
  await withGovernedLog(['settings', 'specs', 'runs', 'nudges', 'bets', 'betEvents', 'timers', 'scars', 'restorations', 'checkpoints', 'compilations'], async (log) => {
    await d.runs.bulkDelete(ids.runIds);
    const stillUsed = await Promise.all(ids.nudgeKeys.map((k) => d.runs.where('nudges').equals(k).count()));
    await d.nudges.bulkDelete(ids.nudgeKeys.filter((_, i) => stillUsed[i] === 0));
    await d.bets.bulkDelete(ids.betIds);
    await d.betEvents.where('betId').anyOf(ids.betIds).delete();
    await d.timers.bulkDelete(ids.betIds);
    await d.scars.bulkDelete(ids.scarIds);
    const restorations = await d.restorations.where('scarId').anyOf(ids.scarIds).delete();
    await d.specs.bulkDelete(ids.specIds);
    await d.checkpoints.where('specId').anyOf(ids.specIds).delete();
    await d.compilations.where('specId').anyOf(ids.specIds).delete();
    await d.settings.delete(SAMPLE_KEY);
    // The scar ids and restorations let the ethics fold match the store's scars with the log's.
    log.append({ kind: 'sample_data', at, payload: { action: 'removed', ...counts(ids), scarIds: ids.scarIds, restorations } });
  });
}

export function observeSample(): Live<SampleIds | undefined> {
  return live(async () => (await db().settings.get(SAMPLE_KEY))?.value as SampleIds | undefined);
}

export async function readSample(): Promise<SampleIds | undefined> {
  return (await db().settings.get(SAMPLE_KEY))?.value as SampleIds | undefined;
}

/** Whether a new person is here: nothing recorded yet, and the welcome not put away. */
export function observeFirstRun(): Live<boolean> {
  return live(async () => {
    const d = db();
    if ((await d.settings.get(WELCOME_KEY)) !== undefined) return false;
    // Whether each holds a row, not how many: IndexedDB counts by walking every row, which
    // takes seconds over a million runs and holds every read queued behind it at start-up.
    const held = await Promise.all([d.specs, d.runs, d.bets, d.scars].map(async (t) => (await t.limit(1).primaryKeys()).length > 0));
    return !held.includes(true);
  });
}

export async function dismissWelcome(at: number): Promise<void> {
  await db().settings.put({ key: WELCOME_KEY, value: at });
}

/** Rows of the tables sample data touches, for a check that removal left nothing behind. */
export async function rowCounts(): Promise<Record<string, number>> {
  const d = db();
  const names = ['specs', 'runs', 'nudges', 'bets', 'betEvents', 'timers', 'scars', 'restorations', 'checkpoints', 'compilations'] as const;
  const n = await Promise.all(names.map((t) => d.table(t).count()));
  return Object.fromEntries(names.map((t, i) => [t, n[i] ?? 0]));
}
