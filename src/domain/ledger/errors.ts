import { DomainError } from '../errors';

/** An inclusion proof was asked for an entry the signed head does not cover (yet). */
export class EntryNotSignedError extends DomainError {
  readonly seq: number;
  readonly size: number;
  constructor(seq: number, size: number) {
    super(`entry ${seq} is not covered by the signed head of ${size} entries`, 'EntryNotSignedError');
    this.seq = seq;
    this.size = size;
  }
}
