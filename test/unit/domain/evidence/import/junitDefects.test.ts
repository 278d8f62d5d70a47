import { describe, expect, it } from 'vitest';
import { readSuiteTimestamp } from '../../../../../src/domain/evidence/import/formats/junit/timestamp';
import { failureModes } from '../../../../../src/domain/evidence/signature';
import { bytesSource, fixture, parse, parseError, textSource } from './helpers';

const MODIFIED = 1_700_000_000_000;
const text = (name: string) => new TextDecoder().decode(fixture(name));

describe('TestNG timestamps (JUnitReportReporter writes them in the machine locale)', () => {
  it('reads "20 Nov. 2019 12:07:00 GMT" from a real TestNG report, one run per testcase', async () => {
    const name = 'testng/TEST-testCase.HybridTestCaseTest.xml';
    const f = await parse(bytesSource(name, fixture(name), 65536, MODIFIED), 'junit');
    // Counted here from the file itself: one run per <testcase>.
    expect(f.runs).toHaveLength(text(name).match(/<testcase /g)!.length);
    expect(new Set(f.runs.map((r) => r.at))).toEqual(new Set([Date.UTC(2019, 10, 20, 12, 7, 0)]));
    // The same test six times in one report: six runs with six ids.
    expect(new Set(f.runs.map((r) => r.id)).size).toBe(6);
    expect(f.notes).toEqual([]);
  });

  it('reads "12 Aug 2023 07:42:36 GMT" and the issue’s "11 Apr. 2023 09:56:22 GMT"', async () => {
    const name = 'testng/TEST-com.testExecution.TS001.xml';
    const f = await parse(bytesSource(name, fixture(name), 65536, MODIFIED), 'junit');
    expect(f.runs.map((r) => [r.specHash, r.passed, r.at])).toEqual([
      ['name:com.testExecution.TS001::ValidateTheHomePage', true, Date.UTC(2023, 7, 12, 7, 42, 36)],
      ['name:com.testExecution.TS001::searchAProduct', true, Date.UTC(2023, 7, 12, 7, 42, 36)],
    ]);
    expect(readSuiteTimestamp('11 Apr. 2023 09:56:22 GMT')).toEqual({ at: Date.UTC(2023, 3, 11, 9, 56, 22) });
    expect(readSuiteTimestamp('11 févr. 2023 09:56:22 UTC')).toEqual({ at: Date.UTC(2023, 1, 11, 9, 56, 22) });
  });

  it('never refuses a report for its timestamp: an ambiguous zone (IST) falls back to the file’s time, and says so', async () => {
    const name = 'testng/TEST-testPackage.InvalidLoginTest.xml';
    const f = await parse(bytesSource(name, fixture(name), 65536, MODIFIED), 'junit');
    expect(f.runs.map((r) => [r.passed, r.at])).toEqual([[true, MODIFIED]]);
    expect(f.notes).toHaveLength(1);
    expect(f.notes[0]).toContain('testsuite timestamp "2024-01-09T22:59:44 IST" (line 3) was not read as a time: the time zone "IST" could be more than one place');
    expect(f.notes[0]).toContain(new Date(MODIFIED).toISOString());
    const nonsense = await parse(textSource('b.xml', '<testsuites>\n<testsuite name="s" timestamp="yesterday"><testcase name="t"/></testsuite></testsuites>', 65536, MODIFIED), 'junit');
    expect(nonsense.runs.map((r) => r.at)).toEqual([MODIFIED]);
    expect(nonsense.notes[0]).toContain('it is in no date format the app knows');
  });

  it('reads a bare epoch number by its size, and says which unit it took', async () => {
    const seconds = await parse(textSource('s.xml', '<testsuite name="s" timestamp="1700000000"><testcase name="t"/></testsuite>'), 'junit');
    expect(seconds.runs[0]?.at).toBe(1_700_000_000_000);
    expect(seconds.notes).toEqual(['testsuite timestamp: bare numbers are read by their size; 1700000000 was read as epoch seconds (2023-11-14T22:13:20.000Z)']);
    const ms = await parse(textSource('s.xml', '<testsuite name="s" timestamp="1700000000000"><testcase name="t"/></testsuite>'), 'junit');
    expect([ms.runs[0]?.at, ms.notes]).toEqual([1_700_000_000_000, []]);
  });
});

describe('pytest colour codes (--color=yes writes ESC as the literal text "#x1B")', () => {
  const name = 'pytest-colour.xml';
  const raw = text(name);

  it('are stripped from every message, so the same failure is one failure mode', async () => {
    expect(raw.match(/#x1B\[/g)!.length).toBeGreaterThan(50);
    const f = await parse(bytesSource(name, fixture(name)), 'junit');
    // Counted from the file: one run per testcase, failed when it has a <failure>.
    const cases = raw.split('<testcase ').slice(1);
    expect(f.runs).toHaveLength(cases.length);
    expect(f.runs.filter((r) => !r.passed)).toHaveLength(cases.filter((c) => /^[^>]*>\s*<failure/.test(c) || /<failure/.test(c.split('</testcase>')[0]!)).length);
    for (const r of f.runs) {
      for (const m of [...r.errorMessages, ...r.testFailures.map((t) => t.message)]) {
        expect(m).not.toContain('#x1B');
        expect(m).not.toContain(String.fromCharCode(27));
        expect(m.length).toBeLessThan(400);
      }
    }
    for (const mode of failureModes(f.runs)) expect(mode.signature).not.toContain('#x1B');
    // What the terminal showed: the diff line without its colours, as pytest printed it.
    const dev = f.runs.find((r) => r.specHash.endsWith('::test_dev_defaults'))!;
    expect(dev.errorMessages[0]).toContain("\n  {'workers': 2} != {'workers': 4}\n");
    expect(f.runs.find((r) => r.specHash.endsWith('::test_workers[dev-3]'))!.errorMessages).toEqual(['assert 2 == 3']);
  });

  it('a raw ESC, which XML forbids, refuses the file naming the character, its line and column', async () => {
    const withEsc = raw.replace(/#x1B/g, '\u001b');
    const err = await parseError(textSource('raw-esc.xml', withEsc), 'junit');
    const lines = withEsc.split('\n');
    const line = lines.findIndex((l) => l.includes('\u001b')) + 1;
    const column = [...lines[line - 1]!].indexOf('\u001b') + 1;
    expect(err.message).toBe(
      `raw-esc.xml, line ${line}: xml: contains the character U+001B (ESC) at column ${column}, which XML does not allow (a terminal colour code written into the report as it is?)`,
    );
    const ref = await parseError(textSource('ref.xml', '<testsuite name="s">\n<testcase name="t"><failure message="&#x1B;[31mred"/></testcase></testsuite>'), 'junit');
    expect(ref.message).toBe('ref.xml, line 2: xml: contains the character reference "&#x1B;" (U+001B (ESC)) at column 38, which XML does not allow');
  });
});

describe('DTD entities', () => {
  it('are said to be unexpanded (a safety rule), not called malformed', async () => {
    const doc = '<?xml version="1.0"?>\n<!DOCTYPE testsuite [<!ENTITY team "Parser team">]>\n<testsuite name="&team;">\n<testcase name="t"/></testsuite>';
    const err = await parseError(textSource('dtd.xml', doc), 'junit');
    expect(err.message).toBe(
      'dtd.xml, line 3: xml: uses the entity "&team;" at column 18, declared in the file\'s DTD; the app does not expand DTD entities (a safety rule), so it cannot read this report as written (replace the entity with its text)',
    );
    expect(err.message).not.toContain('not well-formed');
    const stray = await parseError(textSource('amp.xml', '<testsuite name="R&D;"><testcase name="t"/></testsuite>'), 'junit');
    expect(stray.message).toContain('uses the entity "&D;" at column 19, which XML does not define');
  });
});

describe('colour codes in any importer’s messages', () => {
  it('are removed in both spellings, raw ESC and pytest’s "#x1B", and nothing else is touched', async () => {
    const { withoutColour } = await import('../../../../../src/domain/evidence/import/text');
    const esc = String.fromCharCode(27);
    expect(withoutColour(`#x1B[1m#x1B[31mcalc.py#x1B[0m:5: NameError`)).toBe('calc.py:5: NameError');
    expect(withoutColour(`${esc}[31mE   KeyError${esc}[0m: 'c'`)).toBe("E   KeyError: 'c'");
    expect(withoutColour('#x1 and [31m stay: no ESC before them')).toBe('#x1 and [31m stay: no ESC before them');
  });
});
