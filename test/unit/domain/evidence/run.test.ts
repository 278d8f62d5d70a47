import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/domain/errors';
import { makeNudge, normaliseNudge, validateRun } from '../../../../src/domain/evidence/run';

const good = {
  id: 'run_1',
  specHash: 'abc123',
  nudges: ['Add  Type hints ', 'add type hints', 'Use TDD'],
  passed: false,
  errorMessages: ['boom'],
  testFailures: [{ name: 'adds', message: 'expected 2 to be 3' }],
  typeErrors: [{ file: 'src/a.ts', line: 4, message: "Type 'string' is not assignable" }],
  model: 'gpt-x',
  temperature: 0.2,
  source: 'jsonl',
  at: 1_700_000_000_000,
};

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.field;
    throw e;
  }
  return undefined;
}

describe('normaliseNudge', () => {
  it('lower-cases, trims and collapses inner whitespace', () => {
    expect(normaliseNudge('  Add \t Type\nHints  ')).toBe('add type hints');
    expect(normaliseNudge('   ')).toBe('');
  });
  it('makes a nudge whose label keeps its case', () => {
    expect(makeNudge('  Add  Type Hints ')).toEqual({ key: 'add type hints', label: 'Add Type Hints' });
    expect(fieldOf(() => makeNudge('  '))).toBe('nudge');
  });
});

describe('validateRun', () => {
  it('returns a clean run with normalised, de-duplicated nudges', () => {
    const run = validateRun({ ...good, extra: 'dropped' });
    expect(run.nudges).toEqual(['add type hints', 'use tdd']);
    expect(run).not.toHaveProperty('extra');
    expect(run.at).toBe(1_700_000_000_000);
    expect(run.typeErrors).toEqual([{ file: 'src/a.ts', line: 4, message: "Type 'string' is not assignable" }]);
    expect(run.temperature).toBe(0.2);
  });
  it('converts an ISO date to epoch milliseconds', () => {
    expect(validateRun({ ...good, at: '2024-01-02T03:04:05Z' }).at).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });
  it('defaults omitted lists to empty and leaves out absent optionals', () => {
    const run = validateRun({ id: 'r', specHash: 'h', passed: true, source: 'manual', at: 5, specId: undefined });
    expect(run).toEqual({ id: 'r', specHash: 'h', nudges: [], passed: true, errorMessages: [], testFailures: [], typeErrors: [], source: 'manual', at: 5 });
    expect('specId' in run).toBe(false);
  });
  it('names the wrong field', () => {
    expect(fieldOf(() => validateRun({ ...good, specHash: undefined }))).toBe('specHash');
    expect(fieldOf(() => validateRun({ ...good, specHash: '  ' }))).toBe('specHash');
    expect(fieldOf(() => validateRun({ ...good, id: 3 }))).toBe('id');
    expect(fieldOf(() => validateRun({ ...good, nudges: ['ok', '  '] }))).toBe('nudges[1]');
    expect(fieldOf(() => validateRun({ ...good, nudges: 'ok' }))).toBe('nudges');
    expect(fieldOf(() => validateRun({ ...good, passed: 'yes' }))).toBe('passed');
    expect(fieldOf(() => validateRun({ ...good, passed: undefined }))).toBe('passed');
    expect(fieldOf(() => validateRun({ ...good, source: 'email' }))).toBe('source');
    expect(fieldOf(() => validateRun({ ...good, at: '03/04/2024' }))).toBe('at');
    expect(fieldOf(() => validateRun({ ...good, at: -1 }))).toBe('at');
    expect(fieldOf(() => validateRun({ ...good, temperature: -0.5 }))).toBe('temperature');
    expect(fieldOf(() => validateRun({ ...good, typeErrors: [{ message: 'x', line: 0 }] }))).toBe('typeErrors[0].line');
    expect(fieldOf(() => validateRun({ ...good, testFailures: [{ message: 'x' }] }))).toBe('testFailures[0].name');
    expect(fieldOf(() => validateRun({ ...good, errorMessages: [1] }))).toBe('errorMessages[0]');
    expect(fieldOf(() => validateRun(null))).toBe('run');
    expect(fieldOf(() => validateRun([good]))).toBe('run');
  });
  it('says where the bad input came from', () => {
    expect(() => validateRun({ ...good, passed: 1 }, { file: 'runs.jsonl', line: 7 })).toThrow(
      'runs.jsonl, line 7: passed: must be true or false',
    );
  });
});

describe('run times', () => {
  const base = { id: 'r1', specHash: 'h', nudges: [], passed: true, source: 'manual' };
  it('refuses times no calendar can show, and reads ISO times without an offset as UTC', async () => {
    const { validateRun } = await import('../../../../src/domain/evidence/run');
    expect(() => validateRun({ ...base, at: 1e20 })).toThrow(/at: must be a time between 1970 and 9999/);
    expect(validateRun({ ...base, at: '2026-11-25T10:00:00' }).at).toBe(Date.UTC(2026, 10, 25, 10));
    expect(validateRun({ ...base, at: '2026-11-25T10:00:00+01:00' }).at).toBe(Date.UTC(2026, 10, 25, 9));
  });
});
