import type { Run } from './run';
import { normalQuantile } from '../math';

/**
 * Error signatures: the same failure, whatever the line number, temp file or id it mentions,
 * groups under one text. Replacement order matters: quoted text first (it may hold paths and
 * numbers that belong to the quote), then paths (they hold numbers: file.ts:12:5), then hex
 * ids, then plain numbers.
 */
// A single quote after a letter is an apostrophe ("can't"), not the start of a quote.
const QUOTED = /"(?:[^"\\\n]|\\.)*"|(?<!\w)'(?:[^'\\\n]|\\.)*'|`(?:[^`\\\n]|\\.)*`/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]}>,;]+/gi;
// A path has a separator (/a/b, ./x, src\y, C:\z) or ends in a file extension (foo.test.ts).
const PATH_WITH_SEP = /(?:[A-Za-z]:)?(?:\.{0,2}[\\/])?(?:[\w@.+-]+[\\/])+[\w@.+-]*(?::\d+){0,2}/g;
const FILE_NAME = /\b[\w.-]+\.(?:[cm]?[jt]sx?|py|rs|go|java|kt|rb|c|cc|cpp|h|hpp|cs|json|ya?ml|toml|md|html|css|vue|svelte)(?::\d+){0,2}\b/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX_PREFIXED = /\b0x[0-9a-f]+\b/gi;
// Bare hex needs a digit and a letter and 6+ characters, so that words ("facade") and plain
// numbers (left to <num>) are not taken for ids.
const HEX_BARE = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\b/gi;
// Not after a letter (utf8, v2, TS2322 stay), but a unit may follow (5000ms -> <num>ms).
const NUMBER = /(?<!\w)\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;

const MAX_SIGNATURE = 240;

/**
 * The signature of one error message. Only the first non-empty line counts: the rest is usually
 * a stack trace whose frames move with unrelated edits.
 */
export function errorSignature(message: string): string {
  const first = message.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const sig = first
    .replace(QUOTED, '<str>')
    .replace(URL, '<path>')
    .replace(PATH_WITH_SEP, '<path>')
    .replace(FILE_NAME, '<path>')
    .replace(UUID, '<hex>')
    .replace(HEX_PREFIXED, '<hex>')
    .replace(HEX_BARE, '<hex>')
    .replace(NUMBER, '<num>')
    .replace(/\s+/g, ' ')
    .trim();
  return sig.length > MAX_SIGNATURE ? sig.slice(0, MAX_SIGNATURE) + '…' : sig;
}

/**
 * Every failure message a run carries: its errors, failed tests and type errors. A failed
 * test whose message is already one of the run's errors is the same failure told twice (a
 * JUnit import records both), so it is not counted again.
 */
export function runMessages(run: Run): string[] {
  const errors = new Set(run.errorMessages.map((m) => m.trim()));
  return [
    ...run.errorMessages,
    ...run.testFailures.filter((t) => !(t.message.trim() && errors.has(t.message.trim()))).map((t) => t.message || t.name),
    ...run.typeErrors.map((t) => t.message),
  ].filter((m) => m.trim());
}

/** The distinct signatures of one run (a run showing the same error five times counts once). */
function runSignatures(run: Run): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of runMessages(run)) {
    const sig = errorSignature(m);
    if (sig && !out.has(sig)) out.set(sig, m);
  }
  return out;
}

export interface FailureMode {
  signature: string;
  /** Runs that showed this signature at least once. */
  runs: number;
  /** Messages with this signature, over all runs. */
  occurrences: number;
  /** Up to three distinct original messages, in the order first seen. */
  examples: string[];
}

const MAX_EXAMPLES = 3;

/** Failure modes ranked by the number of runs that show them (then occurrences, then text). */
export function failureModes(runs: readonly Run[]): FailureMode[] {
  const modes = new Map<string, FailureMode>();
  for (const run of runs) {
    const seenInRun = new Set<string>();
    for (const m of runMessages(run)) {
      const signature = errorSignature(m);
      if (!signature) continue;
      let mode = modes.get(signature);
      if (!mode) {
        mode = { signature, runs: 0, occurrences: 0, examples: [] };
        modes.set(signature, mode);
      }
      mode.occurrences++;
      if (!seenInRun.has(signature)) {
        seenInRun.add(signature);
        mode.runs++;
      }
      if (mode.examples.length < MAX_EXAMPLES && !mode.examples.includes(m)) mode.examples.push(m);
    }
  }
  return [...modes.values()].sort(
    (a, b) => b.runs - a.runs || b.occurrences - a.occurrences || (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0),
  );
}

export interface NudgeContext {
  signature: string;
  /** Runs with the nudge that showed this mode. */
  runs: number;
  /** P(mode | nudge) / P(mode), both over all runs (passing runs included, as "no mode"). */
  lift: number;
  /** The lift's interval (liftInterval), simultaneous over every comparison made: low > 1. */
  low: number;
  high: number;
  /** How many (nudge, mode) pairs were compared: the interval is adjusted for all of them. */
  comparisons: number;
}

export interface ContextOptions {
  /**
   * Least number of runs with the nudge that must show a mode before it can be a context.
   * Default 3: with one or two runs a lift is mostly noise (one failure under a rare nudge
   * gives an enormous lift), and three is the smallest count that is a pattern, not an event.
   */
  minRuns?: number;
  /** Chance that every interval shown covers its true lift at once (default 0.95). */
  confidence?: number;
}

/**
 * The lift of a mode under a nudge with its interval. The lift P(mode | nudge) / P(mode) is a
 * monotone function of the risk ratio RR = P(mode | nudge) / P(mode | no nudge):
 * lift = RR / (f RR + 1 - f), with f the share of runs that have the nudge. So the interval is
 * Katz's log interval for RR (0.5 added to every cell when one is empty, Haldane), mapped
 * through that function; `z` sets its width. a of n1 runs with the nudge show the mode, b of n0
 * without it.
 */
export function liftInterval(a: number, n1: number, b: number, n0: number, z: number): { lift: number; low: number; high: number } {
  const total = n1 + n0;
  const f = n1 / total;
  const lift = a / n1 / ((a + b) / total);
  const empty = a === 0 || b === 0 || a === n1 || b === n0;
  const [ca, cb, cn1, cn0] = empty ? [a + 0.5, b + 0.5, n1 + 1, n0 + 1] : [a, b, n1, n0];
  const logRr = Math.log(ca / cn1 / (cb / cn0));
  const se = Math.sqrt(1 / ca - 1 / cn1 + 1 / cb - 1 / cn0);
  const toLift = (rr: number) => rr / (f * rr + 1 - f);
  return { lift, low: toLift(Math.exp(logRr - z * se)), high: toLift(Math.exp(logRr + z * se)) };
}

/**
 * For each nudge, the failure modes credibly over-represented when it is applied: at least
 * minRuns runs, and a lift whose interval lies above 1. The intervals are simultaneous
 * (Bonferroni over every pair compared), so on evidence where no nudge goes with any mode, no
 * context at all is shown in 95% of cases, however many nudges and modes there are. A nudge on
 * every run has nothing to compare with. Ordered by the interval's low end, then lift, runs,
 * text. Nudges with no context are absent.
 */
export function nudgeContexts(runs: readonly Run[], options: ContextOptions = {}): Map<string, NudgeContext[]> {
  const minRuns = options.minRuns ?? 3;
  const confidence = options.confidence ?? 0.95;
  const total = runs.length;
  const modeRuns = new Map<string, number>();
  const nudgeRuns = new Map<string, number>();
  const joint = new Map<string, Map<string, number>>();
  for (const run of runs) {
    const sigs = runSignatures(run);
    for (const sig of sigs.keys()) modeRuns.set(sig, (modeRuns.get(sig) ?? 0) + 1);
    for (const nudge of new Set(run.nudges)) {
      nudgeRuns.set(nudge, (nudgeRuns.get(nudge) ?? 0) + 1);
      if (sigs.size === 0) continue;
      let row = joint.get(nudge);
      if (!row) joint.set(nudge, (row = new Map()));
      for (const sig of sigs.keys()) row.set(sig, (row.get(sig) ?? 0) + 1);
    }
  }
  const pairs: { nudge: string; signature: string; count: number }[] = [];
  for (const [nudge, row] of joint) {
    if ((nudgeRuns.get(nudge) ?? 0) >= total) continue;
    for (const [signature, count] of row) if (count >= minRuns) pairs.push({ nudge, signature, count });
  }
  const out = new Map<string, NudgeContext[]>();
  if (pairs.length === 0) return out;
  const z = normalQuantile(1 - (1 - confidence) / (2 * pairs.length));
  for (const { nudge, signature, count } of pairs) {
    const withNudge = nudgeRuns.get(nudge) ?? 0;
    const withMode = modeRuns.get(signature) ?? 0;
    const { lift, low, high } = liftInterval(count, withNudge, withMode - count, total - withNudge, z);
    if (!(low > 1)) continue;
    const list = out.get(nudge) ?? [];
    list.push({ signature, runs: count, lift, low, high, comparisons: pairs.length });
    out.set(nudge, list);
  }
  for (const list of out.values()) {
    list.sort((a, b) => b.low - a.low || b.lift - a.lift || b.runs - a.runs || (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  }
  return out;
}
