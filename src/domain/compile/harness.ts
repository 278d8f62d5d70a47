import type { TestFailure } from '../evidence/run';
import { makeAssert, type Assert } from './assert';

/**
 * Runs one candidate against a spec's tests, in two steps so the sandbox can lock the global
 * scope in between: `prepareCandidate` compiles everything (it needs the Function
 * constructor, which the lock-down then removes), `runPrepared` executes it.
 *
 * Candidate code arrives as CommonJS JavaScript (the transpiler's output): `export function f`
 * becomes `exports.f = f`, and `import` of anything becomes `require`, which throws here, since a
 * candidate has no modules to load. Test code arrives as plain JavaScript statements that call
 * the function by name and `assert`; they may `await`.
 */
export interface VerifyRequest {
  /** Candidate as JavaScript (CommonJS). */
  candidate: string;
  functionName: string;
  tests: { name: string; code: string }[];
}

export interface VerifyResult {
  passed: boolean;
  testFailures: TestFailure[];
  /** Errors outside any test: syntax, loading, a missing function, the time limit. */
  errors: string[];
  durationMs: number;
  timedOut: boolean;
}

/** The verify worker's messages to the page (its protocol; see workers/verify.worker.ts). */
export type VerifyMessage = { type: 'ready' } | { type: 'result'; result: VerifyResult };

type Loader = (exports: Record<string, unknown>, module: { exports: Record<string, unknown> }, require: (name: string) => never) => unknown;
type TestFn = (fn: unknown, assert: Assert) => Promise<void>;

export interface Prepared {
  load?: Loader;
  tests: { name: string; run?: TestFn; error?: string }[];
  assert: Assert;
  errors: string[];
  functionName: string;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `thrown: ${String(err)}`;
}

/** Dynamic import would load code from anywhere; plain text search, so it fails closed. */
const DYNAMIC_IMPORT = /\bimport\s*(\(|\.\s*meta\b)/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function prepareCandidate(req: VerifyRequest): Prepared {
  const prepared: Prepared = { tests: [], assert: makeAssert(), errors: [], functionName: req.functionName };
  if (!IDENTIFIER.test(req.functionName)) {
    prepared.errors.push(`the target's function name "${req.functionName}" is not an identifier`);
    return prepared;
  }
  const AsyncFunction = (async () => undefined).constructor as new (...args: string[]) => TestFn;
  if (DYNAMIC_IMPORT.test(req.candidate)) {
    prepared.errors.push('SandboxError: the candidate uses import() or import.meta, which the sandbox does not allow');
  } else {
    try {
      const name = req.functionName;
      const body = `"use strict";\n${req.candidate}\n;return typeof ${name} === "function" ? ${name} : module.exports.${name};`;
      prepared.load = new Function('exports', 'module', 'require', body) as Loader;
    } catch (err) {
      prepared.errors.push(describeError(err));
    }
  }
  prepared.tests = req.tests.map((t) => {
    try {
      return { name: t.name, run: new AsyncFunction(req.functionName, 'assert', `"use strict";\n${t.code}`) };
    } catch (err) {
      return { name: t.name, error: `the test does not compile: ${describeError(err)}` };
    }
  });
  return prepared;
}

/** Executes a prepared candidate; never throws (every problem is a failure in the result). */
export async function runPrepared(p: Prepared, now: () => number): Promise<VerifyResult> {
  const start = now();
  const errors = [...p.errors];
  const testFailures: TestFailure[] = [];
  let fn: unknown;
  if (p.load && errors.length === 0) {
    try {
      const module = { exports: {} as Record<string, unknown> };
      fn = p.load(module.exports, module, (name) => {
        throw new Error(`cannot load "${name}": a candidate has no modules to import`);
      });
      if (typeof fn !== 'function') errors.push(`the candidate does not define a function named ${p.functionName}`);
    } catch (err) {
      errors.push(describeError(err));
    }
  }
  for (const t of p.tests) {
    if (t.error || !t.run) {
      testFailures.push({ name: t.name, message: t.error ?? 'the test did not compile' });
      continue;
    }
    if (errors.length) {
      testFailures.push({ name: t.name, message: 'not run: the candidate did not load' });
      continue;
    }
    try {
      await t.run(fn, p.assert);
    } catch (err) {
      testFailures.push({ name: t.name, message: describeError(err) });
    }
  }
  const durationMs = now() - start;
  return { passed: errors.length === 0 && testFailures.length === 0, testFailures, errors, durationMs, timedOut: false };
}
