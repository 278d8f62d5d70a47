import Dexie, { type Table } from 'dexie';
import type { AtomicMethod, FolderAccess, FolderKind, FolderProblem, LinkedFileStatus } from '../domain/linkedFolder/status';
import { live, type Live } from './live';

/**
 * The linked folder's state, in a database of its own (`metacompiler-folder-link`): it is this
 * device's tie to a folder on its disk, not recorded data. So a backup never carries it (a
 * directory handle cannot leave the browser anyway), a restore never touches it, and the main
 * schema's versions and fixtures stay as they are.
 */
export interface FolderLinkRow {
  id: 'folder';
  /** The FileSystemDirectoryHandle, kept by IndexedDB's structured clone across reloads. */
  handle: unknown;
  name: string;
  kind: FolderKind;
  linkedAt: number;
  access: FolderAccess;
  /** Files of the folder that could not become specs (not UTF-8, unreadable), and why. */
  problems: FolderProblem[];
  /** How changes made outside are noticed, and how writes are made atomic, in the tab holding the folder. */
  watchMode?: 'observer' | 'polling';
  writeMethod?: AtomicMethod;
  /** Why the folder itself cannot be reached, when access is not 'granted'. */
  message?: string;
  /** Set by any tab after the person allowed access, so the tab holding the folder retries. */
  accessAskedAt?: number;
}

/** One spec tied to one file of the folder. */
export interface LinkedFileRow {
  specId: string;
  fileName: string;
  /** The spec's title when the file was named: a rename in the app renames the file. */
  title: string;
  /** The text the file and the spec last agreed on: the base of a three-way merge. */
  base: string;
  /** The file as last seen (File.lastModified and size), to notice a change without reading it. */
  lastModified: number;
  size: number;
  status: LinkedFileStatus;
  message?: string;
  at: number;
}

class FolderLinkDb extends Dexie {
  link!: Table<FolderLinkRow, string>;
  files!: Table<LinkedFileRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ link: 'id', files: 'specId, fileName' });
  }
}

export const FOLDER_LINK_DB = 'metacompiler-folder-link';
let shared: FolderLinkDb | undefined;
const fdb = () => (shared ??= new FolderLinkDb(FOLDER_LINK_DB));

/** For tests: point the repository at a fresh database name (on the current IndexedDB factory). */
export function useFolderLinkDatabase(name: string): void {
  shared?.close();
  shared = new FolderLinkDb(name);
}

export function getFolderLink(): Promise<FolderLinkRow | undefined> {
  return fdb().link.get('folder');
}

/** A new link replaces any earlier one and its files, in one transaction. */
export async function putFolderLink(row: FolderLinkRow): Promise<void> {
  await fdb().transaction('rw', fdb().link, fdb().files, async () => {
    await fdb().files.clear();
    await fdb().link.put(row);
  });
}

export async function updateFolderLink(change: Partial<Omit<FolderLinkRow, 'id'>>): Promise<void> {
  await fdb().transaction('rw', fdb().link, async () => {
    const row = await fdb().link.get('folder');
    if (!row) return;
    const next: FolderLinkRow = { ...row, ...change };
    if ('message' in change && change.message === undefined) delete next.message;
    await fdb().link.put(next);
  });
}

export async function removeFolderLink(): Promise<void> {
  await fdb().transaction('rw', fdb().link, fdb().files, async () => {
    await fdb().files.clear();
    await fdb().link.delete('folder');
  });
}

export function observeFolderLink(): Live<FolderLinkRow | undefined> {
  return live(() => fdb().link.get('folder'));
}

export function listLinkedFiles(): Promise<LinkedFileRow[]> {
  return fdb().files.toArray();
}

/**
 * The linked files while the folder is reachable; none while access must be allowed again or
 * the folder is gone, so no page shows "In sync" for a folder nobody is syncing.
 */
export function observeLinkedFiles(): Live<LinkedFileRow[]> {
  return live(async () => {
    const link = await fdb().link.get('folder');
    return link?.access === 'granted' ? fdb().files.orderBy('fileName').toArray() : [];
  });
}

export async function putLinkedFile(row: LinkedFileRow): Promise<void> {
  await fdb().files.put(row);
}

export async function updateLinkedFile(specId: string, change: Partial<Omit<LinkedFileRow, 'specId'>>): Promise<void> {
  await fdb().transaction('rw', fdb().files, async () => {
    const row = await fdb().files.get(specId);
    if (!row) return;
    const next: LinkedFileRow = { ...row, ...change };
    if ('message' in change && change.message === undefined) delete next.message;
    await fdb().files.put(next);
  });
}

export async function removeLinkedFile(specId: string): Promise<void> {
  await fdb().files.delete(specId);
}
