/**
 * File names for specs written to disk (an export, a linked folder): the title, made safe for
 * every common file system (no path separators, reserved characters or control characters, no
 * trailing dots or spaces), and unique within one folder, case-insensitively (Windows and macOS
 * folders are case-insensitive, so `Plan.md` and `plan.md` would be one file there).
 */
const RESERVED = /[\\/:*?"<>|]/g;

/** Control characters (C0 and DEL), which no file system accepts in a name. */
function dropControls(s: string): string {
  return Array.from(s, (ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '-' : ch)).join('');
}
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export function safeBaseName(title: string): string {
  let base = dropControls(title).replace(RESERVED, '-').replace(/\s+/g, ' ').trim().replace(/^[. ]+|[. ]+$/g, '');
  if (base.length > 100) base = base.slice(0, 100).trim();
  if (!base || WINDOWS_DEVICE.test(base)) base = `spec ${base}`.trim();
  return base;
}

/**
 * `Title.md`, or `Title (2).md`, ... when that name is taken. `taken` holds lower-cased names
 * and gets the chosen one added.
 */
export function freeFileName(title: string, taken: Set<string>, ext = '.md'): string {
  const base = safeBaseName(title);
  let name = `${base}${ext}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

/** `Title.md`, then `Title (2).md`, ... for titles that clash (case-insensitively). */
export function uniqueFileNames(titles: readonly string[], ext = '.md'): string[] {
  const used = new Set<string>();
  return titles.map((title) => freeFileName(title, used, ext));
}

/** A title for an imported file: its first `# ` heading, else the file name without `.md`. */
export function titleForImport(fileName: string, text: string): string {
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text.replace(/^\uFEFF/, ''))?.[1]?.trim();
  if (heading) return heading;
  const base = fileName.replace(/\.(md|markdown|txt)$/i, '').trim();
  return base || 'Imported spec';
}

/**
 * The files of a linked folder that are specs: `*.md` (any case), not hidden. Hidden names are
 * left alone: editors' and git's own files, and this app's temporary files (see tempFileName).
 */
export function isSpecFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('.') && name.length > 3;
}

/** The title of a spec that came from a file of a linked folder: the file name, without `.md`. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.md$/i, '').replace(/\s+/g, ' ').trim();
  return (base || 'Untitled').slice(0, 200);
}

/** Where a file is written before it is moved over its real name: hidden, so no scan takes it for a spec. */
export function tempFileName(name: string, nonce: string): string {
  return `.${name}.${nonce}.metacompiler-tmp`;
}

export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.metacompiler-tmp');
}
