import { getFolderLink, observeFolderLink, updateFolderLink, type FolderLinkRow } from '../../store/folderLinkRepo';
import type { FolderHandle } from './directory';
import type { FolderSync } from './folderSync';

/**
 * Runs the folder sync in exactly one tab of this browser: the one holding a Web Lock (another
 * tab takes over when it closes), since two tabs writing the same files would fight. It
 * follows the stored link: starts when there is one and the browser allows access, restarts
 * for a new folder, stops on unlink. Changes outside are seen through FileSystemObserver where
 * the browser has it, else by looking at the files every 2 s while the page is visible; and
 * always when the page comes back into view.
 */
const LOCK = 'metacompiler:linked-folder';
const POLL_MS = 2000;

interface Running {
  linkedAt: number;
  sync: FolderSync;
  stop: () => void;
}

let running: Running | undefined;
let chain: Promise<void> = Promise.resolve();
let started = false;

export function startFolderLink(): void {
  if (started) return;
  started = true;
  const follow = () => observeFolderLink().subscribe({ next: (row) => void (chain = chain.then(() => follow1(row)).catch(reportError)) });
  if (typeof navigator !== 'undefined' && navigator.locks) void navigator.locks.request(LOCK, () => new Promise<void>(() => follow()));
  else follow();
}

/** The sync of this tab, when this tab holds the folder (for tests and the Settings page). */
export function runningSync(): FolderSync | undefined {
  return running?.sync;
}

async function follow1(row: FolderLinkRow | undefined): Promise<void> {
  if (!row) return stopRunning();
  if (running?.linkedAt === row.linkedAt) return;
  stopRunning();
  const dir = row.handle as FolderHandle;
  const access = (await dir.queryPermission?.({ mode: 'readwrite' })) ?? 'granted';
  if (access !== 'granted') {
    if (row.access !== 'needs-permission') await updateFolderLink({ access: 'needs-permission', message: undefined });
    return;
  }
  // The sync (spec documents, Yjs) loads only for a linked folder: every page starts this runner.
  const { FolderSync } = await import('./folderSync');
  const sync = new FolderSync(dir, {}, (e) => void folderError(e));
  const linkedAt = row.linkedAt;
  running = { linkedAt, sync, stop: () => sync.stop() };
  try {
    await sync.start();
  } catch (e) {
    await folderError(e);
  }
  if (running?.sync !== sync) return;
  const stopWatching = await watchFolder(dir, sync);
  running.stop = () => {
    stopWatching();
    sync.stop();
  };
  await updateFolderLink({ access: 'granted', message: undefined, writeMethod: sync.lastMethod });
}

function stopRunning(): void {
  running?.stop();
  running = undefined;
}

/** The folder cannot be reached: say why; a later scan that works clears it. */
async function folderError(e: unknown): Promise<void> {
  const err = e as Error;
  const row = await getFolderLink();
  if (!row) return;
  if (err?.name === 'NotAllowedError' || err?.name === 'SecurityError') {
    await updateFolderLink({ access: 'needs-permission', message: undefined });
    stopRunning();
  } else await updateFolderLink({ access: 'unavailable', message: `The folder “${row.name}” cannot be reached: ${err?.message || String(e)}` });
}

function reportError(e: unknown): void {
  console.error('linked folder:', e);
}

type ObserverCtor = new (callback: () => void) => { observe(handle: unknown): Promise<void>; disconnect(): void };

/** Scans on every observed change (or every 2 s while visible), and whenever the page is shown. */
async function watchFolder(dir: FolderHandle, sync: FolderSync): Promise<() => void> {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const scan = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      sync
        .scan()
        .then(() => cleared())
        .catch(() => undefined); // reported by the sync
    }, 50);
  };
  const onShow = () => document.visibilityState === 'visible' && scan();
  window.addEventListener('focus', scan);
  document.addEventListener('visibilitychange', onShow);
  const stops = [() => window.removeEventListener('focus', scan), () => document.removeEventListener('visibilitychange', onShow), () => clearTimeout(pending)];

  const Observer = (globalThis as { FileSystemObserver?: ObserverCtor }).FileSystemObserver;
  let mode: 'observer' | 'polling' = 'polling';
  if (Observer) {
    try {
      const observer = new Observer(scan);
      await observer.observe(dir);
      stops.push(() => observer.disconnect());
      mode = 'observer';
    } catch {
      // Not for this folder (some file systems cannot be observed): poll instead.
    }
  }
  if (mode === 'polling') {
    const timer = setInterval(() => document.visibilityState === 'visible' && scan(), POLL_MS);
    stops.push(() => clearInterval(timer));
  }
  await updateFolderLink({ watchMode: mode });
  return () => stops.forEach((s) => s());
}

/** After an error, the first scan that works says the folder is reachable again. */
async function cleared(): Promise<void> {
  const row = await getFolderLink();
  const method = running?.sync.lastMethod;
  if (row && (row.access !== 'granted' || (method && row.writeMethod !== method))) await updateFolderLink({ access: 'granted', message: undefined, writeMethod: method ?? row.writeMethod });
}
