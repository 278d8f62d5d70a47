/**
 * First run: the welcome, "Explore with sample data" and its removal in one click. The sample
 * goes in through the normal services (a spec, a JSON Lines import, bets placed and resolved,
 * so the bullshit bet leaves its scar and every bet is logged); its ids are kept, and removal
 * deletes exactly those rows in one governed transaction. The log is append-only: it keeps the
 * record of the sample being added and removed, and nothing else of it stays.
 */
import { ValidationError } from '../domain/errors';
import { normaliseNudge } from '../domain/evidence/run';
import { sampleWorkspace } from '../domain/sample/workspace';
import {
  readSample,
  recordSampleAdded,
  removeSampleRows,
  rowCounts,
  type SampleIds,
} from '../store/sampleRepo';
import { allScars } from './scars';
import { placeBet, resolveBet } from './bets';
import { createSpec } from './specs';
import { importEvidence } from './importEvidence';
import { deleteSpecDocument } from '../sync/specDelete';

export type { SampleIds };
export { rowCounts };

/** Adds the sample workspace; throws ValidationError when it is already here. */
export async function loadSampleData(onStep: (step: string) => void = () => {}, now = Date.now()): Promise<SampleIds> {
  if (await readSample()) throw new ValidationError('sample', 'the sample data is already here');
  const w = sampleWorkspace(now);
  const runs = w.runsJsonl.trim().split('\n').map((l) => JSON.parse(l) as { id: string; nudges: string[] });
  const ids: SampleIds = {
    at: now,
    specIds: [],
    runIds: runs.map((r) => r.id),
    nudgeKeys: [...new Set(runs.flatMap((r) => r.nudges.map(normaliseNudge)))],
    betIds: [],
    scarIds: [],
  };
  try {
    onStep('Creating the sample spec…');
    ids.specIds.push((await createSpec(w.spec.title, w.spec.text)).id);
    onStep(`Importing ${w.runCount} sample runs…`);
    const file = new File([w.runsJsonl], 'sample-runs.jsonl', { type: 'application/x-ndjson', lastModified: now });
    await importEvidence([{ file, options: { format: 'jsonl', nudges: [] } }]);
    onStep('Placing and resolving sample bets…');
    const principles = new Set(w.bets.flatMap((b) => b.principles));
    for (const b of w.bets) {
      const placed = await placeBet({ task: b.task, estimatedHours: b.estimatedHours, confidence: b.confidence, stake: b.stake, principles: b.principles, context: b.context }, b.placedAt);
      ids.betIds.push(placed.bet.id);
      if (b.resolve) await resolveBet(placed.bet.id, { actualHours: b.resolve.actualHours, completed: b.resolve.completed }, b.resolve.at);
    }
    ids.scarIds = (await allScars()).filter((s) => s.locus.kind === 'principle' && principles.has(s.locus.ref)).map((s) => s.id);
    await recordSampleAdded(ids);
    return ids;
  } catch (err) {
    // Nothing half-added: whatever went in is taken out again.
    await removeSampleRows(ids, Date.now()).catch(() => undefined);
    await Promise.all(ids.specIds.map((id) => deleteSpecDocument(id).catch(() => undefined)));
    throw err;
  }
}

/** Removes every row the sample added (and its spec documents), logged; false when there was none. */
export async function removeSampleData(now = Date.now()): Promise<boolean> {
  const ids = await readSample();
  if (!ids) return false;
  await removeSampleRows(ids, now);
  await Promise.all(ids.specIds.map((id) => deleteSpecDocument(id)));
  return true;
}

export { firstRun, sampleData, startEmpty } from './sampleState';
