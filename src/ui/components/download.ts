/**
 * Saves a file the app made (an export, a backup, a dossier) through the browser's download:
 * a temporary object URL on a link that is clicked once. The link is put in the document for
 * the click (Firefox ignores clicks on detached links) and the URL revoked a minute later,
 * long after the browser has started reading it.
 */
export function download(file: { name: string; bytes: Uint8Array | string; type: string }): void {
  const body = typeof file.bytes === 'string' ? file.bytes : (file.bytes as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob([body], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
