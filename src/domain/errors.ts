/**
 * Base class of every error the app raises on purpose. Each subclass sets a stable `name`
 * so that the error survives structured cloning across the worker boundary (Comlink
 * rebuilds errors from name + message) and so the UI can say what went wrong and where.
 */
export class DomainError extends Error {
  constructor(message: string, name = 'DomainError') {
    super(message);
    this.name = name;
  }
}

/** Bad input: says which field was wrong, and where (file, line) when it is known. */
export class ValidationError extends DomainError {
  readonly field: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  constructor(field: string, message: string, where: { file?: string; line?: number } = {}) {
    const at = [where.file, where.line !== undefined ? `line ${where.line}` : undefined]
      .filter(Boolean)
      .join(', ');
    super(`${at ? at + ': ' : ''}${field}: ${message}`, 'ValidationError');
    this.field = field;
    this.file = where.file;
    this.line = where.line;
  }
}
