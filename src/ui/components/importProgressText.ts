import { formatBytes } from './format';
import type { ImportProgress as Progress } from '../../services/importEvidence';

/** What the import is doing now, in words: "Step 1 of 3, reading … TEST-a.xml (file 3 of 40): 2 MB of 9 MB". */
export function progressLabel(p: Progress): string {
  const which = p.file ? ` ${p.file}${p.files && p.files > 1 ? ` (file ${p.fileIndex ?? 1} of ${p.files})` : ''}` : '';
  if (p.phase === 'reading') return `Step 1 of 3, reading, checking and writing${which} (all or nothing): ${formatBytes(p.done)} of ${formatBytes(p.total)}`;
  if (p.phase === 'writing') return `Step 2 of 3, writing the last runs (all or nothing): ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} runs`;
  return `Step 3 of 3, saving: the browser is committing ${p.done.toLocaleString('en')} runs to its database in one transaction (all or nothing)`;
}

/** The share done, or undefined while the browser commits (it gives no count to show). */
export function progressFraction(p: Progress): number | undefined {
  if (p.phase === 'committing') return undefined;
  return p.total > 0 ? Math.min(1, p.done / p.total) : 0;
}

