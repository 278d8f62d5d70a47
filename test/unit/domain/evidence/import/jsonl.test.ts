import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../../src/domain/errors';
import { RunCollector } from '../../../../../src/domain/evidence/import/collector';
import { bytesSource, fixture, parse, parseError, textSource } from './helpers';

const line = (o: Record<string, unknown>) => JSON.stringify({ id: 'r1', specHash: 'name:x', passed: true, at: 1, ...o });

describe('JSON Lines in the app’s run format', () => {
  it('reads one run per line, skipping blank lines, defaulting source and id', async () => {
    const f = await parse(bytesSource('runs.jsonl', fixture('runs.jsonl')), 'jsonl');
    expect(f.runs).toHaveLength(5);
    expect(f.runs.map((r) => r.id.startsWith('jsonl-') ? 'derived' : r.id)).toEqual(['run_lexer_001', 'run_lexer_002', 'run_parser_001', 'derived', 'run_parser_003']);
    expect(f.runs.map((r) => r.source)).toEqual(['jsonl', 'jsonl', 'compile', 'jsonl', 'jsonl']);
    expect(f.runs[0]).toEqual({
      id: 'run_lexer_001',
      specHash: 'name:lexer.py',
      nudges: ['add type hints'],
      passed: true,
      errorMessages: [],
      testFailures: [],
      typeErrors: [],
      model: 'gpt-4o',
      temperature: 0.2,
      source: 'jsonl',
      at: Date.UTC(2024, 4, 14, 9, 0, 0),
    });
    expect(f.runs[1]?.nudges).toEqual(['add type hints', 'write tests first']);
    expect(f.runs[1]?.testFailures).toEqual([{ name: 'test_offsets', message: "KeyError: 'c'" }]);
    expect(f.runs[2]?.typeErrors).toEqual([{ file: 'parser.py', line: 3, message: 'Incompatible return value type' }]);
    expect(f.runs[4]?.at).toBe(Date.UTC(2024, 4, 14, 7, 20, 0));
    // The label is the first spelling in the file; later spellings share the key.
    expect(f.nudges).toEqual([
      { key: 'add type hints', label: 'Add type hints' },
      { key: 'write tests first', label: 'Write tests first' },
      { key: 'small functions', label: 'Small functions' },
    ]);
  });

  it('derives the same id for the same line every time, and counts repeated ids once', async () => {
    const text = `${line({ id: undefined })}\n${line({ id: undefined })}\n${line({ id: 'r2' })}\n${line({ id: 'r2', passed: false })}\n`;
    const a = await parse(textSource('a.jsonl', text), 'jsonl');
    const b = await parse(textSource('b.jsonl', text, 5), 'jsonl');
    expect(a.runs.map((r) => r.id)).toEqual(b.runs.map((r) => r.id));
    expect(a.runs).toHaveLength(2);
    expect(a.duplicates).toBe(2);
    expect(a.runs[1]?.passed).toBe(true); // the first of a repeated id is kept
  });

  it('reads an ISO time without an offset as UTC, on every machine', async () => {
    const f = await parse(textSource('t.jsonl', `${line({ at: '2024-05-14T09:00:00' })}\n`), 'jsonl');
    expect(f.runs[0]?.at).toBe(Date.UTC(2024, 4, 14, 9, 0, 0));
    const err = await parseError(textSource('t.jsonl', `${line({ at: 'yesterday' })}\n`), 'jsonl');
    expect(err.message).toBe('t.jsonl, line 1: at: must be an epoch time (seconds or milliseconds) or an ISO-8601 date, not "yesterday"');
  });

  it('accepts CRLF line ends and a byte-order mark', async () => {
    const f = await parse(textSource('w.jsonl', `\uFEFF${line({})}\r\n${line({ id: 'r2' })}\r\n`), 'jsonl');
    expect(f.runs.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
});

describe('JSON Lines that are wrong name file, line and field', () => {
  const cases: [string, string, string][] = [
    ['a value of the wrong type', `${line({})}\n${line({ id: 'r2', passed: 'abc' })}\n`, 'bad.jsonl, line 2: passed: must be true or false, not "abc"'],
    ['a missing field', `${line({})}\n\n${line({ id: 'r2', specHash: undefined })}\n`, 'bad.jsonl, line 3: specHash: is missing'],
    ['a number that is text', `${line({ temperature: 'abc' })}\n`, 'bad.jsonl, line 1: temperature: must be a number from 0, not "abc"'],
    ['a time past the calendar', `${line({ at: 1e22 })}\n`, 'bad.jsonl, line 1: at: must be a time between 1970 and 9999 (epoch seconds or milliseconds), not 1e+22'],
    ['a line that is not an object', `${line({})}\n[1,2]\n`, 'bad.jsonl, line 2: run: must be a JSON object ({"id": …, "specHash": …, "passed": …})'],
    ['an empty nudge', `${line({ nudges: ['ok', '  '] })}\n`, 'bad.jsonl, line 1: nudges[1]: a nudge needs a name (this one is empty)'],
  ];
  for (const [what, text, message] of cases) {
    it(what, async () => {
      const err = await parseError(textSource('bad.jsonl', text), 'jsonl');
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe(message);
    });
  }
});

describe('JSON Lines: a value of the wrong type is refused with the value quoted, never dropped', () => {
  const cases: [Record<string, unknown>, string][] = [
    // Lists that are not lists (a string was read as "no nudges" before).
    [{ nudges: 'add type hints' }, 'nudges: must be a list of strings, not a string'],
    [{ nudges: { a: 1 } }, 'nudges: must be a list of strings, not an object'],
    [{ errorMessages: 'boom' }, 'errorMessages: must be a list of strings, not a string'],
    [{ testFailures: 'test_x failed' }, 'testFailures: must be a list of objects ({"name": …, "message": …}), not a string'],
    [{ typeErrors: { message: 'x' } }, 'typeErrors: must be a list of objects ({"message": …, "file": …, "line": …}), not an object'],
    [{ typeErrors: 3 }, 'typeErrors: must be a list of objects ({"message": …, "file": …, "line": …}), not a number'],
    // Items of the wrong type inside a list.
    [{ nudges: ['ok', 3] }, 'nudges[1]: must be a string, not 3'],
    [{ nudges: [['a']] }, 'nudges[0]: must be a string, not a list'],
    [{ errorMessages: ['ok', { a: 1 }] }, 'errorMessages[1]: must be a string, not an object'],
    [{ errorMessages: [null] }, 'errorMessages[0]: must be a string, not null'],
    [{ testFailures: ['test_x'] }, 'testFailures[0]: must be an object ({"name": …, "message": …}), not "test_x"'],
    [{ testFailures: [{ message: 'm' }] }, 'testFailures[0].name: is missing'],
    [{ testFailures: [{ name: 3 }] }, 'testFailures[0].name: must be a string, not 3'],
    [{ testFailures: [{ name: 't', message: false }] }, 'testFailures[0].message: must be a string, not false'],
    [{ typeErrors: [{ file: 'a.ts' }] }, 'typeErrors[0].message: is missing'],
    [{ typeErrors: [{ message: 'm', file: 7 }] }, 'typeErrors[0].file: must be a string, not 7'],
    [{ typeErrors: [{ message: 'm', line: 0 }] }, 'typeErrors[0].line: must be a whole number from 1, not 0'],
    [{ typeErrors: [{ message: 'm', line: '3' }] }, 'typeErrors[0].line: must be a whole number from 1, not "3"'],
    // Plain values, quoted as written; long text shortened.
    [{ passed: 'abc' }, 'passed: must be true or false, not "abc"'],
    [{ passed: 1 }, 'passed: must be true or false, not 1'],
    [{ passed: null }, 'passed: must be true or false, not null'],
    [{ passed: 'x'.repeat(100) }, `passed: must be true or false, not "${'x'.repeat(60)}…"`],
    [{ specHash: 42 }, 'specHash: must be a non-empty string, not 42'],
    [{ specHash: '  ' }, 'specHash: must be a non-empty string, not "  "'],
    [{ id: ['r1'] }, 'id: must be a non-empty string, not a list'],
    [{ model: '' }, 'model: must be a non-empty string when given, not ""'],
    [{ temperature: -0.5 }, 'temperature: must be a number from 0, not -0.5'],
    [{ source: 'ci' }, 'source: must be one of manual, junit, jsonl, csv, promptfoo, tap, gotest, compile, task, not "ci"'],
    [{ at: true }, 'at: must be an epoch time (seconds or milliseconds) or an ISO-8601 date, not true'],
    [{ at: -1 }, 'at: must be a time between 1970 and 9999 (epoch seconds or milliseconds), not -1'],
  ];
  for (const [fields, message] of cases) {
    it(`${JSON.stringify(fields).slice(0, 60)}`, async () => {
      const err = await parseError(textSource('bad.jsonl', `${line({})}\n${line({ id: 'r2', ...fields })}\n`), 'jsonl');
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe(`bad.jsonl, line 2: ${message}`);
      expect([err.file, err.line]).toEqual(['bad.jsonl', 2]);
    });
  }

  it('null stands for an omitted list or optional value', async () => {
    const f = await parse(textSource('ok.jsonl', `${line({ nudges: null, errorMessages: null, testFailures: [{ name: 't', message: null }], typeErrors: null, model: null, temperature: null })}\n`), 'jsonl');
    expect(f.runs[0]).toMatchObject({ nudges: [], errorMessages: [], testFailures: [{ name: 't', message: '' }], typeErrors: [] });
  });

  it('the collector refuses nudges that are not a list, with or without the dialog’s nudges', () => {
    const run = { id: 'r1', specHash: 'name:x', passed: true, at: 1, source: 'jsonl', nudges: 'add type hints' };
    for (const dialog of [[], ['Pair programming']]) {
      const out = new RunCollector('c.jsonl', 'jsonl', dialog);
      expect(() => out.add({ ...run }, { file: 'c.jsonl', line: 4 })).toThrow('c.jsonl, line 4: nudges: must be a list');
      expect(out.count).toBe(0);
    }
  });
});

describe('JSON Lines that are broken', () => {

  it('a truncated last line says the file looks cut off', async () => {
    const text = `${line({})}\n${line({ id: 'r2' }).slice(0, 30)}`;
    const err = await parseError(textSource('cut.jsonl', text), 'jsonl');
    expect(err.message).toMatch(/^cut\.jsonl, line 2: json: is not valid JSON \(.+\); the line is cut off, so the file looks truncated$/);
    expect([err.file, err.line, err.field]).toEqual(['cut.jsonl', 2, 'json']);
  });

  it('bytes that are not UTF-8 are refused with the line reached', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${line({})}\n`), 0xff, 0xfe, 0x00]);
    const err = await parseError(bytesSource('bin.jsonl', bytes), 'jsonl');
    expect(err.message).toBe('bin.jsonl, line 2: encoding: is not UTF-8 text (a binary file, or text saved in another encoding?)');
  });
});
