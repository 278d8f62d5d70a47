import { DomainError, ValidationError } from '../../errors';

/**
 * The largest evidence file the app reads. Parsed runs live in the worker's memory until the
 * whole file has been validated (imports are all-or-nothing), and a run object costs several
 * times its bytes on disk, so 512 MB of text is about the most a browser tab can hold safely.
 */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** One line of JSONL or one CSV record longer than this is refused rather than buffered. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export function describeBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

/** A file refused by its size alone, before a byte of it is read. */
export class FileTooLargeError extends DomainError {
  readonly file: string;
  readonly size: number;
  constructor(file: string, size: number, limit = MAX_IMPORT_BYTES) {
    super(
      `${file} is ${describeBytes(size)}; evidence files can be at most ${describeBytes(limit)}. Split it into smaller files and import them one by one.`,
      'FileTooLargeError',
    );
    this.file = file;
    this.size = size;
  }
}

/** The person pressed Cancel: nothing was written. */
export class ImportCancelledError extends DomainError {
  constructor() {
    super('Import cancelled; nothing was written.', 'ImportCancelledError');
  }
}

export function checkFileSize(file: string, size: number, limit = MAX_IMPORT_BYTES): void {
  if (size > limit) throw new FileTooLargeError(file, size, limit);
}

/** An error as plain data, so it can cross the worker boundary with its field, file and line. */
export interface ImportErrorInfo {
  name: string;
  message: string;
  field?: string;
  detail?: string;
  file?: string;
  line?: number;
  size?: number;
}

export function toErrorInfo(err: unknown): ImportErrorInfo {
  if (err instanceof ValidationError) {
    const start = err.message.indexOf(`${err.field}: `);
    const detail = start === -1 ? err.message : err.message.slice(start + err.field.length + 2);
    return { name: err.name, message: err.message, field: err.field, detail, file: err.file, line: err.line };
  }
  if (err instanceof FileTooLargeError) return { name: err.name, message: err.message, file: err.file, size: err.size };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** The app's own error classes back from their plain form; anything else as a named Error. */
export function fromErrorInfo(info: ImportErrorInfo): Error {
  switch (info.name) {
    case 'ValidationError':
      return new ValidationError(info.field ?? 'file', info.detail ?? info.message, { file: info.file, line: info.line });
    case 'FileTooLargeError':
      return new FileTooLargeError(info.file ?? 'file', info.size ?? 0);
    case 'ImportCancelledError':
      return new ImportCancelledError();
    default: {
      const e = new Error(info.message);
      e.name = info.name;
      return e;
    }
  }
}
