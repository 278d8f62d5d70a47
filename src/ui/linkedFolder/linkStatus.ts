import type { LinkedFileRow } from '../../services/linkedFolder/linkedFolder';

/** The words for each linked file's status, as the person reads them. */
export const STATUS_LABEL: Record<LinkedFileRow['status'], string> = {
  synced: 'In sync',
  writing: 'Writing…',
  merged: 'Changed outside, merged',
  error: 'Error',
  'deleted-outside': 'Deleted outside',
};

/** A colour family per status: calm when in sync, loud when the person must act. */
export const STATUS_TONE: Record<LinkedFileRow['status'], 'good' | 'busy' | 'info' | 'bad' | 'warn'> = {
  synced: 'good',
  writing: 'busy',
  merged: 'info',
  error: 'bad',
  'deleted-outside': 'warn',
};

/** "3 in sync, 1 changed outside, merged": counts per status, in a fixed order, none when zero. */
export function statusCounts(rows: readonly LinkedFileRow[]): string {
  const order: LinkedFileRow['status'][] = ['synced', 'writing', 'merged', 'error', 'deleted-outside'];
  return order
    .map((s) => [s, rows.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS_LABEL[s].toLowerCase()}`)
    .join(', ');
}
