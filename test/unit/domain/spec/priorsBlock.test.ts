import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../../src/domain/spec/edits';
import { injectPriorsEdits } from '../../../../src/domain/spec/priorsBlock';

const BLOCK = '## Learned priors\nDo: add type hints [Nudge: "add type hints" -> +25%]\nAvoid: use global state [Nudge: "use global state" -> -35%]';
const inject = (text: string, block = BLOCK) => applyEdits(text, injectPriorsEdits(text, block));

describe('injecting the learned-priors block into a spec', () => {
  it('appends it after a blank line when the spec has none', () => {
    expect(inject('# Parser\n\n- [ ] Write it\n')).toBe(`# Parser\n\n- [ ] Write it\n\n${BLOCK}\n`);
    expect(inject('# Parser')).toBe(`# Parser\n\n${BLOCK}\n`);
    expect(inject('# Parser\n\n\n')).toBe(`# Parser\n\n${BLOCK}\n`);
    expect(inject('')).toBe(`${BLOCK}\n`);
  });

  it('replaces the body of an existing section and keeps what follows it', () => {
    const text = '# Parser\n\n## Learned priors\nDo: old line [Nudge: "old" -> +5%]\n\n## Tasks\n- [ ] Write it\n';
    expect(inject(text)).toBe(`# Parser\n\n${BLOCK}\n\n## Tasks\n- [ ] Write it\n`);
    // Injecting twice changes nothing more.
    expect(inject(inject(text))).toBe(inject(text));
  });

  it('keeps deeper headings inside the section, ends it at the next level-1 or level-2 heading', () => {
    const text = '## Learned priors\nDo: x [Nudge: "x" -> +5%]\n### Notes\nmine\n# Next\nrest\n';
    expect(inject(text)).toBe(`${BLOCK}\n# Next\nrest\n`);
  });

  it('replaces a section at the end of the document, heading matched without regard to case', () => {
    expect(inject('# P\n\n## learned priors ##\nDo: x [Nudge: "x" -> +5%]\n')).toBe(`# P\n\n${BLOCK}\n`);
  });

  it('ignores a "## Learned priors" line inside fenced code', () => {
    const text = '# P\n\n```md\n## Learned priors\n```\n';
    expect(inject(text)).toBe(`${text}\n${BLOCK}\n`);
  });

  it('keeps the document’s CRLF line breaks', () => {
    expect(inject('# P\r\n\r\n- [ ] A\r\n')).toBe(`# P\r\n\r\n- [ ] A\r\n\r\n${BLOCK.replace(/\n/g, '\r\n')}\r\n`);
  });

  it('refuses an empty block and names the reason', () => {
    expect(() => injectPriorsEdits('# P\n', '')).toThrow(expect.objectContaining({ name: 'NothingToInjectError' }));
  });
});
