// Exact decimal arithmetic on BigInt: value = units / 10^scale. Money never touches a float
// until it is rendered, so a total over a billion calls is exact to the last digit (SPEC §3).

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

// Start-up cost: every report prices ~100 models once, cold, so the powers of ten that rates and
// rescaling use are made once, and a rate read from the registry is parsed once per value.
const POWERS: bigint[] = [];
/** 10^n for n ≥ 0, the common ones from a table. */
export function pow10(n: number): bigint {
  if (n >= 64) return 10n ** BigInt(n);
  return (POWERS[n] ??= 10n ** BigInt(n));
}
const FROM_NUMBER = new Map<number, Decimal>();
/** 10^0 … 10^22, each exact as a double (written out, not computed). */
const EXACT_POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

export class Decimal {
  readonly units: bigint;
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  static readonly ZERO = new Decimal(0n, 0);

  static of(units: bigint, scale = 0): Decimal {
    return new Decimal(units, scale);
  }

  /** From a JSON number or a decimal string ("0.15", "1e-7", "12"). */
  static from(value: number | string | bigint): Decimal {
    if (typeof value === "bigint") return new Decimal(value, 0);
    if (typeof value === "number") {
      let d = FROM_NUMBER.get(value);
      if (d === undefined) {
        d = Decimal.fromShortest(numberToString(value));
        if (FROM_NUMBER.size < 4096) FROM_NUMBER.set(value, d);
      }
      return d;
    }
    return Decimal.parse(value.trim());
  }

  /**
   * A number's shortest text ("0.15", "-2", "1e-7"): plain forms by hand, a regular expression
   * only for exponents — a registry's rates are ~300 numbers parsed cold at every start.
   */
  private static fromShortest(text: string): Decimal {
    if (text.includes("e")) return Decimal.parse(text);
    const dot = text.indexOf(".");
    if (dot < 0) return new Decimal(BigInt(text), 0);
    return new Decimal(BigInt(text.slice(0, dot) + text.slice(dot + 1)), text.length - dot - 1);
  }

  private static parse(text: string): Decimal {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RangeError(`not a decimal number: ${text}`);
    const sign = m[1];
    const whole = m[2] ?? "";
    const frac = m[3] ?? "";
    const exp = m[4] ?? "0";
    let units = BigInt(`${whole}${frac}` || "0");
    let scale = frac.length - Number(exp);
    if (scale < 0) {
      units *= pow10(-scale);
      scale = 0;
    }
    return new Decimal(sign === "-" ? -units : units, scale);
  }

  add(other: Decimal): Decimal {
    // Sums start at ZERO: adding a zero of no greater scale is the other number itself (same
    // value, same scale), without a BigInt for the rescaled zero.
    if (this.units === 0n && this.scale <= other.scale) return other;
    if (other.units === 0n && other.scale <= this.scale) return this;
    if (this.scale === other.scale) return new Decimal(this.units + other.units, this.scale);
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescaled(scale) + other.rescaled(scale), scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(new Decimal(-other.units, other.scale));
  }

  mul(other: Decimal | bigint): Decimal {
    if (typeof other === "bigint") return new Decimal(this.units * other, this.scale);
    if (other.units === 1n && other.scale === 0) return this; // × 1: the standard tier's multiplier
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** Divide by 10^n exactly (per-million rates: n = 6); a negative n multiplies. */
  shift(n: number): Decimal {
    const scale = this.scale + n;
    // A scale below 0 is kept as whole units: every other method assumes scale ≥ 0.
    return scale >= 0 ? new Decimal(this.units, scale) : new Decimal(this.units * pow10(-scale), 0);
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  cmp(other: Decimal): -1 | 0 | 1 {
    if (this.scale === other.scale) return this.units < other.units ? -1 : this.units > other.units ? 1 : 0;
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescaled(scale);
    const b = other.rescaled(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Rounded half away from zero to `digits` decimals. */
  round(digits: number): Decimal {
    if (this.scale <= digits) return this;
    const drop = pow10(this.scale - digits);
    const neg = this.units < 0n;
    const abs = neg ? -this.units : this.units;
    let q = abs / drop;
    if ((abs % drop) * 2n >= drop) q += 1n;
    return new Decimal(neg ? -q : q, digits);
  }

  /** Plain decimal text with trailing zeros removed ("0.046125", "12", "-0.5"). */
  toString(): string {
    const neg = this.units < 0n;
    let digits = (neg ? -this.units : this.units).toString();
    if (this.scale === 0) return (neg ? "-" : "") + digits;
    digits = digits.padStart(this.scale + 1, "0");
    const whole = digits.slice(0, digits.length - this.scale);
    let end = digits.length;
    while (end > whole.length && digits.charCodeAt(end - 1) === 48) end--; // linear, unlike /0+$/ on long runs
    const frac = digits.slice(whole.length, end);
    return (neg ? "-" : "") + whole + (frac ? `.${frac}` : "");
  }

  /** Fixed number of decimals, for display. */
  toFixed(digits: number): string {
    const r = this.round(digits);
    const neg = r.units < 0n;
    const s = (neg ? -r.units : r.units).toString().padStart(r.scale + 1, "0");
    const scaled = r.scale < digits ? s + "0".repeat(digits - r.scale) : s;
    const cut = scaled.length - digits;
    return (neg ? "-" : "") + scaled.slice(0, cut) + (digits > 0 ? `.${scaled.slice(cut)}` : "");
  }

  /** A JSON-friendly number, rounded to the nano-dollar first. */
  toNumber(digits = 9): number {
    // Every report turns ~10 figures per model into numbers, most of them a few digits past the
    // nano-dollar: where units and the powers of ten are exact doubles, the rounding is done on
    // doubles — `%` and the division of an exact multiple are exact there — without BigInts.
    const u = this.units;
    const drop = this.scale - digits;
    if (drop > 0 && drop <= 22 && digits <= 22 && u <= MAX_EXACT && u >= -MAX_EXACT) {
      const n = Number(u);
      const abs = n < 0 ? -n : n;
      const rem = abs % EXACT_POW10[drop]!;
      let q = (abs - rem) / EXACT_POW10[drop]!;
      if (rem * 2 >= EXACT_POW10[drop]!) q += 1;
      // 0, never -0: the BigInt rounding has no negative zero either.
      return (n < 0 && q !== 0 ? -q : q) / EXACT_POW10[digits]!;
    }
    const r = this.round(digits);
    // Both exact in a double, so the one rounding of the division is the one parsing the decimal
    // text would make: the same number, without the string.
    if (r.scale <= 22 && r.units <= MAX_EXACT && r.units >= -MAX_EXACT) return Number(r.units) / EXACT_POW10[r.scale]!;
    return Number(r.toString());
  }

  private rescaled(scale: number): bigint {
    return scale === this.scale ? this.units : this.units * pow10(scale - this.scale);
  }
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  // The shortest round-trip text of a JSON number is the decimal its author wrote.
  return String(n);
}
