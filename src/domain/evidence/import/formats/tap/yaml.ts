/**
 * The few YAML diagnostics a TAP test point carries, read without a YAML library: top-level
 * `key: value` lines of the block, with plain, 'single-quoted' ('' is a quote) or
 * "double-quoted" (JSON escapes) values. Nested maps and block scalars (`stack: |-`) are
 * skipped: the import wants the error's message, not its stack.
 */
export function yamlFields(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const base = lines.reduce((m, l) => (l.trim() ? Math.min(m, l.length - l.trimStart().length) : m), Infinity);
  for (const line of lines) {
    if (line.length - line.trimStart().length !== base) continue;
    const m = /^\s*([A-Za-z_][\w-]*):\s?(.*)$/s.exec(line);
    if (!m) continue;
    const value = scalar(m[2]!.trim());
    if (value !== undefined) out[m[1]!] = value;
  }
  return out;
}

function scalar(v: string): string | undefined {
  if (v === '' || v === '|' || v === '|-' || v === '>' || v === '>-') return undefined;
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/''/g, "'");
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
    try {
      const s: unknown = JSON.parse(v);
      return typeof s === 'string' ? s : v.slice(1, -1);
    } catch {
      return v.slice(1, -1);
    }
  }
  return v;
}
