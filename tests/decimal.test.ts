import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.ts";

// toNumber takes a fast path (one division of two exact doubles); the number must be the one
// parsing the decimal text gives, which is the reference here.

describe("Decimal.toNumber", () => {
  it("equals the parsed decimal text, rounded to 9 places, for any value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 30 }), (units, scale) => {
        const d = Decimal.of(units, scale);
        expect(d.toNumber()).toBe(Number(d.round(9).toString()));
      }),
      { numRuns: 2000 },
    );
  });

  it("rounds on doubles exactly as on BigInts where the units are exact doubles (any digits)", () => {
    // The double path covers |units| ≤ 2^53 − 1 with up to 22 places dropped; the reference is
    // the BigInt rounding (round) and the parse of its decimal text.
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.bigInt({ min: -max, max }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 22 }), (units, scale, digits) => {
        const d = Decimal.of(units, scale);
        expect(Object.is(d.toNumber(digits), Number(d.round(digits).toString()))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // Halves round away from zero; what rounds to zero is 0, not -0.
    expect(Decimal.of(5n, 10).toNumber()).toBe(0.000000001);
    expect(Decimal.of(-5n, 10).toNumber()).toBe(-0.000000001);
    expect(Decimal.of(49999n, 14).toNumber()).toBe(0);
    expect(Object.is(Decimal.of(-4n, 10).toNumber(), 0)).toBe(true);
    expect(Decimal.of(9007199254740991n, 12).toNumber()).toBe(9007.199254741);
  });

  it.each([
    ["0.45192", 0.45192],
    ["0.0000000015", 0.000000002], // rounded half away from zero to the nano-dollar
    ["12345678901234567.123", 12345678901234568],
    ["-0.1", -0.1],
  ])("%s → %d", (text, n) => expect(Decimal.from(text).toNumber()).toBe(n));
});

describe("shift by a negative power (multiplying)", () => {
  it("keeps whole units: 0.00001 × 10^6 is 10, not 1", () => {
    expect(Decimal.from(0.00001).shift(-6).toString()).toBe("10");
    expect(Decimal.from("0.0000025").shift(-6).toString()).toBe("2.5");
    expect(Decimal.from(3).shift(-2).toString()).toBe("300");
    expect(Decimal.from(3).shift(-2).cmp(Decimal.from(300))).toBe(0);
  });
});

// Start-up work: numbers are parsed once and cached, comparisons at one scale skip rescaling,
// powers of ten come from a table. Each must give what the plain arithmetic gives.
describe("the fast paths agree with the plain arithmetic", () => {
  it("a number read twice is the same decimal as its text, -0 is 0", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (n) => {
        const text = String(n);
        const first = Decimal.from(n);
        const second = Decimal.from(n);
        expect(second.toString()).toBe(first.toString());
        expect(first.cmp(Decimal.from(text))).toBe(0);
      }),
      { numRuns: 1000 },
    );
    expect(Decimal.from(-0).toString()).toBe("0");
    expect(Decimal.from(-0).isZero()).toBe(true);
  });

  it("a number is read as its shortest text would be, units and scale (property, any finite double)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.double({ min: -1e4, max: 1e4, noNaN: true })), (n) => {
        const viaText = Decimal.from(String(n));
        const d = Decimal.from(n);
        expect([d.units, d.scale]).toEqual([viaText.units, viaText.scale]);
      }),
      { numRuns: 3000 },
    );
    for (const n of [0.15, -2, 12, 1e21, 1e-7, 2.5e-7, -0.5, 123456789.125, 5e-324, Number.MAX_VALUE]) {
      const viaText = Decimal.from(String(n));
      expect([Decimal.from(n).units, Decimal.from(n).scale], String(n)).toEqual([viaText.units, viaText.scale]);
    }
  });

  it("cmp at equal and unequal scales orders as the values do", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 80 }), (a, b, sa, sb) => {
        // a / 10^sa vs b / 10^sb, cross-multiplied with ** (not the table)
        const x = a * 10n ** BigInt(sb);
        const y = b * 10n ** BigInt(sa);
        const want = x < y ? -1 : x > y ? 1 : 0;
        expect(Decimal.of(a, sa).cmp(Decimal.of(b, sb))).toBe(want);
        expect(Decimal.of(a, sa).cmp(Decimal.of(b, sa))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it("add: the exact sum at the larger scale, zeros of any scale included", () => {
    const unit = fc.oneof(fc.constant(0n), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }));
    fc.assert(
      fc.property(unit, unit, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (a, b, sa, sb) => {
        // a / 10^sa + b / 10^sb at scale max(sa, sb), with ** (not the table)
        const scale = Math.max(sa, sb);
        const units = a * 10n ** BigInt(scale - sa) + b * 10n ** BigInt(scale - sb);
        const sum = Decimal.of(a, sa).add(Decimal.of(b, sb));
        expect([sum.units, sum.scale]).toEqual([units, scale]);
      }),
      { numRuns: 2000 },
    );
  });

  it("rounding and adding past the table's 64 places", () => {
    // 1.5e-69 rounds half away from zero to 2e-69: the 2 in the 69th place
    expect(Decimal.of(15n, 70).round(69).toString()).toBe(`0.${"0".repeat(68)}2`);
    expect(Decimal.of(1n, 70).add(Decimal.of(1n, 0)).toString()).toBe(`1.${"0".repeat(69)}1`);
  });
});
