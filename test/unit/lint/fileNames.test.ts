import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the README's naming convention true: folders and modules in camelCase, Solid components
 * (.tsx) in PascalCase, a component's stylesheet named after it. What follows the first dot
 * (`.test.ts`, `.e2e.ts`, `.worker.ts`, `.d.ts`) is a role, not part of the name. Fixtures keep
 * the names the tools that write them give them.
 */
const ROOTS = ['src', 'workers', 'test', 'lint', 'build'];
const LEFT_ALONE = new Set(['test/fixtures']);
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const PASCAL = /^[A-Z][a-zA-Z0-9]*$/;

/** Why a path breaks the convention, or undefined when it keeps it. */
function namingProblem(path: string, siblings: readonly string[]): string | undefined {
  const parts = path.split('/');
  const file = parts.pop()!;
  const folder = parts.find((p) => !CAMEL.test(p));
  if (folder) return `folder '${folder}' is not camelCase`;
  const dot = file.indexOf('.');
  const name = dot < 0 ? file : file.slice(0, dot);
  const role = dot < 0 ? '' : file.slice(dot);
  if (CAMEL.test(name)) return undefined;
  if (PASCAL.test(name) && role.endsWith('.tsx')) return undefined;
  if (PASCAL.test(name) && role === '.css' && siblings.includes(`${name}.tsx`)) return undefined;
  return `'${name}' is neither camelCase nor a component's PascalCase name`;
}

function filesUnder(dir: string): { path: string; siblings: string[] }[] {
  if (LEFT_ALONE.has(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true });
  const names = entries.map((e) => e.name);
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [{ path: join(dir, e.name), siblings: names }]));
}

describe('file names follow one convention', () => {
  it('the rule tells the convention from its breaches', () => {
    expect(namingProblem('src/domain/scars/scarLog.ts', [])).toBeUndefined();
    expect(namingProblem('src/ui/routes/priors/PriorsPage.tsx', [])).toBeUndefined();
    expect(namingProblem('src/ui/components/ImportChip.css', ['ImportChip.tsx'])).toBeUndefined();
    expect(namingProblem('test/unit/domain/spec/tokens.property.test.ts', [])).toBeUndefined();
    expect(namingProblem('src/domain/scars/scar-log.ts', [])).toMatch(/scar-log/);
    expect(namingProblem('src/domain/scars/scar_log.ts', [])).toMatch(/scar_log/);
    expect(namingProblem('src/domain/Scars/log.ts', [])).toMatch(/folder 'Scars'/);
    expect(namingProblem('src/domain/spec/Markdown.ts', [])).toMatch(/Markdown/);
    expect(namingProblem('src/ui/Orphan.css', [])).toMatch(/Orphan/);
  });

  it('every file of src, workers, test, lint and build keeps it', () => {
    const files = ROOTS.flatMap(filesUnder);
    expect(files.length).toBeGreaterThan(300);
    const problems = files.flatMap(({ path, siblings }) => {
      const problem = namingProblem(path, siblings);
      return problem ? [`${path}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
