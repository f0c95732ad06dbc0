/** Seeded randomness for the benchmark inputs: same seed, same files, on every machine. */

/** mulberry32: a small seeded PRNG. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** An integer from `min` to `max`, both included. */
export function between(next: () => number, min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1));
}

/** `length` characters from `alphabet`: identifiers, tokens, fake credentials. */
export function characters(next: () => number, length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
  return Array.from({ length }, () => pick(next, [...alphabet])).join("");
}

/** A shuffled copy (Fisher–Yates), independent of the engine's sort algorithm. */
export function shuffle<T>(next: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
