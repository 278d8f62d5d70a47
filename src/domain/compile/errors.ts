/**
 * Error classes of this folder, apart from the code that throws them: every worker's error
 * registry (domain/workerErrors.ts) imports them, and the page must not load that code with it.
 */
import { DomainError } from '../errors';

/** The spec does not declare a usable compile target; the message says what to add. */
export class CompileTargetError extends DomainError {
  constructor(message: string) {
    super(message, 'CompileTargetError');
  }
}

/**
 * The `assert` that test blocks call. Built before the candidate runs, from references to
 * built-ins taken at that moment, so that a candidate which overwrites JSON.stringify or
 * Object.keys by accident does not change a verdict. It is a guard against sloppy code, not
 * against a hostile candidate in the same realm (the sandbox's job is the network).
 */
export class AssertionError extends DomainError {
  constructor(message: string) {
    super(message, 'AssertionError');
  }
}
