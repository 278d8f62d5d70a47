import { ValidationError } from '../errors';

/**
 * A run is one attempt at a piece of work (a generation, a test run, a task) and its outcome:
 * the unit of evidence of loop 1 (DOMAIN.md section 1).
 */
export type RunSource = 'manual' | 'junit' | 'jsonl' | 'csv' | 'promptfoo' | 'tap' | 'gotest' | 'compile' | 'task';

export const RUN_SOURCES: readonly RunSource[] = ['manual', 'junit', 'jsonl', 'csv', 'promptfoo', 'tap', 'gotest', 'compile', 'task'];

export interface TestFailure {
  name: string;
  message: string;
}

/** A compiler or type-checker diagnostic (named so, not TypeError, to keep the built-in visible). */
export interface TypeDiagnostic {
  file?: string;
  line?: number;
  message: string;
}

export interface Run {
  id: string;
  specId?: string;
  /** Hash of the exact spec text the run was made against: the spec's identity for the learner. */
  specHash: string;
  /** Normalised nudge keys (see normaliseNudge), without duplicates, in the order first given. */
  nudges: string[];
  passed: boolean;
  errorMessages: string[];
  testFailures: TestFailure[];
  typeErrors: TypeDiagnostic[];
  model?: string;
  temperature?: number;
  source: RunSource;
  /**
   * When the run happened, as epoch milliseconds (UTC). A number rather than an ISO string so
   * that runs sort and index cheaply; validateRun also accepts an ISO-8601 string and converts it.
   */
  at: number;
}

/** A nudge: its key (what runs refer to) and its label (the text injected into prompts). */
export interface Nudge {
  key: string;
  label: string;
}

/** Lower-case, trimmed, inner whitespace collapsed: "  Add  Type hints " -> "add type hints". */
export function normaliseNudge(key: string): string {
  let normal = normalised.get(key);
  if (normal === undefined) {
    normal = key.trim().replace(/\s+/g, ' ').toLowerCase();
    // A file repeats a few spellings on every line: 100k runs ask for the same ones 300k times.
    if (normalised.size >= NORMALISED_KEPT) normalised.clear();
    normalised.set(key, normal);
  }
  return normal;
}

/** Spellings already normalised (bounded: cleared when full, so memory stays small). */
const normalised = new Map<string, string>();
const NORMALISED_KEPT = 4096;

/** A nudge from a label as typed: the label keeps its case, the key is normalised. */
export function makeNudge(label: string): Nudge {
  const tidy = label.trim().replace(/\s+/g, ' ');
  const key = normaliseNudge(tidy);
  if (!key) throw new ValidationError('nudge', 'a nudge needs a name (this one is empty)');
  return { key, label: tidy };
}

type Where = { file?: string; line?: number };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function requiredText(o: Record<string, unknown>, field: string, where: Where): string {
  const v = o[field];
  if (typeof v !== 'string' || !v.trim()) {
    throw new ValidationError(field, v === undefined ? 'is missing' : 'must be a non-empty text', where);
  }
  return v.trim();
}

function optionalText(o: Record<string, unknown>, field: string, where: Where): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !v.trim()) throw new ValidationError(field, 'must be a non-empty text when given', where);
  return v.trim();
}

/** Lists may be omitted (an importer that has no error messages); anything else must be a list. */
function list(o: Record<string, unknown>, field: string, where: Where): unknown[] {
  const v = o[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ValidationError(field, 'must be a list', where);
  return v;
}

function validateNudges(o: Record<string, unknown>, where: Where): string[] {
  const seen = new Set<string>();
  list(o, 'nudges', where).forEach((raw, i) => {
    if (typeof raw !== 'string') throw new ValidationError(`nudges[${i}]`, 'must be a text', where);
    const key = normaliseNudge(raw);
    if (!key) throw new ValidationError(`nudges[${i}]`, 'a nudge needs a name (this one is empty)', where);
    seen.add(key);
  });
  return [...seen];
}

function validateTestFailures(o: Record<string, unknown>, where: Where): TestFailure[] {
  return list(o, 'testFailures', where).map((t, i) => {
    if (!isRecord(t) || typeof t.name !== 'string') {
      throw new ValidationError(`testFailures[${i}].name`, 'must be a text', where);
    }
    const message = t.message ?? '';
    if (typeof message !== 'string') throw new ValidationError(`testFailures[${i}].message`, 'must be a text', where);
    return { name: t.name, message };
  });
}

function validateTypeErrors(o: Record<string, unknown>, where: Where): TypeDiagnostic[] {
  return list(o, 'typeErrors', where).map((t, i) => {
    if (!isRecord(t) || typeof t.message !== 'string') {
      throw new ValidationError(`typeErrors[${i}].message`, 'must be a text', where);
    }
    const d: TypeDiagnostic = { message: t.message };
    if (t.file !== undefined && t.file !== null) {
      if (typeof t.file !== 'string') throw new ValidationError(`typeErrors[${i}].file`, 'must be a text', where);
      d.file = t.file;
    }
    if (t.line !== undefined && t.line !== null) {
      if (typeof t.line !== 'number' || !Number.isInteger(t.line) || t.line < 1) {
        throw new ValidationError(`typeErrors[${i}].line`, 'must be a whole number from 1', where);
      }
      d.line = t.line;
    }
    return d;
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The last millisecond of year 9999: later times cannot be shown as dates anywhere. */
const MAX_AT = 253402300799999;

function validateAt(v: unknown, where: Where): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v > MAX_AT) throw new ValidationError('at', 'must be a time between 1970 and 9999 (epoch milliseconds)', where);
    return v;
  }
  if (v instanceof Date && Number.isFinite(v.getTime())) return validateAt(v.getTime(), where);
  // Only ISO 8601: Date.parse guesses at other formats differently across engines. A time
  // without an offset is read as UTC, so the same file means the same instant on every device.
  if (typeof v === 'string' && ISO_DATE.test(v.trim())) {
    const text = v.trim().replace(' ', 'T');
    const needsZone = text.includes('T') && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const t = Date.parse(needsZone ? `${text}Z` : text);
    if (Number.isFinite(t)) return validateAt(t, where);
  }
  throw new ValidationError('at', v === undefined ? 'is missing' : 'must be epoch milliseconds or an ISO-8601 date', where);
}

/**
 * Checks an untrusted object (a form, an imported line) and returns a clean Run, or throws a
 * ValidationError naming the first wrong field. Unknown fields are dropped.
 */
export function validateRun(input: unknown, where: Where = {}): Run {
  if (!isRecord(input)) throw new ValidationError('run', 'must be an object', where);
  const o = input;
  const id = requiredText(o, 'id', where);
  const specHash = requiredText(o, 'specHash', where);
  const specId = optionalText(o, 'specId', where);
  const nudges = validateNudges(o, where);
  if (typeof o.passed !== 'boolean') {
    throw new ValidationError('passed', o.passed === undefined ? 'is missing' : 'must be true or false', where);
  }
  const errorMessages = list(o, 'errorMessages', where).map((m, i) => {
    if (typeof m !== 'string') throw new ValidationError(`errorMessages[${i}]`, 'must be a text', where);
    return m;
  });
  const testFailures = validateTestFailures(o, where);
  const typeErrors = validateTypeErrors(o, where);
  const model = optionalText(o, 'model', where);
  let temperature: number | undefined;
  if (o.temperature !== undefined && o.temperature !== null) {
    if (typeof o.temperature !== 'number' || !Number.isFinite(o.temperature) || o.temperature < 0) {
      throw new ValidationError('temperature', 'must be a number from 0', where);
    }
    temperature = o.temperature;
  }
  if (typeof o.source !== 'string' || !(RUN_SOURCES as readonly string[]).includes(o.source)) {
    throw new ValidationError('source', `must be one of ${RUN_SOURCES.join(', ')}`, where);
  }
  const at = validateAt(o.at, where);
  const run: Run = {
    id,
    specHash,
    nudges,
    passed: o.passed,
    errorMessages,
    testFailures,
    typeErrors,
    source: o.source as RunSource,
    at,
  };
  if (specId !== undefined) run.specId = specId;
  if (model !== undefined) run.model = model;
  if (temperature !== undefined) run.temperature = temperature;
  return run;
}
