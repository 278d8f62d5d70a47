/**
 * Which constitutions govern when two devices amended apart. On one device an amendment must
 * name the constitution in force as its previous one (store/governanceRepo.ts refuses any
 * other), so its constitutions form a line. Paired devices that amended while apart bring two
 * amendments of the same constitution: a fork. The rule, read from the rows alone so that every
 * device holding the same rows decides alike: at each fork the earlier amendment (createdAt,
 * then the smaller id) stays in the line and governs; the later one was made without knowing
 * it (had that device known, it would have refused it) and is kept, shown, and not in force,
 * as are amendments made on top of it. The same rule as two resolutions of one bet made apart.
 */
export interface AdoptedLike {
  readonly id: string;
  readonly previousId: string | null;
  readonly createdAt: number;
}

export interface ConstitutionLine<T extends AdoptedLike> {
  /** The constitutions in force one after another, oldest first; the last governs now. */
  line: T[];
  /**
   * Adopted on a device while apart and not in force, oldest first; `instead`: the one in the
   * line that amended the same constitution (undefined for an amendment of one not in force).
   */
  apart: { row: T; instead: T | undefined }[];
}

const earlier = (a: AdoptedLike, b: AdoptedLike) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function constitutionLine<T extends AdoptedLike>(rows: readonly T[]): ConstitutionLine<T> {
  const sorted = [...rows].sort(earlier);
  const ids = new Set(sorted.map((r) => r.id));
  const line: T[] = [];
  const onLine = new Set<string>();
  // The first: the earliest one that names no constitution held here.
  let tip: T | undefined = sorted.find((r) => r.previousId === null || !ids.has(r.previousId));
  while (tip && !onLine.has(tip.id)) {
    line.push(tip);
    onLine.add(tip.id);
    const parent: string = tip.id;
    tip = sorted.find((r) => r.previousId === parent);
  }
  const byPrevious = new Map<string | null, T>();
  for (const r of line) byPrevious.set(r.previousId, r);
  const apart = sorted.filter((r) => !onLine.has(r.id)).map((row) => ({ row, instead: byPrevious.get(row.previousId) }));
  return { line, apart };
}
