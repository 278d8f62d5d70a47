// Draws the README's architecture diagram (Mermaid) from the floors' allow-lists, so the picture
// is the lint rules and cannot drift from them: test/unit/lint/floorsDiagram.test.ts compares
// the README's block with this drawing. `node lint/floorsDiagram.js --write` redraws it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FLOORS } from './floors.js';

export const BEGIN = '<!-- floors diagram: drawn from lint/floors.js by `node lint/floorsDiagram.js --write` -->';
export const END = '<!-- end of floors diagram -->';

/** Where a floor's files live: each glob up to its first wildcard (a lone module stays itself). */
function homes(floor) {
  return floor.files.map((glob) => glob.split('/').filter((part, i, all) => !all.slice(0, i + 1).some((p) => p.includes('*'))).join('/'));
}

const inside = (path, home) => path === home || path.startsWith(home + '/');
const id = (name) => name.replace(/[^A-Za-z0-9]+/g, '_');

/** The floor a folder or module belongs to: the one whose home holds it most closely. */
function floorOf(path, floors) {
  let best;
  for (const floor of floors) {
    for (const home of homes(floor)) {
      if (inside(path, home) && (!best || home.length > best.home.length)) best = { floor, home };
    }
  }
  return best?.floor;
}

/** Packages of one scope with several members are written once, as `@scope/*`. */
function shortPackages(packages) {
  const scopes = new Map();
  for (const name of packages) {
    const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
    if (scope) scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
  }
  const out = [];
  for (const name of packages) {
    const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
    const written = scope && scopes.get(scope) > 1 ? `${scope}/*` : name;
    if (!out.includes(written)) out.push(written);
  }
  return out;
}

/**
 * The diagram: a node a floor (its folders and the packages it may import, and for the workers'
 * floor each worker entry point), an arrow for each floor it may import, labelled with the
 * modules or folders when it may import only part of that floor.
 * @param {import('./floors').Floor[]} floors
 * @param {string[]} workerEntries file names of workers/*.worker.ts
 */
export function floorsDiagram(floors, workerEntries) {
  const lines = ['```mermaid', 'flowchart TD'];
  for (const floor of floors) {
    const where = homes(floor).join(', ');
    const entries = floor.name === 'workers' ? workerEntries.filter((f) => !(floor.ignores ?? []).includes(`workers/${f}`)) : [];
    const parts = [`<b>${floor.name}</b>`, where, ...(entries.length ? [entries.join(', ')] : []), `<i>${shortPackages(floor.packages).join(', ') || 'no packages'}</i>`];
    lines.push(`  ${id(floor.name)}["${parts.join('<br/>')}"]`);
  }
  for (const floor of floors) {
    const byTarget = new Map();
    for (const folder of floor.folders) {
      const target = floorOf(folder, floors);
      if (!target) throw new Error(`lint/floors.js: ${floor.name} may import ${folder}, which is on no floor`);
      if (target === floor) continue;
      byTarget.set(target, [...(byTarget.get(target) ?? []), folder]);
    }
    for (const [target, folders] of byTarget) {
      const whole = homes(target).every((home) => folders.includes(home));
      const label = whole ? '' : `|"${folders.join(', ')}"|`;
      lines.push(`  ${id(floor.name)} -->${label} ${id(target.name)}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}

/** The README with its diagram block replaced by `diagram`. */
export function withDiagram(readme, diagram) {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no block between "${BEGIN}" and "${END}"`);
  return `${readme.slice(0, start + BEGIN.length)}\n${diagram}\n${readme.slice(end)}`;
}

export function workerEntries(root = '.') {
  return readdirSync(`${root}/workers`).filter((f) => f.endsWith('.worker.ts')).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const diagram = floorsDiagram(FLOORS, workerEntries());
  if (process.argv.includes('--write')) writeFileSync('README.md', withDiagram(readFileSync('README.md', 'utf8'), diagram));
  else console.log(diagram);
}
