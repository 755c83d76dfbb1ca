import { Decimal } from "../decimal.ts";
import type { Ratio } from "../workload/values.ts";

// Exact ratios of token counts (73M / 57M is not a finite decimal). Scaled counts are rounded
// once, from the exact ratio, so the same workload scales to the same tokens on every machine.

/** num / den, exactly (the shape of a workload's hit rate). */
export type Fraction = Ratio;

export const ONE: Fraction = { num: 1n, den: 1n };
export const ZERO: Fraction = { num: 0n, den: 1n };

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

function reduced(num: bigint, den: bigint): Fraction {
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** The exact value of a decimal figure as its source wrote it (18112.3 → 181123/10). */
export function fromNumber(n: number): Fraction {
  const d = Decimal.from(n);
  return reduced(d.units, 10n ** BigInt(d.scale));
}

export const div = (a: Fraction, b: Fraction): Fraction => reduced(a.num * b.den, a.den * b.num);
export const mul = (a: Fraction, b: Fraction): Fraction => reduced(a.num * b.num, a.den * b.den);
export const cmp = (a: Fraction, b: Fraction): number => {
  const x = a.num * b.den;
  const y = b.num * a.den;
  return x < y ? -1 : x > y ? 1 : 0;
};
export const isOne = (f: Fraction): boolean => f.num === f.den;
export const toNumber = (f: Fraction): number => Number(f.num) / Number(f.den);

/** round(n × f), half up: whole tokens from a non-negative count. */
export function scaleCount(n: number, f: Fraction): number {
  if (f.num === f.den) return n;
  return Number((2n * BigInt(n) * f.num + f.den) / (2n * f.den));
}

/** round(a × f + b × g), half up, from the exact sum. */
export function scaleSum(a: number, f: Fraction, b: number, g: Fraction): number {
  if (g.num === 0n || b === 0) return scaleCount(a, f);
  const num = BigInt(a) * f.num * g.den + BigInt(b) * g.num * f.den;
  const den = f.den * g.den;
  return Number((2n * num + den) / (2n * den));
}
