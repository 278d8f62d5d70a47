import { DomainError } from '../errors';

/** A batch that does not open or does not read: names the batch, and the record when known. */
export class DeviceBatchError extends DomainError {
  readonly batch: string;
  constructor(batch: string, message: string) {
    super(`batch ${batch}: ${message}`, 'DeviceBatchError');
    this.batch = batch;
  }
}

/** A pairing that cannot go on (a bad link, a code that does not match, a key that does not check). */
export class PairingError extends DomainError {
  constructor(message: string) {
    super(message, 'PairingError');
  }
}
