/**
 * Error classes of this folder, apart from the code that throws them: every worker's error
 * registry (domain/workerErrors.ts) imports them, and the page must not load that code with it.
 */
import { DomainError } from '../errors';

/** An illegal chapel move (running before the pause, twice, after a veto, ...). */
export class ChapelError extends DomainError {
  constructor(message: string) {
    super(message, 'ChapelError');
  }
}
