import { describe, expect, it } from 'vitest';
import { buildPrompt, INSTRUCTIONS_HEADING, SYSTEM_PROMPT, withoutPriorsBlock } from '../../../../src/domain/compile/prompt';
import { extractCode } from '../../../../src/domain/compile/extract';

describe('buildPrompt', () => {
  const specText = '# Add\n\n```ts target\nfunction add(a: number, b: number): number\n```\n\n```ts compiled\nfunction add(a, b) { return a + b }\n```\n';
  it('is the spec, the learned-priors block and the chosen nudges as instructions', () => {
    const block = '## Learned priors\nDo: add type hints [Nudge: "add type hints" -> +25%]';
    const [system, user] = buildPrompt({ specText, functionName: 'add', priorsBlock: block, instructions: ['Add type hints', '  Handle\nNaN  '] });
    expect(system).toEqual({ role: 'system', content: SYSTEM_PROMPT });
    expect(user!.role).toBe('user');
    expect(user!.content).toBe(
      [
        '# Add\n\n```ts target\nfunction add(a: number, b: number): number\n```',
        block,
        `${INSTRUCTIONS_HEADING}\n- Add type hints\n- Handle NaN`,
        'Write `add` so that every test block passes. Reply with one ```ts block.',
      ].join('\n\n'),
    );
  });

  it('leaves out empty parts and an old priors block already in the spec', () => {
    const old = '# Add\n## Learned priors\nDo: x [Nudge: "x" -> +5%]\nAvoid: y [Nudge: "y" -> -5%]\nText';
    expect(withoutPriorsBlock(old)).toBe('# Add\nText');
    // The block as it is written now, a blank line between its lines.
    expect(withoutPriorsBlock('# Add\n\n## Learned priors\n\nDo: x [Nudge: "x" -> +5%]\n\nAvoid: y [Nudge: "y" -> -5%]\nText')).toBe('# Add\n\nText');
    const [, user] = buildPrompt({ specText: old, functionName: 'add', priorsBlock: '', instructions: [] });
    expect(user!.content).toBe('# Add\nText\n\nWrite `add` so that every test block passes. Reply with one ```ts block.');
  });
});

describe('extractCode', () => {
  it('takes the fenced block that declares the function', () => {
    const reply = 'Here is a helper:\n```ts\nconst x = 1;\n```\nAnd the function:\n```typescript\nexport function add(a: number, b: number) {\n  return a + b;\n}\n```\nDone.';
    expect(extractCode(reply, 'add')).toBe('export function add(a: number, b: number) {\n  return a + b;\n}');
  });

  it('accepts an arrow function, drops <think> sections, and falls back to the first code block', () => {
    expect(extractCode('<think>```ts\nfunction add() {}\n```</think>\n```js\nconst add = (a, b) => a + b;\n```', 'add')).toBe('const add = (a, b) => a + b;');
    expect(extractCode('```ts\nfunction plus(a, b) { return a + b }\n```', 'add')).toBe('function plus(a, b) { return a + b }');
  });

  it('takes a bare reply only when it declares the function, and gives undefined for prose', () => {
    expect(extractCode('function add(a, b) { return a + b }', 'add')).toBe('function add(a, b) { return a + b }');
    expect(extractCode('I cannot help with that.', 'add')).toBeUndefined();
    expect(extractCode('```\n\n```', 'add')).toBeUndefined();
  });
});
