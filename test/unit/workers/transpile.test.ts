import { describe, expect, it } from 'vitest';
import { transpile } from '../../../workers/transpile';
import { prepareCandidate, runPrepared } from '../../../src/domain/compile/harness';
import { EXAMPLE_SPEC } from '../../../src/domain/compile/exampleSpec';
import { readCompileSpec } from '../../../src/domain/compile/target';

describe('transpile (TypeScript in the compile worker)', () => {
  it('erases types, turns exports into CommonJS and dynamic import into require', async () => {
    const out = await transpile('export function add(a: number, b: number): number { return a + b; }\nconst m = import("x");', 'candidate');
    expect(out.diagnostics).toEqual([]);
    expect(out.js).toContain('exports.add = add;');
    expect(out.js).toContain('function add(a, b) { return a + b; }');
    expect(out.js).not.toMatch(/\bimport\s*\(/);
    expect(out.js).toContain('require("x")');
  });

  it('reports syntax errors with the line of the original code, for tests too', async () => {
    const bad = await transpile('function f(a: number {\n  return a;\n}', 'candidate');
    expect(bad.diagnostics[0]).toMatchObject({ line: 1, message: "',' expected." });
    const test = await transpile('const x: number = 1;\nassert.equal(x, );;)', 'test');
    expect(test.diagnostics[0]?.line).toBe(2);
  });

  it('keeps test statements (with await) as the body of the test', async () => {
    const out = await transpile("const s: string = await Promise.resolve('a');\nassert.equal(s, 'a');", 'test');
    expect(out.js.trim()).toBe("const s = await Promise.resolve('a');\n    assert.equal(s, 'a');");
  });

  it('runs the example spec against a reference slugify: the example is consistent', async () => {
    const spec = readCompileSpec(EXAMPLE_SPEC);
    const reference = `export function slugify(title: string): string {
  return title.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}`;
    const candidate = (await transpile(reference, 'candidate')).js;
    const tests = await Promise.all(spec.tests.map(async (t) => ({ name: t.name, code: (await transpile(t.code, 'test')).js })));
    const result = await runPrepared(prepareCandidate({ candidate, functionName: 'slugify', tests }), () => 0);
    expect(result).toMatchObject({ passed: true, testFailures: [], errors: [] });
  });
});
