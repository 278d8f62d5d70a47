import { DEFAULT_CONSTITUTION } from '../../domain/governance/constitution';
import { adoptFirstConstitution, type ConstitutionRecord } from '../../domain/governance/constitutionChain';
import { sliceStatus, type SliceStatus } from '../../domain/governance/slice';
import type { LogEntry } from '../../domain/ledger/logEntry';
import { adoptIfNone, currentConstitution } from '../../store/governanceRepo';
import { governedLog } from '../../store/logCache';
import { sessionId } from './session';

/** What every governance decision reads: the constitution in force and the log's slice accounting. */
export interface GovernanceSnapshot {
  record: ConstitutionRecord;
  /** Every position of the log; evidence and bet entries are placeholders (store/logCache). */
  entries: readonly LogEntry[];
  status: SliceStatus;
  now: number;
}

let adopting: Promise<ConstitutionRecord> | undefined;

/**
 * The current constitution; on a fresh device the defaults of DOMAIN.md section 4 are adopted
 * (and logged as the first constitution) on first use.
 */
export async function ensureConstitution(now = Date.now()): Promise<ConstitutionRecord> {
  const current = await currentConstitution();
  if (current) return current;
  adopting ??= adoptFirstConstitution(DEFAULT_CONSTITUTION)
    .then((first) => adoptIfNone(first, now))
    .finally(() => (adopting = undefined));
  return adopting;
}

/** Status is a pure fold over the log (domain sliceStatus), never a stored counter; the session is this page's. */
export async function governanceSnapshot(now = Date.now()): Promise<GovernanceSnapshot> {
  const [record, entries] = await Promise.all([ensureConstitution(now), governedLog()]);
  return { record, entries, status: sliceStatus(entries, record.constitution, now, sessionId()), now };
}
