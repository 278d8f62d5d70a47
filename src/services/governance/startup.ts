import { currentEthicsFold } from '../../store/ethicsFoldRepo';
import { scheduleFullChecks, verifyLogNow, type VerificationRecord } from './ledger';
import { logSessionWhenGoverned } from './session';
import { ensureConstitution } from './snapshot';

let started: Promise<VerificationRecord> | undefined;

/**
 * Once per page: adopt the default constitution on a fresh device, arrange for the session to
 * be logged when it first does something governed (its automated actions carry its id, so the
 * per-session cap counts them), check the log in the worker (what was appended since the last
 * verified head; the whole log on the schedule of ledger.ts), then make sure the ethics
 * header's fold of the log exists. The executors that rebuild a queued action load with the
 * approval queue (approvals.ts), not here: they bring the learner, spec documents and compiler.
 */
export function startGovernance(): Promise<VerificationRecord> {
  started ??= (async () => {
    const now = Date.now();
    await ensureConstitution(now);
    logSessionWhenGoverned();
    const verified = await verifyLogNow('startup');
    // For `npm run bench` (and a browser's performance panel): when the start-up check ended.
    globalThis.performance?.mark?.('metacompiler:log-verified', { detail: { ok: verified.ok, scope: verified.scope } });
    scheduleFullChecks();
    // A log from before the ethics fold existed gets its fold now, once, rather than on the
    // first request for /.well-known/compiler_ethics.json. On other devices this reads one row.
    void currentEthicsFold().catch((err: unknown) => console.warn('ethics fold not built:', err instanceof Error ? err.message : err));
    return verified;
  })();
  return started;
}
