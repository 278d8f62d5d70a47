// The table `npm run bench` ends with: every measure of issue 15 as measured in this run,
// beside its target. A row whose target is missed is marked MISSED and makes the run exit 1;
// a row not measured in this run (left out with --only) says so and decides nothing.

export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
export const ratio = (r) => `${r.toFixed(2)}x`;

/** A row: `now` is what was measured (text), `ok` whether the target holds (undefined: not measured). */
export function row(measure, target, now, ok) {
  return { measure, target, now: now ?? 'not measured in this run', ok };
}

export function printTable(rows) {
  const w = [0, 0, 0];
  for (const r of rows) [r.measure, r.now, r.target].forEach((t, i) => (w[i] = Math.max(w[i], t.length)));
  const line = (a, b, c, d) => `${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${c.padEnd(w[2])}  ${d}`;
  console.log('');
  console.log(line('measure', 'now', 'target', ''));
  console.log(line('-'.repeat(w[0]), '-'.repeat(w[1]), '-'.repeat(w[2]), '------'));
  for (const r of rows) console.log(line(r.measure, r.now, r.target, r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'));
  const missed = rows.filter((r) => r.ok === false).length;
  console.log(`\n${missed === 0 ? 'Every measured target holds.' : `${missed} target(s) missed.`}`);
  return missed;
}
