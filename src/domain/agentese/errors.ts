/**
 * Error classes of this folder, apart from the code that throws them: every worker's error
 * registry (domain/workerErrors.ts) imports them, and the page must not load that code with it.
 */
import { DomainError } from '../errors';
import type { Mode } from './modes';

export class ModeTransitionError extends DomainError {
  readonly from: string;
  readonly to: string;
  readonly allowed: readonly Mode[];
  constructor(from: string, to: string, allowed: readonly Mode[]) {
    const ways = allowed.length ? `from ${from} the ways are ${allowed.join(', ')}` : `${from} is not a mode`;
    super(`cannot go from ${from} to ${to}; ${ways}`, 'ModeTransitionError');
    this.from = from;
    this.to = to;
    this.allowed = allowed;
  }
}
