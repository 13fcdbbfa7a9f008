/** A small seeded PRNG (mulberry32) and the draws the demo seed makes with it.
 *  Every item of the seed draws from its own stream (seed, kind, index), so a
 *  seed that resumes halfway generates exactly what a full run would have. */
export interface Rng {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Integer in [min, max] inclusive. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** Index chosen with the given weights (need not sum to 1). */
  weighted: (weights: readonly number[]) => number;
  chance: (p: number) => boolean;
}

function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of the stream name, mixed with the seed and index. */
function streamState(seed: number, kind: string, index: number): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of `${kind}:${index}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function rngFor(seed: number, kind: string, index = 0): Rng {
  const next = mulberry32(streamState(seed, kind, index));
  next();
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (weights) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i]!;
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    chance: (p) => next() < p,
  };
}
