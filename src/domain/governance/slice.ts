import { isVeto, flag, num } from './payload';
import type { LogEntry } from '../ledger/logEntry';
import type { Constitution, SliceSpec } from './constitution';

export type FuseState = 'ok' | 'strained' | 'tripped';

/** Which slice an entry belongs to: by position for step slices, by time for hour slices. */
export function sliceIndexOf(entry: Pick<LogEntry, 'seq' | 'at'>, spec: SliceSpec): number {
  return 'steps' in spec ? Math.floor(entry.seq / spec.steps) : Math.floor(entry.at / (spec.hours * 3_600_000));
}

/**
 * The current slice is the one the next entry would fall in: for step slices, seq = the log's
 * length (slices are consecutive blocks of `steps` entries); for hour slices, the block of
 * `hours` (counted from the epoch) that contains `now`.
 */
export function currentSliceIndex(entries: readonly LogEntry[], spec: SliceSpec, now: number): number {
  return sliceIndexOf({ seq: entries.length, at: now }, spec);
}

export type SliceStatus = {
  readonly sliceIndex: number;
  /** External impact applied in this slice. */
  readonly eExt: number;
  readonly eExtMax: number;
  readonly fuse: FuseState;
  readonly vetoesThisSlice: number;
  readonly automatedThisSlice: number;
  /**
   * Automated actions applied by the session asked about (their entries carry its sessionId);
   * without one, those since the last `session_started` entry.
   */
  readonly automatedThisSession: number;
  readonly existentialAudit: boolean;
};

/** What slice accounting needs from the whole log besides the current slice's own entries. */
export type LogStanding = {
  /** Entries in the log (the next entry's seq). */
  readonly size: number;
  /** A veto fired and no `fuse_reset` came after it. */
  readonly tripped: boolean;
  /** Automated actions applied since the last `session_started` entry. */
  readonly automatedThisSession: number;
};

export const NO_STANDING: LogStanding = { size: 0, tripped: false, automatedThisSession: 0 };

/** The standing after one more entry (a running fold, so a store can keep it up to date). */
export function nextStanding(s: LogStanding, e: LogEntry): LogStanding {
  let { tripped, automatedThisSession } = s;
  if (e.kind === 'session_started') automatedThisSession = 0;
  if (e.kind === 'fuse_reset') tripped = false;
  if (isVeto(e)) tripped = true;
  if (e.kind === 'action_applied' && flag(e.payload, 'automated')) automatedThisSession++;
  return { size: e.seq + 1, tripped, automatedThisSession };
}

/**
 * Where the entries of slice `index` are: a range of seq for step slices; for hour slices a
 * range of `at` one millisecond wider on each side than the slice (so float rounding of the
 * bounds loses nothing); filter what it finds with sliceIndexOf.
 */
export function sliceBounds(index: number, spec: SliceSpec): { readonly by: 'seq' | 'at'; readonly from: number; readonly to: number } {
  if ('steps' in spec) return { by: 'seq', from: index * spec.steps, to: (index + 1) * spec.steps - 1 };
  const ms = spec.hours * 3_600_000;
  return { by: 'at', from: index * ms - 1, to: (index + 1) * ms + 1 };
}

/**
 * Slice accounting from the log's standing and the entries of the current slice, in seq order
 * (any other entries among them are ignored). The current slice is the one the next entry
 * would fall in (see currentSliceIndex).
 */
export function sliceStatusOf(standing: LogStanding, sliceEntries: readonly LogEntry[], c: Constitution, now: number): SliceStatus {
  const current = sliceIndexOf({ seq: standing.size, at: now }, c.slice);
  let eExt = 0;
  let vetoesThisSlice = 0;
  let automatedThisSlice = 0;
  for (const e of sliceEntries) {
    if (e.seq >= standing.size || sliceIndexOf(e, c.slice) !== current) continue;
    if (isVeto(e)) vetoesThisSlice++;
    if (e.kind === 'action_applied') {
      eExt += num(e.payload, 'externalCost') ?? 0;
      if (flag(e.payload, 'automated')) automatedThisSlice++;
    }
  }
  const fuse: FuseState = standing.tripped ? 'tripped' : vetoesThisSlice > 0 || eExt > 0.8 * c.eExtMax ? 'strained' : 'ok';
  return {
    sliceIndex: current,
    eExt,
    eExtMax: c.eExtMax,
    fuse,
    vetoesThisSlice,
    automatedThisSlice,
    automatedThisSession: standing.automatedThisSession,
    existentialAudit: c.existentialAudit,
  };
}

/**
 * Slice accounting derived from the log alone (a pure fold, never stored state), so what the
 * HUD shows is exactly what the log proves.
 * Fuse: tripped from a veto until a later `fuse_reset` by a person; strained when this slice
 * saw a veto or E_ext is above 80% of eExtMax; ok otherwise.
 */
export function sliceStatus(entries: readonly LogEntry[], c: Constitution, now: number, sessionId?: string): SliceStatus {
  let standing: LogStanding = { ...NO_STANDING, size: entries.length };
  for (const e of entries) standing = { ...nextStanding(standing, e), size: entries.length };
  if (sessionId !== undefined) standing = { ...standing, automatedThisSession: automatedInSession(entries, sessionId) };
  return sliceStatusOf(standing, entriesInCurrentSlice(entries, c.slice, now), c, now);
}

/** Automated actions applied by one session (action_applied entries carrying its sessionId). */
export function automatedInSession(entries: readonly LogEntry[], sessionId: string): number {
  let n = 0;
  for (const e of entries) if (e.kind === 'action_applied' && flag(e.payload, 'automated') && e.payload.sessionId === sessionId) n++;
  return n;
}

/** The entries of the current slice, e.g. for the learner's jitter. */
export function entriesInCurrentSlice(entries: readonly LogEntry[], spec: SliceSpec, now: number): LogEntry[] {
  const current = currentSliceIndex(entries, spec, now);
  return entries.filter((e) => sliceIndexOf(e, spec) === current);
}
