import { DomainError } from '../errors';

/**
 * A backup bundle that cannot be read or restored. `path` names the part of the file that is
 * wrong (e.g. `tables.bets[3]`), so the person knows it is the file, not the app.
 */
export class BackupError extends DomainError {
  readonly path: string;
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message, 'BackupError');
    this.path = path;
  }
}
