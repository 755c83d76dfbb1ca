import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isIsoDay, isoDay } from "../src/dates.ts";

// isoDay builds the day from UTC fields (toISOString's first call costs a start-up ~1 ms): it
// must agree with toISOString's date part everywhere a Date can be, extended years (±YYYYYY)
// included.
const reference = (d: Date): string => d.toISOString().split("T")[0]!;
describe("isoDay", () => {
  it("is toISOString's day for any valid time", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        const d = new Date(ms);
        expect(isoDay(d)).toBe(reference(d));
      }),
      { numRuns: 3000 },
    );
    for (const ms of [0, -1, 253402300799999, 253402300800000, -62167219200000, -62167219200001, 8.64e15, -8.64e15]) {
      expect(isoDay(new Date(ms))).toBe(reference(new Date(ms)));
    }
  });

  it("throws on an invalid date, as toISOString does", () => {
    expect(() => isoDay(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("keeps isIsoDay and addDays as they were", () => {
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("0000-01-01")).toBe(true);
    expect(addDays("2026-11-28", 90)).toBe("2027-02-26"); // 2 + 31 + 31 + 26
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
