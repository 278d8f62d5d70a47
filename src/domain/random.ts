/**
 * Seeded pseudo-random numbers, so that every Monte Carlo number the app shows is
 * reproducible from the same data (DOMAIN.md: "seeded so the same data gives the same numbers").
 * mulberry32: small, fast, and good enough for simulation (not for cryptography).
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    return mulberryOutput(a);
  };
}

/**
 * The draw mulberry32(seed) returns on its (index + 1)-th call, without the calls before it:
 * its state is a counter (each call adds a constant), so any draw can be had directly. Lets a
 * loop take a seeded stream's draws in another order than they were made in (placebo.ts).
 */
export function mulberry32At(seed: number, index: number): number {
  return mulberryOutput(((seed >>> 0) + Math.imul(index + 1, 0x6d2b79f5)) >>> 0);
}

function mulberryOutput(a: number): number {
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Standard normal draw by Box-Muller (uses two uniforms, discards the second). */
export function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia-Tsang; shape < 1 boosted by the usual power trick. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = rng();
    return gamma(rng, shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) draw from two gammas. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/** Hash a string to a 32-bit seed (FNV-1a), e.g. to seed a forecast by its data. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
