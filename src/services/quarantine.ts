import { observeQuarantine, acknowledgeQuarantine, recordQuarantine, type QuarantineRow } from '../store/quarantineRepo';
import { observeSpecs } from '../store/specsRepo';
import type { Live } from '../store/live';
import { setQuarantineSink, type QuarantinedUpdate } from '../sync/quarantineSink';
import { specDocName } from '../sync/docNames';

/** A piece of stored data that could not be read and was set aside, as a person sees it. */
export interface QuarantineView {
  id: string;
  specId: string | undefined;
  /** The spec's title, or its database name when the spec is unknown here. */
  what: string;
  at: number;
  size: number;
  reason: string;
  acknowledged: boolean;
}

const PREFIX = specDocName('');

/** Records every quarantined update (call once at start-up; reports made earlier are replayed). */
export function startQuarantineReporting(): void {
  setQuarantineSink(async (q: QuarantinedUpdate) => {
    await recordQuarantine({ docName: q.docName, key: q.key, at: q.at, bytes: q.bytes, reason: q.reason });
  });
}

function view(row: QuarantineRow, titles: Map<string, string>): QuarantineView {
  const specId = row.docName.startsWith(PREFIX) ? row.docName.slice(PREFIX.length) : undefined;
  const title = specId === undefined ? undefined : titles.get(specId);
  return {
    id: row.id,
    specId,
    what: title ? `the spec “${title}”` : row.docName,
    at: row.at,
    size: row.bytes?.length ?? 0,
    reason: row.reason,
    acknowledged: row.acknowledgedAt !== undefined,
  };
}

/** Every quarantined item, newest first, with spec titles; re-emits when either changes. */
export function quarantined(): Live<QuarantineView[]> {
  return {
    subscribe(observer) {
      let rows: QuarantineRow[] = [];
      let titles = new Map<string, string>();
      const emit = () => observer.next?.(rows.map((r) => view(r, titles)));
      const a = observeQuarantine().subscribe({ next: (r) => ((rows = r), emit()), error: (e) => observer.error?.(e) });
      const b = observeSpecs().subscribe({ next: (s) => ((titles = new Map(s.map((x) => [x.id, x.title]))), emit()), error: (e) => observer.error?.(e) });
      return { unsubscribe: () => (a.unsubscribe(), b.unsubscribe()) };
    },
  };
}

export function dismissQuarantine(ids: readonly string[]): Promise<void> {
  return acknowledgeQuarantine(ids, Date.now());
}
