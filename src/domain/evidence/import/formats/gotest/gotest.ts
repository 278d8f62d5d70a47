import { ValidationError } from '../../../../errors';
import { RunCollector } from '../../collector';
import { importIds } from '../../hash';
import { lineParser } from '../../lineParser';
import { clip, parseIso } from '../../values';
import type { ChunkParser, FileFacts, FileImportOptions } from '../../types';
import { failureMessage } from './output';

interface Test {
  pkg: string;
  name: string;
  at?: number;
  time?: string;
  output: { text: string; error: boolean }[];
  outputChars: number;
  /** Subtests ended, and whether one failed: a parent is a run only for a failure of its own. */
  children: number;
  childFailed: boolean;
}

/** Output kept per test, enough for its message; the rest of a long log is not needed. */
const MAX_OUTPUT_CHARS = 64 * 1024;

/**
 * `go test -json` (test2json): one JSON event per line. Each test (subtests included) that
 * ends with "pass" or "fail" is a run, except a parent whose subtests explain its result (it
 * is a run only when it failed and none of them did); "skip" is counted, not stored. A test
 * still running when its package fails (a timeout, a crash) failed. The spec is the test:
 * "name:<package>::<test>"; the time is its "run" event's Time, else the file's time; the
 * message comes from its output (output.ts). Lines that are not JSON (a "go: downloading"
 * line mixed in) are passed over.
 */
export function gotestParser(facts: FileFacts, options: FileImportOptions): ChunkParser {
  const file = facts.name;
  const out = new RunCollector(file, 'gotest', options.nudges);
  const running = new Map<string, Test>();
  const occurrences = new Map<string, number>();
  let events = 0;

  const keyOf = (pkg: string, name: string) => `${pkg}\u0000${name}`;

  const finish = (t: Test, passed: boolean, line: number): void => {
    running.delete(keyOf(t.pkg, t.name));
    const slash = t.name.lastIndexOf('/');
    if (slash > 0) {
      const parent = running.get(keyOf(t.pkg, t.name.slice(0, slash)));
      if (parent) {
        parent.children++;
        parent.childFailed ||= !passed;
      }
    }
    if (t.children > 0 && (passed || t.childFailed)) return;
    const spec = `name:${t.pkg || file}::${t.name}`;
    const occurrence = (occurrences.get(spec) ?? 0) + 1;
    occurrences.set(spec, occurrence);
    const message = passed ? '' : failureMessage(t.output) || 'failed (no output)';
    const ids = importIds('gotest', [file, t.pkg, t.name, t.time ?? `modified:${facts.lastModified}`, String(occurrence)]);
    out.add(
      {
        id: ids.id,
        specHash: spec,
        nudges: [],
        passed,
        errorMessages: passed ? [] : [message],
        testFailures: passed ? [] : [{ name: t.name, message }],
        typeErrors: [],
        source: 'gotest',
        at: t.at ?? facts.lastModified,
      },
      { file, line },
      ids.legacyId,
    );
  };

  const onLine = (raw: string, line: number, unterminated: boolean): void => {
    const text = (line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trim();
    if (!text.startsWith('{')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ValidationError('json', `is not a valid JSON event (${clip(why, 120)})${unterminated ? '; the line is cut off, so the file looks truncated' : ''}`, { file, line });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const e = value as Record<string, unknown>;
    const action = e.Action;
    if (typeof action !== 'string') throw new ValidationError('Action', `is missing: each line of go test -json is an event with an "Action"`, { file, line });
    events++;
    const pkg = typeof e.Package === 'string' ? e.Package : '';
    const name = typeof e.Test === 'string' ? e.Test : '';
    const time = typeof e.Time === 'string' ? e.Time : undefined;
    if (!name) {
      // A package's own result: a test still running when it failed never finished (timeout, crash).
      if (action === 'fail') for (const t of [...running.values()]) if (t.pkg === pkg) finish(t, false, line);
      if (action === 'build-fail') out.note(`build ${pkg}`, `package ${pkg || '(unnamed)'} did not build, so none of its tests ran (line ${line})`);
      return;
    }
    const key = keyOf(pkg, name);
    let t = running.get(key);
    if (!t) {
      t = { pkg, name, output: [], outputChars: 0, children: 0, childFailed: false };
      if (time) {
        t.time = time;
        t.at = parseIso(time);
      }
      running.set(key, t);
    }
    if (action === 'output' && typeof e.Output === 'string' && t.outputChars < MAX_OUTPUT_CHARS) {
      t.output.push({ text: e.Output, error: e.OutputType === 'error' || e.OutputType === 'error-continue' });
      t.outputChars += e.Output.length;
    } else if (action === 'pass' || action === 'fail') finish(t, action === 'pass', line);
    else if (action === 'skip') {
      running.delete(key);
      out.skippedTests++;
    }
  };

  return lineParser(file, onLine, out, {
    check() {
      if (events === 0) throw new ValidationError('json', 'has no go test -json events (lines like {"Action":"pass","Test":…}): is this the output of go test -json?', { file, line: 1 });
      const open = [...running.values()].filter((t) => t.output.length > 0 || t.children > 0);
      if (open.length) {
        throw new ValidationError('json', `ends while ${open.length === 1 ? `the test ${clip(open[0]!.name, 60)} is` : `${open.length} tests are`} still running: the file looks cut off`, { file });
      }
    },
  });
}
