import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { applyEdits } from '../../../src/domain/spec/edits';
import { editsBetween } from '../../../src/sync/textDiff';
import { applyTextEdits } from '../../../src/sync/textEdits';

const PIECES = ['a', 'b', 'line', '\n', '\r\n', '\r', ' ', '- [ ] t', '- [x] t', '🎯', '😀', 'é', '[Bet: 4h @ 75%]', ''];
const texts = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

describe('editsBetween', () => {
  it('turns one text into the other exactly, with sorted disjoint edits', () => {
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        const edits = editsBetween(a, b);
        expect(applyEdits(a, edits)).toBe(b);
        for (let i = 1; i < edits.length; i++) expect(edits[i]!.from).toBeGreaterThanOrEqual(edits[i - 1]!.to);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('keeps every byte through a Y.Text, emoji and CRLF included', () => {
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        const doc = new Y.Doc();
        const text = doc.getText('markdown');
        text.insert(0, a);
        applyTextEdits(text, editsBetween(a, b));
        expect(text.toString()).toBe(b);
        doc.destroy();
      }),
      { seed: 6, numRuns: 1000 },
    );
  });

  it('changes one character as one small edit, not a rewritten line', () => {
    expect(editsBetween('- [ ] a\n- [ ] b\n', '- [ ] a\n- [x] b\n')).toEqual([{ from: 11, to: 12, insert: 'x' }]);
    expect(editsBetween('same', 'same')).toEqual([]);
    expect(editsBetween('', 'new\n')).toEqual([{ from: 0, to: 0, insert: 'new\n' }]);
  });

  it('never cuts an emoji in half', () => {
    const edits = editsBetween('x😀y', 'x😃y');
    for (const e of edits) expect([e.from, e.to]).toEqual([1, 3]);
  });
});

describe('applyTextEdits', () => {
  it('applies several edits as one transaction and rejects overlapping ones untouched', () => {
    const doc = new Y.Doc();
    const text = doc.getText('markdown');
    text.insert(0, 'hello world');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    applyTextEdits(text, [
      { from: 6, to: 11, insert: 'there' },
      { from: 0, to: 0, insert: '> ' },
      { from: 5, to: 5, insert: ',' },
    ]);
    expect(text.toString()).toBe('> hello, there');
    expect(transactions).toBe(1);
    expect(() => applyTextEdits(text, [{ from: 0, to: 5, insert: '' }, { from: 3, to: 4, insert: '' }])).toThrow(/overlaps/);
    expect(text.toString()).toBe('> hello, there');
  });
});
