import { fencedBlocks, type FencedBlock } from '../spec/fences';
import { CompileTargetError } from './errors';
export { CompileTargetError };

/**
 * The compile-target convention of a spec (README, "Compile targets"):
 *
 * - exactly one fenced block marked `target` (```ts target) holding the function's signature
 *   and its description (a doc comment), e.g. `export function slugify(title: string): string`;
 * - one or more blocks marked `test` (```ts test trims spaces), each a test whose name is the
 *   rest of the info string; its statements call the function and `assert`;
 * - at most one block marked `compiled`: the accepted implementation, written by the app.
 *
 * The language is the info string's first word: ts / typescript / js / javascript.
 */
export const CODE_LANGS: readonly string[] = ['ts', 'typescript', 'js', 'javascript'];

export interface CompileTarget {
  functionName: string;
  /** The block's text: signature and description, as written. */
  signature: string;
  line: number;
}

export interface SpecTest {
  name: string;
  code: string;
  line: number;
}

export interface CompileSpec {
  target: CompileTarget;
  tests: SpecTest[];
  /** The accepted implementation's block, when one was written. */
  compiled: FencedBlock | undefined;
  /** The target's block, where accepted code is placed after. */
  targetBlock: FencedBlock;
}

type Role = 'target' | 'test' | 'compiled';

function roleOf(b: FencedBlock): Role | undefined {
  if (!CODE_LANGS.includes(b.lang)) return undefined;
  const role = b.words[0]?.toLowerCase();
  return role === 'target' || role === 'test' || role === 'compiled' ? role : undefined;
}

// Comments are skipped so that "function" in the description does not count as the name.
const FUNCTION_NAME = /(?:^|[\s;{}])(?:export\s+)?(?:declare\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*[(<]/;

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

export function functionNameOf(signature: string): string | undefined {
  return FUNCTION_NAME.exec(' ' + stripComments(signature))?.[1];
}

/** Reads the target, tests and any accepted code; throws CompileTargetError saying what is missing. */
export function readCompileSpec(markdown: string): CompileSpec {
  const blocks = fencedBlocks(markdown);
  const of = (role: Role) => blocks.filter((b) => roleOf(b) === role);
  const targets = of('target');
  if (targets.length === 0) {
    throw new CompileTargetError('this spec has no compile target: add a ```ts target block with the function signature and its description');
  }
  if (targets.length > 1) {
    throw new CompileTargetError(`this spec has ${targets.length} target blocks (lines ${targets.map((t) => t.line).join(', ')}); keep exactly one`);
  }
  const block = targets[0]!;
  const functionName = functionNameOf(block.code);
  if (!functionName) {
    throw new CompileTargetError(`the target block on line ${block.line} declares no function: write its signature, e.g. function slugify(title: string): string`);
  }
  const tests = of('test').map((b, i) => ({
    name: b.words.slice(1).join(' ') || `test ${i + 1}`,
    code: b.code,
    line: b.line,
  }));
  if (tests.length === 0) throw new CompileTargetError('this spec has no tests: add at least one ```ts test block with assertions');
  const empty = tests.find((t) => !t.code.trim());
  if (empty) throw new CompileTargetError(`the test block on line ${empty.line} is empty`);
  return { target: { functionName, signature: block.code, line: block.line }, tests, compiled: of('compiled')[0], targetBlock: block };
}

/** The spec as the generator should read it: without the accepted implementation (each variation starts fresh). */
export function withoutCompiled(markdown: string): string {
  const compiled = fencedBlocks(markdown).filter((b) => roleOf(b) === 'compiled');
  let out = markdown;
  for (const b of compiled.reverse()) out = out.slice(0, b.from) + out.slice(Math.min(out.length, b.to + 1));
  return out;
}
