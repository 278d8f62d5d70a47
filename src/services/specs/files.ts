import { zipSync } from 'fflate';
import { DomainError } from '../../domain/errors';
import { getSpec } from '../../store/specsRepo';
import { readSpecText } from '../../sync/specSession';
import { createSpec, type SpecMeta } from '../specs';
import { editSpecToText } from './edits';
import { titleForImport, uniqueFileNames } from '../../domain/linkedFolder/fileNames';

/** A file that is not Markdown this app can read (not UTF-8 text). */
export class ImportError extends DomainError {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`, 'ImportError');
    this.file = file;
  }
}

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
  type: string;
}

const MD = 'text/markdown;charset=utf-8';

/** The spec's text as UTF-8 bytes, exactly as stored (no BOM added, line breaks untouched). */
export async function exportSpecMarkdown(spec: Pick<SpecMeta, 'id' | 'title'>): Promise<ExportFile> {
  const [name] = uniqueFileNames([spec.title]);
  return { name: name!, bytes: new TextEncoder().encode(await readSpecText(spec.id)), type: MD };
}

async function allFiles(specs: readonly Pick<SpecMeta, 'id' | 'title'>[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  const names = uniqueFileNames(specs.map((s) => s.title));
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const [i, spec] of specs.entries()) out.push({ name: names[i]!, bytes: new TextEncoder().encode(await readSpecText(spec.id)) });
  return out;
}

/** Every spec as Markdown in one zip (stored uncompressed: Markdown is small, and any unzip reads it). */
export async function exportAllZip(specs: readonly Pick<SpecMeta, 'id' | 'title'>[], now = new Date()): Promise<ExportFile> {
  const entries: Record<string, Uint8Array> = {};
  for (const f of await allFiles(specs)) entries[f.name] = f.bytes;
  const stamp = now.toISOString().slice(0, 10);
  return { name: `metacompiler-specs-${stamp}.zip`, bytes: zipSync(entries, { level: 0 }), type: 'application/zip' };
}

/** The parts of the File System Access API used here (Chromium has it; others use the zip). */
export interface DirectoryLike {
  getFileHandle(name: string, options: { create: boolean }): Promise<{ createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }> }>;
}

/** Writes every spec as a .md file into a folder the person picked. Returns the file names. */
export async function exportAllToFolder(specs: readonly Pick<SpecMeta, 'id' | 'title'>[], dir: DirectoryLike): Promise<string[]> {
  const files = await allFiles(specs);
  for (const f of files) {
    const w = await (await dir.getFileHandle(f.name, { create: true })).createWritable();
    await w.write(f.bytes);
    await w.close();
  }
  return files.map((f) => f.name);
}

/** UTF-8 only; a byte-order mark is kept as text so that export gives the same bytes back. */
export function decodeMarkdown(fileName: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ImportError(fileName, 'is not UTF-8 text; save it as UTF-8 and import it again');
  }
}

/** A Markdown file as a new spec, titled by its first heading (or its file name). */
export async function importMarkdownAsNew(fileName: string, bytes: Uint8Array): Promise<SpecMeta> {
  const text = decodeMarkdown(fileName, bytes);
  return createSpec(titleForImport(fileName, text).slice(0, 200), text);
}

/**
 * A Markdown file as an edit to an existing spec: the diff from the spec's text to the file's,
 * applied as ordinary edits (never written into the document store directly), so tabs and
 * peers receive it and concurrent typing merges. Returns how many edits it took.
 */
export async function importMarkdownInto(specId: string, fileName: string, bytes: Uint8Array): Promise<number> {
  if (!(await getSpec(specId))) throw new ImportError(fileName, `there is no spec ${specId} to import into`);
  const { edits } = await editSpecToText(specId, decodeMarkdown(fileName, bytes));
  return edits.length;
}
