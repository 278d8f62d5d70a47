import { describe, expect, it } from 'vitest';
import { acceptEdits } from '../../../../src/domain/compile/accept';
import { applyEdits } from '../../../../src/domain/spec/edits';
import { readCompileSpec } from '../../../../src/domain/compile/target';

const base = '# Add\n\n```ts target\nfunction add(a: number, b: number): number\n```\n\n```ts test\nassert.equal(add(1, 2), 3)\n```\n';

describe('acceptEdits', () => {
  it('inserts a compiled block right after the target, then replaces it on the next accept', () => {
    const once = applyEdits(base, acceptEdits(base, 'function add(a: number, b: number) {\n  return a + b;\n}\n'));
    expect(once).toBe(base.replace('number\n```\n', 'number\n```\n\n```ts compiled\nfunction add(a: number, b: number) {\n  return a + b;\n}\n```\n'));
    const twice = applyEdits(once, acceptEdits(once, 'const add = (a: number, b: number) => b + a;'));
    expect(readCompileSpec(twice).compiled?.code).toBe('const add = (a: number, b: number) => b + a;');
    expect(twice.match(/```ts compiled/g)).toHaveLength(1);
    expect(readCompileSpec(twice).tests).toHaveLength(1);
  });

  it('fences code that contains backticks with a longer fence, and keeps CRLF', () => {
    const code = 'const add = (a: number, b: number) => Number(`${a}`) + b; // ```';
    const out = applyEdits(base, acceptEdits(base, code));
    expect(out).toContain('````ts compiled\n' + code + '\n````');
    expect(readCompileSpec(out).compiled?.code).toBe(code);
    const crlf = base.replace(/\n/g, '\r\n');
    expect(applyEdits(crlf, acceptEdits(crlf, 'a\nb'))).toContain('```ts compiled\r\na\r\nb\r\n```');
  });
});
