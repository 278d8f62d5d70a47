import type { CandidateRecord } from '../../domain/compile/compilation';
import { extractCode } from '../../domain/compile/extract';
import type { VerifyResult } from '../../domain/compile/harness';
import type { TypeDiagnostic } from '../../domain/evidence/run';
import { compileWorker } from '../../compile/compileWorker';
import { verifyCandidate } from '../../compile/verifyClient';

/**
 * One variation after its reply arrived: extract the code, transpile it in the compile worker,
 * run it against the tests in a fresh sandboxed worker. A reply without code is a failed
 * candidate (the model failed), not a lost request. Throws VerifyCancelledError on cancel.
 */
export interface VariationInput {
  index: number;
  nudges: string[];
  reply: { content: string; tokens: number };
  functionName: string;
  /** Test blocks already transpiled to JavaScript. */
  tests: { name: string; code: string }[];
  timeLimitMs: number;
  signal: AbortSignal;
}

const NO_CODE: VerifyResult = {
  passed: false,
  testFailures: [],
  errors: ['the reply had no code block with the function'],
  durationMs: 0,
  timedOut: false,
};

export async function verifyVariation(v: VariationInput): Promise<Omit<CandidateRecord, 'id'>> {
  const code = extractCode(v.reply.content, v.functionName) ?? '';
  let result = NO_CODE;
  let typeErrors: TypeDiagnostic[] = [];
  if (code) {
    const transpiled = await compileWorker().transpile(code, 'candidate');
    typeErrors = transpiled.diagnostics;
    result = await verifyCandidate({ candidate: transpiled.js, functionName: v.functionName, tests: v.tests }, { timeLimitMs: v.timeLimitMs, signal: v.signal });
  }
  return {
    index: v.index,
    nudges: v.nudges,
    code,
    passed: result.passed,
    testFailures: result.testFailures,
    errors: result.errors,
    typeErrors,
    durationMs: Math.round(result.durationMs * 10) / 10,
    timedOut: result.timedOut,
    tokens: v.reply.tokens,
  };
}
