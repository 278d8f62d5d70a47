import { describe, expect, it } from 'vitest';
import { analyseSpec } from '../../../../src/domain/spec/analysis';
import { plainText } from '../../../../src/domain/spec/markdown';

/**
 * `-\n[ ] s` made the GFM task-list step of the Markdown parser throw (an upstream assertion:
 * the check is read at the start of a paragraph that is in no list item). The spec must still
 * be analysed and drawn: an empty item, then the paragraph "[ ] s", as CommonMark reads it.
 */
describe('a task check outside any list item', () => {
  it.each([
    ['-\n[ ] s', '[ ] s'],
    ['-\n[x] done', '[x] done'],
    ['* \n[X] s [Bet: 4h @ 75%]', '[X] s [Bet: 4h @ 75%]'],
  ])('%j is an empty item and the paragraph %j, with no task', (text, paragraph) => {
    const spec = analyseSpec(text);
    expect(spec.root.children.map((n) => n.type)).toEqual(['list', 'paragraph']);
    const para = spec.root.children[1]!;
    expect(plainText(para)).toBe(paragraph);
    // The text node covers the brackets too, so a click on it maps back to the right characters.
    expect(text.slice(para.position!.start.offset, para.position!.end.offset)).toBe(paragraph);
    expect(spec.tasks).toEqual([]);
  });

  it('leaves real task items as they were, also right after such a paragraph', () => {
    const spec = analyseSpec('-\n[ ] s\n\n- [x] done\n- [ ] open');
    expect(spec.tasks.map((t) => [t.text, t.checked])).toEqual([
      ['done', true],
      ['open', false],
    ]);
  });
});
