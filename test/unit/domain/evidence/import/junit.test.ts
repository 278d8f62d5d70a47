import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../../src/domain/errors';
import { findFlaky } from '../../../../../src/domain/evidence/flaky';
import { errorSignature, failureModes } from '../../../../../src/domain/evidence/signature';
import { createHash } from 'node:crypto';
import { makeParser } from '../../../../../src/domain/evidence/import/pipeline';
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

  it('keeps one message per failure (not its traceback), names the failing test, and makes the test the spec', async () => {
    const f = await parse(bytesSource('pytest-junit.xml', bytes), 'junit');
    const run = byName(f.runs, 'tests.test_lexer.TestLexer.test_keeps_offsets');
    expect(run).toMatchObject({
      specHash: 'name:tests.test_lexer.TestLexer::test_keeps_offsets',
      passed: false,
      nudges: ['add type hints', 'use global state'],
      errorMessages: ["KeyError: 'c'"],
      testFailures: [{ name: 'tests.test_lexer.TestLexer.test_keeps_offsets', message: "KeyError: 'c'" }],
    });
    const setup = byName(f.runs, 'tests.test_lexer.test_reads_from_database');
    expect(setup).toMatchObject({ passed: false, errorMessages: ['failed on setup with "RuntimeError: database not reachable at 127.0.0.1:5432"'] });
    expect(f.runs.map((r) => r.specHash)).toEqual([
      'name:tests.test_lexer.TestLexer::test_tokens',
      'name:tests.test_lexer.TestLexer::test_keeps_offsets',
      'name:tests.test_lexer::test_reads_from_database',
      'name:tests.test_parser::test_parses_numbers',
      'name:tests.test_parser::test_rejects_garbage',
      'name:tests.test_parser::test_roundtrip[1-1]',
      'name:tests.test_parser::test_roundtrip[2-2]',
      'name:tests.test_parser::test_roundtrip[x-None]',
      'name:tests.test_parser::test_unicode',
    ]);
    expect(f.runs.map((r) => r.errorMessages)).toEqual([
      [],
      ["KeyError: 'c'"],
      ['failed on setup with "RuntimeError: database not reachable at 127.0.0.1:5432"'],
      [],
      ["Failed: DID NOT RAISE <class 'ValueError'>"],
      [],
      [],
      ["ValueError: invalid literal for int() with base 10: 'x'"],
      [],
    ]);
    // Different tests of one module, one passing and one failing, are not flaky.
    expect(findFlaky(f.runs).groups).toEqual([]);
  });

  it('gives SHA-256 ids of file, suite, test, timestamp and occurrence, and knows the ids earlier imports gave', async () => {
    const parser = makeParser('junit', { name: 'pytest-junit.xml', lastModified: 1_700_000_000_000 }, { format: 'junit', nudges: [] });
    parser.push(new TextDecoder().decode(bytes));
    parser.end();
    const runs = parser.take();
    const legacy = parser.takeLegacy();
    // Computed here with Node's own SHA-256, from the parts the README names.
    const stamp = '2026-11-25T13:58:19.879617+00:00';
    const tests: [string, string][] = [
      ['tests.test_lexer.TestLexer', 'test_tokens'],
      ['tests.test_lexer.TestLexer', 'test_keeps_offsets'],
      ['tests.test_lexer', 'test_reads_from_database'],
      ['tests.test_parser', 'test_parses_numbers'],
      ['tests.test_parser', 'test_rejects_garbage'],
      ['tests.test_parser', 'test_roundtrip[1-1]'],
      ['tests.test_parser', 'test_roundtrip[2-2]'],
      ['tests.test_parser', 'test_roundtrip[x-None]'],
      ['tests.test_parser', 'test_unicode'],
    ];
    const sha = (parts: string[]) => createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
    expect(runs.map((r) => r.id)).toEqual(tests.map(([cls, name]) => `junit-${sha(['pytest-junit.xml', 'pytest', cls, name, stamp, '1'])}`));
    // The ids this fixture's runs were given before SHA-256: a re-import still finds those runs.
    expect(runs.map((r) => legacy.get(r.id))).toEqual([
      'junit_a6a4dda494f6a4ed87a5b1a11351bd23',
      'junit_39950e25b0f7a9ccb7d6ddd2f496a286',
      'junit_99dfa4109fdb01d6108b09866b782a4f',
      'junit_4eedf1b1496949eb8aa2f0ea199adf8c',
      'junit_0491b914172190bbc8db92c51c92b7b3',
      'junit_acedc227f62600d910514149be1291b5',
      'junit_843443a0305f2db5568e647ec7789549',
      'junit_279c1df9e461c40ac0ae5b874f58f2d4',
      'junit_58cba36aa5c121e8ba1566c9cf991c00',
    ]);
  });

  it('gives the same runs and the same ids however the bytes are chunked, and ids differ per test', async () => {
    const whole = await parse(bytesSource('pytest-junit.xml', bytes, bytes.length), 'junit');
    const tiny = await parse(bytesSource('pytest-junit.xml', bytes, 7), 'junit');
    expect(tiny).toEqual(whole);
    expect(new Set(whole.runs.map((r) => r.id)).size).toBe(9);
    expect(whole.runs.every((r) => /^junit-[0-9a-f]{64}$/.test(r.id))).toBe(true);
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
  it('names the spec by suite and test title, and takes the message from the text’s first line', async () => {
    const f = await parse(bytesSource('jest-junit.xml', fixture('jest-junit.xml')), 'junit');
    expect(f.runs).toHaveLength(7);
    expect(f.skippedTests).toBe(1);
    expect(f.runs.map((r) => [r.specHash, r.passed])).toEqual([
      ['name:Tokenizer › Tokenizer splits words on spaces', true],
      ['name:Tokenizer › Tokenizer keeps offsets', false],
      ['name:Tokenizer › Tokenizer handles emoji 🎯', true],
      ['name:Parser › Parser parses numbers', true],
      ['name:Parser › Parser rejects garbage', false],
      ['name:Parser › Parser builds a tree', true],
      ['name:Parser › Parser rejects empty input', false],
    ]);
    // jest-junit writes no message attribute, only the text: its first line is the error.
    expect(f.runs[1]?.testFailures).toEqual([{ name: 'Tokenizer keeps offsets', message: 'Error: expect(received).toEqual(expected) // deep equality' }]);
    expect(f.runs.map((r) => r.errorMessages).filter((m) => m.length)).toEqual([
      ['Error: expect(received).toEqual(expected) // deep equality'],
      ["TypeError: Cannot read properties of undefined (reading 'kind')"],
      ["TypeError: Cannot read properties of undefined (reading 'kind')"],
    ]);
    // Two tests failing the same way are one failure mode of two runs.
    expect(failureModes(f.runs).map((m) => [m.signature, m.runs])).toEqual([
      ['TypeError: Cannot read properties of undefined (reading <str>)', 2],
      ['Error: expect(received).toEqual(expected) // deep equality', 1],
    ]);
    expect(f.runs[0]?.at).toBe(Date.UTC(2024, 4, 14, 10, 21, 3));
    expect(f.runs[3]?.at).toBe(Date.UTC(2024, 4, 14, 10, 21, 4));
    expect(f.runs.filter((r) => r.nudges.includes('small functions'))).toHaveLength(4);
  });
});

describe('JUnit XML from Maven Surefire', () => {
  const bytes = fixture('TEST-com.example.parser.ParserTest.xml');
  it('reads failures and errors, counts skips, treats a flaky pass as a pass, and reads -Dnudge', async () => {
    const f = await parse(bytesSource('TEST-com.example.parser.ParserTest.xml', bytes, 4096, 1_715_000_000_000), 'junit');
    expect(f.runs).toHaveLength(7);
    expect(f.skippedTests).toBe(1);
    expect(f.runs.map((r) => r.passed)).toEqual([true, true, false, false, true, false, false]);
    expect(f.runs.map((r) => r.specHash)).toEqual(
      ['parsesNumbers', 'parsesNestedLists', 'rejectsGarbage', 'readsGrammarFile', 'recoversAfterError', 'rejectsEmptyInput', 'checksInvariants'].map(
        (t) => `name:com.example.parser.ParserTest::${t}`,
      ),
    );
    expect(f.runs.every((r) => r.nudges.join() === 'immutable data')).toBe(true);
    // Surefire writes no timestamp: the file's modification time stands in.
    expect(f.runs.every((r) => r.at === 1_715_000_000_000)).toBe(true);
    // The message attribute when there is one; else the text's first line, the exception.
    expect(f.runs.map((r) => r.errorMessages)).toEqual([
      [],
      [],
      ['expected: <true> but was: <false>'],
      ['/tmp/grammar.peg (No such file or directory)'],
      [],
      ['expected: <true> but was: <false>'],
      ['java.lang.IllegalStateException'],
    ]);
    expect(f.runs[3]?.testFailures).toEqual([{ name: 'com.example.parser.ParserTest.readsGrammarFile', message: '/tmp/grammar.peg (No such file or directory)' }]);
    expect(f.runs[6]?.testFailures).toEqual([{ name: 'com.example.parser.ParserTest.checksInvariants', message: 'java.lang.IllegalStateException' }]);
    expect(failureModes(f.runs).map((m) => [m.signature, m.runs])).toEqual([
      ['expected: <true> but was: <false>', 2],
      ['<path> (No such file or directory)', 1],
      ['java.lang.IllegalStateException', 1],
    ]);
    expect(findFlaky(f.runs).groups).toEqual([]);
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

  it('names the field: a testcase without a name, an empty nudge', async () => {
    const noName = '<testsuite name="s">\n  <testcase classname="a"/>\n</testsuite>';
    expect((await parseError(textSource('a.xml', noName), 'junit')).message).toBe('a.xml, line 2: testcase.name: is missing');
    const emptyNudge = '<testsuite name="s"><testcase name="t">\n<properties><property name="nudge" value=" "/></properties></testcase></testsuite>';
    expect((await parseError(textSource('c.xml', emptyNudge), 'junit')).message).toBe('c.xml, line 2: property nudge: a nudge needs a name (this one is empty)');
  });
});

describe('JUnit XML: one message per failure, so the same failure in different tests is one mode', () => {
  it('groups a real pytest report’s failures by what failed, not by test or traceback', async () => {
    const f = await parse(bytesSource('pytest-failures.xml', fixture('pytest-failures.xml')), 'junit');
    expect(f.runs.map((r) => [r.specHash, r.errorMessages])).toEqual([
      ['name:tests.test_tokens.TestCount::test_counts_words', []],
      ['name:tests.test_tokens.TestCount::test_counts_spaces', ["AssertionError: assert 4 == 3\n +  where 4 = count_tokens('a  b c')"]],
      ['name:tests.test_tokens.TestCount::test_counts_tabs', ["AssertionError: assert 2 == 4\n +  where 2 = count_tokens('a\\tb\\tc d')"]],
      ['name:tests.test_tokens::test_offset_of_c', ["KeyError: 'c'"]],
      ['name:tests.test_tokens::test_offset_of_d', ["KeyError: 'd'"]],
      ['name:tests.test_tokens::test_keywords', ["AssertionError: assert 'a' in ['b']"]],
      ['name:tests.test_tokens::test_offsets_start_at_zero', []],
    ]);
    expect(failureModes(f.runs).map((m) => [m.signature, m.runs])).toEqual([
      ['AssertionError: assert <num> == <num>', 2],
      ['KeyError: <str>', 2],
      ['AssertionError: assert <str> in [<str>]', 1],
    ]);
    // A passing and a failing test of one class are two specs, so nothing here is flaky.
    expect(findFlaky(f.runs).groups).toEqual([]);
  });

  it('signatures of pytest’s usual messages keep the shape and drop the values', () => {
    expect(errorSignature('AssertionError: assert 3 == 4')).toBe('AssertionError: assert <num> == <num>');
    expect(errorSignature('AssertionError: assert 0.1 == 0.25\n +  where 0.1 = ratio()')).toBe('AssertionError: assert <num> == <num>');
    expect(errorSignature("KeyError: 'x'")).toBe('KeyError: <str>');
    expect(errorSignature('KeyError: "x y"')).toBe('KeyError: <str>');
    expect(errorSignature("assert 'a' in ['b']")).toBe('assert <str> in [<str>]');
    expect(errorSignature("ValueError: invalid literal for int() with base 10: 'x'")).toBe('ValueError: invalid literal for int() with base <num>: <str>');
    expect(errorSignature('AssertionError: assert <test_x.Foo object at 0x7f195fdfee10> is None')).toBe('AssertionError: assert <test_x.Foo object at <hex>> is None');
  });
});

const report = (cases: string, suite = 'pytest') => `<testsuites><testsuite name="${suite}" timestamp="2024-05-14T10:00:00">${cases}</testsuite></testsuites>`;
const messagesOf = async (problem: string) => {
  const f = await parse(textSource('r.xml', report(`<testcase classname="m" name="t">${problem}</testcase>`)), 'junit');
  return [f.runs[0]?.errorMessages, f.runs[0]?.testFailures.map((t) => t.message)];
};
const one = (m: string) => [[m], [m]];

describe('JUnit XML: the message of a failure', () => {
  it('is the message attribute when there is one, never the text as well', async () => {
    expect(await messagesOf('<failure message="AssertionError: assert 3 == 4" type="AssertionError">def test_x():\n&gt;  assert 3 == 4\nE   AssertionError: assert 3 == 4\n\nt.py:2: AssertionError</failure>')).toEqual(one('AssertionError: assert 3 == 4'));
  });

  it('pytest text without a message: the first line of the last block of E lines', async () => {
    const body = [
      'def test_counts():',
      '&gt;       assert count("a  b") == 3',
      'E       AssertionError: assert 4 == 3',
      "E        +  where 4 = count('a  b')",
      '',
      'tests/t.py:8: AssertionError',
    ].join('\n');
    expect(await messagesOf(`<failure>${body}</failure>`)).toEqual(one('AssertionError: assert 4 == 3'));
    // A chained exception: the one raised last is what failed.
    const chained = ['E   KeyError: \'c\'', '', 'During handling of the above exception, another exception occurred:', '', '&gt;   raise LookupError("no c")', 'E   LookupError: no c', '', 't.py:9: LookupError'].join('\n');
    expect(await messagesOf(`<error>${chained}</error>`)).toEqual(one('LookupError: no c'));
    // A bare "E" line before the exception says nothing and is passed over.
    expect(await messagesOf('<failure>E\nE   Failed: DID NOT RAISE\n</failure>')).toEqual(one('Failed: DID NOT RAISE'));
  });

  it('jest-junit and Surefire text: the first line, the exception', async () => {
    expect(await messagesOf('<failure>\n\nError: expect(received).toBe(expected) // Object.is equality\n\nExpected: 3\nReceived: 4\n    at Object.&lt;anonymous&gt; (/a/t.test.ts:3:9)</failure>')).toEqual(
      one('Error: expect(received).toBe(expected) // Object.is equality'),
    );
    expect(await messagesOf('<error type="java.lang.IllegalStateException"><![CDATA[java.lang.IllegalStateException\n\tat a.B.c(B.java:9)\n]]></error>')).toEqual(one('java.lang.IllegalStateException'));
    expect(await messagesOf('<failure>AssertionError [ERR_ASSERTION]: 4 == 3\n    at t.js:1:1</failure>')).toEqual(one('AssertionError [ERR_ASSERTION]: 4 == 3'));
  });

  it('other text: its last line (a Python traceback ends with the exception); no text: the type', async () => {
    expect(await messagesOf('<failure>Traceback (most recent call last):\n  File "t.py", line 3, in test_x\n    d["c"]\nKeyError: \'c\'\n</failure>')).toEqual(one("KeyError: 'c'"));
    expect(await messagesOf('<error type="SystemExit"/>')).toEqual(one('SystemExit'));
    expect(await messagesOf('<failure message="  " type="">   </failure>')).toEqual([[], ['']]);
  });

  it('a testcase with a failure and an error has two messages, one each', async () => {
    expect(await messagesOf('<failure message="AssertionError: assert 1 == 2">E   AssertionError: assert 1 == 2</failure><error message="failed on teardown with &quot;OSError: busy&quot;">E   OSError: busy</error>')).toEqual([
      ['AssertionError: assert 1 == 2', 'failed on teardown with "OSError: busy"'],
      ['AssertionError: assert 1 == 2', 'failed on teardown with "OSError: busy"'],
    ]);
  });
});

describe('JUnit XML: the spec is the test itself', () => {
  const specsOf = async (cases: string, suite?: string, name = 'r.xml') => (await parse(textSource(name, report(cases, suite)), 'junit')).runs.map((r) => r.specHash);

  it('classname and name; jest-junit’s repeated title under its suite; the file when there is no classname', async () => {
    expect(await specsOf('<testcase classname="tests.test_a.TestA" name="test_x"/>')).toEqual(['name:tests.test_a.TestA::test_x']);
    expect(await specsOf('<testcase classname="Parser parses" name="Parser parses"/>', 'Parser')).toEqual(['name:Parser › Parser parses']);
    expect(await specsOf('<testcase classname="Parser parses" name="Parser parses"/>', '')).toEqual(['name:r.xml::Parser parses']);
    expect(await specsOf('<testcase name="test_x"/>', 'pytest', 'out/report.xml')).toEqual(['name:out/report.xml::test_x']);
  });

  it('flaky means the same test both passed and failed under the same nudges, not two tests of one class', async () => {
    const pass = (name: string) => `<testcase classname="tests.test_a.TestA" name="${name}"/>`;
    const fail = (name: string) => `<testcase classname="tests.test_a.TestA" name="${name}"><failure message="KeyError: 'c'"/></testcase>`;
    const monday = await parse(textSource('monday.xml', report(pass('test_x') + fail('test_y'))), 'junit');
    expect(findFlaky(monday.runs).groups).toEqual([]);
    const tuesday = await parse(textSource('tuesday.xml', report(fail('test_x') + fail('test_y'))), 'junit');
    const flaky = findFlaky([...monday.runs, ...tuesday.runs]);
    expect(flaky.groups).toEqual(['name:tests.test_a.TestA::test_x\u001e']);
    expect(flaky.runIds).toEqual(new Set([monday.runs[0]?.id, tuesday.runs[0]?.id]));
  });
});
