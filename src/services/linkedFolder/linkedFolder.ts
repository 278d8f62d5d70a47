import type { FolderKind } from '../../domain/linkedFolder/status';
import {
  getFolderLink,
  observeFolderLink,
  observeLinkedFiles,
  putFolderLink,
  removeFolderLink,
  updateFolderLink,
  type FolderLinkRow,
  type LinkedFileRow,
} from '../../store/folderLinkRepo';
import type { Live } from '../../store/live';
import { readSpecText } from '../../sync/specSession';
import { deleteSpec } from '../specs';
import { writeFileAtomically, type FolderHandle } from './directory';
import { startFolderLink } from './runner';

export type { FolderLinkRow, LinkedFileRow };
export type { FolderKind };

/**
 * What a person does with the linked folder, from any tab: link (a picked folder, or one in
 * this browser's private storage), allow access again, unlink, and answer for a file deleted
 * outside. The tab holding the folder (runner.ts) sees each change through the stored link.
 */
type Picker = (options: { mode: 'readwrite'; id?: string }) => Promise<FolderHandle>;

/** Linking needs the File System Access API's folder picker (Chromium-based browsers). */
export function canLinkFolders(): boolean {
  return typeof (globalThis as { showDirectoryPicker?: Picker }).showDirectoryPicker === 'function';
}

/** The origin private file system with writable files (Chromium; used to try the link and by tests). */
export function canLinkPrivateFolder(): boolean {
  const fsfh = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function' && !!fsfh && 'createWritable' in fsfh.prototype;
}

/** Asks the person for a folder (call it from a click) and links it. Resolves false when they cancel. */
export async function pickAndLinkFolder(): Promise<boolean> {
  const pick = (globalThis as { showDirectoryPicker?: Picker }).showDirectoryPicker;
  if (!pick) return false;
  let dir: FolderHandle;
  try {
    dir = await pick({ mode: 'readwrite', id: 'metacompiler-linked-folder' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return false;
    throw e;
  }
  await linkFolder(dir, 'picked');
  return true;
}

/**
 * Links a folder of this browser's origin private file system, "Linked folder": the same
 * FileSystemDirectoryHandle API and code path as a picked folder, but other programs cannot see
 * it. It lets a person try the link, and lets tests drive it (a picker cannot be driven headless).
 */
export const PRIVATE_FOLDER_NAME = 'Linked folder';
export async function linkPrivateFolder(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(PRIVATE_FOLDER_NAME, { create: true });
  await linkFolder(dir as unknown as FolderHandle, 'private');
}

async function linkFolder(dir: FolderHandle, kind: FolderKind): Promise<void> {
  await putFolderLink({ id: 'folder', handle: dir, name: dir.name, kind, linkedAt: Date.now(), access: 'granted', problems: [] });
  startFolderLink();
}

/** Stops syncing; the files stay in the folder and the specs in the app. */
export function unlinkFolder(): Promise<void> {
  return removeFolderLink();
}

/**
 * After a restart the browser may ask again: one click on "Allow access". The browser allows the
 * request only right after a click, so it is made at once, with the handle the page already has.
 */
export async function allowFolderAccess(link: Pick<FolderLinkRow, 'handle'>): Promise<boolean> {
  const dir = link.handle as FolderHandle;
  const granted = ((await dir.requestPermission?.({ mode: 'readwrite' })) ?? 'granted') === 'granted';
  await updateFolderLink({ access: granted ? 'granted' : 'needs-permission', accessAskedAt: Date.now() });
  return granted;
}

/** The person's answer for a file deleted outside: delete the spec too (it goes to the trash). */
export async function deleteSpecOfDeletedFile(specId: string): Promise<void> {
  await deleteSpec(specId);
}

/** The other answer: write the spec's text to its file again (the sync then sees it back). */
export async function writeDeletedFileAgain(file: Pick<LinkedFileRow, 'specId' | 'fileName'>): Promise<void> {
  const row = await getFolderLink();
  if (!row) return;
  const text = await readSpecText(file.specId);
  await writeFileAtomically(row.handle as FolderHandle, file.fileName, new TextEncoder().encode(text));
}

export function folderLink(): Live<FolderLinkRow | undefined> {
  return observeFolderLink();
}

export function linkedFiles(): Live<LinkedFileRow[]> {
  return observeLinkedFiles();
}

export { startFolderLink };
