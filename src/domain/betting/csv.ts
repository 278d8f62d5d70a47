/**
 * Bets out to CSV / JSON and back. Export then import gives the same bets: numbers are written
 * with full precision, lists escape their separator, and every imported row is checked.
 * CSV: one row per bet, RFC 4180; lists joined by ";" ("\;" and "\\" inside a name: src/domain/csv/lists.ts, as evidence CSV reads them); times as
 * ISO 8601 UTC (whole milliseconds, as Date keeps them); range bets as "4h @ 0.5; 6h @ 0.8".
 */
import { ValidationError } from '../errors';
import { parseQuantiles } from './betText';
import type { Bet } from './bet';
import { joinList, splitList } from '../csv/lists';
import { readCsv, writeCsv } from '../csv/rfc4180';
import { checkStoredBet } from './storedBet';
import { BetImportError } from './errors';
export { BetImportError };

export const BET_CSV_COLUMNS = [
  'id', 'task', 'specId', 'taskAnchor', 'estimatedHours', 'confidence', 'stake', 'principles',
  'context', 'placedAt', 'quantiles', 'actualHours', 'completed', 'resolvedAt',
] as const;
type Column = (typeof BET_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['id', 'task', 'estimatedHours', 'confidence', 'stake', 'placedAt'];

export { joinList, splitList };

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());
const num = (x: number | undefined): string => (x === undefined ? '' : String(x));

export function betsToCsv(bets: readonly Bet[]): string {
  const rows = bets.map((b) => {
    const cells: Record<Column, string> = {
      id: b.id,
      task: b.task,
      specId: b.specId ?? '',
      taskAnchor: b.taskAnchor ?? '',
      estimatedHours: num(b.estimatedHours),
      confidence: num(b.confidence),
      stake: num(b.stake),
      principles: joinList(b.principles),
      context: joinList(b.context),
      placedAt: iso(b.placedAt),
      quantiles: (b.quantiles ?? []).map((q) => `${q.hours}h @ ${q.p}`).join('; '),
      actualHours: num(b.actualHours),
      completed: b.completed === undefined ? '' : String(b.completed),
      resolvedAt: iso(b.resolvedAt),
    };
    return BET_CSV_COLUMNS.map((c) => cells[c]);
  });
  return writeCsv([[...BET_CSV_COLUMNS], ...rows]);
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch ms or ISO 8601 with a zone; a zoneless time would depend on the importing device. */
function parseTime(cell: string): number | string | undefined {
  const t = cell.trim();
  if (t === '') return undefined;
  if (/^-?\d+$/.test(t)) return Number(t);
  return ISO_WITH_ZONE.test(t) && !Number.isNaN(Date.parse(t)) ? Date.parse(t) : t;
}

/** A cell that is not a number is passed on as text, so the error quotes what was written. */
function parseNumber(cell: string): number | string | undefined {
  const t = cell.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function parseBoolean(cell: string): boolean | string | undefined {
  const t = cell.trim().toLowerCase();
  if (t === '') return undefined;
  if (t === 'true' || t === 'yes' || t === '1') return true;
  if (t === 'false' || t === 'no' || t === '0') return false;
  return cell;
}

/** Reads bets from CSV (columns in any order, by header name). Throws BetImportError. */
export function parseBetsCsv(text: string, where: { file?: string } = {}): Bet[] {
  const records = readCsv(text, where);
  const header = records[0];
  if (!header) throw new BetImportError([new ValidationError('header', 'the file is empty', where)]);
  const at = (line: number): { file?: string; line: number } => ({ ...where, line });
  const problems: ValidationError[] = [];
  const names = header.fields.map((f) => f.trim());
  for (const name of names) {
    if (!(BET_CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push(new ValidationError('header', `unknown column "${name}" (expected ${BET_CSV_COLUMNS.join(', ')})`, at(header.line)));
    }
  }
  for (const name of REQUIRED) {
    if (!names.includes(name)) problems.push(new ValidationError('header', `missing column "${name}"`, at(header.line)));
  }
  if (new Set(names).size !== names.length) problems.push(new ValidationError('header', 'a column appears twice', at(header.line)));
  if (problems.length > 0) throw new BetImportError(problems);

  const bets: Bet[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      problems.push(new ValidationError('row', `has ${record.fields.length} cells, the header has ${names.length}`, at(record.line)));
      continue;
    }
    const cell = (c: Column): string => record.fields[names.indexOf(c)] ?? '';
    const raw: Record<string, unknown> = {
      id: cell('id').trim() || undefined,
      task: cell('task') || undefined,
      specId: cell('specId') || undefined,
      taskAnchor: cell('taskAnchor') || undefined,
      estimatedHours: parseNumber(cell('estimatedHours')),
      confidence: parseNumber(cell('confidence')),
      stake: parseNumber(cell('stake')),
      principles: splitList(cell('principles')),
      context: splitList(cell('context')),
      placedAt: parseTime(cell('placedAt')),
      actualHours: parseNumber(cell('actualHours')),
      completed: parseBoolean(cell('completed')),
      resolvedAt: parseTime(cell('resolvedAt')),
    };
    const quantiles = cell('quantiles').trim();
    if (quantiles !== '') {
      try {
        raw.quantiles = parseQuantiles(quantiles);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        problems.push(new ValidationError('quantiles', e.message.replace(/^[^:]*: /, ''), at(record.line)));
        continue;
      }
    }
    const result = checkStoredBet(raw, at(record.line));
    if (Array.isArray(result)) problems.push(...result);
    else if (seen.has(result.id)) {
      problems.push(new ValidationError('id', `${result.id} already appears on line ${seen.get(result.id)}`, at(record.line)));
    } else {
      seen.set(result.id, record.line);
      bets.push(result);
    }
  }
  if (problems.length > 0) throw new BetImportError(problems);
  return bets;
}

export const BETS_JSON_FORMAT = 'metacompiler.bets';

export function betsToJson(bets: readonly Bet[]): string {
  return JSON.stringify({ format: BETS_JSON_FORMAT, version: 1, bets }, null, 2);
}

/** Reads the export format above, or a bare array of bets. Throws BetImportError. */
export function parseBetsJson(text: string, where: { file?: string } = {}): Bet[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BetImportError([new ValidationError('json', `not valid JSON (${(e as Error).message})`, where)]);
  }
  const list = Array.isArray(data) ? data : (data as { bets?: unknown } | null)?.bets;
  if (!Array.isArray(list)) throw new BetImportError([new ValidationError('bets', 'expected a list of bets', where)]);
  const problems: ValidationError[] = [];
  const bets: Bet[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, i) => {
    const fieldPrefix = `bets[${i}].`;
    if (typeof item !== 'object' || item === null) {
      problems.push(new ValidationError(`bets[${i}]`, 'is not a bet', where));
      return;
    }
    const result = checkStoredBet(item as Record<string, unknown>, { ...where, fieldPrefix });
    if (Array.isArray(result)) problems.push(...result);
    else if (seen.has(result.id)) problems.push(new ValidationError(`${fieldPrefix}id`, `${result.id} appears twice`, where));
    else {
      seen.add(result.id);
      bets.push(result);
    }
  });
  if (problems.length > 0) throw new BetImportError(problems);
  return bets;
}

/** Splits an import into bets to add and bets already known (by id, also within the import). */
export function dedupeById<T extends { id: string }>(
  existing: readonly { id: string }[],
  incoming: readonly T[],
): { added: T[]; skipped: T[] } {
  const known = new Set(existing.map((b) => b.id));
  const added: T[] = [];
  const skipped: T[] = [];
  for (const item of incoming) {
    if (known.has(item.id)) skipped.push(item);
    else {
      known.add(item.id);
      added.push(item);
    }
  }
  return { added, skipped };
}
