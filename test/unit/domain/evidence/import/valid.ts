import fc from 'fast-check';
import { joinList } from '../../../../../src/domain/csv/lists';
import type { ImportFormat } from '../../../../../src/domain/evidence/import/types';

/** The name the property tests give every generated file (TAP specs carry it). */
export const FILE_NAME = 'hostile.dat';

/** What a generated file must import as: one entry per stored run, in file order. */
export interface Expected {
  spec: string;
  passed: boolean;
}

export interface ValidFile {
  text: string;
  expected: Expected[];
  skipped: number;
}

/** Drops C0 and C1 control characters, which XML 1.0 forbids even as references. */
function withoutControls(s: string): string {
  return [...s].filter((c) => { const k = c.codePointAt(0) ?? 0; return k >= 0x20 && (k < 0x7f || k > 0x9f); }).join('');
}

/** Printable text of any script (XSS payloads and emoji included), without XML-forbidden characters. */
const name = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
    fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "Robert'); DROP TABLE runs;--", '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎯', '__proto__', 'constructor'),
  )
  .map((s) => withoutControls(s).replace(/[\ufffe\uffff]/gu, '').trim())
  .filter((s) => s.length > 0);

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const csvCell = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

interface GenRun {
  spec: string;
  passed: boolean;
  skipped: boolean;
  nudges: string[];
  message: string;
  at: number;
}

const run: fc.Arbitrary<GenRun> = fc.record({
  spec: name,
  passed: fc.boolean(),
  skipped: fc.boolean(),
  nudges: fc.array(name, { maxLength: 3 }),
  message: fc.string({ unit: 'grapheme', maxLength: 40 }),
  at: fc.integer({ min: 0, max: 4_102_444_800_000 }),
});

function junitFile(runs: GenRun[]): ValidFile {
  const cases = runs.map((r, i) => {
    const props = r.nudges.map((n) => `<property name="nudge" value="${xml(n)}"/>`).join('');
    const body = r.skipped ? '<skipped/>' : r.passed ? '' : `<failure message="${xml(withoutControls(r.message))}">trace</failure>`;
    return `<testcase classname="${xml(r.spec)}" name="t${i}">${props ? `<properties>${props}</properties>` : ''}${body}</testcase>`;
  });
  const text = `<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="s" timestamp="2024-05-14T10:21:03">\n${cases.join('\n')}\n</testsuite></testsuites>\n`;
  // The spec is the test: classname and name (the suite's name when the classname repeats the test's).
  const spec = (r: GenRun, i: number) => (r.spec === `t${i}` ? `name:s › t${i}` : `name:${r.spec}::t${i}`);
  const kept = runs.map((r, i) => ({ r, spec: spec(r, i) })).filter(({ r }) => !r.skipped);
  return { text, expected: kept.map(({ r, spec }) => ({ spec, passed: r.passed })), skipped: runs.length - kept.length };
}

function jsonlFile(runs: GenRun[]): ValidFile {
  const text = runs.map((r, i) => JSON.stringify({ id: `g${i}`, specHash: r.spec, passed: r.passed, nudges: r.nudges, errorMessages: r.passed ? [] : [r.message], at: r.at })).join(runs.length % 2 ? '\n' : '\r\n');
  return { text, expected: runs.map((r) => ({ spec: r.spec, passed: r.passed })), skipped: 0 };
}

function csvFile(runs: GenRun[]): ValidFile {
  // Nudge names may hold ";" and "\\": the one list convention escapes them (csv/lists.ts).
  const rows = runs.map((r) => [String(r.at), r.spec, r.passed ? 'pass' : 'FAIL', joinList(r.nudges), r.passed ? '' : r.message].map(csvCell).join(','));
  return { text: ['at,spec,outcome,nudges,error', ...rows].join('\r\n') + '\r\n', expected: runs.map((r) => ({ spec: `name:${r.spec}`, passed: r.passed })), skipped: 0 };
}

function promptfooFile(runs: GenRun[]): ValidFile {
  const rows = runs.map((r, i) => ({
    id: `row-${i}`,
    success: r.passed,
    failureReason: r.passed ? 0 : 1,
    testCase: { description: r.spec, vars: { i } },
    prompt: { label: r.nudges[0] ?? 'prompt', raw: 'x' },
    provider: { id: 'openai:gpt-4o-mini', label: '' },
    gradingResult: { pass: r.passed, componentResults: [{ pass: r.passed, reason: r.message, assertion: { type: 'llm-rubric' } }] },
    metadata: { nudges: r.nudges.slice(1) },
  }));
  const text = JSON.stringify({ evalId: 'eval-1', results: { version: 3, timestamp: new Date(r0(runs)).toISOString(), results: rows } }, null, runs.length % 2 ? 2 : 0);
  return { text, expected: runs.map((r) => ({ spec: `name:${r.spec}`, passed: r.passed })), skipped: 0 };
}

const r0 = (runs: GenRun[]) => runs[0]?.at ?? 0;

/** A TAP description: no "#" (it starts a directive), no leading "-" or digits (the number and dash). */
const tapName = (s: string, i: number) => s.replace(/#/g, '＃').replace(/^[-\s\d]+/, '').trim() || `case ${i}`;

function tapFile(runs: GenRun[]): ValidFile {
  const lines = ['TAP version 13'];
  runs.forEach((r, i) => {
    const name = tapName(r.spec, i);
    lines.push(`# Subtest: ${name}`, `${r.passed || r.skipped ? 'ok' : 'not ok'} ${i + 1} - ${name}${r.skipped ? ' # SKIP not today' : ''}`);
    if (!r.passed && !r.skipped) lines.push('  ---', '  duration_ms: 1.5', `  error: '${withoutControls(r.message).replace(/'/g, "''")}'`, '  ...');
  });
  lines.push(`1..${runs.length}`, `# tests ${runs.length}`);
  const kept = runs.map((r, i) => ({ r, name: tapName(r.spec, i) })).filter(({ r }) => !r.skipped);
  return { text: lines.join(runs.length % 2 ? '\n' : '\r\n') + '\n', expected: kept.map(({ r, name }) => ({ spec: `name:${FILE_NAME}::${name}`, passed: r.passed })), skipped: runs.length - kept.length };
}

/** A Go test name: "/" makes subtests, so it is replaced. */
const goName = (s: string) => s.replace(/\//g, '∕');

function gotestFile(runs: GenRun[]): ValidFile {
  const lines: string[] = [];
  const ev = (o: Record<string, unknown>) => lines.push(JSON.stringify({ Time: new Date(r0(runs)).toISOString(), Package: 'example.com/p', ...o }));
  runs.forEach((r) => {
    const Test = goName(r.spec);
    ev({ Action: 'run', Test });
    ev({ Action: 'output', Test, Output: `=== RUN   ${Test}\n` });
    if (!r.passed && !r.skipped) ev({ Action: 'output', Test, Output: `    x_test.go:9: ${r.message}\n` });
    ev({ Action: r.skipped ? 'skip' : r.passed ? 'pass' : 'fail', Test, Elapsed: 0.01 });
  });
  ev({ Action: runs.every((r) => r.passed || r.skipped) ? 'pass' : 'fail', Elapsed: 0.2 });
  // Each test name is its own spec; a name repeated is the same test run again.
  const kept = runs.filter((r) => !r.skipped);
  return { text: lines.join('\n') + '\n', expected: kept.map((r) => ({ spec: `name:example.com/p::${goName(r.spec)}`, passed: r.passed })), skipped: runs.length - kept.length };
}

const MAKERS: Record<string, (runs: GenRun[]) => ValidFile> = {
  junit: junitFile,
  jsonl: jsonlFile,
  csv: csvFile,
  promptfoo: promptfooFile,
  tap: tapFile,
  gotest: gotestFile,
};

/** Well-formed files of each format, with exotic but legal content. */
export function validFile(format: ImportFormat): fc.Arbitrary<ValidFile> {
  const make = MAKERS[format];
  if (!make) throw new Error(`no generator of valid ${format} files: add one here`);
  return fc.array(run, { minLength: 1, maxLength: 12 }).map(make);
}
