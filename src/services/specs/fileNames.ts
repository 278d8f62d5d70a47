/**
 * File names for exported specs: the title, made safe for every common file system (no path
 * separators, reserved characters or control characters, no trailing dots or spaces), and
 * unique within one export.
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

/** `Title.md`, then `Title (2).md`, ... for titles that clash (case-insensitively). */
export function uniqueFileNames(titles: readonly string[], ext = '.md'): string[] {
  const used = new Set<string>();
  return titles.map((title) => {
    const base = safeBaseName(title);
    let name = `${base}${ext}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})${ext}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** A title for an imported file: its first `# ` heading, else the file name without `.md`. */
export function titleForImport(fileName: string, text: string): string {
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text.replace(/^\uFEFF/, ''))?.[1]?.trim();
  if (heading) return heading;
  const base = fileName.replace(/\.(md|markdown|txt)$/i, '').trim();
  return base || 'Imported spec';
}
