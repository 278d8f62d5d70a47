import { isSpecFileName, isTempFileName, tempFileName } from '../../domain/linkedFolder/fileNames';
import type { AtomicMethod } from '../../domain/linkedFolder/status';

export type { AtomicMethod };

/**
 * The part of the File System Access API the linked folder uses, as an interface: a
 * FileSystemDirectoryHandle (picked, or in the origin private file system) satisfies it, and
 * Node tests give an in-memory folder that stands for the disk.
 */
export interface FolderFileSnapshot {
  readonly lastModified: number;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FolderWritable {
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}

export interface FolderFileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<FolderFileSnapshot>;
  createWritable(): Promise<FolderWritable>;
  /** Renames within the folder, replacing a file of that name (Chromium; not in every browser). */
  move?(newName: string): Promise<void>;
}

export interface FolderHandle {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FolderFileHandle | { readonly kind: 'directory'; readonly name: string }>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FolderFileHandle>;
  removeEntry(name: string): Promise<void>;
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
}

/** A spec file as listed: its handle and what changes when anything writes it. */
export interface ListedFile {
  name: string;
  handle: FolderFileHandle;
  lastModified: number;
  size: number;
}

/** The folder's spec files (`*.md`, not hidden), by lower-cased name. */
export async function listSpecFiles(dir: FolderHandle): Promise<Map<string, ListedFile>> {
  const out = new Map<string, ListedFile>();
  for await (const entry of dir.values()) {
    if (entry.kind !== 'file' || !isSpecFileName(entry.name)) continue;
    const handle = entry as FolderFileHandle;
    try {
      const file = await handle.getFile();
      out.set(entry.name.toLowerCase(), { name: entry.name, handle, lastModified: file.lastModified, size: file.size });
    } catch (e) {
      // Gone between the listing and the read (another program deleted it): next scan sees it.
      if ((e as Error).name !== 'NotFoundError') throw e;
    }
  }
  return out;
}

/**
 * Removes this app's temporary files left by a write that never finished (the tab closed
 * between writing and moving). Only ones older than a minute: a write in progress in another
 * tab is never touched.
 */
export async function sweepTempFiles(dir: FolderHandle, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for await (const entry of dir.values()) {
    if (entry.kind !== 'file' || !isTempFileName(entry.name)) continue;
    const file = await (entry as FolderFileHandle).getFile().catch(() => undefined);
    if (!file || now - file.lastModified < 60_000) continue;
    await dir.removeEntry(entry.name).catch(() => undefined);
    removed.push(entry.name);
  }
  return removed;
}

/** A file as it is now, or undefined when there is none by that name. */
export async function statFile(dir: FolderHandle, name: string): Promise<{ lastModified: number; size: number; bytes: () => Promise<Uint8Array> } | undefined> {
  try {
    const file = await (await dir.getFileHandle(name)).getFile();
    return { lastModified: file.lastModified, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
  } catch (e) {
    if ((e as Error).name === 'NotFoundError' || (e as Error).name === 'TypeError') return undefined;
    throw e;
  }
}


let nonce = 0;

/**
 * Writes a file so that a reader sees the old or the new content, never half of it: to a
 * hidden temporary file, then moved over the real name. Where move() is missing or refused,
 * writes through createWritable(), which Chromium also commits by renaming a swap file on
 * close(). Returns the file as written (its modification time and size, to recognise it later).
 */
export async function writeFileAtomically(dir: FolderHandle, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ lastModified: number; size: number; method: AtomicMethod }> {
  let method: AtomicMethod = 'swap-file';
  const tmpName = tempFileName(name, `${Date.now().toString(36)}${(nonce++).toString(36)}`);
  const tmp = await dir.getFileHandle(tmpName, { create: true });
  if (typeof tmp.move === 'function') {
    try {
      await writeAll(tmp, bytes);
      await tmp.move(name);
      method = 'move';
    } catch (e) {
      if (isRefusal(e)) {
        await dir.removeEntry(tmpName).catch(() => undefined);
        throw e;
      }
    }
  }
  if (method === 'swap-file') await dir.removeEntry(tmpName).catch(() => undefined);
  if (method === 'swap-file') await writeAll(await dir.getFileHandle(name, { create: true }), bytes);
  const written = await (await dir.getFileHandle(name)).getFile();
  return { lastModified: written.lastModified, size: written.size, method };
}

async function writeAll(handle: FolderFileHandle, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const w = await handle.createWritable();
  try {
    await w.write(bytes);
    await w.close();
  } catch (e) {
    await w.abort?.().catch(() => undefined);
    throw e;
  }
}

/** Errors that say the browser refused (permission, quota), not that move() is unsupported here. */
function isRefusal(e: unknown): boolean {
  const name = (e as Error)?.name;
  return name === 'NotAllowedError' || name === 'QuotaExceededError' || name === 'SecurityError';
}

/** Renames a file; without move(), writes the new name and removes the old one. */
export async function renameFile(dir: FolderHandle, from: string, to: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ lastModified: number; size: number }> {
  const handle = await dir.getFileHandle(from);
  if (typeof handle.move === 'function') {
    await handle.move(to);
    const file = await (await dir.getFileHandle(to)).getFile();
    return { lastModified: file.lastModified, size: file.size };
  }
  const written = await writeFileAtomically(dir, to, bytes);
  await dir.removeEntry(from);
  return written;
}
