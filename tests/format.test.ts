import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRate, formatUsd } from "../src/report/format.ts";
import { groupDigits } from "../src/text.ts";

// formatRate is written out by hand (a model list formats ~300 rates cold); the reference is the
// plain form it replaced: split the fixed text, drop trailing zeros, keep two decimals.
const reference = (n: number): string => {
  if (n >= 1e15) return groupDigits(BigInt(Math.round(n)));
  const [whole, frac = ""] = n.toFixed(6).split(".");
  return `${groupDigits(BigInt(whole!))}.${frac.replace(/0+$/, "").padEnd(2, "0")}`;
};

describe("formatRate", () => {
  it.each([
    [1.5, "1.50"],
    [0.075, "0.075"],
    [0.003625, "0.003625"],
    [2, "2.00"],
    [0.1, "0.10"],
    [1234.5, "1,234.50"],
    [999.999, "999.999"],
    [0, "0.00"],
    [1e-7, "0.00"],
    [150000, "150,000.00"],
    [1e15, "1,000,000,000,000,000"],
  ])("%d → %s", (n, text) => expect(formatRate(n)).toBe(text));

  it("is the plain form for any rate, grouping and rounding included", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 0, max: 1e16, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 10_000_000 }).map((k) => k / 1e6)), (n) => {
        expect(formatRate(n)).toBe(reference(n));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("formatUsd", () => {
  // The form it had: toFixed to four significant digits (2 to 9 decimals), then a regular
  // expression dropping the zeros past the cents.
  const reference = (n: number): string => {
    const abs = Math.abs(n);
    const decimals = Math.min(9, Math.max(2, 3 - Math.floor(Math.log10(abs))));
    return `${n < 0 ? "-" : ""}$${abs.toFixed(decimals).replace(/(\.\d\d\d*?)0+$/, "$1")}`;
  };
  it.each([
    [0.3, "$0.30"],
    [0.0675, "$0.0675"],
    [0.000009, "$0.000009"],
    [0.0000167, "$0.0000167"],
    [-0.5, "-$0.50"],
    [0.1234567, "$0.1235"],
  ])("%d → %s", (n, text) => expect(formatUsd(n)).toBe(text));

  it("below a dollar, is the plain form for any amount (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -0.999999, max: 0.999999, noNaN: true }), (n) => {
        if (n !== 0) expect(formatUsd(n)).toBe(reference(n));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("groupDigits", () => {
  it("groups as en-US does, for any whole number (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer().map(BigInt)), (n) => {
        expect(groupDigits(n)).toBe(n.toLocaleString("en-US"));
        if (n >= -(2n ** 53n) && n <= 2n ** 53n) expect(groupDigits(Number(n))).toBe(Number(n).toLocaleString("en-US"));
      }),
      { numRuns: 2000 },
    );
    for (const n of [0, 999, 1000, -1000, 999999, 1000000, -12345]) expect(groupDigits(n)).toBe(n.toLocaleString("en-US"));
    // Not whole numbers: as the regular expression it replaced wrote them.
    expect([1234.5, -1234.5, 1e21, Infinity].map((n) => groupDigits(n))).toEqual(["1,234.5", "-1,234.5", "1e+21", "Infinity"]);
  });
});
