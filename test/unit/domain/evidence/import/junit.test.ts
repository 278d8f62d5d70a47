import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../../src/domain/errors';
import { bytesSource, fixture, parse, parseError, textSource } from './helpers';

const byName = (runs: { testFailures: { name: string }[]; id: string }[], name: string) =>
  runs.find((r) => r.testFailures.some((t) => t.name === name));

describe('JUnit XML from pytest --junitxml (a real pytest 9 report)', () => {
  const bytes = fixture('pytest-junit.xml');

  it('turns each testcase into a run, counts the skipped ones and reads pytest properties as nudges', async () => {
    const f = await parse(bytesSource('pytest-junit.xml', bytes), 'junit');
    // 12 testcases: 2 skipped + 1 xfail are counted, not stored; 5 pass, 3 fail, 1 setup error.
    expect(f.runs).toHaveLength(9);
    expect(f.skippedTests).toBe(3);
    expect(f.duplicates).toBe(0);
    expect(f.runs.filter((r) => r.passed)).toHaveLength(5);
    expect(f.runs.every((r) => r.source === 'junit')).toBe(true);
    // pytest writes an ISO timestamp with an offset: 2026-11-25T13:58:19.879617+00:00.
    expect(new Set(f.runs.map((r) => r.at))).toEqual(new Set([Date.UTC(2026, 10, 25, 13, 58, 19, 879)]));
    expect(f.nudges).toEqual([
      { key: 'add type hints', label: 'Add type hints' },
      { key: 'write tests first', label: 'Write tests first' },
      { key: 'use global state', label: 'Use global state' },
    ]);
    // The suite property applies to every run; testcase properties only to their own.
    expect(f.runs.every((r) => r.nudges[0] === 'add type hints')).toBe(true);
    expect(f.runs.filter((r) => r.nudges.includes('write tests first'))).toHaveLength(2);
  });

  it('keeps the failure message and traceback, and names the failing test', async () => {
    const f = await parse(bytesSource('pytest-junit.xml', bytes), 'junit');
    const run = byName(f.runs, 'tests.test_lexer.TestLexer.test_keeps_offsets');
    expect(run).toMatchObject({
      specHash: 'name:tests.test_lexer.TestLexer',
      passed: false,
      nudges: ['add type hints', 'use global state'],
      testFailures: [{ name: 'tests.test_lexer.TestLexer.test_keeps_offsets', message: "KeyError: 'c'" }],
    });
    const messages = (run as unknown as { errorMessages: string[] }).errorMessages;
    expect(messages[0]).toBe("KeyError: 'c'");
    expect(messages[1]).toMatch(/^self = <test_lexer\.TestLexer object at 0x[0-9a-f]+>/);
    expect(messages[1]).toContain('tests/test_lexer.py:12: KeyError');
    const setup = byName(f.runs, 'tests.test_lexer.test_reads_from_database') as unknown as { errorMessages: string[]; passed: boolean };
    expect(setup.passed).toBe(false);
    expect(setup.errorMessages[0]).toBe('failed on setup with "RuntimeError: database not reachable at 127.0.0.1:5432"');
  });

  it('gives the same runs and the same ids however the bytes are chunked, and ids differ per test', async () => {
    const whole = await parse(bytesSource('pytest-junit.xml', bytes, bytes.length), 'junit');
    const tiny = await parse(bytesSource('pytest-junit.xml', bytes, 7), 'junit');
    expect(tiny).toEqual(whole);
    expect(new Set(whole.runs.map((r) => r.id)).size).toBe(9);
    expect(whole.runs.every((r) => /^junit_[0-9a-f]{32}$/.test(r.id))).toBe(true);
    const renamed = await parse(bytesSource('other.xml', bytes), 'junit');
    expect(renamed.runs[0]?.id).not.toBe(whole.runs[0]?.id);
  });

  it('adds the dialog’s nudges to every run, first', async () => {
    const f = await parse(bytesSource('pytest-junit.xml', bytes), 'junit', { nudges: ['  Pair   programming '] });
    expect(f.runs.every((r) => r.nudges[0] === 'pair programming')).toBe(true);
    expect(f.nudges[0]).toEqual({ key: 'pair programming', label: 'Pair programming' });
  });
});

describe('JUnit XML from jest-junit', () => {
  it('uses the suite as the spec when the classname repeats the test title', async () => {
    const f = await parse(bytesSource('jest-junit.xml', fixture('jest-junit.xml')), 'junit');
    expect(f.runs).toHaveLength(6);
    expect(f.skippedTests).toBe(1);
    expect(f.runs.map((r) => [r.specHash, r.passed])).toEqual([
      ['name:Tokenizer', true],
      ['name:Tokenizer', false],
      ['name:Tokenizer', true],
      ['name:Parser', true],
      ['name:Parser', false],
      ['name:Parser', true],
    ]);
    // jest-junit writes the message as the element's text only, and a UTC time without a zone.
    expect(f.runs[1]?.testFailures).toEqual([{ name: 'Tokenizer keeps offsets', message: 'Error: expect(received).toEqual(expected) // deep equality' }]);
    expect(f.runs[4]?.errorMessages[0]).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'kind'\)\n {4}at parse/);
    expect(f.runs[0]?.at).toBe(Date.UTC(2024, 4, 14, 10, 21, 3));
    expect(f.runs[3]?.at).toBe(Date.UTC(2024, 4, 14, 10, 21, 4));
    expect(f.runs.filter((r) => r.nudges.includes('small functions'))).toHaveLength(3);
  });
});

describe('JUnit XML from Maven Surefire', () => {
  const bytes = fixture('TEST-com.example.parser.ParserTest.xml');
  it('reads failures and errors, counts skips, treats a flaky pass as a pass, and reads -Dnudge', async () => {
    const f = await parse(bytesSource('TEST-com.example.parser.ParserTest.xml', bytes, 4096, 1_715_000_000_000), 'junit');
    expect(f.runs).toHaveLength(5);
    expect(f.skippedTests).toBe(1);
    expect(f.runs.map((r) => r.passed)).toEqual([true, true, false, false, true]);
    expect(new Set(f.runs.map((r) => r.specHash))).toEqual(new Set(['name:com.example.parser.ParserTest']));
    expect(f.runs.every((r) => r.nudges.join() === 'immutable data')).toBe(true);
    // Surefire writes no timestamp: the file's modification time stands in.
    expect(f.runs.every((r) => r.at === 1_715_000_000_000)).toBe(true);
    expect(f.runs[2]?.errorMessages[0]).toBe('expected: <true> but was: <false>');
    expect(f.runs[2]?.errorMessages[1]).toMatch(/^org\.opentest4j\.AssertionFailedError: expected: <true> but was: <false>\n\tat /);
    expect(f.runs[3]?.testFailures).toEqual([{ name: 'com.example.parser.ParserTest.readsGrammarFile', message: '/tmp/grammar.peg (No such file or directory)' }]);
  });

  it('gives a report without a timestamp new ids when the file is newer, the same ids when it is not', async () => {
    const a = await parse(bytesSource('TEST-x.xml', bytes, 65536, 1), 'junit');
    const b = await parse(bytesSource('TEST-x.xml', bytes, 65536, 1), 'junit');
    const c = await parse(bytesSource('TEST-x.xml', bytes, 65536, 2), 'junit');
    expect(b.runs.map((r) => r.id)).toEqual(a.runs.map((r) => r.id));
    expect(c.runs[0]?.id).not.toBe(a.runs[0]?.id);
  });
});

describe('JUnit XML that is wrong', () => {
  it('names the file and line where a truncated report ends', async () => {
    const err = await parseError(bytesSource('pytest-truncated.xml', fixture('pytest-truncated.xml')), 'junit');
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/^pytest-truncated\.xml, line 20: xml: is not well-formed XML: /);
    expect([err.file, err.line, err.field]).toEqual(['pytest-truncated.xml', 20, 'xml']);
  });

  it('refuses text that is not XML, XML that is not JUnit, and an empty file', async () => {
    expect((await parseError(textSource('notes.xml', '\n\nhello, world\n'), 'junit')).message).toBe('notes.xml, line 3: xml: is not XML: it starts with "hello, world" where "<" was expected');
    expect((await parseError(textSource('page.xml', '<?xml version="1.0"?>\n<html><body/></html>'), 'junit')).message).toBe(
      'page.xml, line 2: xml: is not a JUnit report: the root element is <html>, expected <testsuites> or <testsuite>',
    );
    expect((await parseError(textSource('empty.xml', ''), 'junit')).message).toMatch(/^empty\.xml, line 1: xml: /);
  });

  it('names the field: a testcase without a name, a bad timestamp, an empty nudge', async () => {
    const noName = '<testsuite name="s">\n  <testcase classname="a"/>\n</testsuite>';
    expect((await parseError(textSource('a.xml', noName), 'junit')).message).toBe('a.xml, line 2: testcase.name: is missing');
    const badTime = '<testsuites>\n<testsuite name="s" timestamp="yesterday">\n</testsuite></testsuites>';
    expect((await parseError(textSource('b.xml', badTime), 'junit')).message).toBe(
      'b.xml, line 2: testsuite.timestamp: must be epoch milliseconds or an ISO-8601 date, not "yesterday"',
    );
    const emptyNudge = '<testsuite name="s"><testcase name="t">\n<properties><property name="nudge" value=" "/></properties></testcase></testsuite>';
    expect((await parseError(textSource('c.xml', emptyNudge), 'junit')).message).toBe('c.xml, line 2: property nudge: a nudge needs a name (this one is empty)');
  });
});
