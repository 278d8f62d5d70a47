/**
 * Limited-memory BFGS corrections on top of a fixed preconditioner (Nocedal and Wright,
 * algorithm 7.4, with H0 = B0^{-1}). The refit takes Newton steps with a Hessian factored
 * once on a sample of the runs; as the parameters move that Hessian goes stale and plain
 * chord steps only shrink by about half each time. The pairs (step, change of gradient)
 * observed on the way are exact curvature along those directions, and folding them in
 * restores fast convergence without paying for another factorisation (which costs as much as
 * several passes over a million runs when there are a thousand nudges).
 *
 * Convention: maximising a concave objective with gradient g; a pair is (s, y) with
 * s = x_new - x_old and y = g_old - g_new, so that y ~ B s for the positive definite
 * B = -Hessian. Vectors are flat Float64Arrays of one length.
 */
export class SecantMemory {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly alpha: Float64Array;

  constructor(private readonly capacity = 6) {
    this.alpha = new Float64Array(capacity);
  }

  get size(): number {
    return this.s.length;
  }

  clear(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
  }

  /** Records a pair; one without positive curvature (s . y <= 0) would break the update and is skipped. */
  push(s: Float64Array, y: Float64Array): boolean {
    const sy = dot(s, y);
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return false;
    if (this.s.length === this.capacity) {
      this.s.shift();
      this.y.shift();
      this.rho.shift();
    }
    this.s.push(s.slice());
    this.y.push(y.slice());
    this.rho.push(1 / sy);
    return true;
  }

  /** out = H g: the corrected inverse curvature applied to g; precondition(r, out) computes B0^{-1} r. */
  apply(g: Float64Array, out: Float64Array, precondition: (r: Float64Array, out: Float64Array) => void): void {
    const q = g.slice();
    const m = this.s.length;
    for (let i = m - 1; i >= 0; i--) {
      const a = this.rho[i]! * dot(this.s[i]!, q);
      this.alpha[i] = a;
      axpy(-a, this.y[i]!, q);
    }
    precondition(q, out);
    for (let i = 0; i < m; i++) {
      const beta = this.rho[i]! * dot(this.y[i]!, out);
      axpy(this.alpha[i]! - beta, this.s[i]!, out);
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** y += a x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = y[i]! + a * x[i]!;
}
