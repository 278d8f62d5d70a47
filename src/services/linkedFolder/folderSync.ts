import { decodeLinkedFile } from '../../domain/linkedFolder/fileText';
import { mergeText } from '../../domain/linkedFolder/merge';
import type { SpecMeta } from '../../domain/spec/spec';
import { listLinkedFiles, putLinkedFile, removeLinkedFile, type LinkedFileRow } from '../../store/folderLinkRepo';
import { bindSpecText, editSpecTextTo } from '../../sync/specText';
import { specs } from '../specs';
import { statFile, sweepTempFiles, writeFileAtomically, type AtomicMethod, type FolderHandle } from './directory';
import { reconcileFolder, reconcileSpecs } from './reconcile';

/** Edits that came from the file: not the person's typing here, so the editor's undo skips them. */
export const FOLDER_ORIGIN = 'linked-folder';

export interface FolderSyncOptions {
  /** Quiet time after the last change before the file is written (the whole write stays under 1 s). */
  debounceMs?: number;
  /** Wait before writing again after the browser refused a write. */
  retryMs?: number;
}

const encode = (text: string) => new TextEncoder().encode(text);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The glue between a folder and the specs: every spec is one file, every file one spec. It
 * runs in one tab at a time (linkedFolder.ts holds a Web Lock), keeps each linked spec's
 * document open to see every change (typing, the rendered view, other tabs, peers), writes a
 * changed spec to its file after a quiet moment, and merges a file changed outside into its
 * spec. All folder work runs one task at a time, so a scan never races a write.
 */
export class FolderSync {
  readonly rows = new Map<string, LinkedFileRow>();
  /** The specs as last listed (not deleted); undefined until the first list arrives. */
  specsNow: SpecMeta[] | undefined;
  /** How the last write was made atomic (shown in Settings). */
  lastMethod: AtomicMethod | undefined;
  private readonly watchers = new Map<string, { text: () => string; whenLoaded: Promise<void>; stop: () => void }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private chain: Promise<unknown> = Promise.resolve();
  private stopList: () => void = () => undefined;
  private stopped = false;
  private readonly debounceMs: number;
  private readonly retryMs: number;

  constructor(
    readonly dir: FolderHandle,
    options: FolderSyncOptions = {},
    /** Told when a whole task failed (the folder is gone, access withdrawn). */
    private readonly onFolderError: (e: unknown) => void = (e) => console.error(e),
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.retryMs = options.retryMs ?? 2000;
  }

  /** Loads what was linked before, then glues folder and specs once; call scan() to look again. */
  async start(): Promise<void> {
    for (const r of await listLinkedFiles()) this.rows.set(r.specId, r);
    await new Promise<void>((ready) => {
      const sub = specs().subscribe({
        next: (list) => {
          const first = this.specsNow === undefined;
          this.specsNow = list;
          if (first) ready();
          else this.background(() => reconcileSpecs(this));
        },
        error: (e) => this.onFolderError(e),
      });
      this.stopList = () => sub.unsubscribe();
    });
    for (const specId of this.rows.keys()) this.watch(specId);
    await this.enqueue(async () => {
      await sweepTempFiles(this.dir);
      await reconcileFolder(this);
      await reconcileSpecs(this);
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopList();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.watchers.values()) w.stop();
    this.watchers.clear();
  }

  /** Looks at the folder for changes made outside (called by the poll, the observer, focus). */
  scan(): Promise<void> {
    return this.enqueue(async () => {
      await reconcileFolder(this);
      await reconcileSpecs(this);
    });
  }

  /** Waits until every queued task and pending write is done (tests, and unlinking cleanly). */
  async settle(): Promise<void> {
    for (const specId of [...this.timers.keys()]) {
      clearTimeout(this.timers.get(specId));
      this.timers.delete(specId);
      this.background(() => this.flush(specId));
    }
    await this.chain;
  }

  /** Runs a task after every task queued before it; its failure is also reported to onFolderError. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => (this.stopped ? (undefined as T) : task()));
    this.chain = run.catch((e: unknown) => this.onFolderError(e));
    return run;
  }

  private background(task: () => Promise<unknown>): void {
    this.enqueue(task).catch(() => undefined); // reported through onFolderError already
  }

  async save(row: LinkedFileRow): Promise<void> {
    this.rows.set(row.specId, row);
    await putLinkedFile(row);
  }

  async forget(specId: string): Promise<void> {
    this.rows.delete(specId);
    this.unwatch(specId);
    await removeLinkedFile(specId);
  }

  /** The spec's text, once its document is loaded (opening it and keeping it open). */
  async specText(specId: string): Promise<string> {
    const w = this.watch(specId);
    await w.whenLoaded;
    return w.text();
  }

  watch(specId: string) {
    let w = this.watchers.get(specId);
    if (w) return w;
    const binding = bindSpecText(specId);
    const off = binding.onChange(() => this.changed(specId));
    w = {
      text: binding.text,
      whenLoaded: binding.whenLoaded,
      stop: () => {
        off();
        binding.release();
      },
    };
    this.watchers.set(specId, w);
    return w;
  }

  unwatch(specId: string): void {
    this.watchers.get(specId)?.stop();
    this.watchers.delete(specId);
    clearTimeout(this.timers.get(specId));
    this.timers.delete(specId);
  }

  /** A change on any surface: write the file once the typing pauses. */
  private changed(specId: string, delay = this.debounceMs): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(specId));
    this.timers.set(
      specId,
      setTimeout(() => {
        this.timers.delete(specId);
        this.background(() => this.flush(specId));
      }, delay),
    );
  }

  /** Writes the spec to its file if it changed; merges first if the file changed outside too. */
  async flush(specId: string): Promise<void> {
    const row = this.rows.get(specId);
    if (!row || row.status === 'deleted-outside') return;
    const text = await this.specText(specId);
    if (text === row.base && row.status !== 'error') return;
    try {
      const now = await statFile(this.dir, row.fileName);
      if (!now) return void (await reconcileFolder(this));
      if (now.lastModified !== row.lastModified || now.size !== row.size) {
        const fileText = decodeLinkedFile(row.fileName, await now.bytes());
        if (fileText !== row.base) return void (await this.mergeFromFile({ ...row, lastModified: now.lastModified, size: now.size }, fileText));
      }
      if (text === row.base) return void (await this.save({ ...row, status: 'synced', message: undefined, at: Date.now() }));
      await this.save({ ...row, status: 'writing', message: undefined, at: Date.now() });
      const written = await writeFileAtomically(this.dir, row.fileName, encode(text));
      this.lastMethod = written.method;
      await this.save({ ...row, base: text, lastModified: written.lastModified, size: written.size, status: 'synced', message: undefined, at: Date.now() });
    } catch (e) {
      await this.failed(row, e);
    }
  }

  /** Says what went wrong with this file, keeps the spec's text, and tries again later. */
  async failed(row: LinkedFileRow, e: unknown): Promise<void> {
    const err = e as Error;
    const refused = err?.name === 'NotAllowedError' || err?.name === 'QuotaExceededError' || err?.name === 'NoModificationAllowedError';
    const message =
      err?.name === 'LinkedFileError'
        ? `${err.message}. The spec keeps its text.`
        : `${row.fileName}: ${refused ? 'the browser refused the write' : 'could not be read or written'} (${err?.message || err?.name || String(e)}); retrying`;
    await this.save({ ...(this.rows.get(row.specId) ?? row), status: 'error', message, at: Date.now() });
    if (err?.name !== 'LinkedFileError') this.changed(row.specId, this.retryMs);
  }

  /**
   * Brings a file's change into its spec: the file's edits since the base, rebased onto the
   * spec's text as it is inside one transaction (so typing, tabs and peers meanwhile stay). If
   * the spec had changed too, the merged text is written back so both sides agree again.
   * `row` carries the modification time and size of the file `fileText` was read from.
   */
  async mergeFromFile(row: LinkedFileRow, fileText: string): Promise<void> {
    let appChanged = false;
    let conflicts = 0;
    await this.specText(row.specId);
    const { text: merged } = await editSpecTextTo(
      row.specId,
      (current) => {
        const r = mergeText(row.base, current, fileText);
        appChanged = r.appChanged;
        conflicts = r.conflicts;
        return r.text;
      },
      FOLDER_ORIGIN,
    );
    // The spec now holds the file's text: that is the base from here on, also if writing the
    // merge back fails (a retry then writes it, instead of merging the file in a second time).
    await this.save({ ...row, base: fileText });
    let stat: { lastModified: number; size: number } = row;
    if (merged !== fileText) {
      const written = await writeFileAtomically(this.dir, row.fileName, encode(merged));
      this.lastMethod = written.method;
      stat = written;
    }
    const message = conflicts
      ? `Changed outside and in the app at the same lines: both versions kept in ${plural(conflicts, 'place')}; review them`
      : appChanged
        ? 'Changed outside and in the app: both merged'
        : 'Changed outside: merged into the spec';
    await this.save({ ...row, base: merged, lastModified: stat.lastModified, size: stat.size, status: 'merged', message, at: Date.now() });
  }
}
