import { isVeto, flag, num } from './payload';
import type { LogEntry } from '../ledger/log-entry';
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
  /** Automated actions applied since the last `session_started` entry. */
  readonly automatedThisSession: number;
  readonly existentialAudit: boolean;
};

/**
 * Slice accounting derived from the log alone (a pure fold, never stored state), so what the
 * HUD shows is exactly what the log proves.
 * Fuse: tripped from a veto until a later `fuse_reset` by a person; strained when this slice
 * saw a veto or E_ext is above 80% of eExtMax; ok otherwise.
 */
export function sliceStatus(entries: readonly LogEntry[], c: Constitution, now: number): SliceStatus {
  const current = currentSliceIndex(entries, c.slice, now);
  let eExt = 0;
  let vetoesThisSlice = 0;
  let automatedThisSlice = 0;
  let automatedThisSession = 0;
  let tripped = false;
  for (const e of entries) {
    const inSlice = sliceIndexOf(e, c.slice) === current;
    if (e.kind === 'session_started') automatedThisSession = 0;
    if (e.kind === 'fuse_reset') tripped = false;
    if (isVeto(e)) {
      tripped = true;
      if (inSlice) vetoesThisSlice++;
    }
    if (e.kind === 'action_applied') {
      const automated = flag(e.payload, 'automated');
      if (automated) automatedThisSession++;
      if (inSlice) {
        eExt += num(e.payload, 'externalCost') ?? 0;
        if (automated) automatedThisSlice++;
      }
    }
  }
  const fuse: FuseState = tripped ? 'tripped' : vetoesThisSlice > 0 || eExt > 0.8 * c.eExtMax ? 'strained' : 'ok';
  return {
    sliceIndex: current,
    eExt,
    eExtMax: c.eExtMax,
    fuse,
    vetoesThisSlice,
    automatedThisSlice,
    automatedThisSession,
    existentialAudit: c.existentialAudit,
  };
}

/** The entries of the current slice, e.g. for the learner's jitter. */
export function entriesInCurrentSlice(entries: readonly LogEntry[], spec: SliceSpec, now: number): LogEntry[] {
  const current = currentSliceIndex(entries, spec, now);
  return entries.filter((e) => sliceIndexOf(e, spec) === current);
}
