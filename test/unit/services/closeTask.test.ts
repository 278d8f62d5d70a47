import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './specsSupport';
import { fakeClock } from './fakeClock';
import { createSpec } from '../../../src/services/specs';
import { placeBetOnTask } from '../../../src/services/specs/taskBets';
import { resolveBet } from '../../../src/services/bets';
import { acceptCandidate } from '../../../src/services/compile/accept';
import { approveAction } from '../../../src/services/governance/approvals';
import { rollBack } from '../../../src/services/governance/automation';
import { ChapelRuntime, useChapel } from '../../../src/services/governance/chapel';
import { proposeAmendment } from '../../../src/services/governance/constitution';
import { ensureConstitution } from '../../../src/services/governance/snapshot';
import { registerBuiltinExecutors } from '../../../src/services/governance/builtins';
import { closingWords } from '../../../src/services/specs/closeTask';
import { getApproval, observeApprovals, type ApprovalRow } from '../../../src/store/approvalsRepo';
import { putCompilation } from '../../../src/store/compilationsRepo';
import { readWholeLog } from '../../../src/store/logRepo';
import { readSpecText } from '../../../src/sync/specSession';
import type { Compilation } from '../../../src/domain/compile/compilation';
import type { Constitution } from '../../../src/domain/governance/constitution';

/*
 * close_task, proposed by the app: when the bet on a task is resolved as completed, and when a
 * passing candidate of the spec's compile target is accepted (the open tasks naming its
 * function, as step 2 of that plan). Below trust level 3 a person approves it; at 3 it applies
 * with a checkpoint and its one-click rollback; maxPlanDepth bounds the plan.
 */

let db: ReturnType<typeof freshDatabase>;
let clock: ReturnType<typeof fakeClock>;
let chapel: ChapelRuntime;
const T0 = Date.now();
beforeEach(async () => {
  db = freshDatabase();
  clock = fakeClock(T0);
  chapel = useChapel(new ChapelRuntime(clock));
  registerBuiltinExecutors();
  await ensureConstitution(T0); // trust level 2: closing a task (level 3) waits for a person
});
afterEach(() => db.drop());

async function amend(changes: Partial<Constitution>): Promise<void> {
  const amendment = await proposeAmendment(changes);
  await new Promise<void>((resolve) => {
    if (chapel.views().length > 0) return resolve();
    const off = chapel.subscribe(() => chapel.views().length > 0 && (off(), resolve()));
  });
  clock.advance(3000);
  expect(await amendment.done).toEqual({ ran: true });
}

const draft = { estimatedHours: '2h', confidence: '80', stake: '5', principles: [], context: '' };

async function betOnTask(text: string, task: string) {
  const spec = await createSpec('Parser', text);
  const line = text.split('\n').findIndex((l) => l.includes(task)) + 1;
  const { bet } = await placeBetOnTask(spec.id, { line, text: task }, draft, text);
  return { spec, bet };
}

function approvals(ok: (rows: ApprovalRow[]) => boolean): Promise<ApprovalRow[]> {
  return new Promise((resolve, reject) => {
    const sub = observeApprovals().subscribe({
      next: (rows) => ok(rows) && (queueMicrotask(() => sub.unsubscribe()), resolve(rows)),
      error: reject,
    });
  });
}

describe('closing a task, proposed by the app', () => {
  it('after a completed bet: waits for a person at trust level 2, ticks the task once approved, and rolls back', async () => {
    const { spec, bet } = await betOnTask('# Parser\n- [ ] Parse input\n- [ ] Other\n', 'Parse input');
    const resolved = await resolveBet(bet.id, { actualHours: 2, completed: true });
    expect(resolved.closeTask).toMatchObject({ task: 'Parse input', result: { verdict: 'queue', reason: 'close_task needs trust level 3; the constitution grants 2' } });
    expect(closingWords(resolved.closeTask!)).toBe('Closing the task “Parse input” waits for your approval on the Governance page.');
    const id = (resolved.closeTask as { result: { actionId: string } }).result.actionId;
    expect(await getApproval(id)).toMatchObject({
      state: 'pending',
      actionKind: 'close_task',
      intent: 'tick the task "Parse input" in "Parser" (its bet was resolved as completed)',
    });
    const before = await readSpecText(spec.id);
    expect(before).toMatch(/^# Parser\n- \[ \] Parse input \[Bet: 2h @ 80% #\S+\]\n- \[ \] Other\n$/);

    expect(await approveAction(id)).toEqual({ ran: true });
    expect(await readSpecText(spec.id)).toBe(before.replace('- [ ] Parse', '- [x] Parse'));
    const applied = (await readWholeLog()).filter((e) => e.kind === 'action_applied');
    expect(applied.map((e) => e.payload.action)).toEqual(['close_task']);

    await rollBack(id);
    expect(await readSpecText(spec.id)).toBe(before);
  });

  it('proposes nothing for an abandoned bet, nor for a task already ticked', async () => {
    const a = await betOnTask('# P\n- [ ] Dropped\n', 'Dropped');
    expect((await resolveBet(a.bet.id, { actualHours: 1, completed: false })).closeTask).toBeUndefined();
    const b = await betOnTask('# P\n- [x] Done by hand\n', 'Done by hand');
    expect((await resolveBet(b.bet.id, { actualHours: 1, completed: true })).closeTask).toBeUndefined();
    expect(await approvals(() => true)).toEqual([]);
  });

  it('at trust level 3 ticks it at once; a passing target closes the tasks naming it, unless the plan is deeper than maxPlanDepth', async () => {
    await amend({ trustLevel: 3 });
    const { spec, bet } = await betOnTask('# Parser\n- [ ] Parse input\n', 'Parse input');
    const resolved = await resolveBet(bet.id, { actualHours: 2, completed: true }, clock.now() + 1);
    expect(resolved.closeTask).toMatchObject({ result: { verdict: 'apply' } });
    expect(await readSpecText(spec.id)).toMatch(/^# Parser\n- \[x\] Parse input/);

    const target = await createSpec('Slug', SLUG);
    await putCompilation(compilationOf(target.id));
    const accepted = await acceptCandidate('c1', 'k1');
    expect(accepted.verdict).toBe('apply');
    // Step 2 of the plan, proposed once the accept is committed: the open task naming slugify
    // is ticked, the other one left alone.
    const text = await readSpecText(target.id);
    expect(text).toContain('- [x] Implement `slugify`');
    expect(text).toContain('- [ ] Write the README');
    expect(text).toContain('```ts compiled');
    const closes = (await readWholeLog()).filter((e) => e.kind === 'action_applied' && e.payload.action === 'close_task');
    expect(closes.map((e) => e.payload.planDepth)).toEqual([1, 2]);

    // With plans bounded to one step, the same accept leaves the task for a person.
    await amend({ maxPlanDepth: 1 });
    const again = await createSpec('Slug 2', SLUG);
    await putCompilation({ ...compilationOf(again.id), id: 'c2' });
    expect((await acceptCandidate('c2', 'k1')).verdict).toBe('apply');
    expect(await readSpecText(again.id)).toContain('```ts compiled');
    expect(await readSpecText(again.id)).toContain('- [ ] Implement `slugify`');
    const actions = (await readWholeLog()).filter((e) => e.kind === 'action_applied' && e.payload.action !== 'amend_constitution').map((e) => e.payload.action);
    expect(actions).toEqual(['close_task', 'accept_candidate', 'close_task', 'accept_candidate']);
  });
});

const SLUG = [
  '# Slug',
  '',
  '- [ ] Implement `slugify`',
  '- [ ] Write the README',
  '',
  '```ts target',
  'export function slugify(title: string): string',
  '```',
  '',
  '```ts test words',
  "assert.equal(slugify('a b'), 'a-b');",
  '```',
  '',
].join('\n');

function compilationOf(specId: string): Compilation {
  return {
    id: 'c1', specId, specTitle: 'Slug', specHash: 'h', at: T0, status: 'done', model: 'm', temperature: 0.5,
    requested: 1, concurrency: 1, maxTokensPerVariation: 100, tokenBudget: 0, timeLimitMs: 1000,
    nudgesOffered: [], priors: { beneficial: [], harmful: [] }, priorsBlock: '', evidenceRuns: 0,
    generated: 1, verified: 1, passed: 1, tokens: 10, generationErrors: 0,
    candidates: [{
      id: 'k1', index: 1, nudges: [], passed: true, testFailures: [], errors: [], typeErrors: [], durationMs: 3, timedOut: false, tokens: 10,
      code: "export function slugify(title: string): string {\n  return title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-');\n}",
    }],
  };
}
