import { freeFileName, titleFromFileName } from '../../domain/linkedFolder/fileNames';
import { decodeLinkedFile } from '../../domain/linkedFolder/fileText';
import { matchRenames } from '../../domain/linkedFolder/renames';
import type { FolderProblem } from '../../domain/linkedFolder/status';
import { validateTitle } from '../../domain/spec/spec';
import { getFolderLink, updateFolderLink, type LinkedFileRow } from '../../store/folderLinkRepo';
import { createSpec, findSpec, renameSpec } from '../specs';
import { listSpecFiles, renameFile, statFile, writeFileAtomically, type ListedFile } from './directory';
import type { FolderSync } from './folderSync';

const encode = (text: string) => new TextEncoder().encode(text);
const lower = (s: string) => s.toLowerCase();

interface ReadFile extends ListedFile {
  text: string;
}

/**
 * Looks at the folder: a linked file that changed is merged into its spec; a file that is
 * gone is either renamed (a new file holds exactly its last synced text) or marked as deleted
 * outside, and nothing in the app is deleted until the person says so; a new file becomes a
 * new spec (or is paired with a spec of the same name and text, when a folder is linked
 * again). A file that cannot be read is named with the reason, and its spec keeps its text.
 */
export async function reconcileFolder(sync: FolderSync): Promise<void> {
  const listing = await listSpecFiles(sync.dir);
  const byName = new Map([...sync.rows.values()].map((r) => [lower(r.fileName), r] as const));
  const missing: LinkedFileRow[] = [];
  for (const row of [...sync.rows.values()]) {
    const file = listing.get(lower(row.fileName));
    if (!file) {
      missing.push(row);
      continue;
    }
    if (file.lastModified === row.lastModified && file.size === row.size && row.status !== 'deleted-outside') continue;
    await takeFileChange(sync, row, file);
  }

  const problems: FolderProblem[] = [];
  const fresh: ReadFile[] = [];
  for (const [key, file] of listing) {
    if (byName.has(key)) continue;
    try {
      fresh.push({ ...file, text: decodeLinkedFile(file.name, new Uint8Array(await (await file.handle.getFile()).arrayBuffer())) });
    } catch (e) {
      problems.push({ file: file.name, message: (e as Error).message });
    }
  }

  for (const { row, file } of matchRenames(missing, fresh)) {
    const title = validateTitle(titleFromFileName(file.name));
    await renameSpec(row.specId, title);
    await sync.save({ ...row, fileName: file.name, title, lastModified: file.lastModified, size: file.size, status: 'synced', message: `Renamed outside from ${row.fileName}`, at: Date.now() });
    fresh.splice(fresh.indexOf(file), 1);
    missing.splice(missing.indexOf(row), 1);
    await sync.flush(row.specId);
  }
  for (const row of missing) {
    if (row.status === 'deleted-outside') continue;
    await sync.save({ ...row, status: 'deleted-outside', message: `${row.fileName} was deleted or moved away outside the app`, at: Date.now() });
  }
  for (const file of fresh) await adoptFile(sync, file);
  await reportProblems(problems);
}

async function takeFileChange(sync: FolderSync, row: LinkedFileRow, file: ListedFile): Promise<void> {
  let text: string;
  try {
    text = decodeLinkedFile(file.name, new Uint8Array(await (await file.handle.getFile()).arrayBuffer()));
  } catch (e) {
    return sync.failed(row, e);
  }
  // The name's case may have changed outside (a case-insensitive match found it).
  const seen = { ...row, fileName: file.name, lastModified: file.lastModified, size: file.size };
  try {
    const restored = row.status === 'deleted-outside' && text === (await sync.specText(row.specId));
    if (text === row.base || restored) {
      const cleared = row.status === 'error' || row.status === 'deleted-outside';
      return await sync.save(cleared ? { ...seen, base: text, status: 'synced', message: undefined, at: Date.now() } : seen);
    }
    await sync.mergeFromFile(seen, text);
  } catch (e) {
    // Writing the merge back was refused: said, and retried (merging again changes nothing twice).
    await sync.failed(row, e);
  }
}

/** A file nobody linked yet: the spec of the same name and text when there is one, else a new spec. */
async function adoptFile(sync: FolderSync, file: ReadFile): Promise<void> {
  const linked = new Set(sync.rows.keys());
  for (const spec of sync.specsNow ?? []) {
    if (linked.has(spec.id) || lower(freeFileName(spec.title, new Set())) !== lower(file.name)) continue;
    if ((await sync.specText(spec.id)) !== file.text) continue;
    await sync.save(newRow(spec.id, spec.title, file, 'synced', 'Paired with the file of the same name and text'));
    return;
  }
  const spec = await createSpec(titleFromFileName(file.name), file.text);
  await sync.save(newRow(spec.id, spec.title, file, 'synced', `New file in the folder: became this spec`));
  sync.watch(spec.id);
}

function newRow(specId: string, title: string, file: ReadFile, status: LinkedFileRow['status'], message: string): LinkedFileRow {
  return { specId, fileName: file.name, title, base: file.text, lastModified: file.lastModified, size: file.size, status, message, at: Date.now() };
}

async function reportProblems(problems: FolderProblem[]): Promise<void> {
  const link = await getFolderLink();
  if (link && JSON.stringify(link.problems) !== JSON.stringify(problems)) await updateFolderLink({ problems });
}

/**
 * Follows the specs: a spec without a file gets one (`<title>.md`, safe and unique in the
 * folder), a renamed spec renames its file, and a spec deleted in the app (it stays in the
 * trash, restorable) takes its file away, after merging in any change the file had.
 */
export async function reconcileSpecs(sync: FolderSync): Promise<void> {
  const list = sync.specsNow ?? [];
  // Oldest first, so that of two clashing titles the older spec keeps the plain name.
  const unlinked = list.filter((s) => !sync.rows.has(s.id)).sort((a, b) => a.createdAt - b.createdAt);
  const renamed = list.filter((s) => {
    const row = sync.rows.get(s.id);
    return row && row.title !== s.title;
  });
  const listed = new Set(list.map((s) => s.id));
  const gone = [...sync.rows.values()].filter((r) => !listed.has(r.specId));
  if (!unlinked.length && !renamed.length && !gone.length) return;

  const taken = new Set([...(await listSpecFiles(sync.dir)).keys(), ...[...sync.rows.values()].map((r) => lower(r.fileName))]);
  for (const spec of unlinked) {
    // The list can lag behind the database: write a file only for a spec that is really there.
    const meta = await findSpec(spec.id);
    if (!meta || meta.deletedAt !== undefined || sync.rows.has(spec.id)) continue;
    const text = await sync.specText(spec.id);
    const fileName = freeFileName(meta.title, taken);
    const written = await writeFileAtomically(sync.dir, fileName, encode(text));
    sync.lastMethod = written.method;
    await sync.save({ specId: spec.id, fileName, title: meta.title, base: text, lastModified: written.lastModified, size: written.size, status: 'synced', at: Date.now() });
  }
  for (const spec of renamed) {
    const row = sync.rows.get(spec.id)!;
    taken.delete(lower(row.fileName));
    const fileName = freeFileName(spec.title, taken);
    if (fileName === row.fileName || row.status === 'deleted-outside') {
      await sync.save({ ...row, title: spec.title });
      continue;
    }
    const moved = await renameFile(sync.dir, row.fileName, fileName, encode(row.base));
    await sync.save({ ...row, fileName, title: spec.title, lastModified: moved.lastModified, size: moved.size, message: `Renamed from ${row.fileName}`, at: Date.now() });
  }
  for (const row of gone) {
    const meta = await findSpec(row.specId);
    if (meta && meta.deletedAt === undefined) continue;
    await removeDeletedSpecFile(sync, row);
  }
}

async function removeDeletedSpecFile(sync: FolderSync, row: LinkedFileRow): Promise<void> {
  const file = await statFile(sync.dir, row.fileName);
  let remove = !!file;
  if (file && (file.lastModified !== row.lastModified || file.size !== row.size)) {
    // Changed outside since the last sync: keep that change in the (deleted, restorable) spec;
    // a file that cannot be read stays in the folder (the next scan names it).
    try {
      const text = decodeLinkedFile(row.fileName, await file.bytes());
      if (text !== row.base) await sync.mergeFromFile({ ...row, lastModified: file.lastModified, size: file.size }, text);
    } catch {
      remove = false;
    }
  }
  if (remove) await sync.dir.removeEntry(row.fileName);
  await sync.forget(row.specId);
}
