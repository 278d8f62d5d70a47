import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOORS } from '../../../lint/floors.js';
import { BEGIN, END, floorsDiagram, withDiagram, workerEntries } from '../../../lint/floorsDiagram.js';
import type { Floor } from '../../../lint/floors';

// The README's architecture picture is the lint rules drawn: it must equal what lint/floors.js
// draws now, and the drawing must follow every change to the lists.
const readme = readFileSync('README.md', 'utf8');
const copy = (): Floor[] => FLOORS.map((f) => ({ ...f, files: [...f.files], packages: [...f.packages], folders: [...f.folders] }));
const floor = (floors: Floor[], name: string): Floor => floors.find((f) => f.name === name)!;

describe('the README architecture diagram', () => {
  it('is the drawing of the floors in lint/floors.js and the worker entry points in workers/', () => {
    const block = readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END)).trim();
    expect(block, 'run `node lint/floorsDiagram.js --write`').toBe(floorsDiagram(FLOORS, workerEntries()));
    expect(block).toContain('flowchart TD');
    for (const worker of workerEntries()) expect(block).toContain(worker);
  });

  it('draws an arrow for each allowed floor and loses it when the list loses the folder', () => {
    const floors = copy();
    expect(floorsDiagram(floors, [])).toContain('  store --> domain');
    floor(floors, 'store').folders = ['src/store'];
    expect(floorsDiagram(floors, [])).not.toContain('store --> domain');
  });

  it('labels an arrow with the modules when only part of a floor is allowed', () => {
    const floors = copy();
    expect(floorsDiagram(floors, [])).toContain('ui -->|"src/domain/spec/format.ts, src/domain/errors.ts"| domain');
    floor(floors, 'ui').folders.push('src/domain');
    expect(floorsDiagram(floors, [])).toContain('  ui --> domain');
  });

  it('shows the packages of a floor and a new worker entry point', () => {
    const floors = copy();
    floor(floors, 'domain').packages.push('left-pad');
    const drawn = floorsDiagram(floors, ['learner.worker.ts', 'new.worker.ts', 'import.worker.ts']);
    expect(drawn).toMatch(/domain\[".*left-pad.*"\]/);
    expect(drawn).toMatch(/workers\[".*learner\.worker\.ts, new\.worker\.ts<br\/>/);
  });

  it('refuses a folder that is on no floor, and a README without the block', () => {
    const floors = copy();
    floor(floors, 'store').folders.push('scripts');
    expect(() => floorsDiagram(floors, [])).toThrow(/store may import scripts, which is on no floor/);
    expect(() => withDiagram('# no diagram here', 'x')).toThrow(/has no block/);
    expect(withDiagram(`a\n${BEGIN}\nold\n${END}\nb`, 'new')).toBe(`a\n${BEGIN}\nnew\n${END}\nb`);
  });
});
