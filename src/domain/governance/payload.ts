import type { LogEntry, LogKind, LogPayload } from '../ledger/logEntry';

/*
 * Log payloads are untyped JSON by the time they come back from storage or a dossier, so
 * governance reads them through these guards instead of trusting casts.
 */

export function str(p: LogPayload, key: string): string | undefined {
  const v = p[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(p: LogPayload, key: string): number | undefined {
  const v = p[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function flag(p: LogPayload, key: string): boolean {
  return p[key] === true;
}

export function ofKind(entries: readonly LogEntry[], kind: LogKind): LogEntry[] {
  return entries.filter((e) => e.kind === kind);
}

/** A veto fired: a `veto` event, or a veto check that found one. */
export function isVeto(e: LogEntry): boolean {
  return e.kind === 'veto' || (e.kind === 'veto_checked' && flag(e.payload, 'vetoed'));
}
