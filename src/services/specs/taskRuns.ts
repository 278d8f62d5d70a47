import { newId } from '../../domain/ids';
import { validateRun, type Run } from '../../domain/evidence/run';
import { addRuns } from '../../store/runsRepo';
import { specHashOfText } from '../evidence';

/**
 * The trace of a checked task: a run of source `task`, recorded against the spec text as it
 * was when the task was checked (the same spec hash a manual run of that text gets). Checking
 * a task means the work passed; failures are recorded from the Evidence page.
 */
export async function recordTaskRun(input: { specId: string; specText: string; at?: number }): Promise<Run> {
  const at = input.at ?? Date.now();
  const run = validateRun({
    id: newId('run', at),
    specId: input.specId,
    specHash: await specHashOfText(input.specText),
    nudges: [],
    passed: true,
    errorMessages: [],
    testFailures: [],
    typeErrors: [],
    source: 'task',
    at,
  });
  await addRuns([run], [], at);
  return run;
}
