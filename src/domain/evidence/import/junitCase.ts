import { importId } from './hash';

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
 * The spec a testcase belongs to, for the learner's per-spec intercept: its classname (pytest:
 * module or class, Surefire: the Java class). jest-junit repeats the test's own title as the
 * classname by default, which would make every test its own spec, so then the enclosing suite
 * (jest-junit: the top describe block or file) is used. Stored as "name:<spec>", the same
 * form the record-a-run form uses for outside work.
 */
export function specOf(c: CaseData, suite: string, file: string): string {
  if (c.classname && c.classname !== c.name) return `name:${c.classname}`;
  return `name:${suite || c.classname || file}`;
}

/** Error messages: each problem's message attribute, then its text when that says more. */
export function errorMessagesOf(c: CaseData): string[] {
  const out: string[] = [];
  for (const p of c.problems) {
    const message = p.message.trim();
    const text = p.text.trim();
    if (message) out.push(message);
    if (text && text !== message) out.push(text);
    if (!message && !text && p.type.trim()) out.push(p.type.trim());
  }
  return out;
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0]?.trim() ?? '';
}

export function testFailuresOf(c: CaseData): { name: string; message: string }[] {
  const name = c.classname && c.classname !== c.name ? `${c.classname}.${c.name}` : c.name;
  return c.problems.map((p) => ({ name, message: p.message.trim() || firstLine(p.text) || p.type.trim() }));
}

/**
 * A run id that is the same every time the same file is imported: file name, suite, class,
 * test, the suite's timestamp (or, for reports without one such as Surefire's, the file's
 * modification time, so a later report under the same name is not mistaken for this one) and
 * the occurrence of that test in the file (a test run twice in one report is two runs).
 */
export function runIdOf(file: string, suite: SuiteFrame, c: CaseData, lastModified: number, occurrence: number): string {
  const when = suite.timestamp || `modified:${lastModified}`;
  return importId('junit', [file, suite.name, c.classname, c.name, when, String(occurrence)]);
}
