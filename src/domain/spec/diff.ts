/**
 * Line diff for checkpoint comparisons: Myers' O(ND) algorithm, which finds a shortest edit
 * script (so the "same" lines form a longest common subsequence). Beyond MAX_D edits the
 * search would need O(D^2) memory, and a diff that large says "rewritten" anyway, so the
 * remainder is reported as removed-then-added (still a correct diff, just not minimal).
 */
export type DiffLine =
  | { op: 'same'; text: string; aLine: number; bLine: number }
  | { op: 'removed'; text: string; aLine: number }
  | { op: 'added'; text: string; bLine: number };

const MAX_D = 2000;

/** Lines split on "\n" ("\r" dropped); an empty text has no lines. Line numbers are 1-based. */
function toLines(s: string): string[] {
  return s === '' ? [] : s.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export function lineDiff(a: string, b: string): DiffLine[] {
  const A = toLines(a);
  const B = toLines(b);
  let pre = 0;
  while (pre < A.length && pre < B.length && A[pre] === B[pre]) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && A[A.length - 1 - suf] === B[B.length - 1 - suf]) suf++;
  const out: DiffLine[] = [];
  for (let i = 0; i < pre; i++) out.push({ op: 'same', text: A[i] ?? '', aLine: i + 1, bLine: i + 1 });
  middle(A, B, pre, A.length - suf, pre, B.length - suf, out);
  for (let k = suf; k > 0; k--) {
    const i = A.length - k;
    const j = B.length - k;
    out.push({ op: 'same', text: A[i] ?? '', aLine: i + 1, bLine: j + 1 });
  }
  return out;
}

/** Myers on A[a0..a1) and B[b0..b1), appending to out. */
function middle(A: string[], B: string[], a0: number, a1: number, b0: number, b1: number, out: DiffLine[]): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_D) && found === -1; d++) {
    // Only diagonals -d..d can be read back for this round; keeping just those bounds memory.
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[off + k - 1] ?? 0) < (v[off + k + 1] ?? 0));
      let x = down ? (v[off + k + 1] ?? 0) : (v[off + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && A[a0 + x] === B[b0 + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found === -1) {
    for (let i = a0; i < a1; i++) out.push({ op: 'removed', text: A[i] ?? '', aLine: i + 1 });
    for (let j = b0; j < b1; j++) out.push({ op: 'added', text: B[j] ?? '', bLine: j + 1 });
    return;
  }
  // Walk back through the saved frontiers, collecting the script in reverse.
  const rev: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const at = (k: number) => vd?.[k + d] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    while (x > (down ? px : px + 1) && y > (down ? py + 1 : py)) {
      x--;
      y--;
      rev.push({ op: 'same', text: A[a0 + x] ?? '', aLine: a0 + x + 1, bLine: b0 + y + 1 });
    }
    if (down) {
      y--;
      rev.push({ op: 'added', text: B[b0 + y] ?? '', bLine: b0 + y + 1 });
    } else {
      x--;
      rev.push({ op: 'removed', text: A[a0 + x] ?? '', aLine: a0 + x + 1 });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    rev.push({ op: 'same', text: A[a0 + x] ?? '', aLine: a0 + x + 1, bLine: b0 + y + 1 });
  }
  for (let i = rev.length - 1; i >= 0; i--) {
    const line = rev[i];
    if (line) out.push(line);
  }
}
