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

/** An error as plain data, so it can cross a worker boundary (structured clone) with its fields. */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  /** The error's own fields (`field`, `file`, `line`, ...), JSON values only. */
  readonly fields: Readonly<Record<string, unknown>>;
}

type ErrorClass = abstract new (...args: never[]) => Error;
const classes = new Map<string, ErrorClass>();

/**
 * Makes errors of these names come back as instances of these classes (errorFromData). Keyed
 * by the `name` each class gives its errors (`{ ValidationError }`): object keys survive
 * minification, class names do not.
 */
export function registerErrorClasses(byName: Readonly<Record<string, ErrorClass>>): void {
  for (const [name, c] of Object.entries(byName)) classes.set(name, c);
}

const isJson = (v: unknown): boolean =>
  v === null ||
  ['string', 'number', 'boolean'].includes(typeof v) ||
  (Array.isArray(v) && v.every(isJson)) ||
  (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(isJson));

export function errorToData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (k !== 'name' && k !== 'message' && k !== 'stack' && v !== undefined && isJson(v)) fields[k] = v;
  return { name: err.name, message: err.message, fields };
}

/**
 * The error back from its plain form: an instance of the registered class of that name (its
 * prototype, so `instanceof` and methods work, with the message and fields as sent); an
 * unregistered name comes back as a DomainError carrying that name and the fields.
 */
export function errorFromData(data: ErrorData): Error {
  const cls = classes.get(data.name);
  const err = Object.create((cls ?? DomainError).prototype) as Error;
  Object.defineProperty(err, 'message', { value: data.message, writable: true, configurable: true });
  Object.defineProperty(err, 'name', { value: data.name, writable: true, configurable: true });
  Object.assign(err, data.fields);
  Object.defineProperty(err, 'stack', { value: `${data.name}: ${data.message}\n    (rebuilt from plain data)`, writable: true, configurable: true });
  return err;
}

registerErrorClasses({ DomainError, ValidationError });
