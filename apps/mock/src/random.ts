/** A small seeded PRNG (sfc32) and helpers: the same seed always gives the same data. */

/** A deterministic random source. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
  /** A new independent source derived from this one and a label. */
  fork(label: string): Random;
}

/** 32-bit hash of a string (FNV-1a), used to derive seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A source seeded by a number or string. */
export function createRandom(seed: number | string): Random {
  let a = hash32(`a:${seed}`);
  let b = hash32(`b:${seed}`);
  let c = hash32(`c:${seed}`);
  let d = hash32(`d:${seed}`) | 1;
  const next32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  const random: Random = {
    next: () => next32() / 4294967296,
    int: (min, max) => min + Math.floor((next32() / 4294967296) * (max - min + 1)),
    pick: (items) => items[Math.floor((next32() / 4294967296) * items.length)] as (typeof items)[number],
    hex: (n) => {
      // Byte by byte from a table: a request id per request, so this is on the hot path.
      let out = "";
      while (out.length < n) {
        const t = next32();
        out += (HEX[t >>> 24] as string) + HEX[(t >>> 16) & 255] + HEX[(t >>> 8) & 255] + HEX[t & 255];
      }
      return out.length === n ? out : out.slice(0, n);
    },
    fork: (label) => createRandom(`${seed}/${label}`),
  };
  return random;
}
