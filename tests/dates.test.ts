import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDay, isoDay } from "../src/dates.ts";

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

// Day arithmetic is done on integers; the references are what it replaced, through Date.
const DAY_MS = 86_400_000;
const parsed = (day: string) => Date.parse(`${day}T00:00:00Z`);
const refIsIsoDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parsed(text)) && isoDay(new Date(parsed(text))) === text;
const refAddDays = (day: string, n: number) => isoDay(new Date(parsed(day) + n * DAY_MS));
const refDaysBetween = (from: string, to: string) => Math.round((parsed(to) - parsed(from)) / DAY_MS);
// Any day a Date can hold, as isoDay writes it (six-digit years included).
const anyDay = fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => isoDay(new Date(ms)));
const fourDigitDay = fc.integer({ min: -62167219200000, max: 253402300799999 }).map((ms) => isoDay(new Date(ms)));

describe("day arithmetic without Date", () => {
  it("isIsoDay accepts exactly the real days written YYYY-MM-DD (property)", () => {
    const near = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(
      ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    );
    const noise = fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "-", "+", " ", "a", "٣"), minLength: 8, maxLength: 13 });
    fc.assert(fc.property(fc.oneof(near, noise, fourDigitDay, anyDay), (text) => {
      expect(isIsoDay(text)).toBe(refIsIsoDay(text));
    }), { numRuns: 5000 });
    for (const t of ["2000-02-29", "1900-02-29", "2100-02-29", "2400-02-29", "0000-02-29", "9999-12-31", "2026-04-31", "2026-00-10", "2026-13-01", "2026-01-00", "2026-1-01", "2026-01-01 ", "2026-01x01", "2026x01-01", "2026-01-0a", "2026-0101"]) {
      expect(isIsoDay(t), t).toBe(refIsIsoDay(t));
    }
  });

  it("addDays is the day n days on, as Date counts them (property)", () => {
    fc.assert(fc.property(fourDigitDay, fc.integer({ min: -300_000, max: 300_000 }), (day, n) => {
      expect(addDays(day, n)).toBe(refAddDays(day, n));
    }), { numRuns: 5000 });
    expect(addDays("9999-12-31", 1)).toBe("+010000-01-01");
    expect(addDays("0000-01-01", -1)).toBe("-000001-12-31");
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    // A fractional n lands in the day that holds the instant, as Date did.
    for (const n of [0.5, -0.5, 1.25, -1.25]) expect(addDays("2024-02-29", n)).toBe(refAddDays("2024-02-29", n));
    // Date's range ends 10^8 days from 1970.
    expect(addDays("1970-01-01", 1e8)).toBe(refAddDays("1970-01-01", 1e8));
    expect(() => addDays("1970-01-01", 1e8 + 1)).toThrow(RangeError);
    expect(() => refAddDays("1970-01-01", 1e8 + 1)).toThrow(RangeError);
  });

  it("daysBetween counts the days between any two days isoDay writes (property)", () => {
    fc.assert(fc.property(anyDay, anyDay, (a, b) => {
      expect(daysBetween(a, b)).toBe(refDaysBetween(a, b));
    }), { numRuns: 5000 });
    expect(daysBetween("2026-11-28", "2027-02-26")).toBe(90);
    expect(daysBetween("+010000-01-01", "9999-12-31")).toBe(-1);
    expect(daysBetween("2026-02-30", "2026-03-01")).toBeNaN();
    // Six-digit years are read too (isoDay writes them for far-off log timestamps); only real
    // days: no year -0, no February 29th outside leap years (Date.parse would roll it over).
    expect(daysBetween("+010000-02-29", "+010000-03-01")).toBe(1);
    expect(daysBetween("-000004-02-29", "-000004-03-01")).toBe(1);
    expect(daysBetween("-000000-01-01", "2026-01-01")).toBeNaN();
    expect(daysBetween("+010001-02-29", "2026-01-01")).toBeNaN();
    expect(daysBetween("+010001-13-01", "2026-01-01")).toBeNaN();
  });
});
