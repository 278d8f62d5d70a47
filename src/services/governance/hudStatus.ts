import type { ConstitutionRecord } from '../../domain/governance/constitutionChain';
import { sliceBounds, sliceIndexOf, sliceStatusOf, automatedInSession, type SliceStatus } from '../../domain/governance/slice';
import { currentEthicsFold } from '../../store/ethicsFoldRepo';
import { readLogRange } from '../../store/logRepo';
import { sessionActions } from '../../store/sessionLog';
import { loggedSessionStart, sessionId } from './session';
import { ensureConstitution, governanceSnapshot } from './snapshot';

/**
 * What the HUD's veto dial shows, read as little of the log as that needs: the log's standing
 * (size, a tripped fuse) from the running fold every append keeps (store/ethicsFoldRepo), the
 * entries of the current slice (E_ext, vetoes), and this page's session's own entries (its
 * automated actions). governanceSnapshot reads the whole governed part of the log instead:
 * tens of thousands of entries in a long-used profile, read at start-up ahead of anything a
 * person asks for (IndexedDB serves requests in turn). Same answer: sliceStatusOf is the fold
 * of sliceStatus, and hudStatus.test.ts compares the two.
 *
 * The fold is derived data and only as good as the log it was kept from. When the log check
 * has found the log changed behind the store's back (`logTrusted` false), the status is
 * computed from the entries as they are now, the reference way; a fold that claims more
 * entries than the log holds is rebuilt from the log (currentEthicsFold).
 */
export async function hudStatus(now: number, logTrusted: boolean): Promise<{ record: ConstitutionRecord; status: SliceStatus }> {
  const start = loggedSessionStart();
  if (!logTrusted || start === undefined) return reference(now);
  const [record, fold] = await Promise.all([ensureConstitution(now), currentEthicsFold()]);
  const spec = record.constitution.slice;
  const b = sliceBounds(sliceIndexOf({ seq: fold.standing.size, at: now }, spec), spec);
  const [sliceEntries, actions] = await Promise.all([
    readLogRange(b.by, b.from, b.to),
    start === null ? Promise.resolve([]) : sessionActions(sessionId(), start),
  ]);
  if (actions === null) return reference(now);
  const standing = { ...fold.standing, automatedThisSession: automatedInSession(actions, sessionId()) };
  return { record, status: sliceStatusOf(standing, sliceEntries, record.constitution, now) };
}

async function reference(now: number): Promise<{ record: ConstitutionRecord; status: SliceStatus }> {
  const { record, status } = await governanceSnapshot(now);
  return { record, status };
}
