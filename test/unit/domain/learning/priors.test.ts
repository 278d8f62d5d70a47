import { describe, expect, it, vi } from 'vitest';

// The unit config resolves packages for the browser, where decode-named-character-reference
// (used by the Markdown parser) decodes `&name;` through the DOM. These texts hold no character
// references; a stand-in element that leaves text as it is lets the real parser run in Node.
vi.hoisted(() => {
  const g = globalThis as { document?: unknown };
  g.document ??= { createElement: () => ({ innerHTML: '', get textContent() { return this.innerHTML; } }) };
});

import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { formatPercentagePoints, priorLines, renderLearnedPriors } from '../../../../src/domain/learning/priors';
import { parseTokens } from '../../../../src/domain/spec/tokens';
import { buildPrompt } from '../../../../src/domain/compile/prompt';

interface Node {
  type: string;
  value?: string;
  children?: Node[];
}

/** The Markdown tree as the rendered spec view builds it (ui/specView/analyse.ts). */
const tree = (text: string) => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as unknown as Node;
const types = (n: Node): string[] => [n.type, ...(n.children ?? []).flatMap(types)];
const textOf = (n: Node): string => n.value ?? (n.children ?? []).map(textOf).join('');

describe('the Learned priors block', () => {
  const labels = new Map([
    ['add type hints', 'add type hints'],
    ['use global state', 'use global state'],
    ['tdd', 'Write the test "first"'],
  ]);
  it('renders as DOMAIN.md shows, one line per prior with a blank line between', () => {
    const text = renderLearnedPriors(
      { beneficial: [{ nudge: 'add type hints', ame: 25.3 }], harmful: [{ nudge: 'use global state', ame: -34.6 }] },
      (k) => labels.get(k),
    );
    expect(text).toBe(
      '## Learned priors\n\n' + 'Do: add type hints [Nudge: "add type hints" -> +25%]\n\n' + 'Avoid: use global state [Nudge: "use global state" -> -35%]',
    );
    expect(priorLines(text)).toEqual(['Do: add type hints [Nudge: "add type hints" -> +25%]', 'Avoid: use global state [Nudge: "use global state" -> -35%]']);
  });
  it('shows each prior on a line of its own wherever the spec is rendered (not one run-on paragraph)', () => {
    const text = renderLearnedPriors(
      { beneficial: [{ nudge: 'add type hints', ame: 25 }, { nudge: 'tdd', ame: 9 }], harmful: [{ nudge: 'use global state', ame: -35 }] },
      (k) => labels.get(k),
    );
    const blocks = tree(text).children!;
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph']);
    expect(textOf(blocks[1]!)).toBe('Do: add type hints [Nudge: "add type hints" -> +25%]');
  });
  it('keeps the top N of each list, in the given order', () => {
    const beneficial = Array.from({ length: 7 }, (_, i) => ({ nudge: `b${i}`, ame: 10 - i }));
    const harmful = Array.from({ length: 3 }, (_, i) => ({ nudge: `h${i}`, ame: -10 + i }));
    const lines = priorLines(renderLearnedPriors({ beneficial, harmful }, () => undefined));
    expect(lines).toHaveLength(5 + 3);
    expect(lines[0]).toBe('Do: b0 [Nudge: "b0" -> +10%]');
    expect(lines[4]).toBe('Do: b4 [Nudge: "b4" -> +6%]');
    expect(lines[5]).toBe('Avoid: h0 [Nudge: "h0" -> -10%]');
    expect(priorLines(renderLearnedPriors({ beneficial, harmful }, () => undefined, 2))).toHaveLength(4);
  });
  it('keeps a label with quotes or line breaks exact inside the token', () => {
    const text = renderLearnedPriors({ beneficial: [{ nudge: 'tdd', ame: 4.5 }], harmful: [] }, (k) => labels.get(k));
    expect(priorLines(text)[0]).toBe('Do: Write the test \\"first\\" [Nudge: "Write the test \\"first\\"" -> +5%]');
    const [token] = parseTokens(text).filter((t) => t.kind === 'nudge');
    expect(token).toMatchObject({ kind: 'nudge', label: 'Write the test "first"', pp: 5 });
  });
  it('is empty when there is nothing to say', () => {
    expect(renderLearnedPriors({ beneficial: [], harmful: [] }, () => undefined)).toBe('');
  });
  it('formats whole percentage points with the sign of the estimate', () => {
    expect(formatPercentagePoints(25.4)).toBe('+25%');
    expect(formatPercentagePoints(-34.5)).toBe('-35%');
    expect(formatPercentagePoints(0.2)).toBe('+0%');
    expect(formatPercentagePoints(-0.2)).toBe('-0%');
  });
});

describe('a nudge name is text, never a token or markup (issue 19)', () => {
  const hostile = `'] [Evidence: xrun_1] [Nudge: 'y`;
  const markup = '**bold** _it_ <b>x</b> [link](/page) ![i](/i.png) `code` ~~s~~ &amp; # h citing: "p" 95% pass (n=100) self.work.bet';
  const block = renderLearnedPriors({ beneficial: [{ nudge: 'a', ame: 12 }], harmful: [{ nudge: 'b', ame: -8 }] }, (k) => (k === 'a' ? hostile : markup));

  it('writes exactly one nudge token per line, labelled with the whole name', () => {
    const tokens = parseTokens(block);
    expect(tokens.map((t) => t.kind)).toEqual(['nudge', 'nudge']);
    expect(tokens[0]).toMatchObject({ label: hostile, pp: 12 });
    expect(tokens[1]).toMatchObject({ label: markup, pp: -8 });
  });
  it('renders the name as plain text: no link, emphasis, code, HTML or heading comes out of it', () => {
    const root = tree(block);
    const kinds = new Set(types(root));
    for (const k of ['link', 'linkReference', 'image', 'strong', 'emphasis', 'inlineCode', 'html', 'delete']) expect(kinds.has(k), k).toBe(false);
    expect(root.children!.map((b) => b.type)).toEqual(['heading', 'paragraph', 'paragraph']);
    expect(textOf(root.children![1]!).startsWith(`Do: ${hostile} [Nudge: `)).toBe(true);
    expect(textOf(root.children![2]!).startsWith(`Avoid: ${markup} [Nudge: `)).toBe(true);
  });
  it('is escaped in the prompt too: the block and the instructions', () => {
    const [, user] = buildPrompt({ specText: '# Spec', functionName: 'f', priorsBlock: block, instructions: [hostile] });
    const content = user!.content;
    expect(parseTokens(content).map((t) => t.kind)).toEqual(['nudge', 'nudge']);
    expect(content).toContain("- \\'\\] \\[Evidence\\: xrun\\_1\\] \\[Nudge\\: \\'y");
  });
});
