import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// Proves the floor rules bite: a wrong-way import in a file of each floor is a lint error.
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const wrongWay: [string, string][] = [
  ['src/domain/learning/bad.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
  ['src/domain/spec/bad.ts', "import * as Y from 'yjs';\nexport const x = Y;\n"],
  ['src/domain/betting/bad.ts', "import { createSignal } from 'solid-js';\nexport const x = createSignal;\n"],
  ['src/domain/evidence/bad.ts', "import { db } from '../../store/db';\nexport const x = db;\n"],
  ['src/ui/routes/bad.tsx', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
  ['src/ui/components/bad.ts', "import { WebrtcProvider } from 'y-webrtc';\nexport const x = WebrtcProvider;\n"],
  ['src/ui/components/bad2.ts', "import { db } from '../../store/db';\nexport const x = db;\n"],
  ['src/sync/bad.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
  ['src/services/bad.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
  ['workers/bad.worker.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n"],
];

describe('the floors of ARCHITECTURE.md are enforced by lint', () => {
  it.each(wrongWay)('%s: a wrong-way import fails lint', async (file, code) => {
    const errors = await errorsFor(file, code);
    expect(errors.some((e) => e.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('allows the right-way imports', async () => {
    expect(await errorsFor('src/store/ok.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n")).toEqual([]);
    expect(await errorsFor('src/sync/ok.ts', "import * as Y from 'yjs';\nexport const x = Y;\n")).toEqual([]);
    expect(await errorsFor('src/ui/ok.ts', "import { createSignal } from 'solid-js';\nexport const x = createSignal;\n")).toEqual([]);
    expect(await errorsFor('src/domain/learning/ok.ts', "import { newId } from '../ids';\nexport const x = newId;\n")).toEqual([]);
  });
});
