import { checkStoredBet } from '../betting/storedBet';
import { DomainError } from '../errors';
import { validateRun } from '../evidence/run';
import { validateTitle } from '../spec/spec';
import type { Row } from './bundle';
import { BackupError } from './errors';

/**
 * The rows pages read most directly are checked with the same rules as a form or an import,
 * so a hand-edited backup cannot put a spec without a title or a bet without a stake in front
 * of a page. Other tables are restored as they are: the store wrote them, and the pages that
 * read them already treat their fields as untrusted.
 */
export const SPEC_ID = /^[\w.:-]{1,128}$/;

const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function checkSpec(row: Row): void {
  if (typeof row.id !== 'string' || !SPEC_ID.test(row.id)) throw new BackupError('id', 'is not a spec id');
  validateTitle(typeof row.title === 'string' ? row.title : '');
  if (!finite(row.createdAt) || !finite(row.updatedAt)) throw new BackupError('createdAt', 'and updatedAt must be times');
  if (row.deletedAt !== undefined && !finite(row.deletedAt)) throw new BackupError('deletedAt', 'must be a time');
}

function checkBet(row: Row): void {
  const result = checkStoredBet(row);
  if (Array.isArray(result)) throw result[0]!;
}

const CHECKS: Record<string, (row: Row) => void> = {
  specs: checkSpec,
  runs: (row) => void validateRun(row),
  bets: checkBet,
};

/** Throws BackupError naming the first row that breaks its table's rules. */
export function checkRows(tables: Record<string, Row[]>): void {
  for (const [name, check] of Object.entries(CHECKS)) {
    (tables[name] ?? []).forEach((row, i) => {
      try {
        check(row);
      } catch (err) {
        // A checker tripping over a value it did not expect is still a bad row, not a crash.
        const why = err instanceof DomainError ? err.message : 'has fields of the wrong kind';
        throw new BackupError(`tables.${name}[${i}]`, why);
      }
    });
  }
}
