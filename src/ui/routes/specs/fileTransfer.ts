/** Browser file plumbing for exports and imports (the bytes themselves come from services). */
export { download } from '../../components/download';

export async function readFiles(list: FileList | null): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const f of Array.from(list ?? [])) out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  return out;
}

type DirectoryPicker = (options?: { mode?: 'readwrite' }) => Promise<unknown>;

/** The File System Access API's folder picker, where the browser has it. */
export function directoryPicker(): DirectoryPicker | undefined {
  const w = window as Window & { showDirectoryPicker?: DirectoryPicker };
  return w.showDirectoryPicker?.bind(window);
}
