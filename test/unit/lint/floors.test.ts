import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { FLOORS } from '../../../lint/floors.js';

// Proves each floor's allow-list bites: in a file of every floor, an import of a package or a
// folder that is not on that floor's list is a lint error, and everything on it is not.
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

/** A file that lies on the floor: the named file, or a new one in the floor's first folder glob. */
function fileOn(files: readonly string[]): string {
  const glob = files[0]!;
  return glob.includes('*') ? glob.replace(/\*\*\/\*\.\{?ts.*$|\*\*\/\*\.ts$/, 'floorProbe.ts') : glob;
}

/** The import path from `file` to a repository path (folder or module). */
function relative(file: string, target: string): string {
  const from = file.split('/').slice(0, -1);
  const to = target.replace(/\.tsx?$/, '').split('/');
  let common = 0;
  while (common < from.length && from[common] === to[common]) common++;
  const up = from.length - common;
  return (up === 0 ? './' : '../'.repeat(up)) + to.slice(common).join('/');
}

const importOf = (source: string) => `import * as probe from '${source}';\nexport const x = probe;\n`;
const ALL_FOLDERS = ['src/ui', 'src/services', 'src/store', 'src/sync', 'src/learner', 'src/ledgerClient', 'src/compile', 'src/domain', 'workers'];

describe('each floor imports only what its allow-list names (eslint.config.js FLOORS)', () => {
  it.each(FLOORS.map((f) => [f.name, f] as const))('%s: an unlisted package fails lint, each listed one passes', async (_name, floor) => {
    const file = fileOn(floor.files);
    const errors = await errorsFor(file, importOf('left-pad'));
    expect(errors).toEqual([expect.stringMatching(/^floors\/allowed-imports: .* may not import the package 'left-pad'/)]);
    for (const name of floor.packages) {
      // A package is named by its scope and name: its sub-paths and Vite's ?suffixes are the package too.
      const source = name.startsWith('virtual:') ? name : `${name}/sub?worker`;
      expect(await errorsFor(file, importOf(source)), name).toEqual([]);
    }
  });

  it.each(FLOORS.map((f) => [f.name, f] as const))('%s: an unlisted folder fails lint, each listed one passes', async (_name, floor) => {
    const file = fileOn(floor.files);
    const outside = ALL_FOLDERS.filter((d) => !floor.folders.some((f) => f === d || f.startsWith(d + '/')));
    expect(outside.length).toBeGreaterThan(0);
    for (const folder of outside) {
      const errors = await errorsFor(file, importOf(relative(file, `${folder}/anything`)));
      expect(errors, `${floor.name} importing ${folder}`).toEqual([expect.stringMatching(/^floors\/allowed-imports: .* may not import/)]);
    }
    for (const folder of floor.folders) {
      const target = /\.tsx?$/.test(folder) ? folder : `${folder}/anything`;
      expect(await errorsFor(file, importOf(relative(file, target))), `${floor.name} importing ${target}`).toEqual([]);
    }
  });

  it('checks re-exports, dynamic imports and type-only imports too', async () => {
    expect(await errorsFor('src/domain/probe.ts', "export { x } from 'dexie';\n")).toHaveLength(1);
    expect(await errorsFor('src/domain/probe.ts', "export const load = () => import('yjs');\n")).toHaveLength(1);
    expect(await errorsFor('src/ui/probe.ts', "import type { Run } from '../domain/evidence/run';\nexport type R = Run;\n")).toHaveLength(1);
  });

  it('keeps the UI off the domain except its formatting helpers and error classes', async () => {
    expect(await errorsFor('src/ui/routes/probe.tsx', importOf('../../domain/spec/tasks'))).toHaveLength(1);
    expect(await errorsFor('src/ui/routes/probe.tsx', importOf('../../domain/spec/format'))).toEqual([]);
    expect(await errorsFor('src/ui/routes/probe.tsx', importOf('../../domain/errors'))).toEqual([]);
  });

  it('keeps browser storage out of components', async () => {
    expect(await errorsFor('src/ui/routes/probe.tsx', "export const m = localStorage.getItem('k');\n")).toEqual([
      expect.stringMatching(/^no-restricted-globals: .*go through src\/services/),
    ]);
    expect(await errorsFor('src/ui/routes/probe.tsx', "export const m = window.sessionStorage;\n")).toHaveLength(1);
    expect(await errorsFor('src/services/probe.ts', "export const m = localStorage.getItem('k');\n")).toEqual([]);
  });

  it('names only packages the project depends on', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    // Types-only modules come from @types; virtual modules from the Vite plugin that makes them.
    const provider = (name: string) => (name.startsWith('virtual:pwa') ? 'vite-plugin-pwa' : declared.has(name) ? name : `@types/${name}`);
    for (const floor of FLOORS) for (const name of floor.packages) expect(declared.has(provider(name)), `${floor.name}: ${name}`).toBe(true);
  });
});
