import { describe, expect, it } from 'vitest';
import { prepareCandidate, runPrepared, type VerifyRequest } from '../../../../src/domain/compile/harness';

const tests = [
  { name: 'adds', code: 'assert.equal(add(1, 2), 3);' },
  { name: 'adds negatives', code: 'assert.equal(add(-1, -2), -3, "negatives");' },
];
const verify = (candidate: string, t = tests) => {
  const req: VerifyRequest = { candidate, functionName: 'add', tests: t };
  let clock = 0;
  return runPrepared(prepareCandidate(req), () => (clock += 5));
};

describe('the verification harness', () => {
  it('passes a correct candidate, in CommonJS form or plain', async () => {
    const cjs = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.add = add;\nfunction add(a, b) { return a + b; }';
    expect(await verify(cjs)).toEqual({ passed: true, testFailures: [], errors: [], durationMs: 5, timedOut: false });
    expect((await verify('const add = (a, b) => a + b;')).passed).toBe(true);
  });

  it('reports each failing test with its assertion message', async () => {
    const r = await verify('function add(a, b) { return Math.abs(a) + Math.abs(b); }');
    expect(r.passed).toBe(false);
    expect(r.errors).toEqual([]);
    expect(r.testFailures).toEqual([{ name: 'adds negatives', message: 'AssertionError: negatives: expected -3, got 3' }]);
  });

  it('reports syntax errors, a missing function and throws while loading as errors', async () => {
    const syntax = await verify('function add(a, b) { return a + }');
    expect(syntax.errors[0]).toMatch(/^SyntaxError/);
    expect(syntax.testFailures).toEqual([
      { name: 'adds', message: 'not run: the candidate did not load' },
      { name: 'adds negatives', message: 'not run: the candidate did not load' },
    ]);
    expect((await verify('function plus(a, b) { return a + b }')).errors).toEqual(['the candidate does not define a function named add']);
    expect((await verify('throw new RangeError("boom")')).errors).toEqual(['RangeError: boom']);
    expect((await verify('const x = require("fs"); function add() {}')).errors).toEqual([
      'Error: cannot load "fs": a candidate has no modules to import',
    ]);
  });

  it('refuses dynamic import before running anything', async () => {
    const r = await verify('function add(a, b) { import("http://127.0.0.1:1/x"); return a + b }');
    expect(r.passed).toBe(false);
    expect(r.errors).toEqual(['SandboxError: the candidate uses import() or import.meta, which the sandbox does not allow']);
  });

  it('awaits async tests and records a thrown error in a test as that test failing', async () => {
    const t = [
      { name: 'async', code: 'const v = await Promise.resolve(add(2, 2)); assert.equal(v, 4);' },
      { name: 'throws', code: 'add.nope();' },
      { name: 'broken', code: 'assert.equal(' },
    ];
    const r = await verify('function add(a, b) { return a + b }', t);
    expect(r.testFailures.map((f) => f.name)).toEqual(['throws', 'broken']);
    expect(r.testFailures[0]!.message).toMatch(/^TypeError: add\.nope is not a function/);
    expect(r.testFailures[1]!.message).toMatch(/^the test does not compile: SyntaxError/);
  });
});
