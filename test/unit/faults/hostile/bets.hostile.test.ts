import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { betsToCsv, betsToJson, parseBetsCsv, parseBetsJson } from '../../../../src/domain/betting/csv';
import type { Bet } from '../../../../src/domain/betting/bet';
import { importBets } from '../../../../src/services/bets';
import { db } from '../../../../src/store/db';
import { freshProfile } from '../../backup/profile';
import { attempt, damagedText, hostileText, params, RUNS, SEED, TIMEOUT, WRITE_RUNS } from './support';
import { XSS } from './xss';

const valid: Bet[] = [
  { id: 'bet_1', task: 'Implement the parser', estimatedHours: 4, confidence: 0.75, stake: 10, principles: ['small steps'], context: ['morning'], placedAt: 1_700_000_000_000 },
  { id: 'bet_2', task: XSS[0]!, estimatedHours: 2, confidence: 0.6, stake: 5, principles: [XSS[1]!], context: [], placedAt: 1_700_000_100_000, actualHours: 3, completed: true, resolvedAt: 1_700_000_200_000 },
];
const csv = betsToCsv(valid);
const json = betsToJson(valid);

const csvLike = fc.array(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '"', '""', ',', '\r\n', '4h', '0.75', 'true', ...XSS)), { maxLength: 12 }), { maxLength: 6 })
  .map((rows) => [csv.split('\n')[0], ...rows.map((r) => r.join(','))].join('\n'));

describe('bet files on hostile input', () => {
  it(`CSV: parses or throws BetImportError (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), damagedText(csv), csvLike), async (text) => {
        const bets = await attempt(() => parseBetsCsv(text, { file: 'bets.csv' }));
        for (const b of bets ?? []) expect(typeof b.id).toBe('string');
      }),
      params(),
    );
  }, TIMEOUT);

  it(`JSON: parses or throws BetImportError (${RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(json, JSON.parse(json)), async (text) => {
        await attempt(() => parseBetsJson(text, { file: 'bets.json' }));
      }),
      params(),
    );
  }, TIMEOUT);
});

describe('importing a hostile bet file', () => {
  beforeEach(() => freshProfile());

  it(`imports all of it or none of it (${WRITE_RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(damagedText(csv), hostileText(json, JSON.parse(json)).map((t) => ({ json: t }))), async (input) => {
        freshProfile();
        const [text, name] = typeof input === 'string' ? [input, 'bets.csv'] : [input.json, 'bets.json'];
        const result = await attempt(() => importBets(text, name));
        const stored = await db().bets.count();
        if (result === undefined) expect(stored).toBe(0);
        else expect(stored).toBe(result.imported);
      }),
      params(WRITE_RUNS),
    );
  }, TIMEOUT);
});
