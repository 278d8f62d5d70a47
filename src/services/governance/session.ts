import { newId } from '../../domain/ids';
import { logSessionBeforeFirstEntry, sessionEntrySeq } from '../../store/logRepo';

/*
 * This page's session. Its automated actions carry its id, so the per-session budget
 * (maxAutomatedPerSession) is counted, and provable, per session. The session itself is
 * logged only when it first does something governed: a page that only looks adds nothing.
 */

let id: string | undefined;
/** Every entry carrying the id comes after its session_started entry (see loggedSessionStart). */
let trackedFromStart = false;

export function sessionId(): string {
  id ??= newId('session', Date.now());
  return id;
}

/** From now on the page's first governed entry is preceded by its `session_started` entry. */
export function logSessionWhenGoverned(): void {
  trackedFromStart = id === undefined;
  const session = sessionId();
  logSessionBeforeFirstEntry(() => ({ kind: 'session_started', at: Date.now(), payload: { sessionId: session } }));
}

/**
 * This session's `session_started` entry: its seq, null while the session has appended
 * nothing (so no entry carries its id), undefined when that is not known, i.e. the id was in
 * use before the session was tracked (then entries carrying it may precede the entry).
 */
export function loggedSessionStart(): number | null | undefined {
  return trackedFromStart ? sessionEntrySeq() : undefined;
}
