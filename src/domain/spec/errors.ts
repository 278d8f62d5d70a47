/**
 * Error classes of this folder, apart from the code that throws them: every worker's error
 * registry (domain/workerErrors.ts) imports them, and the page must not load that code with it.
 */
import { DomainError } from '../errors';

export class NothingToInjectError extends DomainError {
  constructor() {
    super('there are no learned priors to inject yet: no nudge is clearly beneficial or harmful', 'NothingToInjectError');
  }
}

export class StaleEditError extends DomainError {
  constructor(what: string) {
    super(`the text changed under ${what}; read it again`, 'StaleEditError');
  }
}
