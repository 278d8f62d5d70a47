import { newId } from '../../domain/ids';
import { logSessionBeforeFirstEntry } from '../../store/logRepo';

/*
 * This page's session. Its automated actions carry its id, so the per-session budget
 * (maxAutomatedPerSession) is counted, and provable, per session. The session itself is
 * logged only when it first does something governed: a page that only looks adds nothing.
 */

let id: string | undefined;

export function sessionId(): string {
  id ??= newId('session', Date.now());
  return id;
}

/** From now on the page's first governed entry is preceded by its `session_started` entry. */
export function logSessionWhenGoverned(): void {
  const session = sessionId();
  logSessionBeforeFirstEntry(() => ({ kind: 'session_started', at: Date.now(), payload: { sessionId: session } }));
}
