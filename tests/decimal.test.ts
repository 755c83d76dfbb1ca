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
