import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './specsSupport';
import { createSpec } from '../../../src/services/specs';
import { CommandFailedError, runCommand } from '../../../src/services/commands';
import { allRuns } from '../../../src/store/runsRepo';

/** Loop 1 from the command bar, carried out against a real (fake-indexeddb) database. */
let db: ReturnType<typeof freshDatabase>;
beforeEach(() => (db = freshDatabase()));
afterEach(() => db.drop());

async function refusal(input: string, context = {}): Promise<CommandFailedError> {
  const err = await runCommand(input, context).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof CommandFailedError)) throw new Error(`expected a refusal for ${input}, got ${String(err)}`);
  return err;
}

describe('run record', () => {
  it('records outside work by name, with its nudges and errors, and says so', async () => {
    const out = await runCommand(`run record "Lexer" --failed --nudge "Add  type hints" --error "KeyError: 'x'"`);
    expect(out).toEqual({ message: 'Recorded a failing run of “Lexer” (outside work: no spec has that title), with 1 nudge and 1 error.', route: '/world.evidence' });
    const [run] = await allRuns();
    expect(run).toMatchObject({ specHash: 'name:Lexer', nudges: ['add type hints'], passed: false, errorMessages: ["KeyError: 'x'"], source: 'manual' });
    expect(run?.specId).toBeUndefined();
  });

  it('records against a spec of this app when the name is its title', async () => {
    const spec = await createSpec('Parser', '# Parser\n');
    const out = await runCommand('run record parser --passed');
    expect(out.message).toBe('Recorded a passing run of the spec “Parser”, with 0 nudges and 0 errors.');
    const [run] = await allRuns();
    expect(run).toMatchObject({ specId: spec.id, passed: true, nudges: [] });
    expect(run?.specHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('writes nothing for a line that does not parse, and underlines the culprit', async () => {
    const input = 'run record Lexer --passed --failed';
    const err = await refusal(input);
    expect([err.message, input.slice(err.from, err.to)]).toEqual(['give --passed or --failed, not both', '--failed']);
    expect(await allRuns()).toEqual([]);
  });
});

describe('priors commands with no evidence', () => {
  it('copy says there is nothing to copy, refit that there is nothing to fit', async () => {
    expect((await refusal('priors copy')).message).toBe('There are no learned priors to copy yet: no nudge is clearly beneficial or harmful.');
    expect((await refusal('priors refit')).message).toBe('There are no runs to fit yet: record one (run record …) or import some on the Evidence page.');
  });

  it('inject asks for a spec when none is open, and refuses an unknown title', async () => {
    expect((await refusal('priors inject')).message).toBe('Open a spec first, or name one: priors inject "Parser".');
    expect((await refusal('priors inject Nothing here')).message).toBe('No spec is titled “Nothing here” (Tab lists them).');
    const spec = await createSpec('Parser', '# Parser\n');
    const err = await refusal('priors inject', { openSpecId: spec.id });
    expect(err.message).toBe('There are no learned priors to inject yet: no nudge is clearly beneficial or harmful.');
  });
});
