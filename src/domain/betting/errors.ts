/**
 * Error classes of this folder, apart from the code that throws them: every worker's error
 * registry (domain/workerErrors.ts) imports them, and the page must not load that code with it.
 */
import { DomainError, type ValidationError } from '../errors';

/** All the problems of an import, each naming its line (CSV) or bet index (JSON) and field. */
export class BetImportError extends DomainError {
  readonly problems: ValidationError[];
  constructor(problems: ValidationError[]) {
    const first = problems[0]?.message ?? 'unknown problem';
    super(problems.length > 1 ? `${first} (and ${problems.length - 1} more problems)` : first, 'BetImportError');
    this.problems = problems;
  }
}

export class BetAlreadyResolvedError extends DomainError {
  readonly betId: string;
  constructor(betId: string) {
    super(`bet ${betId} is already resolved: record a correction instead`, 'BetAlreadyResolvedError');
    this.betId = betId;
  }
}
