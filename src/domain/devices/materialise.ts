import type { Bet } from '../betting/bet';
import type { BetCorrection } from '../betting/settle';
import type { Restoration, Scar } from '../scars/types';
import type { RecordUnion } from './recordUnion';
import type { RecordKind, Row } from './records';
import { pickWinner } from './union';
import { constitutionLine } from '../governance/constitutionLine';

/**
 * The rows a union of records stands for: what a device shows and derives its numbers from.
 * Every choice reads only the records (union.ts), so two devices holding the same records get
 * the same rows, and replaying them (credibility, tokens, priors, the scar atlas) gives the same
 * numbers on both.
 */
export interface MaterialisedRows {
  runs: Row[];
  /** Bets as placed, each with the resolution that counts (if any), sorted by id. */
  bets: Bet[];
  /**
   * Corrections of resolved bets. A correction whose bet has no resolution here yet is held
   * back (it arrived before the resolution it corrects) and counted in `heldBack`.
   */
  corrections: BetCorrection[];
  scars: Scar[];
  /** Specs' titles and deletions: the latest change of each, sorted by id. */
  specs: Row[];
  /** Checkpoints, constitutions (every one adopted anywhere), by id. */
  checkpoints: Row[];
  constitutions: Row[];
  /** The constitution in force: the last of the line (governance/constitutionLine.ts: of two amendments made apart, the earlier). */
  currentConstitution: string | undefined;
  /** Approvals in their furthest state, timers in their latest, by id. */
  approvals: Row[];
  timers: Row[];
  /** Versions of a row that do not count (a bet resolved on two devices: the later one). */
  alternates: { kind: RecordKind; target: string; versions: Row[] }[];
  heldBack: number;
}

const num = (r: Row, f: string): number => (typeof r[f] === 'number' ? (r[f] as number) : 0);
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The version that counts of each row of `kind`, with the others as alternates. */
function winners(union: RecordUnion, kind: RecordKind, alternates: MaterialisedRows['alternates']): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const [target, versions] of union.versions(kind)) {
    const winner = pickWinner(kind, versions);
    out.set(target, winner);
    const others = versions.filter((v) => v !== winner);
    if (others.length > 0) alternates.push({ kind, target, versions: others });
  }
  return out;
}

export function materialise(union: RecordUnion): MaterialisedRows {
  const alternates: MaterialisedRows['alternates'] = [];
  const runs = [...winners(union, 'run', alternates).values()].sort((a, b) => byId(a as { id: string }, b as { id: string }));
  const placed = winners(union, 'bet', alternates);
  const resolved = winners(union, 'betResolution', alternates);
  const bets: Bet[] = [...placed.values()]
    .map((p) => {
      const bet = p as unknown as Bet;
      const r = resolved.get(bet.id);
      return r ? { ...bet, actualHours: r.actualHours as number, completed: r.completed as boolean, resolvedAt: r.resolvedAt as number } : { ...bet };
    })
    .sort(byId);
  const isResolved = new Set(bets.filter((b) => b.resolvedAt !== undefined).map((b) => b.id));
  let heldBack = 0;
  const corrections: BetCorrection[] = [];
  for (const versions of union.versions('betCorrection').values()) {
    for (const c of versions) {
      const of = c.betId as string;
      if (!isResolved.has(of)) {
        heldBack++;
        continue;
      }
      corrections.push({ kind: 'correction', of, actualHours: c.actualHours as number, completed: c.completed as boolean, at: c.at as number });
    }
  }
  // Corrections apply latest-by-time; ties are broken by this order, the same on every device.
  corrections.sort((a, b) => a.at - b.at || (a.of < b.of ? -1 : a.of > b.of ? 1 : 0) || a.actualHours - b.actualHours || Number(a.completed) - Number(b.completed));
  const restorations = new Map<string, Restoration[]>();
  for (const r of winners(union, 'restoration', alternates).values()) {
    const list = restorations.get(r.scarId as string) ?? [];
    list.push({ at: r.at as number, note: r.note as string });
    restorations.set(r.scarId as string, list);
  }
  const scars: Scar[] = [...winners(union, 'scar', alternates).values()]
    .map((s) => {
      const { locusKey: _key, ...scar } = s;
      const rs = (restorations.get(scar.id as string) ?? []).sort((a, b) => a.at - b.at || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0));
      return { ...(scar as unknown as Omit<Scar, 'restorations'>), restorations: rs };
    })
    .sort(byId);
  const rows = (kind: RecordKind) => [...winners(union, kind, alternates).values()].sort((a, b) => byId(a as { id: string }, b as { id: string }));
  const constitutions = rows('constitution');
  const current = constitutionLine(constitutions.map((c) => ({ id: String(c.id), previousId: typeof c.previousId === 'string' ? c.previousId : null, createdAt: num(c, 'createdAt') }))).line.at(-1);
  const timers = [...winners(union, 'timer', alternates).values()].sort((a, b) => (String(a.betId) < String(b.betId) ? -1 : String(a.betId) > String(b.betId) ? 1 : 0));
  const extra = { specs: rows('spec'), checkpoints: rows('checkpoint'), constitutions, currentConstitution: current?.id as string | undefined, approvals: rows('approval'), timers };
  alternates.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return { runs, bets, corrections, scars, ...extra, alternates, heldBack };
}
