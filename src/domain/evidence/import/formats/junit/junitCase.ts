import { importIds } from '../../hash';
import { withoutColour } from '../../text';

/** A <failure> or <error> of a testcase: its attributes and its text (usually a traceback). */
export interface Problem {
  message: string;
  type: string;
  text: string;
}

export interface CaseData {
  name: string;
  classname: string;
  line: number;
  nudges: string[];
  skipped: boolean;
  problems: Problem[];
}

export interface SuiteFrame {
  name: string;
  /** The suite's own timestamp attribute, as written (part of each run id). */
  timestamp: string;
  /** The timestamp as epoch ms, or undefined when the suite has none. */
  at: number | undefined;
  nudges: string[];
  cases: CaseData[];
}

/**
 * The spec of a testcase: the test itself. A spec is the piece of work attempted again and
 * again, and for a test report that is one test; so the learner's per-spec intercept adjusts
 * for each test's own difficulty, and "flaky" (the same spec under the same nudges both passed
 * and failed) means the same test both passed and failed, not two different tests of one class.
 * The test is named by its classname (pytest: module or class, Surefire: the Java class) and
 * name: "name:<classname>::<name>". jest-junit repeats the test's full title as the classname by
 * default, so there the enclosing suite (its top describe block or file) stands before the name:
 * "name:<suite> › <name>". Without a classname: "name:<file>::<name>". Stored in the "name:"
 * form the record-a-run form uses for outside work. Run ids do not depend on it (see runIdOf).
 */
export function specOf(c: CaseData, suite: string, file: string): string {
  if (c.classname && c.classname !== c.name) return `name:${c.classname}::${c.name}`;
  if (c.classname && suite) return `name:${suite} › ${c.name}`;
  return `name:${file}::${c.name}`;
}

// pytest marks the lines of the exception it reports with "E" and spaces ("E       KeyError: 'c'").
const PYTEST_E_LINE = /^E(?:\s|$)/;
// An exception line as jest-junit and Surefire begin their text with: a (dotted) name, maybe a
// code in brackets, then ":" or the end ("Error: expect(…)", "java.lang.IllegalStateException",
// "AssertionError [ERR_ASSERTION]: …", jest's "thrown: …").
const EXCEPTION_LINE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?: \[[^\]]*\])?(?::|$)/;

/**
 * The most telling line of a problem's text (usually a traceback), for a problem without a
 * message attribute. pytest: its exception lines, marked "E   "; the last exception block is the
 * one raised, and of that block the first line ("AssertionError: assert 4 == 3", not the
 * "+  where 4 = count(…)" explanation pytest adds below it). jest-junit and Surefire: the first
 * line, which is the exception ("Error: …", "java.lang.IllegalStateException"). Otherwise the last
 * line (a Python traceback ends with the exception).
 */
export function tellingLine(text: string): string {
  const lines = text.split(/\r?\n/);
  let block = -1;
  for (let i = 0; i < lines.length; i++) {
    if (PYTEST_E_LINE.test(lines[i] ?? '') && !PYTEST_E_LINE.test(lines[i - 1] ?? '')) block = i;
  }
  if (block !== -1) {
    // The first line of the block that says something (pytest can write a bare "E").
    for (let i = block; i < lines.length && PYTEST_E_LINE.test(lines[i] ?? ''); i++) {
      const said = (lines[i] ?? '').slice(1).trim();
      if (said) return said;
    }
  }
  const filled = lines.map((l) => l.trim()).filter(Boolean);
  const first = filled[0] ?? '';
  if (EXCEPTION_LINE.test(first)) return first;
  return filled[filled.length - 1] ?? '';
}

/**
 * What went wrong in one <failure> or <error>, as one message: its message attribute when it has
 * one, otherwise the most telling line of its text (see tellingLine), otherwise its type. Never
 * the whole traceback: error signatures group runs by message, and a traceback (which names the
 * test's own source lines) would make every failing test its own failure mode.
 */
export function problemMessage(p: Problem): string {
  return withoutColour(p.message).trim() || tellingLine(withoutColour(p.text)) || p.type.trim();
}

/** Error messages: one per problem (see problemMessage). */
export function errorMessagesOf(c: CaseData): string[] {
  return c.problems.map(problemMessage).filter(Boolean);
}

export function testFailuresOf(c: CaseData): { name: string; message: string }[] {
  const name = c.classname && c.classname !== c.name ? `${c.classname}.${c.name}` : c.name;
  return c.problems.map((p) => ({ name, message: problemMessage(p) }));
}

/**
 * A run id that is the same every time the same file is imported: file name, suite, class,
 * test, the suite's timestamp (or, for reports without one such as Surefire's, the file's
 * modification time, so a later report under the same name is not mistaken for this one) and
 * the occurrence of that test in the file (a test run twice in one report is two runs).
 */
export function runIdsOf(file: string, suite: SuiteFrame, c: CaseData, lastModified: number, occurrence: number): { id: string; legacyId: string } {
  const when = suite.timestamp || `modified:${lastModified}`;
  return importIds('junit', [file, suite.name, c.classname, c.name, when, String(occurrence)]);
}
