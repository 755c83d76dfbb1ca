import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lifecycleNotices, releasePrefixLength, statusAt } from "../src/pricing/lifecycle.ts";
import { loadRegistry } from "../src/pricing/load.ts";
import { priceModel, scheduleAt } from "../src/pricing/price-at.ts";
import { mergeEntry, type Model } from "../src/pricing/registry.ts";
import { ACME, acme, registryOf, run, usd } from "./helpers.ts";

const registry = loadRegistry();
const model = (over: Partial<Model>): Model => ({ ...ACME, provider: "acme", name: "Acme", status: "current", origin: "bundled", pricedBy: "bundled", ...over });

describe("status on a date", () => {
  it.each<[string, Partial<Model>, string, string]>([
    ["deprecated, before its date", { status: "deprecated", deprecationDate: "2026-12-11" }, "2026-12-10", "deprecated"],
    ["deprecated, on its date", { status: "deprecated", deprecationDate: "2026-12-11" }, "2026-12-11", "retired"],
    ["retired, after its date", { status: "retired", deprecationDate: "2026-10-23" }, "2026-11-27", "retired"],
    ["retired, but still served then", { status: "retired", deprecationDate: "2026-10-23" }, "2026-06-01", "deprecated"],
    [
      "deprecated and past its date, but billed on (auto-routed)",
      { status: "deprecated", deprecationDate: "2026-12-01", scheduledPrices: [{ from: "2026-12-01", rates: { input: 1 } }] },
      "2026-12-05",
      "deprecated",
    ],
    ["current", {}, "2030-01-01", "current"],
  ])("%s", (_, over, at, expected) => {
    expect(statusAt(model(over), at)).toBe(expected);
  });

  it("the real registry: Sonnet 4.5 is retired after 2026-11-30; Gemini 2.5 Pro bills on after 2026-12-01", () => {
    expect(statusAt(registry.get("claude-sonnet-4-5"), "2026-11-29")).toBe("deprecated");
    expect(statusAt(registry.get("claude-sonnet-4-5"), "2026-11-30")).toBe("retired");
    expect(statusAt(registry.get("gemini-2.5-pro"), "2026-12-05")).toBe("deprecated");
  });

  it("a model shut down by the pricing date is refused like a retired one", () => {
    const r = registryOf(acme({ status: "deprecated", deprecationDate: "2026-12-11" }));
    expect(() => run({ input: 1 }, { registry: r, at: "2026-12-11" })).toThrowError(/acme-1 was retired on 2026-12-11/);
    expect(usd(run({ input: 1000 }, { registry: r, at: "2026-12-10" }))).toBe("0.002");
  });
});

describe("announced price changes", () => {
  const notices = (id: string, at: string) =>
    scheduleAt(registry.get(id), at).notices.filter((n) => n.code === "PRICE_CHANGE").map((n) => n.message);

  it("each change is described from the rates just before it, with the tier change", () => {
    expect(notices("gemini-2.5-pro", "2026-11-27")).toEqual([
      "gemini-2.5-pro: prices change on 2026-12-01 (in 4 days): input $1.25 → $0.75, cached input $0.125 → $0.075, output $10 → $3.75 per million; long-context tiers no longer apply",
      "gemini-2.5-pro: prices change on 2027-01-01 (in 35 days): input $0.75 → $1.5, cached input $0.075 → $0.15, output $3.75 → $7.5 per million",
    ]);
  });

  it("a change that changes nothing is not announced", () => {
    expect(notices("gemini-2.5-flash", "2026-11-27")).toEqual([]);
  });

  it("after the first change the tier is gone", () => {
    // 300,000 tokens: before, above the 200K tier at $2.5; from 2026-12-01 flat $0.75
    const reg = loadRegistry();
    expect(priceModel(reg.get("gemini-2.5-pro"), { at: "2026-11-30" }).bands).toHaveLength(2);
    expect(priceModel(reg.get("gemini-2.5-pro"), { at: "2026-12-01" }).bands).toHaveLength(1);
  });
});

describe("unknown rates inside a tier", () => {
  it("price at the base rate and say so", () => {
    const r = registryOf(acme({ tiers: [{ aboveInputTokens: 10, rates: { input: null } }] }));
    const e = run({ input: 100 }, { registry: r });
    expect(usd(e)).toBe("0.0002"); // 100 × $2 (base)
    expect(e.warnings.map((w) => w.message)).toContain("acme-1: the input rate (prompts >10) is unknown; priced at $2 per million");
  });
});

describe("overrides merge over bundled entries", () => {
  const bundled = model({ scheduledPrices: [{ from: "2027-01-01", rates: { input: 3 } }] });

  it("rates merge key by key", () => {
    const m = mergeEntry(bundled, { id: "acme-1", rates: { input: 1, output: 6 } }, "acme", "ours.json");
    expect(m.rates).toEqual({ ...ACME.rates, input: 1, output: 6 });
    expect(m.speed).toEqual(ACME.speed);
  });

  it("the bundled list-price schedule and provenance do not carry over", () => {
    const m = mergeEntry(bundled, { id: "acme-1", rates: { input: 1, output: 6 } }, "acme", "ours.json");
    expect(m.scheduledPrices).toBeUndefined();
    expect(m.pricesAsOf).toBeUndefined();
    expect(m.source).toBe("ours.json");
    expect(m.origin).toBe("ours.json");
  });

  it("an override's own schedule is kept", () => {
    const own = [{ from: "2027-02-01", rates: { input: 0.5 } }];
    expect(mergeEntry(bundled, { id: "acme-1", rates: { input: 1, output: 6 }, scheduledPrices: own }, "acme", "ours.json").scheduledPrices).toEqual(own);
  });
});

describe("the pricing date a library caller gives", () => {
  it("is a day of the calendar, checked even where no scheduled price needs it", () => {
    const m = registryOf(ACME).get("acme-1"); // no scheduled prices
    expect(() => priceModel(m, { at: "bogus" })).toThrow(/the pricing date must be a day as YYYY-MM-DD, got "bogus"/);
    expect(scheduleAt(m, "2026-11-27").rates.input).toBe(2);
    // a day checked before does not wave another through
    expect(() => scheduleAt(m, "2026-13-01")).toThrow(/got "2026-13-01"/);
    expect(() => scheduleAt(m, "")).toThrow(/got ""/);
  });
});

describe("a release date after the pricing date", () => {
  it("reads as much of the free-text field as is a date, as the pattern YYYY(-MM(-DD)?)? does", () => {
    // The reference is the regular expression the hand-written reader replaced.
    const pattern = /^\d{4}(-\d{2}(-\d{2})?)?/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("2", "0", "9", "-", "x", " "), maxLength: 14 }), (text) => {
        expect(releasePrefixLength(text)).toBe(pattern.exec(text)?.[0].length ?? 0);
      }),
      { numRuns: 3000 },
    );
    expect([releasePrefixLength("2026-07-18"), releasePrefixLength("2026-07"), releasePrefixLength("2026"), releasePrefixLength("2026-7-1"), releasePrefixLength("mid 2026")]).toEqual([10, 7, 4, 4, 0]);
  });

  it.each<[string | null, string, string | null]>([
    ["2026-07-18", "2026-07-17", "on 2026-07-18"],
    ["2026-07-18", "2026-07-18", null], // on sale on its release day
    ["2026-07", "2026-06-30", "in 2026-07"],
    ["2026-07", "2026-07-01", null], // a month is compared as a month
    ["2026", "2025-12-31", "in 2026"],
    ["2026-07-18 (GA)", "2026-07-01", "on 2026-07-18"],
    ["soon", "2020-01-01", null],
    [null, "2020-01-01", null],
  ])("released %s, priced on %s: %s", (releaseDate, at, said) => {
    const notes = lifecycleNotices(model({ releaseDate }), at).filter((w) => w.code === "NOT_YET_RELEASED");
    if (said === null) expect(notes).toEqual([]);
    else expect(notes.map((w) => w.message)).toEqual([`acme-1 was released ${said}: on ${at} it was not yet on sale (priced at its first known rates)`]);
  });

  it("comes before the status notice", () => {
    const codes = lifecycleNotices(model({ releaseDate: "2027-01-01", status: "preview" }), "2026-11-28").map((w) => w.code);
    expect(codes).toEqual(["NOT_YET_RELEASED", "PREVIEW"]);
  });
});
