import { newId } from '../../domain/ids';
import { appendGoverned } from '../../store/logRepo';
import { registerBuiltinExecutors } from './builtins';
import { verifyLogNow, type VerificationRecord } from './ledger';
import { ensureConstitution } from './snapshot';

let started: Promise<VerificationRecord> | undefined;

/**
 * Once per page: adopt the default constitution on a fresh device, open a session (the
 * per-session automation cap counts from here), and verify the whole log against the latest
 * signed head in the worker.
 */
export function startGovernance(): Promise<VerificationRecord> {
  started ??= (async () => {
    registerBuiltinExecutors();
    const now = Date.now();
    await ensureConstitution(now);
    await appendGoverned({ kind: 'session_started', at: now, payload: { sessionId: newId('session', now) } });
    return verifyLogNow('startup');
  })();
  return started;
}
