/**
 * The three-way merge of a linked file: both the app's text ("ours", the spec's Y.Text now)
 * and the file on disk ("theirs") may have changed since the last text they agreed on ("base").
 * The file's edits relative to the base are carried over onto the app's text, so whatever
 * happened in the app meanwhile (typing, a peer, another tab) stays.
 *
 * Edits of the two sides that do not overlap both apply, even on the same line (a ticked box
 * here, a word added at the end there). The same edit made on both sides applies once, also
 * when one side then added more. Where the two sides changed the same text differently,
 * nothing is dropped: the whole lines of that region are kept in the app's version, followed
 * by the file's version (a "union" merge, as git's `merge=union`), and the region is counted as
 * a conflict so the app can say so.
 */
import type { TextEdit } from '../spec/edits';
import { applyEdits } from '../spec/edits';
import { lineBreakOf } from '../spec/lines';
import { intentEdits } from './intentEdits';

export interface RebasedEdits {
  /** Edits against the app's text ("ours") that bring the file's changes into it, in order. */
  edits: TextEdit[];
  /** Regions both sides changed differently, kept twice (the app's lines, then the file's). */
  conflicts: number;
}

interface Region {
  lo: number;
  hi: number;
  /** The region reaches the end of the text: an insertion there is part of it (nothing follows). */
  atEnd: boolean;
}

const isInsert = (e: TextEdit) => e.from === e.to;
const byPosition = (a: TextEdit, b: TextEdit) => a.from - b.from || a.to - b.to;
const same = (a: TextEdit, b: TextEdit) => a.from === b.from && a.to === b.to && a.insert === b.insert;

/** Two edits of different sides collide when their ranges cross, or both insert at one point. */
function collide(a: TextEdit, b: TextEdit): boolean {
  if (isInsert(a) && isInsert(b)) return a.from === b.from;
  return a.from < b.to && b.from < a.to;
}

/** Grows [lo, hi) to whole lines of `base` (an insertion point takes the line it starts). */
function wholeLines(base: string, lo: number, hi: number): Region {
  // lastIndexOf reads a negative start as 0, so a text opening with "\n" needs the guard.
  const start = lo === 0 ? 0 : base.lastIndexOf('\n', lo - 1) + 1;
  const last = hi > lo ? hi - 1 : lo;
  const nl = hi > lo && base[last] === '\n' ? last : base.indexOf('\n', last);
  const end = nl === -1 ? base.length : nl + 1;
  return { lo: start, hi: end, atEnd: end === base.length };
}

/** Whether an edit falls in a region; an insertion at the region's end belongs to what follows. */
function inRegion(e: TextEdit, r: Region): boolean {
  if (!isInsert(e)) return e.from < r.hi && r.lo < e.to;
  return r.lo <= e.from && (e.from < r.hi || (r.atEnd && e.from === r.hi));
}

/** Regions where the sides collide, grown to whole lines and to every edit they touch, merged. */
function conflictRegions(base: string, ours: readonly TextEdit[], theirs: readonly TextEdit[]): Region[] {
  let regions: Region[] = [];
  for (const a of ours) for (const b of theirs) if (collide(a, b)) regions.push(wholeLines(base, Math.min(a.from, b.from), Math.max(a.to, b.to)));
  const all = [...ours, ...theirs];
  for (let changed = true; changed; ) {
    changed = false;
    regions.sort((a, b) => a.lo - b.lo);
    const merged: Region[] = [];
    for (const r of regions) {
      const prev = merged[merged.length - 1];
      if (prev && (r.lo < prev.hi || (prev.atEnd && r.lo === prev.hi))) {
        if (r.hi >= prev.hi) {
          prev.hi = r.hi;
          prev.atEnd = r.atEnd;
        }
        changed = true;
      } else merged.push({ ...r });
    }
    for (const r of merged)
      for (const e of all)
        if (inRegion(e, r) && (e.from < r.lo || e.to > r.hi)) {
          const grown = wholeLines(base, Math.min(r.lo, e.from), Math.max(r.hi, e.to));
          Object.assign(r, grown);
          changed = true;
        }
    regions = merged;
  }
  return regions;
}

/** A region's text with one side's edits inside it applied. */
function version(base: string, r: Region, edits: readonly TextEdit[]): string {
  let out = '';
  let at = r.lo;
  for (const e of edits) {
    if (!inRegion(e, r)) continue;
    out += base.slice(at, e.from) + e.insert;
    at = e.to;
  }
  return out + base.slice(at, r.hi);
}

/** Whether `longer` is `shorter` with one stretch of text inserted somewhere. */
function extends_(longer: string, shorter: string): boolean {
  if (longer.length <= shorter.length) return false;
  let p = 0;
  while (p < shorter.length && longer.charCodeAt(p) === shorter.charCodeAt(p)) p++;
  return longer.endsWith(shorter.slice(p));
}

/** The insertion that turns `from` (at `start`) into `to`, which extends it. */
function trimmed(start: number, from: string, to: string): TextEdit {
  let p = 0;
  while (p < from.length && from.charCodeAt(p) === to.charCodeAt(p)) p++;
  // Never between the halves of a surrogate pair.
  if (p > 0 && from.charCodeAt(p - 1) >= 0xd800 && from.charCodeAt(p - 1) <= 0xdbff) p--;
  return { from: start + p, to: start + p, insert: to.slice(p, p + to.length - from.length) };
}

/**
 * A position of the base text in the app's text: past every app edit that ends at or before
 * it (so the file's insertion lands after the app's insertion at the same point), or, with
 * `beforeInserts`, before the app's insertions exactly there.
 */
function mapper(ours: readonly TextEdit[]) {
  return (x: number, beforeInserts = false) => {
    let shift = 0;
    for (const e of ours) {
      if (e.to > x || (beforeInserts && isInsert(e) && e.from === x)) break;
      shift += e.insert.length - (e.to - e.from);
    }
    return x + shift;
  };
}

/**
 * The file's edits (`theirs`, against `base`) rewritten against the app's text (`base` with
 * `ours` applied). Both lists are edits of `base` as a diff gives them: in range and not
 * overlapping within a list. Applying the result to the app's text gives the merge.
 */
export function rebaseEdits(base: string, ours: readonly TextEdit[], theirs: readonly TextEdit[]): RebasedEdits {
  const o = [...ours].sort(byPosition);
  const t = [...theirs].sort(byPosition).filter((e) => !o.some((a) => same(a, e)));
  const oShared = o.filter((e) => !theirs.some((b) => same(b, e)));
  const regions = conflictRegions(base, oShared, t);
  const at = mapper(o);
  const br = lineBreakOf(base);
  const out: { key: number; order: number; edit: TextEdit }[] = [];
  let conflicts = 0;
  for (const r of regions) {
    const mine = version(base, r, oShared);
    const file = version(base, r, t);
    if (mine === file) continue;
    // One side made the other's change and added one stretch more: its version holds both. It
    // is a clean merge when the shorter side only added text to the base; when it had deleted
    // some, keeping the longer brings that back (nothing lost), and it counts as a conflict.
    const before = base.slice(r.lo, r.hi);
    const onlyAdded = (v: string) => v === before || extends_(v, before);
    if (extends_(mine, file)) {
      if (!onlyAdded(file)) conflicts++;
      continue;
    }
    const pos = at(r.hi, !r.atEnd);
    if (extends_(file, mine)) {
      if (!onlyAdded(mine)) conflicts++;
      out.push({ key: r.hi, order: 0, edit: trimmed(pos - mine.length, mine, file) });
      continue;
    }
    conflicts++;
    let insert = file;
    if (mine !== '' && !mine.endsWith('\n')) insert = br + insert;
    if (r.hi < base.length && insert !== '' && !insert.endsWith('\n')) insert += br;
    out.push({ key: r.hi, order: 0, edit: { from: pos, to: pos, insert } });
  }
  for (const e of t) {
    if (regions.some((r) => inRegion(e, r))) continue;
    const from = at(e.from);
    out.push({ key: e.from, order: 1, edit: { from, to: from + (e.to - e.from), insert: e.insert } });
  }
  out.sort((a, b) => a.key - b.key || a.order - b.order);
  return { edits: out.map((x) => x.edit), conflicts };
}

export interface MergedText {
  /** The app's text with the file's changes since the base carried over. */
  text: string;
  conflicts: number;
  /** Whether the app's text had changed since the base (so the merge is written back to the file). */
  appChanged: boolean;
}

/** The three-way merge of base, the app's text now and the file's text. */
export function mergeText(base: string, app: string, file: string): MergedText {
  const r = rebaseEdits(base, intentEdits(base, app), intentEdits(base, file));
  return { text: applyEdits(app, r.edits), conflicts: r.conflicts, appChanged: app !== base };
}
