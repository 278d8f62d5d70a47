import { withoutColour } from '../../text';

// Lines test2json marks as framing, or that only frame a test: not what went wrong.
const FRAME = /^\s*(?:=== (?:RUN|PAUSE|CONT|NAME)|--- (?:PASS|FAIL|SKIP|BENCH)|PASS$|FAIL$|ok\s|FAIL\s)/;
// "    parser_test.go:42: expected 1, got 2": t.Errorf's file and line, then the message.
const LOCATED = /^\s*[\w.-]+\.go:\d+: (.*)$/s;

/**
 * What went wrong in a failed Go test, as one message, from its output lines: the first
 * t.Error/t.Fatal message (without its file:line, which differs per test), else the first
 * "panic: …" line, else the first line that is not framing. Lines test2json marks as errors
 * (OutputType "error", Go 1.25) come first. Never the whole output: failure modes group runs
 * by message.
 */
export function failureMessage(lines: readonly { text: string; error: boolean }[]): string {
  const clean = lines.map((l) => ({ text: withoutColour(l.text).replace(/\r?\n$/, ''), error: l.error })).filter((l) => l.text.trim());
  const marked = clean.filter((l) => l.error);
  const pool = marked.length ? marked : clean;
  for (const l of pool) {
    const m = LOCATED.exec(l.text);
    if (m && m[1]!.trim()) return m[1]!.trim();
  }
  const panic = pool.find((l) => /^\s*panic: /.test(l.text));
  if (panic) return panic.text.trim();
  return pool.find((l) => !FRAME.test(l.text))?.text.trim() ?? '';
}
