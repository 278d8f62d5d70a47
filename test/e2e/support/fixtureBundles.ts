import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { useDatabase } from '../../../src/store/db';
import { createBackup } from '../../../src/services/backup';
import { createSpec } from '../../../src/services/specs';
import { placeBet, resolveBet } from '../../../src/services/bets';
import { recordRun } from '../../../src/services/evidence';
import { addRuns } from '../../../src/store/runsRepo';

/** A new, empty IndexedDB world in this Node process, with the app's database opened on it. */
function freshNodeProfile(name: string): void {
  const factory = new IDBFactory();
  globalThis.indexedDB = factory;
  Dexie.dependencies.indexedDB = factory;
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
  useDatabase(name);
}

/** The corpus of test/fixtures/xss.txt: each payload sets window.__xss if it ever runs. */
export const XSS: string[] = readFileSync(new URL('../../fixtures/xss.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

/**
 * A backup file, made with the app's own services in Node (fake IndexedDB), in which every
 * text a person or an import can set is an XSS payload: spec titles and text, run error
 * messages and nudge names, bet tasks, principle names (and the scars a bullshit bet leaves on
 * them). Restoring it puts all of that in front of every page at once.
 */
export async function writeXssBundle(path: string): Promise<void> {
  freshNodeProfile('xss-fixture');
  const spec = await createSpec(XSS[0]!, `# ${XSS[1]}\n\n${XSS.map((x) => `- [ ] ${x}`).join('\n')}\n\n[click](${XSS[3]})\n`);
  await createSpec(XSS[2]!, `# plain\n`);
  for (const [i, payload] of XSS.entries()) {
    await recordRun({ spec: i % 2 === 0 ? spec.id : payload.slice(0, 60), nudges: [payload.slice(0, 80), XSS[(i + 1) % XSS.length]!.slice(0, 80)], passed: i % 3 === 0, errorText: payload });
  }
  let at = 1_700_000_000_000;
  for (const payload of XSS.slice(0, 6)) {
    // 90% sure of 1h, took 5h: a bullshit bet, which scars each principle it cites.
    const placed = await placeBet({ task: payload, estimatedHours: '1h', confidence: '90', stake: '2', principles: [payload.slice(0, 60)], context: payload.slice(0, 40) }, (at += 1000));
    await resolveBet(placed.bet.id, { actualHours: '5h', completed: true }, (at += 1000));
  }
  await placeBet({ task: XSS[7]!, estimatedHours: '2h', confidence: '70', stake: '1', principles: [XSS[8]!.slice(0, 60)], context: '' }, (at += 1000));
  writeFileSync(path, (await createBackup()).text);
}

/** A backup of `runs` recorded runs (about 0.4 KB each in the file): to fill a small quota. */
export async function writeBigBundle(path: string, runs: number): Promise<void> {
  freshNodeProfile('big-fixture');
  await addRuns(
    Array.from({ length: runs }, (_, i) => ({ id: `big-${i}`, specHash: `name:spec-${i % 9}`, nudges: [`nudge ${i % 13}`], passed: i % 2 === 0, errorMessages: [`AssertionError: expected ${i} ${'x'.repeat(200)}`], testFailures: [], typeErrors: [], source: 'jsonl' as const, at: 1_715_000_000_000 + i })),
    Array.from({ length: 13 }, (_, i) => ({ key: `nudge ${i}`, label: `Nudge ${i}` })),
    1_715_000_000_000,
  );
  writeFileSync(path, (await createBackup()).text);
}
