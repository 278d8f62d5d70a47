import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { applyEdits } from '../../../src/domain/spec/edits';
import { editsBetween } from '../../../src/domain/spec/lineEdits';
import { applyTextEdits } from '../../../src/sync/textEdits';
import { applyTextDiff } from '../../../src/sync/textDiff';

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

  it('edits a run of changed lines line by line, so text between the changes is left alone', () => {
    expect(editsBetween('- [ ] a\n- [ ] b\n', '- [x] a\n- [x] b\n')).toEqual([
      { from: 3, to: 4, insert: 'x' },
      { from: 11, to: 12, insert: 'x' },
    ]);
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

/** Two replicas of one document, exchanging their updates both ways. */
function pair(start: string) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getText('markdown').insert(0, start);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  return { a: a.getText('markdown'), b: b.getText('markdown'), sync, destroy: () => (a.destroy(), b.destroy()) };
}

describe('applyTextDiff', () => {
  it('restores a long document with thousands of changed lines and keeps a concurrent edit made elsewhere', () => {
    const lines = Array.from({ length: 8000 }, (_, i) => `- [ ] task ${i}\n`);
    const now = lines.join('');
    // The checkpoint differs on every other line (8,000 changed lines): far past the old 2,000-edit fallback.
    const checkpoint = lines.map((l, i) => (i % 2 ? l : l.replace('[ ]', '[x]'))).join('');
    const { a, b, sync, destroy } = pair(now);
    const at = b.toString().indexOf('task 4001\n') + 'task 4001'.length;
    b.insert(at, ' (typed meanwhile)');
    const { edits, text } = applyTextDiff(a, checkpoint);
    expect(text).toBe(checkpoint);
    expect(edits).toHaveLength(4000);
    expect(edits.every((e) => e.to - e.from === 1 && e.insert === 'x')).toBe(true);
    sync();
    expect(a.toString()).toBe(b.toString());
    expect(a.toString()).toContain('- [ ] task 4001 (typed meanwhile)\n');
    expect(a.toString().replace(' (typed meanwhile)', '')).toBe(checkpoint);
    destroy();
  });

  it('merges the text of a changed file with typing in a line the file did not change', () => {
    const { a, b, sync, destroy } = pair('# Spec\n\n- [ ] one\n- [ ] two\n');
    b.insert(b.toString().indexOf('two') + 3, ' and a half');
    applyTextDiff(a, '# Spec, renamed\n\n- [ ] one\n- [ ] two\n- [ ] three\n');
    sync();
    expect(b.toString()).toBe('# Spec, renamed\n\n- [ ] one\n- [ ] two and a half\n- [ ] three\n');
    expect(a.toString()).toBe(b.toString());
    destroy();
  });

  it('writes one transaction, and nothing when the text already reads the target', () => {
    const doc = new Y.Doc();
    const text = doc.getText('markdown');
    text.insert(0, 'a\nb\nc\n');
    let transactions = 0;
    let changes = 0;
    doc.on('afterTransaction', () => transactions++);
    text.observe(() => changes++);
    applyTextDiff(text, 'A\nb\nC\n');
    expect([transactions, changes, text.toString()]).toEqual([1, 1, 'A\nb\nC\n']);
    expect(applyTextDiff(text, 'A\nb\nC\n').edits).toEqual([]);
    expect(changes).toBe(1);
    doc.destroy();
  });
});
