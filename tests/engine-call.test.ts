import { describe, expect, it } from "vitest";
import { TokencostError } from "../src/errors.ts";
import { ACME, acme, registryOf, run, usd } from "./helpers.ts";

// acme-1: input $2, cached $0.2, cache write $2.5 (1h $4), output $10, reasoning = output;
// above 200,000 prompt tokens: input $4, cached $0.4, cache write $5, output $15.

const codes = (e: { warnings: { code: string }[] }) => e.warnings.map((w) => w.code);

describe("call cost", () => {
  it.each([
    // 1,000 × $2 + 100 × $10 = $0.002 + $0.001
    [{ input: 1000, output: 100 }, "0.003"],
    // SPEC example, per call: 12,000×2 + 8,000×0.2 + 400×10 + 200×10 = 31,600 µ$ → × 10 requests
    [{ input: 12000, cachedInput: 8000, cacheWrite: 0, output: 400, reasoning: 200, requests: 10 }, "0.316"],
    // 1,000 cache-write tokens at $2.5
    [{ cacheWrite: 1000 }, "0.0025"],
    // the 1-hour TTL uses cacheWrite1h: 1,000 × $4
    [{ cacheWrite: 1000, cacheTtl: "1h" }, "0.004"],
    // reasoning bills at the output rate when the model has no reasoning rate: 1,000 × $10
    [{ reasoning: 1000 }, "0.01"],
    // token strings: "1.5k" = 1,500 × $2
    [{ input: "1.5k" }, "0.003"],
  ])("%j costs $%s", (raw, expected) => {
    expect(usd(run(raw))).toBe(expected);
  });

  describe("long-context tier is a whole-call threshold, strictly above", () => {
    it.each([
      // exactly 200,000 is not above: 200,000 × $2 + 1,000 × $10
      [{ input: 200000, output: 1000 }, "0.41"],
      // 200,001: every class at tier rates: 200,001 × $4 + 1,000 × $15
      [{ input: 200001, output: 1000 }, "0.815004"],
      // the prompt counts cached and cache-write tokens too: 100,000 + 100,001 = 200,001 → tier
      // 100,000 × $4 + 100,001 × $0.4 = 0.4 + 0.0400004
      [{ input: 100000, cachedInput: 100001 }, "0.4400004"],
      // output never counts toward the threshold: 200,000 prompt + 50,000 output stays base
      // 200,000 × $2 + 50,000 × $10
      [{ input: 200000, output: 50000 }, "0.9"],
    ])("%j costs $%s", (raw, expected) => {
      expect(usd(run(raw))).toBe(expected);
    });

    it("labels the tier's lines", () => {
      const e = run({ input: 200001, output: 10 });
      expect(e.lines.map((l) => [l.cls, l.band, l.ratePerMillion.toString()])).toEqual([
        ["input", ">200K", "4"],
        ["output", ">200K", "15"],
      ]);
    });

    it("a tier's missing rates come from the base (cacheWrite1h) and fall back within the tier (reasoning → tier output)", () => {
      // 1h write above the tier: the tier names no cacheWrite1h → base $4; reasoning → tier output $15
      // prompt 201,001: 200,001 × $4 (input) + 1,000 × $4 (1h write) + 1,000 × $15 = 0.800004 + 0.004 + 0.015
      expect(usd(run({ input: 200001, cacheWrite: 1000, cacheTtl: "1h", reasoning: 1000 }))).toBe("0.819004");
    });
  });

  describe("rate fallbacks", () => {
    const bare = acme({ rates: { input: 2, output: 10 }, tiers: [] });
    it.each([
      // no cachedInput rate → input: 1,000 × $2
      [{ cachedInput: 1000 }, "0.002"],
      // no cacheWrite rate → input
      [{ cacheWrite: 1000 }, "0.002"],
      [{ cacheWrite: 1000, cacheTtl: "1h" }, "0.002"],
    ])("%j on a model without those rates costs $%s", (raw, expected) => {
      const e = run(raw, { registry: registryOf(bare) });
      expect(usd(e)).toBe(expected);
      expect(codes(e)).not.toContain("RATE_UNKNOWN");
    });

    it("an unknown (null) cached rate prices at input and says so", () => {
      const e = run({ cachedInput: 1000 }, { registry: registryOf(acme({ rates: { input: 2, cachedInput: null, output: 10 } })) });
      expect(usd(e)).toBe("0.002");
      expect(codes(e)).toContain("RATE_UNKNOWN");
    });

    it("a model with a reasoning rate uses it: 1,000 × $20", () => {
      const e = run({ reasoning: 1000 }, { registry: registryOf(acme({ rates: { ...ACME.rates, reasoning: 20 } })) });
      expect(usd(e)).toBe("0.02");
    });

    it("a 1-hour write on a model with only a default write rate uses that rate, with a warning", () => {
      const e = run({ cacheWrite: 1000, cacheTtl: "1h" }, { registry: registryOf(acme({ rates: { input: 2, cacheWrite: 2.5, output: 10 } })) });
      expect(usd(e)).toBe("0.0025");
      expect(codes(e)).toContain("NO_1H_CACHE_RATE");
    });
  });

  describe("service tiers multiply the call's price", () => {
    it.each([
      ["batch", "0.0015"], // $0.003 × 0.5
      ["priority", "0.0054"], // $0.003 × 1.8
      ["standard", "0.003"],
    ])("%s", (tier, expected) => {
      expect(usd(run({ input: 1000, output: 100 }, { serviceTier: tier }))).toBe(expected);
      expect(usd(run({ input: 1000, output: 100, serviceTier: tier }))).toBe(expected);
    });

    it("batch: true is short for serviceTier batch", () => {
      expect(usd(run({ input: 1000, output: 100, batch: true }))).toBe("0.0015");
    });

    it("a tier the model does not have is an error naming the ones it has", () => {
      expect(() => run({ input: 1000 }, { serviceTier: "fast" })).toThrowError(
        /acme-1 has no service tier "fast" — it has: standard, batch, flex, priority/,
      );
    });
  });

  describe("context and output limits", () => {
    it("fits exactly at the context limit", () => {
      expect(run({ input: 999000, output: 1000 }).fits).toBe(true);
    });
    it("one token over is reported with its size and limit", () => {
      const e = run({ input: 999000, output: 1001 });
      expect(e.fits).toBe(false);
      expect(e.overflow).toMatchObject({ turn: 1, size: 1000001, limit: 1000000, kind: "context" });
    });
    it("output plus reasoning over the output limit does not fit", () => {
      const e = run({ input: 10, output: 60000, reasoning: 4001 });
      expect(e.overflow).toMatchObject({ kind: "output", size: 64001, limit: 64000 });
    });
  });
});

describe("dates and lifecycle", () => {
  const scheduled = acme({
    scheduledPrices: [{ from: "2027-01-01", rates: { input: 3, output: 18 } }],
  });
  const reg = registryOf(scheduled);

  it.each([
    ["2026-12-31", "0.003"], // 1,000 × $2 + 100 × $10
    ["2027-01-01", "0.0048"], // 1,000 × $3 + 100 × $18
  ])("at %s costs $%s", (at, expected) => {
    expect(usd(run({ input: 1000, output: 100 }, { registry: reg, at }))).toBe(expected);
  });

  it("announces a change within 90 days, not before", () => {
    const soon = run({ input: 1 }, { registry: reg, at: "2026-10-03" }); // 90 days before
    expect(soon.warnings.find((w) => w.code === "PRICE_CHANGE")?.message).toBe(
      "acme-1: prices change on 2027-01-01 (in 90 days): input $2 → $3, output $10 → $18 per million",
    );
    expect(codes(run({ input: 1 }, { registry: reg, at: "2026-10-02" }))).not.toContain("PRICE_CHANGE");
  });

  it("a dated change with unknown rates keeps the earlier rate and says so", () => {
    const r = registryOf(acme({ scheduledPrices: [{ from: "2026-11-22", rates: { input: null, output: null } }] }));
    const e = run({ input: 1000, output: 100 }, { registry: r });
    expect(usd(e)).toBe("0.003");
    expect(codes(e)).toContain("RATE_UNKNOWN_SINCE");
  });

  it("a scheduled change can drop the tiers", () => {
    const r = registryOf(acme({ scheduledPrices: [{ from: "2026-12-01", rates: { input: 1 }, tiers: [] }] }));
    // 300,000 × $1, no tier after the change
    expect(usd(run({ input: 300000 }, { registry: r, at: "2026-12-01" }))).toBe("0.3");
  });

  it("a deprecated model warns with its date and replacement", () => {
    const r = registryOf(acme({ status: "deprecated", deprecationDate: "2026-12-11", replacement: "acme-2" }));
    expect(run({ input: 1 }, { registry: r }).warnings.find((w) => w.code === "DEPRECATED")?.message).toBe(
      "acme-1 is deprecated: shuts down on 2026-12-11 (in 14 days); replacement: acme-2",
    );
  });

  it("a retired model is refused unless allowed", () => {
    const r = registryOf(acme({ status: "retired", deprecationDate: "2026-10-23", replacement: "acme-2" }));
    try {
      run({ input: 1 }, { registry: r });
      expect.unreachable();
    } catch (e) {
      expect((e as TokencostError).code).toBe("RETIRED");
      expect((e as Error).message).toBe("acme-1 was retired on 2026-10-23 — its replacement is acme-2");
    }
    expect(codes(run({ input: 1 }, { registry: r, allowRetired: true }))).toContain("RETIRED");
  });
});
