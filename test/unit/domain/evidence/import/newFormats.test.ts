import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../../src/domain/evidence/import/formats/registry';
import { bytesSource, fixture, parse, parseError, textSource } from './helpers';

const text = (name: string) => new TextDecoder().decode(fixture(name));
const MODIFIED = 1_700_000_000_000;

describe('promptfoo results (promptfoo eval -o results.json, a real file of promptfoo 0.120.5)', () => {
  const name = 'promptfoo-results.json';
  const doc = JSON.parse(text(name)) as {
    evalId: string;
    results: { timestamp: string; results: { success: boolean; testCase: { description: string }; prompt: { label: string }; provider: { id: string }; gradingResult: { componentResults: { pass: boolean; reason: string }[] } }[] };
  };
  const rows = doc.results.results;

  it('makes each row a run: spec = test description, nudge = prompt label, model = provider, errors = failed assertions', async () => {
    const f = await parse(bytesSource(name, fixture(name), 4096, MODIFIED), 'promptfoo');
    // Expected values read from the JSON here, not from the importer.
    expect(f.runs).toHaveLength(rows.length);
    expect(f.runs.filter((r) => r.passed)).toHaveLength(rows.filter((r) => r.success).length);
    expect(f.runs.map((r) => r.specHash)).toEqual(rows.map((r) => `name:${r.testCase.description}`));
    expect(f.runs.map((r) => r.model)).toEqual(rows.map((r) => r.provider.id));
    const labels = [...new Set(rows.map((r) => r.prompt.label.trim().replace(/\s+/g, ' ')))];
    expect(f.nudges.map((n) => n.label)).toEqual(labels);
    expect(f.runs.map((r) => r.errorMessages)).toEqual(rows.map((r) => (r.success ? [] : r.gradingResult.componentResults.filter((c) => !c.pass).map((c) => c.reason))));
    expect(new Set(f.runs.map((r) => r.at))).toEqual(new Set([Date.parse(doc.results.timestamp)]));
    expect(new Set(f.runs.map((r) => r.id)).size).toBe(rows.length);
    expect(f.runs.every((r) => r.source === 'promptfoo')).toBe(true);
    expect(detectFormat('results.json', text(name).slice(0, 4096))).toBe('promptfoo');
  });

  it('a row that errored is a failed run with the error; metadata.nudges are nudges; no description: a hash of the vars', async () => {
    const row = (o: Record<string, unknown>) => ({ id: `r${Math.random()}`, prompt: { label: 'terse' }, provider: { id: 'ollama:llama3' }, ...o });
    const file = JSON.stringify({
      evalId: 'e1',
      results: {
        version: 3,
        timestamp: '2025-01-02T03:04:05.000Z',
        results: [
          row({ success: false, failureReason: 2, error: 'API error: 504 Gateway Timeout', testCase: { description: 'summary', metadata: { nudges: ['Few-shot', 'cite sources'] } } }),
          row({ success: true, failureReason: 0, testCase: { vars: { b: 2, a: 1 } }, gradingResult: { pass: true, componentResults: [] } }),
          row({ success: true, failureReason: 0, testCase: { vars: { a: 1, b: 2 } }, gradingResult: { pass: true, componentResults: [] } }),
        ],
      },
    });
    const f = await parse(textSource('r.json', file), 'promptfoo');
    expect(f.runs[0]).toMatchObject({ passed: false, errorMessages: ['API error: 504 Gateway Timeout'], nudges: ['terse', 'few-shot', 'cite sources'], model: 'ollama:llama3' });
    expect(f.runs[1]?.specHash).toMatch(/^name:vars [0-9a-f]{16}$/);
    // The same vars in another key order are the same test case.
    expect(f.runs[2]?.specHash).toBe(f.runs[1]?.specHash);
  });

  it('refuses a JSON file that is not a promptfoo results file, and a cut-off one, naming the line', async () => {
    expect((await parseError(textSource('x.json', '{"name": "package"}'), 'promptfoo')).message).toBe(
      'x.json, line 1: results: is missing: a promptfoo results file has "results": {"results": [ … ]} (is this another JSON file?)',
    );
    const cut = text(name).slice(0, 5000);
    const err = await parseError(textSource('cut.json', cut), 'promptfoo');
    expect(err.message).toMatch(/^cut\.json, line \d+: json: is not valid JSON \(.*\); the file looks damaged or cut off$/);
  });
});

describe('TAP from node’s test runner (real output: test/fixtures/test-runner/output of nodejs/node)', () => {
  /**
   * Counted here from the text, by a rule of its own: in node's TAP every test has a
   * "# Subtest:" heading; a heading followed at once by its test line is a test without subtests.
   */
  function leaves(tap: string) {
    const lines = tap.split('\n');
    const out: { name: string; ok: boolean; skip: boolean }[] = [];
    lines.forEach((l, i) => {
      const h = /^(\s*)# Subtest: (.*)$/.exec(l);
      const next = lines[i + 1] ?? '';
      const point = /^\s*(not ok|ok) \d+ - (.*)$/.exec(next);
      if (h && point) out.push({ name: h[2]!, ok: point[1] === 'ok', skip: / # SKIP/.test(point[2]!) });
    });
    return out;
  }

  it('hooks.tap: a run per test without subtests, plus each parent that failed on its own (its hook) while its subtests passed', async () => {
    const name = 'tap/hooks.tap';
    const tap = text(name);
    const f = await parse(bytesSource('hooks.tap', fixture(name), 512, MODIFIED), 'tap');
    const leaf = leaves(tap);
    // "after throws" and "t.after throws": every subtest ok, the test itself not ok (its after hook threw).
    const ownFailures = ['after throws', 't.after throws'];
    expect(f.runs).toHaveLength(leaf.length + ownFailures.length);
    expect(f.runs.filter((r) => r.passed)).toHaveLength(leaf.filter((l) => l.ok).length);
    expect(f.runs.filter((r) => !r.passed)).toHaveLength(leaf.filter((l) => !l.ok).length + ownFailures.length);
    expect(f.runs.filter((r) => !r.passed).map((r) => r.specHash)).toEqual(expect.arrayContaining(ownFailures.map((n) => `name:hooks.tap::${n}`)));
    expect(f.runs.find((r) => r.specHash === 'name:hooks.tap::after throws')?.errorMessages).toEqual(['after']);
    expect(f.runs.find((r) => r.specHash === 'name:hooks.tap::beforeEach throws › 1')?.errorMessages).toEqual(['beforeEach']);
    expect(f.runs.every((r) => r.at === MODIFIED && r.source === 'tap')).toBe(true);
    expect(detectFormat('out.txt', tap.slice(0, 4096))).toBe('tap');
  });

  it('name_pattern.tap: "# SKIP" is counted, not stored', async () => {
    const name = 'tap/name_pattern.tap';
    const tap = text(name);
    const f = await parse(bytesSource('name_pattern.tap', fixture(name), 100), 'tap');
    const leaf = leaves(tap);
    expect(f.skippedTests).toBe(leaf.filter((l) => l.skip).length);
    expect(f.runs).toHaveLength(leaf.filter((l) => !l.skip).length);
    expect(f.runs.every((r) => r.passed)).toBe(true);
    expect(f.runs.map((r) => r.specHash)).toContain('name:name_pattern.tap::top level describe enabled › nested describe enabled › is enabled');
  });

  it('refuses output that is cut before the plan’s count, and text that is not TAP', async () => {
    const cut = text('tap/name_pattern.tap').split('# Subtest: yes')[0]! + '1..17\n';
    expect((await parseError(textSource('cut.tap', cut), 'tap')).message).toMatch(/^cut\.tap, line \d+: tap: the plan \(line \d+\) says 17 tests, but 13 were reported/);
    expect((await parseError(textSource('x.tap', 'hello\n'), 'tap')).message).toBe('x.tap, line 1: tap: has no test lines ("ok …" or "not ok …"): is this TAP output?');
  });

  it('reads a test whose name holds a line or paragraph separator or a lone CR (only LF ends a line)', async () => {
    // Found by the hostile property test with FULL=1: '.' in a line pattern stopped at U+2028.
    for (const sep of ['\u2028', '\u2029', '\r']) {
      const tap = `TAP version 13\n# Subtest: a${sep}b\nnot ok 1 - a${sep}b # SKIP\nnot ok 2 - a${sep}b\n  ---\n  error: 'x${sep}y'\n  ...\n1..2\n`;
      const f = await parse(textSource('sep.tap', tap), 'tap');
      expect(f.skippedTests).toBe(1);
      expect(f.runs).toHaveLength(1);
      expect(f.runs[0]!.errorMessages).toEqual([`x${sep}y`]);
    }
  });
});

describe('go test -json (real test2json streams from golang/go)', () => {
  const count = (s: string, action: string) => (s.match(new RegExp(`"Action":"${action}","Test"`, 'g')) ?? []).length;

  it('panic.json: the failed test is a run whose message is the panic', async () => {
    const f = await parse(bytesSource('panic.json', fixture('gotest/panic.json'), 64, MODIFIED), 'gotest');
    expect(f.runs).toHaveLength(count(text('gotest/panic.json'), 'fail'));
    expect(f.runs[0]).toMatchObject({ specHash: 'name:panic.json::TestPanic', passed: false, errorMessages: ['panic: oops [recovered]'], at: MODIFIED, source: 'gotest' });
  });

  it('timeout.json: a test still running when its package failed is a failed run', async () => {
    const f = await parse(bytesSource('timeout.json', fixture('gotest/timeout.json')), 'gotest');
    expect(count(text('gotest/timeout.json'), 'fail') + count(text('gotest/timeout.json'), 'pass')).toBe(0);
    expect(f.runs.map((r) => [r.specHash, r.passed, r.errorMessages])).toEqual([['name:timeout.json::Test', false, ['panic: test timed out after 1s']]]);
  });

  it('ascii.json: a passing test; the format is recognised from its first line', async () => {
    const f = await parse(bytesSource('ascii.json', fixture('gotest/ascii.json')), 'gotest');
    expect(f.runs.map((r) => [r.specHash, r.passed])).toEqual([['name:ascii.json::TestAscii', true]]);
    expect(detectFormat('ascii.json', text('gotest/ascii.json'))).toBe('gotest');
  });

  it('subtests are runs, their parent only for a failure of its own; Time is the run time; t.Errorf’s message without file:line', async () => {
    const ev = (o: Record<string, unknown>) => JSON.stringify({ Time: '2025-03-04T05:06:07.123456789Z', Package: 'example.com/calc', ...o });
    const stream = [
      ev({ Action: 'run', Test: 'TestDiv' }),
      ev({ Action: 'run', Test: 'TestDiv/by_zero' }),
      ev({ Action: 'output', Test: 'TestDiv/by_zero', Output: '    calc_test.go:12: want error, got 0\n' }),
      ev({ Action: 'fail', Test: 'TestDiv/by_zero' }),
      ev({ Action: 'run', Test: 'TestDiv/exact' }),
      ev({ Action: 'pass', Test: 'TestDiv/exact' }),
      ev({ Action: 'fail', Test: 'TestDiv' }),
      ev({ Action: 'run', Test: 'TestSkip' }),
      ev({ Action: 'skip', Test: 'TestSkip' }),
      ev({ Action: 'fail', Package: 'example.com/calc' }),
    ].join('\n');
    const f = await parse(textSource('go.json', stream), 'gotest');
    expect(f.runs.map((r) => [r.specHash, r.passed, r.errorMessages, r.at])).toEqual([
      ['name:example.com/calc::TestDiv/by_zero', false, ['want error, got 0'], Date.UTC(2025, 2, 4, 5, 6, 7, 123)],
      ['name:example.com/calc::TestDiv/exact', true, [], Date.UTC(2025, 2, 4, 5, 6, 7, 123)],
    ]);
    expect(f.skippedTests).toBe(1);
    const cut = stream.split('\n').slice(0, 3).join('\n');
    expect((await parseError(textSource('cut.json', cut), 'gotest')).message).toBe('cut.json: json: ends while the test TestDiv/by_zero is still running: the file looks cut off');
  });
});
