import { describe, expect, it } from 'vitest';
import { joinList, splitList } from '../../../../../src/domain/csv/lists';
import { writeCsv } from '../../../../../src/domain/csv/rfc4180';
import { ValidationError } from '../../../../../src/domain/errors';
import { guessCsvMapping } from '../../../../../src/domain/evidence/import/formats/csv/csvMapping';
import { bytesSource, fixture, parse, parseError, textSource } from './helpers';

const MAPPING = { at: 0, spec: 1, passed: 2, nudges: 3, errors: 4, model: 5, temperature: 6 };

describe('CSV with a header row', () => {
  it('guesses the mapping from common header names', () => {
    expect(guessCsvMapping(['when', 'spec', 'outcome', 'nudges', 'error', 'model', 'temperature'])).toEqual(MAPPING);
    expect(guessCsvMapping(['Test Name', 'Result', 'Tags', 'Timestamp'])).toEqual({ spec: 0, passed: 1, nudges: 2, at: 3 });
    expect(guessCsvMapping(['a', 'b'])).toEqual({});
  });

  it('reads the sample: outcomes in every spelling, nudges split by ;, quoted cells with line breaks', async () => {
    const f = await parse(bytesSource('runs.csv', fixture('runs.csv'), 11, 1_715_000_000_000), 'csv', { csv: MAPPING });
    expect(f.runs.map((r) => [r.specHash, r.passed, r.nudges])).toEqual([
      ['name:lexer.py', true, ['add type hints', 'write tests first']],
      ['name:lexer.py', false, ['add type hints']],
      ['name:parser.py', false, []],
      ['name:parser.py', true, ['small functions', 'add type hints']],
      ['name:parser, v2', false, []],
    ]);
    expect(f.runs[1]?.errorMessages).toEqual(["KeyError: 'c'", 'at tokens.py:12']);
    expect(f.runs[2]).toMatchObject({ at: 1715677500000, errorMessages: ['SyntaxError: unexpected token ")" at line 3'], model: 'claude-3' });
    expect(f.runs[2]?.temperature).toBeUndefined();
    expect(f.runs[3]?.temperature).toBe(0);
    expect(f.runs[0]).toMatchObject({ at: Date.UTC(2024, 4, 14, 9, 0, 0), model: 'gpt-4o', temperature: 0.2, source: 'csv' });
    expect(f.nudges.map((n) => n.label)).toEqual(['Add type hints', 'Write tests first', 'Small functions']);
    expect(new Set(f.runs.map((r) => r.id)).size).toBe(5);
    expect(f.runs.every((r) => /^csv-[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('uses the guessed mapping when none is given, and the file time without a time column', async () => {
    const f = await parse(textSource('t.csv', 'Test Name,Result\nparser,pass\n', 65536, 42), 'csv');
    expect(f.runs[0]).toMatchObject({ specHash: 'name:parser', passed: true, at: 42 });
  });

  it('gives the same runs however the text is chunked', async () => {
    const bytes = fixture('runs.csv');
    const a = await parse(bytesSource('runs.csv', bytes, 1), 'csv', { csv: MAPPING });
    const b = await parse(bytesSource('runs.csv', bytes, bytes.length), 'csv', { csv: MAPPING });
    expect(a).toEqual(b);
  });
});

describe('CSV that is wrong names file, line and field', () => {
  const head = 'when,spec,outcome,nudges,error,model,temperature\n';
  const ok = '2024-05-14T09:00:00Z,lexer.py,pass,,,,\n';
  const cases: [string, string, string][] = [
    ['an outcome of "abc"', `${head}${ok}${ok}2024-05-14T09:00:00Z,lexer.py,abc,,,,\n`, 'bad.csv, line 4: outcome (passed): must be pass, fail, true, false, 1 or 0, not "abc"'],
    ['an empty outcome', `${head}2024-05-14T09:00:00Z,lexer.py,,,,,\n`, 'bad.csv, line 2: outcome (passed): is empty (say pass or fail)'],
    ['a temperature of "hot"', `${head}2024-05-14T09:00:00Z,lexer.py,pass,,,,hot\n`, 'bad.csv, line 2: temperature: must be a number, not "hot"'],
    ['a time that is not a date', `${head}2024-02-31,lexer.py,pass,,,,\n`, 'bad.csv, line 2: when (at): must be an epoch time (seconds or milliseconds) or an ISO-8601 date, not "2024-02-31"'],
    ['an empty spec', `${head}2024-05-14T09:00:00Z, ,pass,,,,\n`, 'bad.csv, line 2: spec: is empty (name the spec or work this run was for)'],
    ['a truncated line', `${head}${ok}2024-05-14T09:00:00Z,lexer.py,pa\n`, 'bad.csv, line 3: csv: this row has 3 fields but the header has 7 (a cut-off or damaged line?)'],
    ['an unclosed quote at the end', `${head}${ok}2024-05-14T09:00:00Z,lexer.py,pass,,"Key`, 'bad.csv, line 3: csv: a quoted field is never closed: the file looks truncated'],
    ['a stray quote', `${head}2024-05-14T09:00:00Z,lex"er.py,pass,,,,\n`, 'bad.csv, line 2: csv: a quote inside an unquoted field (quote the whole field and double the quote)'],
    ['an empty file', '', 'bad.csv, line 1: csv: the file is empty: it needs a header row and one row per run'],
  ];
  for (const [what, text, message] of cases) {
    it(what, async () => {
      const err = await parseError(textSource('bad.csv', text), 'csv');
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.message).toBe(message);
    });
  }

  it('a line number counts the lines inside quoted cells', async () => {
    const text = `${head}2024-05-14T09:00:00Z,lexer.py,fail,,"one\ntwo\nthree",,\n2024-05-14T09:00:00Z,lexer.py,maybe,,,,\n`;
    expect((await parseError(textSource('bad.csv', text, 3), 'csv')).message).toMatch(/^bad\.csv, line 5: outcome \(passed\)/);
  });

  it('a mapping without the outcome column', async () => {
    const err = await parseError(textSource('m.csv', 'a,b\nx,y\n'), 'csv', { csv: { spec: 0 } });
    expect(err.message).toBe('m.csv, line 1: passed: choose the column that holds the outcome');
    const out = await parseError(textSource('m.csv', 'a,b\nx,y\n'), 'csv', { csv: { spec: 0, passed: 5 } });
    expect(out.message).toBe('m.csv, line 1: passed: is mapped to column 6, but the header has 2 columns');
  });
});

describe('one list convention for bets and evidence', () => {
  it('a nudge holding ";" or "\\" round-trips: written as the bets export writes lists, read back by the evidence import', async () => {
    const nudges = ['Use a; b', 'Escape \\ this', 'plain'];
    const text = writeCsv([
      ['spec', 'outcome', 'nudges'],
      ['parser', 'pass', joinList(nudges)],
    ]);
    const f = await parse(textSource('rt.csv', text), 'csv');
    expect(f.nudges.map((n) => n.label)).toEqual(nudges);
    expect(splitList(joinList(nudges))).toEqual(nudges);
  });
});
