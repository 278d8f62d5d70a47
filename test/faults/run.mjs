// `npm run test:faults`: the full fault suite of issue 8 ("Nothing lost"), FULL=1 everywhere:
// 10,000 hostile inputs per parser, more kill points, every fault-injection journey in Chromium.
// `npm test` runs the same files in their quick form. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, FULL: '1' };
const tmp = '.tmp';
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;

function vitest(name, args) {
  const out = `${tmp}/faults-${name.split(':')[0]}.json`;
  rmSync(out, { force: true });
  console.log(`\n▶ ${name} (FULL=1)`);
  spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { stdio: 'inherit', env });
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const loadErrors = (r.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + loadErrors + skipped + ((r.numPassedTests ?? 0) === 0 ? 1 : 0);
  } catch {
    failed++;
    console.log(`${name}: the runner produced no report`);
  }
}

vitest('unit: hostile input and recovery', [
  'test/unit/faults',
  'test/unit/backup',
  'test/unit/domain/evidence/import/hostile.property.test.ts',
  'test/unit/sync/convergence.test.ts',
]);
vitest('e2e: fault journeys', ['--config', 'test/e2e/vitest.config.ts', 'test/e2e/faults']);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
