import { beforeEach, describe, expect, it } from 'vitest';
import { dumpTables, freshProfile, logEntries, verifyHere } from './profile';
import { BackupError, createBackup, restoreBackup } from '../../../src/services/backup';
import { createSpec } from '../../../src/services/specs';
import { placeBet, resolveBet, type BetDraft } from '../../../src/services/bets';
import { recordRun } from '../../../src/services/evidence';
import { addCheckpoint } from '../../../src/store/checkpointsRepo';
import { db } from '../../../src/store/db';
import { acquireSpec, readSpecText } from '../../../src/sync/specSession';
import { exportSpecState } from '../../../src/sync/backup';
import { ensureConstitution } from '../../../src/services/governance/snapshot';
import { appendGoverned } from '../../../src/store/logRepo';
import { scheduleHeadRefresh } from '../../../src/store/headsRepo';

/** What the app writes on a profile's first start: the default constitution and a session. */
async function startUp(at: number): Promise<void> {
  await ensureConstitution(at);
  await appendGoverned({ kind: 'session_started', at, payload: { sessionId: `session-${at}` } });
  await scheduleHeadRefresh();
}

const bet = (task: string): BetDraft => ({ task, estimatedHours: '4h', confidence: '75', stake: '10', principles: ['small steps'], context: 'tests' });

/** A profile with one of everything: specs with text, a run, bets placed and resolved, a checkpoint. */
async function recordSomething(tag: string): Promise<{ specId: string }> {
  const spec = await createSpec(`Spec ${tag}`, `# Spec ${tag}\n\n- [ ] task ${tag}\n`);
  const { session, release } = acquireSpec(spec.id);
  await session.whenLoaded;
  session.text.insert(session.text.length, `typed in ${tag}\n`);
  release();
  await recordRun({ spec: spec.id, nudges: [`nudge ${tag}`], passed: false, errorText: `boom ${tag}` });
  const placed = await placeBet(bet(`task ${tag}`), 1000);
  await resolveBet(placed.bet.id, { actualHours: '3h', completed: true }, 2000);
  await placeBet(bet(`open ${tag}`), 3000);
  await addCheckpoint({ id: `cp-${tag}`, specId: spec.id, name: 'first', createdAt: 5, automatic: false, state: await exportSpecState(spec.id), text: 'x' });
  return { specId: spec.id };
}

beforeEach(() => freshProfile());

describe('backup and restore', () => {
  it('restores into an empty profile: the same rows, spec texts and log, and the log verifies', async () => {
    const { specId } = await recordSomething('A');
    expect((await verifyHere()).ok).toBe(true);
    const tables = await dumpTables();
    const log = await logEntries();
    const text = await readSpecText(specId);
    const file = await createBackup();
    expect(file.fileName).toMatch(/^metacompiler-backup-\d{4}-\d\d-\d\d\.json$/);
    expect(log.length).toBeGreaterThan(2);
    expect([tables.specs!.length, tables.runs!.length, tables.bets!.length, tables.checkpoints!.length]).toEqual([1, 1, 2, 1]);
    expect(tables.betEvents!.length).toBeGreaterThan(0);

    freshProfile();
    expect(await db().specs.count()).toBe(0);
    const steps: string[] = [];
    const summary = await restoreBackup(file.text, (p) => steps.push(p.step), { verify: verifyHere });
    expect(await dumpTables()).toEqual(tables);
    expect(await logEntries()).toEqual(log);
    expect(await readSpecText(specId)).toBe(text);
    expect(text).toContain('typed in A');
    expect(summary.verification.ok).toBe(true);
    expect(summary.log).toMatchObject({ outcome: 'append', appended: log.length });
    expect(summary.specs).toEqual({ total: 1, changed: 1 });
    expect(steps.at(-1)).toBe('Done');
    // The checkpoint's binary state came back as bytes.
    expect((await db().checkpoints.get('cp-A'))?.state).toBeInstanceOf(Uint8Array);
  });

  it('replaces the start-up log of a fresh profile (the app logs its first start) with the backup\'s', async () => {
    await startUp(100);
    await recordSomething('A');
    const tables = await dumpTables();
    const log = await logEntries();
    const file = await createBackup();
    freshProfile();
    await startUp(200);
    await startUp(300); // a second session: still nothing a person recorded
    const summary = await restoreBackup(file.text, undefined, { verify: verifyHere });
    expect(summary.log.message).toMatch(/held only its 3 start-up entries/);
    expect(await logEntries()).toEqual(log);
    expect(await dumpTables()).toEqual(tables);
    expect(summary.verification.ok).toBe(true);
    // The page's own derived state follows: the next governed write extends the restored log and signs it.
    await appendGoverned({ kind: 'session_started', at: 400, payload: { sessionId: 'after' } });
    expect(await verifyHere()).toMatchObject({ ok: true });
    expect((await logEntries()).length).toBe(log.length + 1);
  });

  it('keeps the log of a profile where a person recorded something, and reports it', async () => {
    await startUp(100);
    const file = await createBackup();
    freshProfile();
    await startUp(200);
    await placeBet(bet('mine'), 250);
    const local = await logEntries();
    const summary = await restoreBackup(file.text, undefined, { verify: verifyHere });
    expect(summary.log.outcome).toBe('diverged');
    expect(await logEntries()).toEqual(local);
  });

  it('restoring the same backup again adds nothing and says so', async () => {
    await recordSomething('A');
    const file = await createBackup();
    const first = await restoreBackup(file.text, undefined, { verify: verifyHere });
    expect(first.tables.every((t) => t.added === 0)).toBe(true);
    expect(first.log.outcome).toBe('same');
    expect(first.specs.changed).toBe(0);
    expect(first.lines.join('\n')).toMatch(/Records: 0 added/);
  });

  it('merges into a profile with its own data: no duplicates, both sides kept, a diverged log is kept local and reported', async () => {
    const a = await recordSomething('A');
    const backupA = await createBackup();
    freshProfile();
    const b = await recordSomething('B');
    const before = await dumpTables();
    const logB = await logEntries();
    const summary = await restoreBackup(backupA.text, undefined, { verify: verifyHere });
    const after = await dumpTables();
    expect(after.specs!.length).toBe(2);
    expect(after.runs!.length).toBe(before.runs!.length + 1);
    expect(after.bets!.length).toBe(before.bets!.length + 2);
    expect(await readSpecText(a.specId)).toContain('typed in A');
    expect(await readSpecText(b.specId)).toContain('typed in B');
    expect(summary.log.outcome).toBe('diverged');
    expect(summary.log.message).toMatch(/this browser's log was kept/);
    expect(await logEntries()).toEqual(logB);
    expect(summary.verification.ok).toBe(true);
    // Once more: nothing new.
    const again = await restoreBackup(backupA.text, undefined, { verify: verifyHere });
    expect(again.tables.reduce((n, t) => n + t.added, 0)).toBe(0);
    expect(await dumpTables()).toEqual(after);
  });

  it('extends a log that is a prefix of the backup, and leaves alone one that is ahead', async () => {
    await recordSomething('A');
    const early = await createBackup();
    await placeBet(bet('later'), 4000);
    const late = await createBackup();
    const logLate = await logEntries();
    // This profile is ahead of the early backup.
    const ahead = await restoreBackup(early.text, undefined, { verify: verifyHere });
    expect(ahead.log.outcome).toBe('local-ahead');
    freshProfile();
    await restoreBackup(early.text, undefined, { verify: verifyHere });
    const extended = await restoreBackup(late.text, undefined, { verify: verifyHere });
    expect(extended.log.outcome).toBe('append');
    expect(extended.log.appended).toBe(1);
    expect(await logEntries()).toEqual(logLate);
    expect(extended.verification.ok).toBe(true);
  });

  it('refuses a backup whose log was edited, or whose spec state is broken, and writes nothing', async () => {
    await recordSomething('A');
    const file = await createBackup();
    const tampered = JSON.parse(file.text);
    tampered.log.entries[1].payload.extra = 'edited';
    const broken = JSON.parse(file.text);
    const id = Object.keys(broken.specs)[0]!;
    broken.specs[id] = btoa('\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff');
    freshProfile();
    await expect(restoreBackup(JSON.stringify(tampered))).rejects.toThrow(/log in this backup does not verify/);
    await expect(restoreBackup(JSON.stringify(broken))).rejects.toBeInstanceOf(BackupError);
    await expect(restoreBackup('{"format":"something else"}')).rejects.toThrow(/not a Metacompiler backup/);
    expect(await db().specs.count()).toBe(0);
    expect(await db().log.count()).toBe(0);
    expect(await db().bets.count()).toBe(0);
  });

  it('refuses a backup from a newer database version', async () => {
    const file = JSON.parse((await createBackup()).text);
    file.schemaVersion = 99;
    await expect(restoreBackup(JSON.stringify(file))).rejects.toThrow(/newer version of Metacompiler/);
  });
});
