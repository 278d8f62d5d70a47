/**
 * Bets out to a file and back. Export writes the bets as they count now (corrections applied),
 * so a file imported into an empty app replays to the same credibility and tokens.
 */
import { BetImportError, betsToCsv, betsToJson, parseBetsCsv, parseBetsJson } from '../../domain/betting/csv';
import { ValidationError } from '../../domain/errors';
import type { Bet } from '../../domain/betting/bet';
import { replay } from '../../domain/betting/settle';
import { importBetRows, readRecord, type BetRecord } from '../../store/betsRepo';

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
 * Imported open bets stake tokens as placed ones do: when, after the file's resolved bets are
 * settled, its open bets would stake more than this profile has, the import is refused whole
 * (as placing one such bet is), never written with a negative "free to stake".
 */
export function overBudget(record: BetRecord, fresh: readonly Bet[], fileName: string): BetImportError | undefined {
  if (fresh.length === 0) return undefined;
  const before = replay(record.bets, record.corrections);
  const after = replay([...record.bets, ...fresh], record.corrections);
  if (after.available >= 0) return undefined;
  const open = fresh.filter((b) => b.resolvedAt === undefined);
  const staking = open.reduce((sum, b) => sum + b.stake, 0);
  const free = Math.max(0, after.state.tokens - before.staked);
  return new BetImportError([
    new ValidationError(
      'stake',
      `${fileName}: its ${open.length} open bet${open.length === 1 ? '' : 's'} stake ${round2(staking)} tokens, but ${round2(free)} would be free here (${round2(after.state.tokens)} tokens after its resolved bets, ${round2(before.staked)} already at stake). Nothing was imported: resolve or lower some stakes in the file, or import it together with the resolved bets that won those tokens.`,
    ),
  ]);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * All or nothing: every row is checked first (a BetImportError lists each problem with its line
 * or bet index and field), then all new bets are written in one transaction, refused whole when
 * their open stakes exceed the tokens free (overBudget). Bets already stored (same id) are
 * skipped and counted.
 */
export async function importBets(text: string, fileName: string, now = Date.now()): Promise<ImportResult> {
  const where = { file: fileName };
  const bets = formatOf(fileName, text) === 'json' ? parseBetsJson(text, where) : parseBetsCsv(text, where);
  const { added, duplicates } = await importBetRows(bets, now, (record, fresh) => {
    const refused = overBudget(record, fresh, fileName);
    if (refused) throw refused;
  });
  return { imported: added, duplicates };
}
