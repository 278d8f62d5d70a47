import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBundle } from '../../../../src/domain/backup/bundle';
import { createBackup, restoreBackup } from '../../../../src/services/backup';
import { createSpec } from '../../../../src/services/specs';
import { placeBet, resolveBet } from '../../../../src/services/bets';
import { db } from '../../../../src/store/db';
import { dumpTables, freshProfile, logEntries, verifyHere } from '../../backup/profile';
import { attempt, hostileText, mutated, params, RUNS, SEED, TIMEOUT, WRITE_RUNS } from './support';
import { XSS } from './xss';

let text = '';
let doc: unknown;

beforeAll(async () => {
  freshProfile();
  await createSpec(XSS[2]!.slice(0, 100), `# ${XSS[0]}\n\n- [ ] ${XSS[1]}\n`);
  const placed = await placeBet({ task: XSS[3]!, estimatedHours: '2h', confidence: '60', stake: '5', principles: [XSS[4]!], context: '' }, 1000);
  await resolveBet(placed.bet.id, { actualHours: '1h', completed: true }, 2000);
  text = (await createBackup()).text;
  doc = JSON.parse(text);
});

describe('backup bundles on hostile input', () => {
  it(`parseBundle reads a bundle or throws BackupError (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(text, doc), async (input) => {
        await attempt(() => parseBundle(input));
      }),
      params(),
    );
  }, TIMEOUT);

  it(`a restore writes all of a bundle or nothing (${WRITE_RUNS} cases, seed ${SEED})`, async () => {
    const seen = { restored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText(text, doc), mutated(doc).map((d) => JSON.stringify(d) ?? '')), async (input) => {
        freshProfile();
        const before = await dumpTables();
        const summary = await attempt(() => restoreBackup(input, undefined, { verify: verifyHere }));
        if (summary === undefined) {
          seen.refused++;
          expect(await dumpTables()).toEqual(before);
          expect(await logEntries()).toEqual([]);
          expect(await db().specs.count()).toBe(0);
        } else {
          seen.restored++;
          expect(summary.verification.ok).toBe(true);
        }
      }),
      params(WRITE_RUNS),
    );
    // Both ways out were taken: the property is not vacuous.
    expect(seen.restored).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, TIMEOUT);
});
