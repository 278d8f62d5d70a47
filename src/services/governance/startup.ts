import { newId } from '../../domain/ids';
import { currentEthicsFold } from '../../store/ethicsFoldRepo';
import { appendGoverned } from '../../store/logRepo';
import { registerBuiltinExecutors } from './builtins';
import { verifyLogNow, type VerificationRecord } from './ledger';
import { ensureConstitution } from './snapshot';

let started: Promise<VerificationRecord> | undefined;

/**
 * Once per page: adopt the default constitution on a fresh device, open a session (the
 * per-session automation cap counts from here), verify the whole log against the latest
 * signed head in the worker, then make sure the ethics header's fold of the log exists.
 */
export function startGovernance(): Promise<VerificationRecord> {
  started ??= (async () => {
    registerBuiltinExecutors();
    const now = Date.now();
    await ensureConstitution(now);
    await appendGoverned({ kind: 'session_started', at: now, payload: { sessionId: newId('session', now) } });
    const verified = await verifyLogNow('startup');
    // A log from before the ethics fold existed gets its fold now, once, rather than on the
    // first request for /.well-known/compiler_ethics.json. On other devices this reads one row.
    void currentEthicsFold().catch((err: unknown) => console.warn('ethics fold not built:', err instanceof Error ? err.message : err));
    return verified;
  })();
  return started;
}
