import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyEdits, formatBetToken, formatNudgeToken, formatPassRate, insertBetToken, insertEvidenceUnderTask,
  replaceToken, StaleEditError, toggleTask,
} from '../../../../src/domain/spec/edits';
import type { TextEdit } from '../../../../src/domain/spec/edits';
import { parseTasks } from '../../../../src/domain/spec/tasks';
import { parseTokens } from '../../../../src/domain/spec/tokens';
import { ValidationError } from '../../../../src/domain/errors';

const first = (text: string) => parseTasks(text)[0]!;

describe('toggleTask', () => {
  it('rewrites exactly the one character inside the brackets', () => {
    const text = 'intro\n- [ ] a [Bet: 4h @ 75%]\n';
    const edits = toggleTask(text, first(text));
    expect(edits).toEqual([{ from: 9, to: 10, insert: 'x' }]);
    const ticked = applyEdits(text, edits);
    expect(ticked).toBe('intro\n- [x] a [Bet: 4h @ 75%]\n');
    expect(applyEdits(ticked, toggleTask(ticked, first(ticked)))).toBe(text);
  });

  it('refuses a task read from an older text', () => {
    const text = '- [ ] a';
    const task = first(text);
    expect(() => toggleTask('x' + text, task)).toThrow(StaleEditError);
    expect(() => toggleTask('- [x] a', task)).toThrow(StaleEditError);
  });
});

describe('insertBetToken', () => {
  it('appends a bet at the end of the task text', () => {
    const text = '- [ ] Write it   \n- [ ] other';
    const out = applyEdits(text, insertBetToken(text, first(text), { estimatedHours: 4, confidence: 0.75, id: 'b_1' }));
    expect(out).toBe('- [ ] Write it [Bet: 4h @ 75% #b_1]   \n- [ ] other');
  });

  it('replaces the bet already on the line, even a malformed one', () => {
    for (const old of ['[Bet: 2h @ 50%]', '[Bet: 4x @ 175%]']) {
      const text = `- [ ] Write it ${old} citing: "x"`;
      const out = applyEdits(text, insertBetToken(text, first(text), '[Bet: 4h @ 75% -> 3.5h hit]'));
      expect(out).toBe('- [ ] Write it [Bet: 4h @ 75% -> 3.5h hit] citing: "x"');
    }
  });

  it('works on a task with no bet yet and rejects strings that are not one bet', () => {
    const text = '- [ ] a';
    expect(applyEdits(text, insertBetToken(text, first(text), '[Bet: 1h @ 50%]'))).toBe('- [ ] a [Bet: 1h @ 50%]');
    expect(() => insertBetToken(text, first(text), '[Bet: 1x @ 50%]')).toThrow(ValidationError);
    expect(() => insertBetToken(text, first(text), '[Bet: 1h @ 50%] extra')).toThrow(ValidationError);
  });
});

describe('replaceToken', () => {
  it('replaces the token span and checks it is still there', () => {
    const text = 'a [Bet: 4h @ 75%] b';
    const [tok] = parseTokens(text);
    expect(applyEdits(text, replaceToken(text, tok!, '[Bet: 4h @ 75% -> abandoned]'))).toBe('a [Bet: 4h @ 75% -> abandoned] b');
    expect(() => replaceToken('ab [Bet: 4h @ 75%] b', tok!, 'x')).toThrow(StaleEditError);
  });
});

describe('insertEvidenceUnderTask', () => {
  it('adds a child item after the existing children, at the content column', () => {
    const text = '- [ ] a\n  - [ ] child\n    more\n\n- [ ] b';
    const out = applyEdits(text, insertEvidenceUnderTask(text, first(text), 'r_1'));
    expect(out).toBe('- [ ] a\n  - [ ] child\n    more\n  - [Evidence: r_1]\n\n- [ ] b');
    expect(insertEvidenceUnderTask(out, first(out), 'r_1')).toEqual([]);
  });

  it('indents under numbered items, at the end of the document, and keeps CRLF', () => {
    // A list that starts at 10 cannot interrupt a paragraph (CommonMark): the blank line makes it one.
    expect(parseTasks('x\r\n10. [ ] a')).toEqual([]);
    const text = 'x\r\n\r\n10. [ ] a';
    const t = parseTasks(text)[0]!;
    expect(applyEdits(text, insertEvidenceUnderTask(text, t, 'r_2'))).toBe('x\r\n\r\n10. [ ] a\r\n    - [Evidence: r_2]');
    expect(() => insertEvidenceUnderTask(text, t, 'two words')).toThrow(ValidationError);
  });
});

describe('formatters', () => {
  it('write tokens that parse back to the same values', () => {
    const grid = fc.record({
      estimatedHours: fc.integer({ min: 1, max: 4000 }).map((x) => x / 4),
      confidence: fc.integer({ min: 1, max: 999 }).map((x) => x / 1000),
      status: fc.constantFrom('hit', 'miss', 'abandoned', undefined),
      ratio: fc.integer({ min: 1, max: 40 }).map((x) => x / 10),
      id: fc.option(fc.stringMatching(/^[a-z0-9_]{1,12}$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(grid, ({ estimatedHours, confidence, status, ratio, id }) => {
        const actual = Math.round(estimatedHours * ratio * 4) / 4 || 0.25;
        const outcome =
          status === undefined ? undefined : status === 'abandoned' ? { status } : { status: actual <= estimatedHours ? 'hit' as const : 'miss' as const, actualHours: actual };
        const raw = formatBetToken({ estimatedHours, confidence, ...(outcome ? { outcome } : {}), ...(id ? { id } : {}) });
        const [tok] = parseTokens(raw);
        expect(tok).toMatchObject({ kind: 'bet', estimatedHours, confidence, raw });
        if (id) expect(tok).toMatchObject({ id });
        if (outcome) expect(tok).toMatchObject({ outcome });
      }),
      { seed: 99, numRuns: 1000 },
    );
  }, 120_000);

  it('format bets with ranges, nudges and pass rates as the docs show', () => {
    expect(formatBetToken({ estimatedHours: 4, confidence: 0.75, quantiles: [{ hours: 6, p: 0.8 }, { hours: 4, p: 0.5 }] })).toBe('[Bet: 4h @ 75%, 6h @ 80%]');
    expect(formatBetToken({ estimatedHours: 1 / 3, confidence: 0.9999 })).toBe('[Bet: 0.33h @ 99.9%]');
    expect(() => formatBetToken({ estimatedHours: 4, confidence: 0.75, quantiles: [{ hours: 6, p: 0.5 }] })).toThrow(ValidationError);
    expect(() => formatBetToken({ estimatedHours: 0, confidence: 0.5 })).toThrow(ValidationError);
    expect(() => formatBetToken({ estimatedHours: 1, confidence: 1 })).toThrow(ValidationError);
    expect(formatNudgeToken('add type hints', 25)).toBe('[Nudge: "add type hints" -> +25%]');
    expect(formatNudgeToken('use "global" state', -35.04)).toBe('[Nudge: "use \\"global\\" state" -> -35%]');
    expect(parseTokens(formatNudgeToken('use "global" state', -35))[0]).toMatchObject({ label: 'use "global" state', pp: -35 });
    expect(() => formatNudgeToken('', 5)).toThrow(ValidationError);
    expect(formatPassRate(0.95, 100)).toBe('95% pass (n=100)');
    expect(parseTokens(formatPassRate(2 / 3, 3))[0]).toMatchObject({ kind: 'passRate', rate: 0.667, n: 3 });
    expect(() => formatPassRate(0.5, 0)).toThrow(ValidationError);
  });
});

describe('applyEdits', () => {
  it('applies disjoint edits given in any order, like applying them back to front', () => {
    const arb = fc.string({ maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.tuple(fc.nat(text.length), fc.nat(6), fc.string({ maxLength: 4 })), { maxLength: 8 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([text, raw]) => {
        // Strictly separated edits (two insertions at one offset apply in the order given, a
        // case tested on its own), built left to right and then handed over reversed.
        const edits: TextEdit[] = [];
        let at = 0;
        for (const [gap, len, insert] of [...raw].sort((a, b) => a[0] - b[0])) {
          const from = Math.max(edits.length ? at + 1 : 0, gap);
          if (from > text.length) break;
          const to = Math.min(text.length, from + len);
          edits.push({ from, to, insert });
          at = to;
        }
        let expected = text;
        for (const e of [...edits].reverse()) expected = expected.slice(0, e.from) + e.insert + expected.slice(e.to);
        expect(applyEdits(text, [...edits].reverse())).toBe(expected);
      }),
      { seed: 5, numRuns: 1000 },
    );
  }, 120_000);

  it('rejects overlapping or out-of-range edits', () => {
    expect(() => applyEdits('abcdef', [{ from: 1, to: 4, insert: '' }, { from: 3, to: 5, insert: '' }])).toThrow(ValidationError);
    expect(() => applyEdits('abc', [{ from: 2, to: 9, insert: '' }])).toThrow(ValidationError);
    expect(applyEdits('abc', [{ from: 1, to: 2, insert: 'X' }, { from: 1, to: 1, insert: '<' }])).toBe('a<Xc');
  });
});
