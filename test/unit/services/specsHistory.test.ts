import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './specsSupport';
import { createSpec } from '../../../src/services/specs';
import { applySpecEdits } from '../../../src/services/specs/edits';
import {
  checkpointBeforeAutomatedChange,
  checkpoints,
  createCheckpoint,
  diffCheckpoint,
  restoreCheckpoint,
  type Checkpoint,
} from '../../../src/services/specs/checkpoints';
import { readSpecText } from '../../../src/sync/specSession';

let db: ReturnType<typeof freshDatabase>;
beforeEach(() => (db = freshDatabase()));
afterEach(() => db.drop());

function firstValue<T>(live: { subscribe(o: { next?: (v: T) => void }): { unsubscribe(): void } }, ok: (v: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const sub = live.subscribe({
      next: (v) => {
        if (!ok(v)) return;
        queueMicrotask(() => sub.unsubscribe());
        resolve(v);
      },
    });
  });
}

describe('checkpoints', () => {
  it('saves a named version, diffs it against now and restores it as an edit', async () => {
    const spec = await createSpec('History', '# History\n- [ ] one\n- [ ] two\n');
    const saved = await createCheckpoint(spec.id, '  before   edits ');
    expect(saved).toMatchObject({ name: 'before edits', automatic: false, text: '# History\n- [ ] one\n- [ ] two\n' });

    await applySpecEdits(spec.id, (t) => [{ from: t.indexOf('two'), to: t.indexOf('two') + 3, insert: 'TWO' }, { from: t.length, to: t.length, insert: '- [ ] three\n' }]);
    const now = await readSpecText(spec.id);
    expect(diffCheckpoint(saved, now).filter((l) => l.op !== 'same')).toEqual([
      { op: 'removed', text: '- [ ] two', aLine: 3 },
      { op: 'added', text: '- [ ] TWO', bLine: 3 },
      { op: 'added', text: '- [ ] three', bLine: 4 },
    ]);

    const result = await restoreCheckpoint(saved.id);
    expect(await readSpecText(spec.id)).toBe(saved.text);
    expect(result.before).toMatchObject({ automatic: true, text: now });
    // Nothing is ever deleted: the manual checkpoint and the one taken before the restore.
    const list = await firstValue(checkpoints(spec.id), (l: Checkpoint[]) => l.length === 2);
    expect(list.map((c) => c.name)).toEqual(['Before restoring “before edits”', 'before edits']);
  });

  it('takes an automatic checkpoint before an automated change, with its reason', async () => {
    const spec = await createSpec('Auto', 'text\n');
    const c = await checkpointBeforeAutomatedChange(spec.id, 'inject priors (proposal p_1)');
    expect(c).toMatchObject({ automatic: true, reason: 'inject priors (proposal p_1)', name: 'Before inject priors (proposal p_1)', text: 'text\n' });
  });

  it('rejects an empty name and writes nothing', async () => {
    const spec = await createSpec('Names', 'x');
    await expect(createCheckpoint(spec.id, '   ')).rejects.toThrow('name: a checkpoint needs a name');
    expect(await firstValue(checkpoints(spec.id), () => true)).toEqual([]);
  });
});
