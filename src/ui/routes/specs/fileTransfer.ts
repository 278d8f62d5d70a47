/** Browser file plumbing for exports and imports (the bytes themselves come from services). */
export function download(file: { name: string; bytes: Uint8Array; type: string }): void {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; the URL only has to live until the browser read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

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
