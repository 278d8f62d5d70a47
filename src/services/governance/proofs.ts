import { DOSSIER_WINDOW, type DossierVerdict } from '../../domain/ledger/dossier';
import { DomainError } from '../../domain/errors';
import { EntryNotSignedError } from '../../domain/ledger/errors';
import type { Dossier } from '../../domain/ledger/dossierShape';
import type { InclusionView } from '../../ledgerClient/client';
import { ledgerWorker } from '../../ledgerClient/client';
import { devicePublicKeyJwk } from '../../store/deviceKeyRepo';
import { scheduleHeadRefresh } from '../../store/headsRepo';
import { foreground } from '../../store/inTurns';
import { readKinds } from '../../store/logRepo';
import { inWorker, withSignedHead } from './ledger';

export type { Dossier, DossierVerdict, InclusionView };
export { DOSSIER_WINDOW };

/** Something asked of the log that it cannot give (no signed head yet, an unknown scar, ...). */
export class LedgerRequestError extends DomainError {
  constructor(message: string) {
    super(message, 'LedgerRequestError');
  }
}

/**
 * RFC 9162 inclusion proof of entry `seq` against the latest signed head, verified on the way.
 * The worker reads the head with the entry: the page reads nothing first (at start-up each
 * read may wait behind the page's big ones).
 */
export function proveInclusion(seq: number): Promise<InclusionView> {
  // A person waits for it: the dials' whole-table reads pause between chunks meanwhile.
  return foreground(() => inWorker(async () => {
    try {
      return await ledgerWorker().inclusion(seq);
    } catch (err) {
      if (err instanceof EntryNotSignedError) {
        throw new LedgerRequestError(`entry ${seq} is not signed yet (the latest head covers ${err.size} entries)`);
      }
      throw err;
    }
  }));
}

export type DossierWindow = { readonly from: number } | { readonly scarId: string };

/** The first seq of a 16-entry window centred (as far as the signed log allows) on a scar's entry. */
async function windowStart(w: DossierWindow, signed: number): Promise<number> {
  if ('from' in w) return w.from;
  const entry = (await readKinds(['scar'])).find((e) => e.payload.id === w.scarId);
  if (!entry) throw new LedgerRequestError(`no log entry for scar ${w.scarId}`);
  return Math.max(0, Math.min(entry.seq - Math.floor(DOSSIER_WINDOW / 2), signed - DOSSIER_WINDOW));
}

/**
 * An incident dossier (DOMAIN.md section 5): 16 consecutive entries, a short summary, the
 * signed head and an inclusion proof for each, as one JSON object for another device to check.
 */
export async function exportDossier(window: DossierWindow, note = ''): Promise<{ dossier: Dossier; json: string; filename: string }> {
  await scheduleHeadRefresh().catch(() => null);
  const jwk = await devicePublicKeyJwk();
  const dossier = await withSignedHead(async (head) => {
    if (!head || !jwk) throw new LedgerRequestError('nothing is signed yet: the log is empty');
    const from = await windowStart(window, head.size);
    if (from < 0 || from >= head.size) throw new LedgerRequestError(`choose a start between 0 and ${head.size - 1}`);
    const to = Math.min(from + DOSSIER_WINDOW, head.size) - 1;
    const about = 'scarId' in window ? ` around scar ${window.scarId}` : '';
    const summary = `Entries ${from}-${to} of a log of ${head.size} signed entries${about}.${note.trim() ? ` ${note.trim()}` : ''}`;
    return ledgerWorker().dossier(from, DOSSIER_WINDOW, head, jwk, summary);
  });
  const json = `${JSON.stringify(dossier, null, 2)}\n`;
  return { dossier, json, filename: `incident-dossier-${dossier.window.from}-${dossier.window.from + dossier.entries.length - 1}.json` };
}

/** Checks a dossier from any device: valid, or exactly why not (in the worker: it hashes). */
export function checkDossier(text: string): Promise<DossierVerdict> {
  return ledgerWorker().verifyDossier(text);
}
