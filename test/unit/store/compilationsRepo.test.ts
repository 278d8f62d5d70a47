import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { allRuns } from '../../../src/store/runsRepo';
import { getCompilation, putCompilation, recordCandidate } from '../../../src/store/compilationsRepo';
import type { CandidateRecord, Compilation } from '../../../src/domain/compile/compilation';
import type { RunRow } from '../../../src/store/rows';
import { freshDatabaseEachTest } from '../../support/freshDatabase';

freshDatabaseEachTest('compilations');
const compilation: Compilation = {
  id: 'c1', specId: 's', specTitle: 'S', specHash: 'h', at: 1, status: 'running', model: 'm', temperature: 0.5,
  requested: 2, concurrency: 1, maxTokensPerVariation: 100, tokenBudget: 0, timeLimitMs: 1000,
  nudgesOffered: [{ key: 'x', label: 'X' }], priors: { beneficial: [], harmful: [] }, priorsBlock: '', evidenceRuns: 0,
  generated: 0, verified: 0, passed: 0, tokens: 0, generationErrors: 0, candidates: [],
};
const run: RunRow = { id: 'r1', specId: 's', specHash: 'h', nudges: ['x'], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'compile', model: 'm', temperature: 0.5, at: 2 };
const candidate: CandidateRecord = { id: 'r1', index: 1, nudges: ['x'], code: 'f', passed: true, testFailures: [], errors: [], typeErrors: [], durationMs: 3, timedOut: false, tokens: 10 };
const counts = { generated: 1, verified: 1, passed: 1, tokens: 10, generationErrors: 0 };

describe('compilations repository', () => {
  it('writes a candidate, its run and the new counts together', async () => {
    await putCompilation(compilation);
    await recordCandidate('c1', candidate, run, [{ key: 'x', label: 'X' }], counts, 2);
    expect((await allRuns()).map((r) => [r.id, r.source])).toEqual([['r1', 'compile']]);
    expect(await getCompilation('c1')).toMatchObject({ ...counts, candidates: [candidate] });
  });

  it('writes no run when the compilation is not stored', async () => {
    await expect(recordCandidate('missing', candidate, run, [], counts, 2)).rejects.toThrow('compilation missing is not stored');
    expect(await allRuns()).toEqual([]);
  });
});
