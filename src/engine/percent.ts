import { Decimal, pow10 } from "../decimal.ts";

// Percentages of exact amounts. Converting each amount to a float first loses a base below the
// nano-dollar (1e-15 / 0 = NaN) or overflows (x / 5e-324 = Infinity); dividing the exact
// decimals first cannot.


/** round(100 × part / whole × 10^digits), half away from zero; digits may be negative. */
function quotient(part: Decimal, whole: Decimal, digits: number): bigint {
  // part / whole = (p.units / 10^p.scale) / (w.units / 10^w.scale): both sides as integers.
  let num = part.units * 100n * pow10(whole.scale + Math.max(digits, 0));
  let den = whole.units * pow10(part.scale + Math.max(-digits, 0));
  if (den < 0n) [num, den] = [-num, -den];
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return neg ? -q : q;
}

/** 100 × part / whole, rounded half away from zero to `digits` decimals. `whole` is not zero. */
export const percentAt = (part: Decimal, whole: Decimal, digits: number): Decimal => Decimal.of(quotient(part, whole, digits), digits);

/** How many digits a decimal has before its point (negative for 0.00x: −2). */
const magnitude = (d: Decimal): number => (d.units < 0n ? -d.units : d.units).toString().length - d.scale;

/**
 * 100 × part / whole as the nearest double (from 17 significant digits of the exact quotient);
 * null when whole is zero. Past the range of a double it keeps its sign at the largest (or
 * smallest) double: a report must print a number, and verdicts are decided on the exact values.
 */
export function percentOf(part: Decimal, whole: Decimal): number | null {
  if (whole.isZero()) return null;
  if (part.isZero()) return 0;
  // The quotient has about magnitude(part) + 2 − magnitude(whole) digits before its point.
  const digits = 17 - (magnitude(part) + 2 - magnitude(whole));
  const n = Number(`${quotient(part, whole, digits)}e${-digits}`);
  const sign = part.units < 0n !== whole.units < 0n ? -1 : 1;
  if (!Number.isFinite(n)) return sign * Number.MAX_VALUE;
  if (n === 0) return sign * Number.MIN_VALUE;
  return n;
}

/** 100 × part / whole in scientific notation with two significant digits ("2.1e+318"); whole ≠ 0. */
export function percentScientific(part: Decimal, whole: Decimal): string {
  if (part.isZero()) return "0";
  let digits = 1 - (magnitude(part) + 2 - magnitude(whole));
  let q = quotient(part, whole, digits);
  // The magnitude is an estimate, off by one either way: aim again at two digits.
  const size = (x: bigint) => (x < 0n ? -x : x).toString().length;
  if (size(q) !== 2) {
    digits += 2 - size(q);
    q = quotient(part, whole, digits);
  }
  const text = (q < 0n ? -q : q).toString();
  const exponent = text.length - 1 - digits;
  return `${q < 0n ? "-" : ""}${text[0]}.${text[1] ?? "0"}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
}
