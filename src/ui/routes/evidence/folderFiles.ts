import { FORMATS } from '../../../services/importEvidence';

/** File name endings the import reads when they come in a folder (".json": promptfoo and go test -json use it). */
const READ = new Set([...FORMATS.flatMap((f) => f.extensions), 'json']);

export function isReportName(name: string): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return !!ext && READ.has(ext);
}

/** What a dropped or chosen folder holds: the reports to import, and what was left out (by extension). */
export interface FolderPick {
  files: File[];
  skipped: string[];
}

const SUREFIRE = /^TEST-.*\.xml$/i;

/**
 * Splits a folder's files into reports and the rest (an artefact folder also holds logs, HTML,
 * screenshots). Where the folder has Surefire's TEST-*.xml reports, its other XML files are
 * left out too: beside them Surefire and TestNG write XML that is no JUnit report
 * (testng-results.xml, testng-failed.xml), which would refuse the whole import.
 */
export function pickReports(files: readonly File[]): FolderPick {
  const surefire = files.some((f) => SUREFIRE.test(f.name));
  const take = (f: File) => isReportName(f.name) && !(surefire && /\.xml$/i.test(f.name) && !SUREFIRE.test(f.name));
  const picked = files.filter(take).sort((a, b) => a.name.localeCompare(b.name));
  const skipped = files.filter((f) => !take(f)).map((f) => f.name);
  return { files: picked, skipped };
}

type Entry = FileSystemEntry;

function readAll(dir: FileSystemDirectoryEntry): Promise<Entry[]> {
  const reader = dir.createReader();
  const all: Entry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries hands out at most 100 entries a call: read until it returns none.
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: Entry, out: File[]): Promise<void> {
  if (entry.isFile) {
    out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
  } else if (entry.isDirectory) {
    for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/**
 * The files of a drop: dropped files as they are; dropped folders (a CI artefact with dozens of
 * TEST-*.xml), walked with their subfolders, keeping the reports. Undefined when nothing in the
 * drop was a folder (the caller then takes dataTransfer.files as they are).
 */
export async function droppedFolders(items: DataTransferItemList): Promise<FolderPick | undefined> {
  // Entries must be taken synchronously, before the drop event ends.
  const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is Entry => !!e);
  if (!entries.some((e) => e.isDirectory)) return undefined;
  const files: File[] = [];
  const loose: File[] = [];
  for (const e of entries) {
    if (e.isDirectory) await walk(e, files);
    else await walk(e, loose);
  }
  const picked = pickReports(files);
  return { files: [...loose, ...picked.files], skipped: picked.skipped };
}
