import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../specsSupport';
import { MemoryFolder } from './memoryFolder';
import { createSpec, deleteSpec, findSpec, renameSpec, restoreSpec } from '../../../../src/services/specs';
import { editSpecToText } from '../../../../src/services/specs/edits';
import { FolderSync } from '../../../../src/services/linkedFolder/folderSync';
import { getFolderLink, listLinkedFiles, putFolderLink, updateFolderLink, useFolderLinkDatabase } from '../../../../src/store/folderLinkRepo';
import { linkedFiles } from '../../../../src/services/linkedFolder/linkedFolder';
import { firstValue } from '../../../../src/services/firstValue';
import { acquireSpec, readSpecText } from '../../../../src/sync/specSession';

let db: ReturnType<typeof freshDatabase>;
const running: FolderSync[] = [];
const errors: unknown[] = [];
beforeEach(() => {
  db = freshDatabase();
  useFolderLinkDatabase(`folder-${Math.random().toString(36).slice(2)}`);
  errors.length = 0;
});
afterEach(async () => {
  for (const s of running.splice(0)) s.stop();
  expect(errors).toEqual([]);
  await db.drop();
});

async function link(folder: MemoryFolder): Promise<FolderSync> {
  const sync = new FolderSync(folder, { debounceMs: 10, retryMs: 20 }, (e) => errors.push(e));
  running.push(sync);
  await sync.start();
  return sync;
}

/** Waits for a condition (the sync writes after a quiet moment), never a fixed sleep. */
async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 5000;
  let last: T;
  do {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 5));
  } while (Date.now() < end);
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

const specIdOf = (sync: FolderSync, fileName: string) => [...sync.rows.values()].find((r) => r.fileName === fileName)!.specId;
const statusOf = (sync: FolderSync, specId: string) => sync.rows.get(specId)!.status;

describe('linking a folder', () => {
  it('writes every spec as <title>.md with safe unique names, and makes every .md file a spec', async () => {
    const a = await createSpec('Plan', '# Plan\n- [ ] a\n');
    const b = await createSpec('plan', '# plan again\n');
    await createSpec('Q3: ship/launch', '# Q3\n');
    const folder = new MemoryFolder();
    folder.outside('Notes.md', '# Notes\r\nfrom the editor\r\n');
    folder.outside('.obsidian.md', 'hidden: not a spec');
    folder.outside('todo.txt', 'not markdown');
    const sync = await link(folder);
    expect(folder.names()).toEqual(['.obsidian.md', 'Notes.md', 'Plan.md', 'Q3- ship-launch.md', 'plan (2).md', 'todo.txt']);
    expect(folder.text(sync.rows.get(a.id)!.fileName)).toBe('# Plan\n- [ ] a\n');
    expect(folder.text(sync.rows.get(b.id)!.fileName)).toBe('# plan again\n');
    const notes = specIdOf(sync, 'Notes.md');
    expect((await findSpec(notes))?.title).toBe('Notes');
    expect(await readSpecText(notes)).toBe('# Notes\r\nfrom the editor\r\n');
    // The link is stored (it survives a reload) with every file in sync.
    expect((await listLinkedFiles()).map((r) => [r.fileName, r.status]).sort()).toEqual([
      ['Notes.md', 'synced'],
      ['Plan.md', 'synced'],
      ['Q3- ship-launch.md', 'synced'],
      ['plan (2).md', 'synced'],
    ]);
    // No temporary file is left behind; every write went through move().
    expect(folder.moves.every((m) => m.includes('.metacompiler-tmp -> '))).toBe(true);
    expect(sync.lastMethod).toBe('move');
  });

  it('removes a temporary file an unfinished write left behind, and only an old one', async () => {
    const folder = new MemoryFolder();
    folder.outside('.Plan.md.old.metacompiler-tmp', 'half');
    folder.entries.get('.Plan.md.old.metacompiler-tmp')!.lastModified = Date.now() - 120_000;
    folder.outside('.Plan.md.new.metacompiler-tmp', 'being written by another tab');
    await link(folder);
    expect(folder.names()).toEqual(['.Plan.md.new.metacompiler-tmp']);
  });

  it('shows no file status while the browser wants access allowed again', async () => {
    await createSpec('Plan', '# Plan\n');
    await putFolderLink({ id: 'folder', handle: null, name: 'plans', kind: 'picked', linkedAt: 1, access: 'granted', problems: [] });
    await link(new MemoryFolder());
    expect((await firstValue(linkedFiles())).map((r) => r.status)).toEqual(['synced']);
    await updateFolderLink({ access: 'needs-permission' });
    expect(await firstValue(linkedFiles())).toEqual([]);
  });

  it('pairs a file with the spec of the same name and text instead of duplicating it', async () => {
    const spec = await createSpec('Plan', '# Plan\n');
    const folder = new MemoryFolder();
    folder.outside('Plan.md', '# Plan\n');
    const sync = await link(folder);
    expect(folder.names()).toEqual(['Plan.md']);
    expect([...sync.rows.keys()]).toEqual([spec.id]);
  });

  it('carries on after a reload from what it stored: nothing rewritten that did not change', async () => {
    await createSpec('Plan', '# Plan\n');
    const folder = new MemoryFolder();
    const first = await link(folder);
    first.stop();
    const writes = folder.writes.length;
    const again = await link(folder);
    await again.scan();
    expect(folder.writes.length).toBe(writes);
    expect([...again.rows.values()].map((r) => r.status)).toEqual(['synced']);
  });
});

describe('app -> file', () => {
  it('writes an edit to its file only, atomically, and leaves the other files untouched', async () => {
    const a = await createSpec('Alpha', '# Alpha\n');
    await createSpec('Beta', '# Beta\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    const betaTime = folder.modified('Beta.md');
    await editSpecToText(a.id, '# Alpha\n- [ ] typed in the app\n');
    await until(() => folder.text('Alpha.md'), (t) => t === '# Alpha\n- [ ] typed in the app\n', 'the file write');
    await sync.settle();
    expect(folder.modified('Beta.md')).toBe(betaTime);
    expect(folder.names()).toEqual(['Alpha.md', 'Beta.md']);
    expect(statusOf(sync, a.id)).toBe('synced');
  });

  it('renames the file when the spec is renamed, and removes it when the spec is deleted (restore writes it again)', async () => {
    const a = await createSpec('Alpha', '# Alpha\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    await renameSpec(a.id, 'Alpha v2');
    await until(() => folder.names(), (n) => n.join() === 'Alpha v2.md', 'the file rename');
    await deleteSpec(a.id);
    await until(() => folder.names(), (n) => n.length === 0, 'the file removal');
    expect(sync.rows.size).toBe(0);
    await restoreSpec(a.id);
    await until(() => folder.text('Alpha v2.md'), (t) => t === '# Alpha\n', 'the file written again');
  });

  it('says a refused write and retries it until the browser allows it', async () => {
    const a = await createSpec('Alpha', '# Alpha\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    folder.refuseWrites = true;
    await editSpecToText(a.id, '# Alpha\nnew line\n');
    const row = await until(() => sync.rows.get(a.id)!, (r) => r.status === 'error', 'the error status');
    expect(row.message).toMatch(/^Alpha\.md: the browser refused the write .*; retrying$/);
    expect(folder.text('Alpha.md')).toBe('# Alpha\n');
    folder.refuseWrites = false;
    await until(() => folder.text('Alpha.md'), (t) => t === '# Alpha\nnew line\n', 'the retried write');
    await until(() => statusOf(sync, a.id), (s) => s === 'synced', 'synced after the retry');
  });
});

describe('file -> app', () => {
  it('merges an outside change into the spec as the minimal edit, kept apart from the undo history', async () => {
    const a = await createSpec('Alpha', '# Alpha\n- [ ] one\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    folder.outside('Alpha.md', '# Alpha\n- [x] one\n');
    await sync.scan();
    expect(await readSpecText(a.id)).toBe('# Alpha\n- [x] one\n');
    expect(sync.rows.get(a.id)).toMatchObject({ status: 'merged', message: 'Changed outside: merged into the spec' });
    const { session, release } = acquireSpec(a.id);
    expect(session.undoManager.canUndo()).toBe(false); // Ctrl+Z in the editor does not revert the file
    release();
    await sync.settle();
    expect(folder.writes.filter((n) => n === 'Alpha.md' || n.startsWith('.Alpha'))).toHaveLength(1); // only the first write
  });

  it('keeps both sides when the file and the app changed since the last sync, and writes the merge back', async () => {
    const base = '# Plan\n- [ ] parse\n- [ ] emit\n';
    const a = await createSpec('Plan', base);
    const folder = new MemoryFolder();
    const sync = await link(folder);
    sync.stop(); // the app is closed while both sides change
    await editSpecToText(a.id, '# Plan\n- [x] parse\n- [ ] emit\n');
    folder.outside('Plan.md', '# Plan\n- [ ] parse\n- [ ] emit\n- [ ] test\n');
    const again = await link(folder);
    const merged = '# Plan\n- [x] parse\n- [ ] emit\n- [ ] test\n';
    expect(await readSpecText(a.id)).toBe(merged);
    expect(folder.text('Plan.md')).toBe(merged);
    expect(again.rows.get(a.id)).toMatchObject({ status: 'merged', message: 'Changed outside and in the app: both merged', base: merged });
  });

  it('a refused write of the merge back is said and retried, and the merge is not applied twice', async () => {
    const a = await createSpec('Plan', '# Plan\n- [ ] a\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    await editSpecToText(a.id, '# Plan\n- [x] a\n');
    folder.refuseWrites = true;
    folder.outside('Plan.md', '# Plan\n- [ ] a\n- [ ] b\n');
    await sync.scan();
    expect(sync.rows.get(a.id)!.status).toBe('error');
    expect(await readSpecText(a.id)).toBe('# Plan\n- [x] a\n- [ ] b\n');
    folder.refuseWrites = false;
    await until(() => folder.text('Plan.md'), (t) => t === '# Plan\n- [x] a\n- [ ] b\n', 'the merge written back');
    await sync.settle();
    expect(await readSpecText(a.id)).toBe('# Plan\n- [x] a\n- [ ] b\n');
  });

  it('applies the same change made on both sides once', async () => {
    const a = await createSpec('Plan', '# Plan\n- [ ] a\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    sync.stop();
    await editSpecToText(a.id, '# Plan\n- [x] a\n');
    folder.outside('Plan.md', '# Plan\n- [x] a\n');
    await link(folder);
    expect(await readSpecText(a.id)).toBe('# Plan\n- [x] a\n');
  });

  it('keeps both versions of a line changed differently on each side, and says so', async () => {
    const a = await createSpec('Plan', '# Plan\n- [ ] write output\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    sync.stop();
    await editSpecToText(a.id, '# Plan\n- [ ] write JSON output\n');
    folder.outside('Plan.md', '# Plan\n- [ ] write CSV output\n');
    const again = await link(folder);
    expect(await readSpecText(a.id)).toBe('# Plan\n- [ ] write JSON output\n- [ ] write CSV output\n');
    expect(again.rows.get(a.id)!.message).toBe('Changed outside and in the app at the same lines: both versions kept in 1 place; review them');
  });

  it('keeps CRLF line breaks both ways', async () => {
    const folder = new MemoryFolder();
    folder.outside('Win.md', '# Win\r\n- [ ] one\r\n');
    const sync = await link(folder);
    const id = specIdOf(sync, 'Win.md');
    folder.outside('Win.md', '# Win\r\n- [ ] one\r\n- [ ] two\r\n');
    await sync.scan();
    expect(await readSpecText(id)).toBe('# Win\r\n- [ ] one\r\n- [ ] two\r\n');
    await editSpecToText(id, '# Win\r\n- [x] one\r\n- [ ] two\r\n');
    await until(() => folder.text('Win.md'), (t) => t === '# Win\r\n- [x] one\r\n- [ ] two\r\n', 'the CRLF write');
  });

  it('takes a rename outside as a rename of the spec, and a new file as a new spec', async () => {
    const a = await createSpec('Draft', '# Draft\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    folder.outsideRename('Draft.md', 'Final plan.md');
    folder.outside('Ideas.md', '# Ideas\n');
    await sync.scan();
    expect((await findSpec(a.id))?.title).toBe('Final plan');
    expect(sync.rows.get(a.id)).toMatchObject({ fileName: 'Final plan.md', status: 'synced' });
    const ideas = specIdOf(sync, 'Ideas.md');
    expect(await readSpecText(ideas)).toBe('# Ideas\n');
    await sync.settle();
    expect(folder.names()).toEqual(['Final plan.md', 'Ideas.md']); // the rename wrote no new file
  });

  it('asks before deleting: a file deleted outside leaves the spec and marks it', async () => {
    const a = await createSpec('Alpha', '# Alpha\n');
    const folder = new MemoryFolder();
    const sync = await link(folder);
    folder.outsideDelete('Alpha.md');
    await sync.scan();
    expect((await findSpec(a.id))?.deletedAt).toBeUndefined();
    expect(sync.rows.get(a.id)).toMatchObject({ status: 'deleted-outside', message: 'Alpha.md was deleted or moved away outside the app' });
    // Typing meanwhile does not bring the file back behind the person's back.
    await editSpecToText(a.id, '# Alpha\nmore\n');
    await sync.settle();
    expect(folder.names()).toEqual([]);
  });

  it('names a file that is not UTF-8, keeps the spec text, and never overwrites that file', async () => {
    const a = await createSpec('Alpha', '# Alpha\n');
    const folder = new MemoryFolder();
    await putFolderLink({ id: 'folder', handle: null, name: folder.name, kind: 'private', linkedAt: 1, access: 'granted', problems: [] });
    const sync = await link(folder);
    const latin1 = new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]); // "# Café" in Latin-1
    folder.outside('Alpha.md', latin1);
    folder.outside('Other.md', latin1);
    await sync.scan();
    expect(await readSpecText(a.id)).toBe('# Alpha\n');
    expect(sync.rows.get(a.id)).toMatchObject({ status: 'error', message: expect.stringMatching(/^Alpha\.md: is not UTF-8 text/) });
    await editSpecToText(a.id, '# Alpha\ntyped\n');
    await sync.settle();
    expect(folder.entries.get('Alpha.md')!.bytes).toEqual(latin1);
    expect([...sync.rows.values()].some((r) => r.fileName === 'Other.md')).toBe(false);
    expect((await getFolderLink())?.problems).toEqual([{ file: 'Other.md', message: 'Other.md: is not UTF-8 text, so it was not read; save it as UTF-8' }]);
    // Saved as UTF-8 again, the file merges with what was typed meanwhile.
    folder.outside('Alpha.md', '# Alpha\n\nfixed\n');
    await sync.scan();
    expect(await readSpecText(a.id)).toBe('# Alpha\ntyped\n\nfixed\n');
  });
});
