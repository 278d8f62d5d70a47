import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

/**
 * The build the journeys run against is started from inside vitest, which sets NODE_ENV=test:
 * exactly the setting that once made `vite build` resolve solid-js to its development build.
 * Solid's development build tags every component with this symbol description; the
 * production build's code for it is tree-shaken away.
 */
const DEV_MARK = 'solid-dev-component';

describe('the production build', () => {
  it("ships Solid's production build, not its development build", () => {
    const assets = join(inject('outDir'), 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    // Solid's DOM renderer is somewhere in these chunks (its `template` clones a parsed node).
    expect(scripts.some((f) => readFileSync(join(assets, f), 'utf8').includes('document.importNode('))).toBe(true);
    const dev = scripts.filter((f) => readFileSync(join(assets, f), 'utf8').includes(DEV_MARK));
    expect(dev).toEqual([]);
  });
});
