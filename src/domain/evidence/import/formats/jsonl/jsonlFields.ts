import { ValidationError } from '../../../../errors';
import { RUN_SOURCES } from '../../../run';
import { clip } from '../../values';

type Where = { file: string; line?: number };

/**
 * A JSON value as an error quotes it back: text in quotes and shortened (as the CSV importer
 * quotes a cell), numbers, true, false and null as written, a list or an object by its kind.
 */
export function showJson(v: unknown): string {
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return clip(String(v));
}

/** The kind of a JSON value, for "must be a list …, not a string". */
function kindOf(v: unknown): string {
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const absent = (v: unknown) => v === undefined || v === null;

/**
 * Checks the types of a JSONL run's fields before validateRun sees it, so that every wrong value
 * is refused with the value quoted ("passed: must be true or false, not \"abc\"") and no field
 * of the wrong type is quietly dropped (a string where a list belongs was read as no list).
 * What is missing, and what is of the right type but wrong (an empty nudge), is left to
 * validateRun, the one rule for every importer.
 */
export function checkJsonlFields(run: Record<string, unknown>, where: Where): void {
  const bad = (field: string, why: string): never => {
    throw new ValidationError(field, why, where);
  };
  const text = (field: string, optional: boolean): void => {
    const v = run[field];
    if (v === undefined || (optional && v === null)) return;
    if (typeof v !== 'string' || !v.trim()) bad(field, `must be a non-empty string${optional ? ' when given' : ''}, not ${showJson(v)}`);
  };
  const stringItem = (field: string, v: unknown): void => {
    if (typeof v !== 'string') bad(field, `must be a string, not ${showJson(v)}`);
  };
  const list = (field: string, of: string): unknown[] => {
    const v = run[field];
    if (absent(v)) return [];
    if (!Array.isArray(v)) return bad(field, `must be a list of ${of}, not ${kindOf(v)}`);
    return v as unknown[];
  };

  text('id', false);
  text('specHash', false);
  text('specId', true);
  text('model', true);
  if (run.passed !== undefined && typeof run.passed !== 'boolean') bad('passed', `must be true or false, not ${showJson(run.passed)}`);
  const t = run.temperature;
  if (!absent(t) && (typeof t !== 'number' || !(t >= 0))) bad('temperature', `must be a number from 0, not ${showJson(t)}`);
  if (run.source !== undefined && !(RUN_SOURCES as readonly unknown[]).includes(run.source)) {
    bad('source', `must be one of ${RUN_SOURCES.join(', ')}, not ${showJson(run.source)}`);
  }
  // A number's unit is decided by its size afterwards (jsonl.ts): here only that it can be a time.
  if (typeof run.at === 'number' && !(run.at >= 0 && Number.isFinite(run.at))) {
    bad('at', `must be a time between 1970 and 9999 (epoch seconds or milliseconds), not ${showJson(run.at)}`);
  }
  if (run.at !== undefined && typeof run.at !== 'number' && typeof run.at !== 'string') {
    bad('at', `must be an epoch time (seconds or milliseconds) or an ISO-8601 date, not ${showJson(run.at)}`);
  }

  list('nudges', 'strings').forEach((v, i) => stringItem(`nudges[${i}]`, v));
  list('errorMessages', 'strings').forEach((v, i) => stringItem(`errorMessages[${i}]`, v));
  list('testFailures', 'objects ({"name": …, "message": …})').forEach((v, i) => {
    const field = `testFailures[${i}]`;
    if (!isObject(v)) return bad(field, `must be an object ({"name": …, "message": …}), not ${showJson(v)}`);
    if (v.name === undefined) bad(`${field}.name`, 'is missing');
    stringItem(`${field}.name`, v.name);
    if (!absent(v.message)) stringItem(`${field}.message`, v.message);
  });
  list('typeErrors', 'objects ({"message": …, "file": …, "line": …})').forEach((v, i) => {
    const field = `typeErrors[${i}]`;
    if (!isObject(v)) return bad(field, `must be an object ({"message": …, "file": …, "line": …}), not ${showJson(v)}`);
    if (v.message === undefined) bad(`${field}.message`, 'is missing');
    stringItem(`${field}.message`, v.message);
    if (!absent(v.file)) stringItem(`${field}.file`, v.file);
    const line = v.line;
    if (!absent(line) && (typeof line !== 'number' || !Number.isInteger(line) || line < 1)) {
      bad(`${field}.line`, `must be a whole number from 1, not ${showJson(line)}`);
    }
  });
}
