import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * After `vite build`, prints what each page costs a first visit: the gzip size of the core
 * (the entry chunk and every chunk it imports statically: what every page loads) and of each
 * page (its route chunk and the static imports it adds to the core). Chunks loaded later on
 * demand (the editor, the command bar's grammar, a code language) are not counted; workers
 * are apart. `npm run bench` measures the same in a browser, workers included.
 */
export function pageSizes(): Plugin {
  return {
    name: 'metacompiler:page-sizes',
    apply: 'build',
    applyToEnvironment: (env) => env.name === 'client',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { imports: string[]; gzip: number; page?: string; entry: boolean }>();
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        const page = out.isDynamicEntry ? /\/src\/ui\/routes\/.+\/(\w+Page)\.tsx$/.exec(out.facadeModuleId ?? '')?.[1] : undefined;
        chunks.set(out.fileName, { imports: out.imports, gzip: gzipSync(out.code).length, page, entry: out.isEntry });
      }
      const closure = (roots: string[]): Set<string> => {
        const seen = new Set<string>();
        const visit = (f: string) => {
          if (seen.has(f) || !chunks.has(f)) return;
          seen.add(f);
          chunks.get(f)?.imports.forEach(visit);
        };
        roots.forEach(visit);
        return seen;
      };
      const kB = (files: Iterable<string>) => [...files].reduce((a, f) => a + (chunks.get(f)?.gzip ?? 0), 0) / 1000;
      const core = closure([...chunks].filter(([, c]) => c.entry).map(([f]) => f));
      const rows = [`  core (every page)    ${kB(core).toFixed(1).padStart(6)} kB in ${core.size} files`];
      const pages = [...chunks].filter(([, c]) => c.page).sort(([, a], [, b]) => (a.page ?? '').localeCompare(b.page ?? ''));
      for (const [file, c] of pages) {
        const own = [...closure([file])].filter((f) => !core.has(f));
        rows.push(`  ${(c.page ?? '').padEnd(20)} ${kB(own).toFixed(1).padStart(6)} kB more in ${own.length} files, ${(kB(core) + kB(own)).toFixed(1).padStart(6)} kB with the core`);
      }
      this.environment.logger.info(`\nFirst load, gzip (scripts before a page renders; lazy chunks and workers apart):\n${rows.join('\n')}\n`);
    },
  };
}
