import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError, ValidationError } from '../../../../../src/domain/errors';
import { validateRun } from '../../../../../src/domain/evidence/run';
import { IMPORT_FORMATS } from '../../../../../src/domain/evidence/import/formats/registry';
import type { ImportFormat, ParsedFile } from '../../../../../src/domain/evidence/import/types';
import { bytesSource, parse } from './helpers';
import { hostileInput, NUM_RUNS, SEED } from './hostile';
import { FILE_NAME, validFile } from './valid';

type Outcome = { ok: ParsedFile } | { error: unknown };

const attempt = (bytes: Uint8Array, format: ImportFormat, chunk: number): Promise<Outcome> =>
  // CSV columns are guessed from the header, as the dialog does before anyone changes them.
  parse(bytesSource(FILE_NAME, bytes, chunk), format).then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error }),
  );

function checkOutcome(o: Outcome): void {
  if ('error' in o) {
    // Only the app's own errors, each naming the file; never a TypeError, RangeError or a saxes Error.
    expect(o.error).toBeInstanceOf(DomainError);
    if (o.error instanceof ValidationError) expect(o.error.file).toBe(FILE_NAME);
    return;
  }
  const ids = new Set<string>();
  const known = new Set(o.ok.nudges.map((n) => n.key));
  for (const run of o.ok.runs) {
    expect(validateRun(run)).toEqual(run); // every stored run is already in its validated form
    expect(ids.has(run.id)).toBe(false);
    ids.add(run.id);
    for (const n of run.nudges) expect(known.has(n)).toBe(true);
  }
}

describe.each([...IMPORT_FORMATS])('%s parser on hostile input', (format) => {
  it(`succeeds with valid runs or throws the app's ValidationError, the same way whatever the chunking (${NUM_RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileInput(format), fc.integer({ min: 1, max: 512 }), async (bytes, chunk) => {
        const whole = await attempt(bytes, format, Math.max(1, bytes.length));
        checkOutcome(whole);
        const streamed = await attempt(bytes, format, chunk);
        if ('ok' in whole) expect(streamed).toEqual(whole);
        else expect((streamed as { error: Error }).error.message).toBe((whole.error as Error).message);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  }, 600_000);
});

describe.each([...IMPORT_FORMATS])('%s parser on generated valid files', (format) => {
  it(`imports every run with its spec and outcome, however chunked (${NUM_RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(validFile(format), fc.integer({ min: 1, max: 256 }), async (file, chunk) => {
        const bytes = new TextEncoder().encode(file.text);
        const o = await attempt(bytes, format, chunk);
        if ('error' in o) throw o.error;
        expect(o.ok.runs.map((r) => ({ spec: r.specHash, passed: r.passed }))).toEqual(file.expected);
        expect(o.ok.skippedTests).toBe(file.skipped);
        checkOutcome(o);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  }, 600_000);
});
