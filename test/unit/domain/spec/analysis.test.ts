import { describe, expect, it } from 'vitest';
import type { ListItem } from 'mdast';
import { analyseSpec } from '../../../../src/domain/spec/analysis';
import { fencedBlocks } from '../../../../src/domain/spec/fences';
import { markdownTree, visit } from '../../../../src/domain/spec/markdown';
import { parseTasks } from '../../../../src/domain/spec/tasks';
import { parseTokens } from '../../../../src/domain/spec/tokens';

const SPEC = [
  '# Parser', //                                        1
  '', //                                                2
  '- [ ] Lexer [Bet: 4h @ 75%]', //                     3
  '  - [x] Tokens [Evidence: r_1]', //                  4
  '', //                                                5
  '  ```ts test tokens', //                             6
  '  assert([Evidence: not_a_token])', //               7
  '  ```', //                                           8
  '- plain item', //                                    9
  '> - [ ] quoted [Evidence: r_2]', //                 10
  '', //                                               11
  '    [Evidence: indented_code]', //                  12
  '', //                                               13
  'Raw <b title="[Evidence: in_html]">[Evidence: r_3]</b> and `[Evidence: in_code]`.', // 14
].join('\n');

describe('one Markdown tree for the domain and the rendered view', () => {
  it('derives tokens, tasks and code blocks from the tree the view draws', () => {
    const a = analyseSpec(SPEC);
    expect(a.root).toBe(markdownTree(SPEC).root);
    expect(a.tokens.map((t) => t.raw)).toEqual(['[Bet: 4h @ 75%]', '[Evidence: r_1]', '[Evidence: r_2]', '[Evidence: r_3]']);
    expect(a.tokens).toEqual(parseTokens(SPEC));
    expect(a.tasks.map((t) => [t.line, t.text, t.parent])).toEqual([
      [3, 'Lexer [Bet: 4h @ 75%]', undefined],
      [4, 'Tokens [Evidence: r_1]', 0],
    ]);
    expect(a.tasks).toEqual(parseTasks(SPEC));
    expect(fencedBlocks(SPEC).map((b) => [b.line, b.lang, b.words, b.code])).toEqual([[6, 'ts', ['test', 'tokens'], 'assert([Evidence: not_a_token])']]);
  });

  it('keys each task by its list-item node, and every GFM task item outside quotes has one', () => {
    const a = analyseSpec(SPEC);
    const items: { item: ListItem; quoted: boolean }[] = [];
    visit(a.root, (node, ancestors) => {
      if (node.type === 'listItem' && typeof node.checked === 'boolean') items.push({ item: node, quoted: ancestors.some((n) => n.type === 'blockquote') });
    });
    expect(items.map((i) => i.quoted)).toEqual([false, false, true]);
    for (const { item, quoted } of items) {
      const task = a.taskOf.get(item);
      if (quoted) expect(task).toBeUndefined();
      else expect(task && SPEC.slice(item.position!.start.offset!, task.to)).toMatch(/^- \[[ x]\] /);
    }
  });

  it('finds a fenced block inside a list item with exact offsets, and none in indented code', () => {
    const [b] = fencedBlocks(SPEC);
    expect(SPEC.slice(b!.from, b!.to)).toBe('```ts test tokens\n  assert([Evidence: not_a_token])\n  ```');
    expect(SPEC.slice(b!.codeFrom, b!.codeTo)).toBe('  assert([Evidence: not_a_token])');
  });
});
