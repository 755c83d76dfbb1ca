import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRate } from "../src/report/format.ts";
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
