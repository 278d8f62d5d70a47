import { describe, expect, it } from 'vitest';
import { closeTaskEdits, locateTask, openTasksNaming } from '../../../../src/domain/governance/closeTask';
import { applyEdits } from '../../../../src/domain/spec/edits';

const SPEC = [
  '# Slug',
  '- [ ] Implement `slugify` [Bet: 2h @ 80% #bet_1]',
  '- [ ] Document slugifyAll',
  '- [x] Test slugify by hand',
  '- [ ] Ship it',
  '',
].join('\n');

describe('close_task: which task, and the edit', () => {
  it('finds the task carrying a bet by its id, whatever its title now', () => {
    expect(locateTask(SPEC, { betId: 'bet_1', title: 'an old title' })?.line).toBe(2);
    expect(locateTask(SPEC, { betId: 'bet_9', title: 'Ship it' })).toBeUndefined();
    expect(locateTask(SPEC, { title: 'Ship it' })?.line).toBe(5);
  });

  it('ticks exactly the box of the task, and refuses one already ticked or gone', () => {
    const edits = closeTaskEdits(SPEC, { betId: 'bet_1', title: 'Implement `slugify`' });
    expect(applyEdits(SPEC, edits)).toBe(SPEC.replace('- [ ] Implement', '- [x] Implement'));
    expect(() => closeTaskEdits(SPEC, { title: 'Test slugify by hand' })).toThrow(expect.objectContaining({ name: 'TaskNotOpenError', reason: 'ticked' }));
    expect(() => closeTaskEdits(SPEC, { title: 'Not a task' })).toThrow(expect.objectContaining({ name: 'TaskNotOpenError', reason: 'gone' }));
  });

  it('names the open tasks that name a function as a whole word', () => {
    expect(openTasksNaming(SPEC, 'slugify').map((t) => t.line)).toEqual([2]);
    expect(openTasksNaming(SPEC, 'slugifyAll').map((t) => t.line)).toEqual([3]);
    expect(openTasksNaming(SPEC, 'slug')).toEqual([]);
  });
});
