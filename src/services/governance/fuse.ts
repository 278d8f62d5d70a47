import { appendGoverned } from '../../store/logRepo';
import { DomainError } from '../../domain/errors';
import { governanceSnapshot } from './snapshot';

/** Resetting a fuse that is not tripped would be a meaningless entry in the log. */
export class FuseNotTrippedError extends DomainError {
  readonly state: string;
  constructor(state: string) {
    super(`the veto fuse is ${state}; only a tripped fuse is reset`, 'FuseNotTrippedError');
    this.state = state;
  }
}

/** A person resets the tripped fuse; high-hazard automation may run again. Logged. */
export async function resetFuse(by = 'self', note = ''): Promise<void> {
  const snap = await governanceSnapshot();
  if (snap.status.fuse !== 'tripped') throw new FuseNotTrippedError(snap.status.fuse);
  await appendGoverned({ kind: 'fuse_reset', at: snap.now, payload: { by, note } });
}
