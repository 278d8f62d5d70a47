import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { freshDatabase } from './specsSupport';
import { createSpec } from '../../../src/services/specs';
import { exportAllZip, exportSpecMarkdown, importMarkdownAsNew, importMarkdownInto } from '../../../src/services/specs/files';
import { titleForImport, uniqueFileNames } from '../../../src/domain/linkedFolder/fileNames';
import { readSpecText } from '../../../src/sync/specSession';

let db: ReturnType<typeof freshDatabase>;
beforeEach(() => (db = freshDatabase()));
afterEach(() => db.drop());

const bytes = (s: string) => new TextEncoder().encode(s);
const TRICKY = '\uFEFF# Tricky\r\n- [ ] crlf line\r\n- [x] emoji 🎯 and é\n\ttab\nno final newline';

describe('Markdown files', () => {
  it('export then import as a new spec gives the same bytes (BOM, CRLF, emoji, no final newline)', async () => {
    const original = bytes(TRICKY);
    const imported = await importMarkdownAsNew('tricky.md', original);
    expect(imported.title).toBe('Tricky');
    const out = await exportSpecMarkdown(imported);
    expect(out.name).toBe('Tricky.md');
    expect(Array.from(out.bytes)).toEqual(Array.from(original));
  });

  it('imports into an existing spec as small edits that end on the file exactly', async () => {
    const spec = await createSpec('Target', '# Target\n- [ ] a\n- [ ] b\n');
    const next = '# Target\n- [x] a\n- [ ] b\n- [ ] c\n';
    expect(await importMarkdownInto(spec.id, 'target.md', bytes(next))).toBe(2);
    expect(await readSpecText(spec.id)).toBe(next);
    expect(await importMarkdownInto(spec.id, 'target.md', bytes(next))).toBe(0);
  });

  it('refuses a file that is not UTF-8, naming it', async () => {
    await expect(importMarkdownAsNew('latin1.md', new Uint8Array([0x23, 0x20, 0xe9, 0x0a]))).rejects.toThrow(/latin1\.md: is not UTF-8/);
  });

  it('exports every spec into one zip with safe, distinct file names', async () => {
    const a = await createSpec('Plan: v2/alpha', 'A\n');
    const b = await createSpec('plan- v2-alpha', 'B\n');
    const zip = await exportAllZip([a, b], new Date('2025-01-02T00:00:00Z'));
    expect(zip.name).toBe('metacompiler-specs-2025-01-02.zip');
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files)).toEqual(['Plan- v2-alpha.md', 'plan- v2-alpha (2).md']);
    expect(new TextDecoder().decode(files['Plan- v2-alpha.md'])).toBe('A\n');
  });

  it('names files and imported specs sensibly', () => {
    expect(uniqueFileNames(['con', ' . dots . ', 'x'.repeat(150)])).toEqual(['spec con.md', 'dots.md', `${'x'.repeat(100)}.md`]);
    expect(titleForImport('notes.markdown', 'no heading')).toBe('notes');
    expect(titleForImport('a.md', 'intro\n#  The Title ##\n')).toBe('The Title');
  });
});
