import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeText, rebaseEdits } from '../../../../src/domain/linkedFolder/merge';
import { intentEdits } from '../../../../src/domain/linkedFolder/intentEdits';
import { applyEdits } from '../../../../src/domain/spec/edits';

/** The merge as the link applies it: the file's edits since the base, rebased onto the app's text. */
function merge(base: string, app: string, file: string): { text: string; conflicts: number } {
  const { text, conflicts } = mergeText(base, app, file);
  return { text, conflicts };
}

const BASE = '# Plan\n\n- [ ] parse input\n- [ ] write output\n- [ ] ship it\n';

describe('three-way merge of a linked file', () => {
  it('takes the file when only the file changed', () => {
    const file = BASE.replace('write output', 'write the output file');
    expect(merge(BASE, BASE, file)).toEqual({ text: file, conflicts: 0 });
  });

  it('keeps the app text and adds nothing when only the app changed', () => {
    const app = BASE.replace('- [ ] ship', '- [x] ship');
    const r = rebaseEdits(BASE, intentEdits(BASE, app), intentEdits(BASE, BASE));
    expect(r).toEqual({ edits: [], conflicts: 0 });
  });

  it('keeps both when both changed different lines', () => {
    const app = BASE.replace('- [ ] parse', '- [x] parse');
    const file = BASE.replace('ship it', 'ship it on Friday') + '- [ ] celebrate\n';
    expect(merge(BASE, app, file)).toEqual({
      text: '# Plan\n\n- [x] parse input\n- [ ] write output\n- [ ] ship it on Friday\n- [ ] celebrate\n',
      conflicts: 0,
    });
  });

  it('keeps both when both changed different parts of one line', () => {
    const app = BASE.replace('- [ ] write output', '- [x] write output');
    const file = BASE.replace('write output', 'write output [Bet: 2h @ 70%]');
    expect(merge(BASE, app, file).text).toContain('- [x] write output [Bet: 2h @ 70%]\n');
    expect(merge(BASE, app, file).conflicts).toBe(0);
  });

  it('applies the same change made on both sides once', () => {
    const both = BASE.replace('ship it', 'ship it today').replace('# Plan', '# Plan v2');
    expect(merge(BASE, both, both)).toEqual({ text: both, conflicts: 0 });
    // The same edit on both sides plus one more on each side, on other lines.
    const app = both.replace('parse input', 'parse the input');
    const file = both + '- [ ] tell the team\n';
    expect(merge(BASE, app, file)).toEqual({ text: app + '- [ ] tell the team\n', conflicts: 0 });
  });

  it('sees one change where one side made it and the other made it and added a line next to it', () => {
    const base = '# Plan\n- [ ] a\n';
    expect(merge(base, '# Plan\n- [x] a\n- [ ] b\n', '# Plan\n- [x] a\n')).toEqual({ text: '# Plan\n- [x] a\n- [ ] b\n', conflicts: 0 });
    expect(merge(base, '# Plan\n- [x] a\n- [ ] b\n', '# Plan\n- [ ] a\n- [ ] b\n')).toEqual({ text: '# Plan\n- [x] a\n- [ ] b\n', conflicts: 0 });
    // The added line goes before the changed one: the changed line is paired with its look-alike.
    const docs = '# Plan\n- [ ] write docs\n';
    expect(merge(docs, '# Plan\n- [ ] plan the release\n- [x] write docs\n', '# Plan\n- [x] write docs\n')).toEqual({
      text: '# Plan\n- [ ] plan the release\n- [x] write docs\n',
      conflicts: 0,
    });
  });

  it('keeps both versions of a line the two sides changed differently, the app first', () => {
    const app = BASE.replace('write output', 'write JSON output');
    const file = BASE.replace('write output', 'write CSV output');
    expect(merge(BASE, app, file)).toEqual({
      text: '# Plan\n\n- [ ] parse input\n- [ ] write JSON output\n- [ ] write CSV output\n- [ ] ship it\n',
      conflicts: 1,
    });
  });

  it('loses nothing when one side deletes a line the other changed', () => {
    const app = BASE.replace('- [ ] write output\n', '');
    const file = BASE.replace('write output', 'write output twice');
    const r = merge(BASE, app, file);
    expect(r.text).toBe('# Plan\n\n- [ ] parse input\n- [ ] write output twice\n- [ ] ship it\n');
    expect(r.conflicts).toBe(1);
  });

  it('keeps both lines appended at the end by each side', () => {
    expect(merge(BASE, BASE + '- [ ] from the app\n', BASE + '- [ ] from the file\n')).toEqual({
      text: BASE + '- [ ] from the app\n- [ ] from the file\n',
      conflicts: 1,
    });
  });

  it('merges CRLF files with CRLF line breaks and keeps every "\\r"', () => {
    const base = BASE.replace(/\n/g, '\r\n');
    const app = base.replace('- [ ] parse', '- [x] parse');
    const file = base.replace('ship it', 'ship it now') + '- [ ] added in the editor\r\n';
    expect(merge(base, app, file).text).toBe(
      '# Plan\r\n\r\n- [x] parse input\r\n- [ ] write output\r\n- [ ] ship it now\r\n- [ ] added in the editor\r\n',
    );
    // A conflict at the end of a CRLF file without a final line break is separated by CRLF.
    const b = 'a\r\nlast';
    expect(merge(b, 'a\r\nlast (app)', 'a\r\nlast (file)')).toEqual({ text: 'a\r\nlast (app)\r\nlast (file)', conflicts: 1 });
  });

  it('never splits an emoji', () => {
    const base = 'goal 🎯 here\n';
    const r = merge(base, 'goal 🎯 there\n', 'goal 🎉 here\n');
    expect(r.text).toBe('goal 🎉 there\n');
  });

  it('with random edits: identities hold and the result is well formed (seeded)', () => {
    const line = fc.constantFrom('a', 'b', 'c', '- [ ] x', '- [x] y', '', '🎯', 'a\r');
    const text = fc.array(line, { maxLength: 8 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, text, text, (base, app, file) => {
        // The edits each side made, applied to the base, give that side back exactly.
        expect(applyEdits(base, intentEdits(base, app))).toBe(app);
        const r = merge(base, app, file);
        if (app === base) expect(r.text).toBe(file);
        if (file === base || file === app) expect(r.text).toBe(app);
        // Without a conflict the order of the sides does not matter: the same text either way.
        if (r.conflicts === 0) expect(merge(base, file, app).text).toBe(r.text);
      }),
      { seed: 20, numRuns: 2000 },
    );
  });
});
