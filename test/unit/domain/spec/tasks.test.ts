import { describe, expect, it } from 'vitest';
import { taskTitle } from '../../../../src/domain/spec/format';
import { parseTasks } from '../../../../src/domain/spec/tasks';

const DOC = [
  '# Plan', //                                         line 1
  '- [ ] Write the parser [Bet: 4h @ 75% #b_1]', //     line 2
  '  - [x] Tokens citing: "depth over breadth"', //     line 3
  '    * [X] deep', //                                  line 4
  '1. [ ] numbered', //                                 line 5
  '10) [ ] ten', //                                     line 6
  '```', //                                             line 7
  '- [ ] in code', //                                   line 8
  '```', //                                             line 9
  '- [] not a task', //                                 line 10
  '- [x]not a task either', //                          line 11
  '+ [ ] plus   ', //                                   line 12
].join('\n');

describe('parseTasks', () => {
  const tasks = parseTasks(DOC);

  it('finds GFM task items, and none inside fences or with a broken checkbox', () => {
    expect(tasks.map((t) => t.line)).toEqual([2, 3, 4, 5, 6, 12]);
    expect(tasks.map((t) => t.checked)).toEqual([false, true, true, false, false, false]);
  });

  it('gives the offsets of the check character and of the text', () => {
    for (const t of tasks) {
      expect(DOC[t.checkFrom - 1]).toBe('[');
      expect(DOC[t.checkFrom + 1]).toBe(']');
      expect(DOC.slice(t.textFrom, t.textTo)).toBe(t.text);
      expect(DOC.slice(t.from, t.to)).not.toContain('\n');
    }
    expect(tasks[0]).toMatchObject({ text: 'Write the parser [Bet: 4h @ 75% #b_1]', indent: 0, contentIndent: 2, from: 7 });
    expect(tasks[5]).toMatchObject({ text: 'plus', line: 12 });
    expect(tasks[4]).toMatchObject({ text: 'ten', contentIndent: 4 });
  });

  it('nests by indentation', () => {
    expect(tasks.map((t) => t.parent)).toEqual([undefined, 0, 1, undefined, undefined, undefined]);
    expect(tasks.map((t) => t.indent)).toEqual([0, 2, 4, 0, 0, 0]);
  });

  it('attaches the tokens of each line, and titles exclude them', () => {
    expect(tasks[0]?.tokens.map((t) => t.kind)).toEqual(['bet']);
    expect(tasks[1]?.tokens.map((t) => t.kind)).toEqual(['citing']);
    expect(taskTitle(tasks[0]!)).toBe('Write the parser');
    expect(taskTitle(tasks[1]!)).toBe('Tokens');
  });

  it('does not nest a task under an earlier one across a plain list item or a paragraph', () => {
    const t = parseTasks('- [ ] a\n- phase\n  - [ ] b\n\nText\n  - [ ] c');
    expect(t.map((x) => x.parent)).toEqual([undefined, undefined, undefined]);
    expect(parseTasks('- [ ] a\n\n  - [ ] b').map((x) => x.parent)).toEqual([undefined, 0]);
  });

  it('reads tasks as GFM does: a box with nothing after it, or inside a quote, is none; a box on the line after its marker is one', () => {
    const text = '- [ ]\n- [ ]  \n> - [ ] quoted\n-\n  [x] late\n- - [ ] nested on one line';
    const t = parseTasks(text);
    expect(t.map((x) => [x.line, x.text, x.checked, x.indent, x.contentIndent])).toEqual([
      [5, 'late', true, 0, 2],
      [6, 'nested on one line', false, 2, 4],
    ]);
    expect(text[t[0]!.checkFrom]).toBe('x');
  });

  it('ends a task at its last child line, through blank lines and lazy continuations', () => {
    const text = '- [ ] a\n  - [ ] child\nlazy\n\n    deeper\n- [ ] b\n';
    const [a, child, b] = parseTasks(text);
    expect(text.slice(a!.from, a!.itemTo)).toBe('- [ ] a\n  - [ ] child\nlazy\n\n    deeper');
    expect(text.slice(child!.from, child!.itemTo)).toBe('  - [ ] child\nlazy\n\n    deeper');
    expect(text.slice(b!.from, b!.itemTo)).toBe('- [ ] b');
  });

  it('expands tabs to 4-column stops and handles CRLF', () => {
    const t = parseTasks('- [ ] a\r\n\t- [x] b\r\n');
    expect(t.map((x) => [x.indent, x.text, x.parent])).toEqual([[0, 'a', undefined], [4, 'b', 0]]);
  });
});
