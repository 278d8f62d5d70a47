import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** The parts of a promptfoo result row the import reads (promptfoo 0.1xx, results version 3). */
export interface Row {
  id?: unknown;
  success?: unknown;
  failureReason?: unknown;
  error?: unknown;
  prompt?: { label?: unknown; raw?: unknown } | unknown;
  provider?: { id?: unknown; label?: unknown } | unknown;
  testCase?: { description?: unknown; vars?: unknown; metadata?: unknown } | unknown;
  vars?: unknown;
  metadata?: unknown;
  gradingResult?: { pass?: unknown; reason?: unknown; componentResults?: unknown } | unknown;
}

/** promptfoo's ResultFailureReason: 1 an assertion failed, 2 the call itself failed (an error). */
const ERROR = 2;

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** JSON with sorted keys, so the same vars always hash the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** "openai:gpt-4o" for a row's provider (its id; its label when it has no id). */
function providerOf(row: Row): string | undefined {
  if (typeof row.provider === 'string') return text(row.provider);
  const p = obj(row.provider);
  return text(p.id) ?? text(p.label);
}

/** A short name for a row in a failure's name: its test description or its provider. */
export function describeRow(row: Row): string {
  return text(obj(row.testCase).description) ?? providerOf(row) ?? '';
}

export interface RowFacts {
  spec: string;
  nudges: string[];
  passed: boolean;
  model?: string;
  errors: { name: string; message: string }[];
}

/**
 * How a promptfoo row becomes a run:
 * - spec: the test case, named by its description, else by a hash of its vars ("name:vars
 *   <16 hex>"): the same test across prompts and providers is one spec, so the learner compares
 *   prompts on the same task;
 * - nudges: the prompt's label (the prompt variant is what was tried), then any
 *   `metadata.nudges` of the test case or the row (a list of names, or one name);
 * - model: the provider id;
 * - passed: `success`; a row whose call failed (failureReason 2, promptfoo's "error") is a
 *   failed run whose message is the error;
 * - errors: the reasons of the failed assertions (gradingResult.componentResults), else the
 *   grading reason, else the error.
 */
export function rowFacts(row: Row, field: string, fail: (field: string, why: string) => never): RowFacts {
  const testCase = obj(row.testCase);
  const description = text(testCase.description);
  const vars = testCase.vars ?? row.vars ?? {};
  const spec = description ? `name:${description}` : `name:vars ${bytesToHex(sha256(new TextEncoder().encode(canonical(vars)))).slice(0, 16)}`;

  const nudges: string[] = [];
  const prompt = obj(row.prompt);
  const label = text(prompt.label) ?? text(prompt.raw);
  if (label) nudges.push(label);
  for (const meta of [obj(testCase.metadata).nudges, obj(row.metadata).nudges]) {
    if (typeof meta === 'string' && meta.trim()) nudges.push(meta);
    else if (Array.isArray(meta)) {
      meta.forEach((n, k) => {
        if (typeof n !== 'string') fail(`${field}.metadata.nudges[${k}]`, `must be a string, not ${typeof n}`);
        if (n.trim()) nudges.push(n);
      });
    }
  }

  const grading = obj(row.gradingResult);
  const errored = row.failureReason === ERROR;
  let passed: boolean;
  if (typeof row.success === 'boolean') passed = row.success;
  else if (typeof grading.pass === 'boolean') passed = grading.pass;
  else if (errored) passed = false;
  else return fail(`${field}.success`, 'is missing: a result row says whether it passed ("success": true or false)');
  if (errored) passed = false;

  const errors: { name: string; message: string }[] = [];
  if (!passed) {
    if (errored) {
      errors.push({ name: 'error', message: text(row.error) ?? 'the call failed (promptfoo gave no error text)' });
    } else {
      const components = Array.isArray(grading.componentResults) ? grading.componentResults : [];
      for (const c of components) {
        const r = obj(c);
        if (r.pass !== false) continue;
        const assertion = obj(r.assertion);
        const name = [text(assertion.type), text(assertion.metric)].filter(Boolean).join(' ');
        errors.push({ name: name || 'assertion', message: text(r.reason) ?? 'the assertion failed' });
      }
      if (errors.length === 0) {
        const reason = text(grading.reason) ?? text(row.error);
        if (reason) errors.push({ name: 'grading', message: reason });
      }
    }
  }
  return { spec, nudges, passed, model: providerOf(row), errors };
}
