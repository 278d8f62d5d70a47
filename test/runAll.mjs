// `npm test`: every check a submission must pass, then one closing line "N passed, N failed".
// Steps: typecheck, lint, unit tests (Node), end-to-end journeys (built app in Chromium).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const tmp = '.tmp';
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function run(cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return { code: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const { code, seconds } = run(cmd, args);
  if (code === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  console.log(`${code === 0 ? '✔' : '✘'} ${name} (${seconds} s)`);
}

function vitest(name, args) {
  const out = `${tmp}/${name}.json`;
  rmSync(out, { force: true });
  console.log(`\n▶ ${name} tests`);
  const { code, seconds } = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    failed++;
    failures.push(`${name}: the runner produced no report (exit ${code})`);
    return;
  }
  const p = report.numPassedTests ?? 0;
  // A file that fails to load (or a failing hook) counts as a failure even when no test in it ran.
  const loadErrors = (report.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  const f = (report.numFailedTests ?? 0) + loadErrors;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  passed += p;
  failed += Math.max(f, code !== 0 && f === 0 ? 1 : 0);
  if (f > 0 || code !== 0) failures.push(`${name} tests`);
  if (skipped > 0) {
    failed += skipped;
    failures.push(`${name}: ${skipped} skipped test(s) count as failed`);
  }
  if (p === 0) {
    failed++;
    failures.push(`${name}: no test ran`);
  }
  console.log(`${name}: ${p} passed, ${f} failed (${seconds} s)`);
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
vitest('unit', []);
vitest('e2e', ['--config', 'test/e2e/vitest.config.ts']);

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
