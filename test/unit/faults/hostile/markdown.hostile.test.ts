import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importMarkdownAsNew } from '../../../../src/services/specs/files';
import { readSpecText } from '../../../../src/sync/specSession';
import { db } from '../../../../src/store/db';
import { freshProfile } from '../../backup/profile';
import { attempt, params, SEED, TIMEOUT, WRITE_RUNS } from './support';
import { XSS } from './xss';

const markdownish = fc
  .array(fc.oneof(fc.constantFrom('# ', '## ', '- [ ] ', '- [x] ', '```', '\n', '\r\n', '\t', '[Bet: 4h @ 75%]', '[Nudge: x]', '\uFEFF', '\u0000', ...XSS), fc.string({ maxLength: 30 })), { maxLength: 40 })
  .map((parts) => new TextEncoder().encode(parts.join('')));
const bytes = fc.oneof(fc.uint8Array({ maxLength: 400 }), markdownish);
const names = fc.oneof(fc.constantFrom('spec.md', '.md', '   .md', 'CON.md', '../../etc/passwd', XSS[0]!), fc.string({ maxLength: 40 }));

describe('Markdown files imported as specs, on hostile input', () => {
  it(`create one spec holding exactly the file's text, or throw an app error and create nothing (${WRITE_RUNS} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(names, bytes, async (name, data) => {
        freshProfile();
        const spec = await attempt(() => importMarkdownAsNew(name, data));
        if (spec === undefined) {
          expect(await db().specs.count()).toBe(0);
          return;
        }
        expect(await db().specs.count()).toBe(1);
        expect(await readSpecText(spec.id)).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(data));
      }),
      params(WRITE_RUNS),
    );
  }, TIMEOUT);
});
