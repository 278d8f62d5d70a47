/**
 * Renames seen from outside. A folder listing shows a file gone and another one new; the new
 * one is the old one renamed when it holds exactly the text last synced for the old one (an
 * editor's "rename", `git mv`). Each file and each old name is matched at most once, in order;
 * anything unmatched is a deletion (asked about) and a new file (a new spec).
 */
export function matchRenames<R extends { base: string }, F extends { text: string }>(gone: readonly R[], appeared: readonly F[]): { row: R; file: F }[] {
  const used = new Set<F>();
  const out: { row: R; file: F }[] = [];
  for (const row of gone) {
    const file = appeared.find((f) => !used.has(f) && f.text === row.base);
    if (!file) continue;
    used.add(file);
    out.push({ row, file });
  }
  return out;
}
