import { bodyKey, type RecordKind, type Row } from './records';

/**
 * The union of two devices' records, and which version of a row counts. Every rule here is a
 * total order on distinct versions that reads only the versions themselves (never which device
 * holds them or when it heard of them), so every device that holds the same records ends with
 * the same rows, whatever order the records arrived in.
 *
 * - Things that never change (a run, a bet as placed, a scar, a restoration, a constitution, a
 *   checkpoint, a compilation): a second record with the same id and the same body is the same
 *   record (stored once); one with a different body (the same id made twice differently) is a
 *   conflict: the smaller canonical body counts and the other is kept as an alternate.
 * - A bet resolved on two devices while they were apart: both resolutions are kept; the earlier
 *   one counts (it happened first; the later one is shown beside the bet).
 * - A timer: the latest state counts. An approval: the furthest state (pending < approved or
 *   rejected < applied, failed or withdrawn), then the earliest decision. A spec's title and
 *   deletion: the latest change. A nudge's label: the first one given.
 * - Sets (every record counts, none replaces another): corrections (replay already orders them
 *   by time), log statements, spec text updates (a CRDT merges them all).
 */
export const SET_KINDS: ReadonlySet<RecordKind> = new Set(['betCorrection', 'logStatement', 'specDoc']);

const num = (r: Row, f: string): number => (typeof r[f] === 'number' ? (r[f] as number) : 0);

const APPROVAL_RANK: Record<string, number> = { pending: 0, approved: 1, rejected: 1, applied: 2, failed: 2, withdrawn: 2 };

/** Canonical order of two bodies: the tie-break of every rule. */
function byBody(a: Row, b: Row): number {
  const x = bodyKey(a);
  const y = bodyKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Negative when `a` counts rather than `b` (they are versions of one row of `kind`); zero only
 * for equal bodies.
 */
export function compareVersions(kind: RecordKind, a: Row, b: Row): number {
  switch (kind) {
    case 'betResolution':
      return num(a, 'resolvedAt') - num(b, 'resolvedAt') || byBody(a, b);
    case 'timer':
      return num(b, 'updatedAt') - num(a, 'updatedAt') || byBody(a, b);
    case 'spec':
      return num(b, 'metaAt') - num(a, 'metaAt') || byBody(a, b);
    case 'nudge':
      return num(a, 'createdAt') - num(b, 'createdAt') || byBody(a, b);
    case 'approval': {
      const rank = (APPROVAL_RANK[String(b.state)] ?? 0) - (APPROVAL_RANK[String(a.state)] ?? 0);
      return rank || num(a, 'decidedAt') - num(b, 'decidedAt') || byBody(a, b);
    }
    default:
      return byBody(a, b);
  }
}

/** The version that counts among `versions` (at least one). */
export function pickWinner(kind: RecordKind, versions: readonly Row[]): Row {
  let best = versions[0];
  if (best === undefined) throw new RangeError('pickWinner needs at least one version');
  for (const v of versions) if (compareVersions(kind, v, best) < 0) best = v;
  return best;
}

/** Versions without repeats (equal bodies are one version). */
export function distinctVersions(versions: readonly Row[]): Row[] {
  const seen = new Map<string, Row>();
  for (const v of versions) {
    const k = bodyKey(v);
    if (!seen.has(k)) seen.set(k, v);
  }
  return [...seen.values()];
}

/** What happens to one row when records arrive. */
export interface TargetPlan {
  /** The version that counts now. */
  winner: Row;
  /** The stored row must change (it was absent, or another version counts now). */
  changed: boolean;
  /** Every other version, to keep and show (sorted canonically). */
  alternates: Row[];
}

/**
 * Settles one row: `current` is the stored row's version (undefined when absent), `kept` the
 * alternates already stored for it, `incoming` the versions that just arrived.
 */
export function settleTarget(kind: RecordKind, current: Row | undefined, kept: readonly Row[], incoming: readonly Row[]): TargetPlan {
  const all = distinctVersions([...(current ? [current] : []), ...kept, ...incoming]);
  const winner = pickWinner(kind, all);
  const wk = bodyKey(winner);
  const alternates = all.filter((v) => bodyKey(v) !== wk).sort(byBody);
  return { winner, changed: current === undefined || bodyKey(current) !== wk, alternates };
}

/**
 * The order in which a replay reads records of the union: by time, then by the device that made
 * them, then by id. Two devices that hold the same records replay them identically.
 */
export function replayOrder<T extends { at: number; origin: string; id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.at - b.at || (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
