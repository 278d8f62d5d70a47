import type { LogPlan } from '../domain/backup/logPlan';
import type { StoreMerge, TableMerge } from '../store/backupRepo';

/** The outcome of verifying the log after a restore (a VerificationRecord fits). */
export interface LogCheck {
  ok: boolean;
  reason: string;
}

/** What a restore did, in numbers and in sentences a person reads on the Settings page. */
export interface RestoreSummary {
  tables: TableMerge[];
  unknownTables: string[];
  specs: { total: number; changed: number };
  log: { outcome: LogPlan['kind']; appended: number; inBackup: number; message: string };
  verification: LogCheck;
  lines: string[];
}

function logMessage(plan: LogPlan, inBackup: number): string {
  switch (plan.kind) {
    case 'append':
      return `Log: ${plan.append.length} entries added after the ${inBackup - plan.append.length} already here.`;
    case 'same':
      return `Log: already identical (${plan.size} entries).`;
    case 'local-ahead':
      return `Log: this browser's log already holds the backup's ${plan.incoming} entries and ${plan.local - plan.incoming} newer ones; nothing added.`;
    case 'diverged':
      return `Log: the backup's log and this browser's log differ from entry ${plan.at} on. A signed log has one order, so this browser's log was kept and the backup's entries from ${plan.at} on were not added.`;
  }
}

export function describeRestore(merge: StoreMerge, specs: { total: number; changed: number }, verification: LogCheck, inBackup: number): RestoreSummary {
  const lines: string[] = [];
  const added = merge.tables.reduce((n, t) => n + t.added, 0);
  const same = merge.tables.reduce((n, t) => n + t.same, 0);
  lines.push(`Records: ${added} added, ${same} already here.`);
  for (const t of merge.tables) {
    if (t.keptLocal > 0) lines.push(`${t.table}: ${t.keptLocal} record(s) differ from the backup under the same id; this browser's version was kept.`);
    if (t.invalid > 0) lines.push(`${t.table}: ${t.invalid} record(s) without a usable id were left out.`);
  }
  if (merge.unknownTables.length > 0) lines.push(`Not restored (made by a newer version): ${merge.unknownTables.join(', ')}.`);
  const had = specs.total - specs.changed;
  lines.push(`Specs: ${specs.changed} of ${specs.total} received edits from the backup${had > 0 ? `; ${had} already had every edit` : ''}.`);
  const appended = merge.log.kind === 'append' ? merge.log.append.length : 0;
  let message = logMessage(merge.log, inBackup);
  if (merge.replacedStartup > 0) {
    message = `Log: this browser held only its ${merge.replacedStartup} start-up entries (default constitution, sessions); the backup's ${inBackup} entries replaced them.`;
  }
  lines.push(message);
  lines.push(verification.ok ? `The log verifies: ${verification.reason}.` : `The log does NOT verify: ${verification.reason}.`);
  return { tables: merge.tables, unknownTables: merge.unknownTables, specs, log: { outcome: merge.log.kind, appended, inBackup, message }, verification, lines };
}
