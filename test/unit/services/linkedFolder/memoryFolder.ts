import type { FolderFileHandle, FolderFileSnapshot, FolderHandle, FolderWritable } from '../../../../src/services/linkedFolder/directory';

/**
 * A folder in memory with the FileSystemDirectoryHandle behaviour the link relies on: it
 * stands for the disk in Node tests (not for any of the app's code). As in Chromium, a
 * writable's bytes land only on close(), a file handle follows its file through move(), a
 * missing name throws NotFoundError, and every write gives a new modification time.
 * `outside` plays the other editor (VS Code, git) writing the same folder.
 */
interface Entry {
  bytes: Uint8Array;
  lastModified: number;
}

let clock = Date.now();
const tick = () => (clock = Math.max(Date.now(), clock + 1));
const notFound = (name: string) => new DOMException(`A requested file or directory could not be found: ${name}`, 'NotFoundError');

class MemoryFile implements FolderFileHandle {
  readonly kind = 'file' as const;
  constructor(
    private readonly folder: MemoryFolder,
    public name: string,
  ) {}

  async getFile(): Promise<FolderFileSnapshot> {
    const e = this.folder.entries.get(this.name);
    if (!e) throw notFound(this.name);
    const bytes = e.bytes.slice();
    return { lastModified: e.lastModified, size: bytes.length, arrayBuffer: async () => bytes.buffer };
  }

  async createWritable(): Promise<FolderWritable> {
    if (this.folder.refuseWrites) throw new DOMException('The request is not allowed by the user agent', 'NotAllowedError');
    const chunks: Uint8Array[] = [];
    return {
      write: async (data) => void chunks.push(data.slice()),
      close: async () => {
        const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const c of chunks) bytes.set(c, (at += c.length) - c.length);
        this.folder.entries.set(this.name, { bytes, lastModified: tick() });
        this.folder.writes.push(this.name);
      },
      abort: async () => void (chunks.length = 0),
    };
  }

  async move(newName: string): Promise<void> {
    const e = this.folder.entries.get(this.name);
    if (!e) throw notFound(this.name);
    this.folder.entries.delete(this.name);
    this.folder.entries.set(newName, e);
    this.folder.moves.push(`${this.name} -> ${newName}`);
    this.name = newName;
  }
}

export class MemoryFolder implements FolderHandle {
  readonly kind = 'directory' as const;
  readonly name = 'plans';
  readonly entries = new Map<string, Entry>();
  /** Names whose content was committed by the app (through a writable), in order. */
  readonly writes: string[] = [];
  readonly moves: string[] = [];
  refuseWrites = false;

  async *values() {
    for (const name of [...this.entries.keys()]) yield new MemoryFile(this, name);
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<FolderFileHandle> {
    if (!this.entries.has(name)) {
      if (!options.create) throw notFound(name);
      this.entries.set(name, { bytes: new Uint8Array(), lastModified: tick() });
    }
    return new MemoryFile(this, name);
  }

  async removeEntry(name: string): Promise<void> {
    if (!this.entries.delete(name)) throw notFound(name);
  }

  /** Another program writes a file (text as UTF-8, or raw bytes). */
  outside(name: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.entries.set(name, { bytes, lastModified: tick() });
  }

  outsideRename(from: string, to: string): void {
    const e = this.entries.get(from);
    if (!e) throw notFound(from);
    this.entries.delete(from);
    this.entries.set(to, e);
  }

  outsideDelete(name: string): void {
    this.entries.delete(name);
  }

  text(name: string): string | undefined {
    const e = this.entries.get(name);
    return e && new TextDecoder().decode(e.bytes);
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  modified(name: string): number | undefined {
    return this.entries.get(name)?.lastModified;
  }
}
