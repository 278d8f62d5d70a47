import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './specsSupport';
import { createSpec } from '../../../src/services/specs';
import { applySpecEdits } from '../../../src/services/specs/edits';
import { setTaskChecked } from '../../../src/services/specs/tasks';
import { allRuns } from '../../../src/store/runsRepo';
import { readSpecText } from '../../../src/sync/specSession';

let db: ReturnType<typeof freshDatabase>;
beforeEach(() => (db = freshDatabase()));
afterEach(() => db.drop());

const TEXT = '# T\n- [ ] Parse input [Bet: 2h @ 80% #bet_1]\n  - note\n- [ ] Other\n';

describe('tasks from the rendered view', () => {
  it('checking a task flips one character, records a task run and writes its evidence under the task', async () => {
    const spec = await createSpec('T', TEXT);
    const result = await setTaskChecked(spec.id, { line: 2, text: 'Parse input [Bet: 2h @ 80% #bet_1]' }, true);
    const runs = await allRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ source: 'task', passed: true, specId: spec.id });
    expect(result).toMatchObject({ checked: true, title: 'Parse input', bet: { kind: 'bet', id: 'bet_1' } });
    expect(await readSpecText(spec.id)).toBe(`# T\n- [x] Parse input [Bet: 2h @ 80% #bet_1]\n  - note\n  - [Evidence: ${runs[0]!.id}]\n- [ ] Other\n`);
  });

  it('unchecking records nothing, and a task found after lines moved is still the right one', async () => {
    const spec = await createSpec('T', '- [x] Done thing\n');
    await applySpecEdits(spec.id, [{ from: 0, to: 0, insert: '# Added heading\n\n' }]);
    await setTaskChecked(spec.id, { line: 1, text: 'Done thing' }, false);
    expect(await readSpecText(spec.id)).toBe('# Added heading\n\n- [ ] Done thing\n');
    expect(await allRuns()).toEqual([]);
  });

  it('refuses a task that no longer exists, and changes nothing', async () => {
    const spec = await createSpec('T', '- [ ] a\n- [ ] a2\n');
    await expect(setTaskChecked(spec.id, { line: 1, text: 'gone' }, true)).rejects.toMatchObject({ name: 'StaleEditError' });
    expect(await readSpecText(spec.id)).toBe('- [ ] a\n- [ ] a2\n');
  });

  it('rejects overlapping edits whole', async () => {
    const spec = await createSpec('T', 'abcdef');
    await expect(applySpecEdits(spec.id, [{ from: 0, to: 3, insert: 'x' }, { from: 2, to: 4, insert: 'y' }])).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await readSpecText(spec.id)).toBe('abcdef');
  });
});
