import { ValidationError } from '../domain/errors';
import { newId } from '../domain/ids';
import { normaliseNudge, validateRun, type Run } from '../domain/evidence/run';
import { addRuns, observeNudges, observeRunCount, observeRuns, observeRunsWithNudge, observeRunsWithNudgeCount } from '../store/runsRepo';
import { getSpec } from '../store/specsRepo';
import type { NudgeRow } from '../store/rows';
import type { Live } from '../store/live';
import { sha256 } from '../domain/ledger/sha256';
import { toHex } from '../domain/ledger/bytes';

export type { Run, NudgeRow };
/** The key a nudge label is stored under, so a form can check its labels as recordRun will. */
export { normaliseNudge };

/** What the "record a run" form collects, as typed. */
export interface RunDraft {
  /** A spec id of this app, or the name of outside work (a file, a ticket). */
  spec: string;
  /** Nudge labels as typed; each becomes a normalised key with this label. */
  nudges: string[];
  passed: boolean | undefined;
  errorText: string;
}

export async function specHashOfText(text: string): Promise<string> {
  return toHex(await sha256(new TextEncoder().encode(text))).slice(0, 16);
}

/**
 * Records one run from the form: validated by the domain rules, then written with any new
 * nudges in one transaction. Throws ValidationError (naming the field) and writes nothing
 * when the draft is wrong.
 */
export async function recordRun(draft: RunDraft): Promise<Run> {
  const specRef = draft.spec.trim();
  if (!specRef) throw new ValidationError('spec', 'choose the spec (or name the work) this run was for');
  if (draft.passed === undefined) throw new ValidationError('passed', 'say whether the run passed or failed');
  const spec = await getSpec(specRef);
  // A spec of this app is identified by the exact text the run was made against.
  const specHash = spec ? await specHashOfText(await (await import('../sync/specSession')).readSpecText(spec.id)) : `name:${specRef}`;
  const at = Date.now();
  const labels = new Map<string, string>();
  draft.nudges.forEach((label, i) => {
    const key = normaliseNudge(label);
    if (!key) throw new ValidationError(`nudges[${i + 1}]`, 'a nudge needs a name (this one is empty)');
    if (!labels.has(key)) labels.set(key, label.trim().replace(/\s+/g, ' '));
  });
  const errors = draft.errorText
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const run = validateRun({
    id: newId('run', at),
    specId: spec?.id,
    specHash,
    nudges: [...labels.keys()],
    passed: draft.passed,
    errorMessages: errors,
    testFailures: [],
    typeErrors: [],
    source: 'manual',
    at,
  });
  await addRuns([run], [...labels].map(([key, label]) => ({ key, label })), at);
  return run;
}

export function recentRuns(limit = 500): Live<Run[]> {
  return observeRuns(limit);
}

export function runCount(): Live<number> {
  return observeRunCount();
}

export function nudges(): Live<NudgeRow[]> {
  return observeNudges();
}

/** Runs that applied a nudge, newest first, and how many there are (the Evidence page's filter). */
export function runsWithNudge(key: string, limit = 500): { runs: Live<Run[]>; count: Live<number> } {
  return { runs: observeRunsWithNudge(key, limit), count: observeRunsWithNudgeCount(key) };
}
