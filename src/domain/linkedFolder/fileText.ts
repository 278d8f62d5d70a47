import { DomainError } from '../errors';

/** A file of the linked folder the app cannot take in; it names the file and says why. */
export class LinkedFileError extends DomainError {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`, 'LinkedFileError');
    this.file = file;
  }
}

/**
 * A linked file's bytes as text: UTF-8 only (fatal on a bad byte, so nothing is guessed or
 * replaced), a byte-order mark kept as text so the file is written back with it.
 */
export function decodeLinkedFile(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new LinkedFileError(file, 'is not UTF-8 text, so it was not read; save it as UTF-8');
  }
}
