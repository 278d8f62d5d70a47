/**
 * Bets out to a file and back. Export writes the bets as they count now (corrections applied),
 * so a file imported into an empty app replays to the same credibility and tokens.
 */
import { BetImportError, betsToCsv, betsToJson, parseBetsCsv, parseBetsJson } from '../../domain/betting/csv';
import { replay } from '../../domain/betting/settle';
import { importBetRows, readRecord } from '../../store/betsRepo';

export { BetImportError };

export type BetFileFormat = 'csv' | 'json';

export interface BetFile {
  fileName: string;
  mimeType: string;
  text: string;
  count: number;
}

export async function exportBets(format: BetFileFormat, now = Date.now()): Promise<BetFile> {
  const record = await readRecord();
  const { bets } = replay(record.bets, record.corrections);
  const day = new Date(now).toISOString().slice(0, 10);
  return format === 'csv'
    ? { fileName: `metacompiler-bets-${day}.csv`, mimeType: 'text/csv', text: betsToCsv(bets), count: bets.length }
    : { fileName: `metacompiler-bets-${day}.json`, mimeType: 'application/json', text: betsToJson(bets), count: bets.length };
}

/** JSON by extension or by its first character; anything else is read as CSV. */
export function formatOf(fileName: string, text: string): BetFileFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

export interface ImportResult {
  imported: number;
  duplicates: number;
}

/**
 * All or nothing: every row is checked first (a BetImportError lists each problem with its line
 * or bet index and field), then all new bets are written in one transaction. Bets already
 * stored (same id) are skipped and counted.
 */
export async function importBets(text: string, fileName: string, now = Date.now()): Promise<ImportResult> {
  const where = { file: fileName };
  const bets = formatOf(fileName, text) === 'json' ? parseBetsJson(text, where) : parseBetsCsv(text, where);
  const { added, duplicates } = await importBetRows(bets, now);
  return { imported: added, duplicates };
}
