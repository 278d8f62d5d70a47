import { describe, expect, it } from 'vitest';
import { CompileTargetError, readCompileSpec, withoutCompiled } from '../../../../src/domain/compile/target';
import { fencedBlocks } from '../../../../src/domain/spec/fences';
import { EXAMPLE_SPEC } from '../../../../src/domain/compile/exampleSpec';

const spec = (...blocks: string[]) => ['# S', '', ...blocks].join('\n');

describe('fencedBlocks', () => {
  it('gives info, code and offsets of each block, with ~~~ and longer fences', () => {
    const text = 'x\n```ts target\nfunction f() {}\n```\n~~~~js test a b\nassert(1)\n~~~~\n';
    const [a, b] = fencedBlocks(text);
    expect(a).toMatchObject({ lang: 'ts', words: ['target'], code: 'function f() {}', line: 2 });
    expect(text.slice(a!.from, a!.to)).toBe('```ts target\nfunction f() {}\n```');
    expect(b).toMatchObject({ lang: 'js', words: ['test', 'a', 'b'], code: 'assert(1)', line: 5 });
    expect(text.slice(b!.codeFrom, b!.codeTo)).toBe('assert(1)');
  });

  it('keeps an inner shorter fence as code and runs an unclosed fence to the end', () => {
    const text = '````md\n```\ninner\n```\n````\n```ts\nopen';
    const blocks = fencedBlocks(text);
    expect(blocks.map((b) => b.code)).toEqual(['```\ninner\n```', 'open']);
  });

  it('handles CRLF line breaks', () => {
    const [b] = fencedBlocks('```ts test\r\nassert(1)\r\n```\r\n');
    expect(b!.code).toBe('assert(1)');
  });
});

describe('readCompileSpec', () => {
  it('reads the target function name, the named tests and their lines', () => {
    const s = readCompileSpec(EXAMPLE_SPEC);
    expect(s.target.functionName).toBe('slugify');
    expect(s.target.signature).toContain('export function slugify(title: string): string');
    expect(s.tests.map((t) => t.name)).toEqual([
      'words become hyphenated',
      'punctuation and repeated separators collapse',
      'accents are removed',
      'no hyphen at the ends',
    ]);
    expect(s.tests[0]!.code).toBe("assert.equal(slugify('Hello World'), 'hello-world');");
    expect(s.compiled).toBeUndefined();
  });

  it('names unnamed tests by position and ignores a word "function" in the description', () => {
    const s = readCompileSpec(spec('```ts target', '/** This function adds. */', 'function add(a: number, b: number): number', '```', '```ts test', 'assert.equal(add(1, 2), 3)', '```'));
    expect(s.target.functionName).toBe('add');
    expect(s.tests).toEqual([{ name: 'test 1', code: 'assert.equal(add(1, 2), 3)', line: 7 }]);
  });

  it('says exactly what is missing', () => {
    expect(() => readCompileSpec('# Nothing')).toThrow(/no compile target: add a ```ts target block/);
    expect(() => readCompileSpec(spec('```ts target', 'const x = 1', '```'))).toThrow(/line 3 declares no function/);
    expect(() => readCompileSpec(spec('```ts target', 'function f(): void', '```'))).toThrow(/no tests/);
    expect(() => readCompileSpec(spec('```ts target', 'function f(): void', '```', '```ts target', 'function g(): void', '```'))).toThrow(
      /2 target blocks \(lines 3, 6\)/,
    );
    expect(() => readCompileSpec(spec('```ts target', 'function f(): void', '```', '```ts test', '', '```'))).toThrow(/test block on line 6 is empty/);
    expect(() => readCompileSpec('# Nothing')).toThrow(CompileTargetError);
    expect(new CompileTargetError('x').name).toBe('CompileTargetError');
  });

  it('does not take a block in another language, or a plain ```ts block, as a role', () => {
    expect(() => readCompileSpec(spec('```python target', 'def f(): pass', '```'))).toThrow(/no compile target/);
    expect(() => readCompileSpec(spec('```ts', 'function f() {}', '```'))).toThrow(/no compile target/);
  });

  it('drops the compiled block from the text the generator reads', () => {
    const text = spec('```ts target', 'function f(): number', '```', '', '```ts compiled', 'function f() { return 1 }', '```', 'after');
    expect(readCompileSpec(text + '\n```ts test\nassert(f())\n```').compiled?.code).toBe('function f() { return 1 }');
    expect(withoutCompiled(text)).toBe(spec('```ts target', 'function f(): number', '```', '', 'after'));
  });
});
