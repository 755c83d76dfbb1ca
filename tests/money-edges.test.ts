import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.ts";
import { checkBudget } from "../src/engine/budget.ts";
import { diffEstimates } from "../src/engine/diff.ts";
import { percentAt, percentOf, percentScientific } from "../src/engine/percent.ts";
import { priceModel } from "../src/pricing/price-at.ts";
import { Registry } from "../src/pricing/registry.ts";
import type { ModelEntry } from "../src/pricing/schema.ts";
import { validatePricingFile } from "../src/pricing/validate.ts";
import { marginText } from "../src/report/check.ts";
import { ACME, registryOf, run } from "./helpers.ts";

// Issue 8 B6, B7, B8, B11: percentages from exact amounts, no silent $0, no alias takeover,
// partial overrides merged before they are checked.

const D = (x: string | number) => Decimal.from(x);
const file = (origin: string, models: ModelEntry[], provider = "acme") => ({ file: validatePricingFile({ provider, models }, origin), origin });

describe("percentages come from the exact amounts (B6)", () => {
  it.each<[string, string | number, string | number, number | null]>([
    // 1e-15 / 1e-15 × 100 = 100 (each side rounds to 0 at the nano-dollar: 0/0 was NaN)
    ["a rise on a base below the nano-dollar", "1e-15", "1e-15", 100],
    // 1 / 3 × 100 = 33.333…, the double nearest it
    ["a third", 1, 3, 100 / 3],
    // −1 / 4 × 100 = −25
    ["a fall", -1, 4, -25],
    // 0 / 2 = 0
    ["no change", 0, 2, 0],
    // a base of exactly zero has no percentage: the documented null
    ["from an exact zero", 1, 0, null],
    // 1.05e-5 / 5e-324 × 100 = 2.1e320, past the largest double (≈1.8e308): clamped, not Infinity
    ["past the range of a double", "0.0000105", 5e-324, Number.MAX_VALUE],
    // 1e-30 / 1e300 × 100 = 1e-328, below the smallest double: still not zero
    ["below the range of a double", "1e-30", "1e300", Number.MIN_VALUE],
  ])("%s", (_, part, whole, expected) => {
    expect(percentOf(D(part), D(whole))).toBe(expected);
  });

  it.each<[string | number, string | number, string]>([
    ["0.0000105", 5e-324, "2.1e+320"], // 1.05e-5 / 5e-324 × 100 = 2.1e320
    ["0.999999", "1e-306", "1.0e+308"], // 0.999999 / 1e-306 × 100 = 9.99999e307, two digits: 1.0e308
    [999.5, 1, "1.0e+5"], // 99,950 rounds up to 100,000
    ["0.0123", 1, "1.2e+0"], // 1.23
    [-3, "1e-10", "-3.0e+12"], // −3 / 1e-10 × 100 = −3e12
  ])("%s / %s in scientific notation: %s", (part, whole, expected) => {
    expect(percentScientific(D(part), D(whole))).toBe(expected);
  });

  it("to a fixed number of decimals, half away from zero", () => {
    expect(percentAt(D(1), D(3), 2).toString()).toBe("33.33"); // 33.333…
    expect(percentAt(D(2), D(3), 2).toString()).toBe("66.67"); // 66.666…
    expect(percentAt(D("0.00001"), D(8), 6).toString()).toBe("0.000125"); // 1e-5 / 8 × 100 = 1.25e-4
  });

  // acme-1 at $1e-9 per million input: n tokens cost n × 1e-15 USD.
  const tiny = registryOf({ ...ACME, rates: { input: 1e-9, output: 1 }, tiers: [] });
  const on = (input: number) => run({ input, output: 0 }, { registry: tiny });

  it("diff: 1e-15 → 2e-15 is +100%, and the failure says so", () => {
    const d = diffEstimates(on(1), on(2), { percent: 10 });
    expect(d.deltaUsd.toString()).toBe("0.000000000000001");
    expect(d.deltaPercent).toBe(100);
    expect(d.failures).toEqual(["cost per run +100.0% > 10%"]);
  });

  it.each<[number, number, string[]]>([
    [10, 11, []], // 1.0e-14 → 1.1e-14: +10% exactly, which passes a 10% threshold
    [10000, 11001, ["cost per run +10.01% > 10%"]], // 1,001 / 10,000 = 10.01%: two decimals to read above 10
    [100000000, 110000001, ["cost per run +10.000001% > 10%"]], // 10,000,001 / 1e8 = 10.000001%
  ])("diff at the nano-dollar's millionth: %i → %i tokens", (base, head, failures) => {
    expect(diffEstimates(on(base), on(head), { percent: 10 }).failures).toEqual(failures);
  });

  it("diff from a vanishing base: a finite percentage, the failure in scientific notation", () => {
    // base: 1 token at $1e-300 per million = 1e-306; head: 1,000,000 tokens at $1 = $1.
    // (1 − 1e-306) / 1e-306 × 100 ≈ 1e308: under the largest double.
    const r = registryOf(
      { ...ACME, id: "acme-1", aliases: [], rates: { input: 1e-300, output: 1 }, tiers: [] },
      { ...ACME, id: "acme-2", aliases: [], rates: { input: 1, output: 1 }, tiers: [] },
    );
    const base = run({ input: 1, output: 0 }, { registry: r, model: "acme-1" });
    const head = run({ input: 1000000, output: 0 }, { registry: r, model: "acme-2" });
    const d = diffEstimates(base, head, { percent: 10 });
    expect(d.deltaPercent).toBe(1e308);
    expect(d.failures).toEqual(["cost per run +1.0e+308% > 10%"]);
  });

  it("diff: a time percentage past the range of a double stays finite", () => {
    // base: 0.5 s TTFT + 1 / 100 s = 0.51 s; head: 0.5 s + 1,000 / 1e-304 s = 1e307 s.
    // (1e307 − 0.51) / 0.51 × 100 ≈ 1.96e309: past the largest double (a float quotient is Infinity).
    const r = registryOf(ACME, { ...ACME, id: "acme-2", aliases: [], speed: { outputTokensPerSecond: 1e-304, timeToFirstTokenSeconds: 0.5 } });
    const d = diffEstimates(run({ input: 1, output: 1 }, { registry: r }), run({ input: 1, output: 1000 }, { registry: r, model: "acme-2" }), {});
    expect(d.deltaSecondsPercent).toBe(Number.MAX_VALUE);
  });

  it("check: a margin over a max of 5e-324 reads as a percentage, not Infinity", () => {
    // acme-1: 1 × $2 + 1 × $10 per million = $0.000012; 1.2e-5 / 5e-324 × 100 = 2.4e320
    const e = run({ input: 1, output: 1 });
    const [usd] = checkBudget(e, { usdPerRun: 5e-324 }, { usdPerRun: "flag" });
    expect(usd!.pass).toBe(false);
    expect(marginText(usd!)).toMatch(/ over \(2\.4e\+320%\)$/);
    // time: 0.5 s TTFT + 1 / 100 s = 0.51 s; 0.51 / 5e-324 × 100 = 1.02e325
    const [secs] = checkBudget(e, { secondsPerRun: 5e-324 }, { secondsPerRun: "flag" });
    expect(marginText(secs!)).toMatch(/ over \(1\.0e\+325%\)$/);
  });

  it("check: an ordinary margin keeps one decimal", () => {
    // $0.000012 against $0.000015: 0.000003 / 0.000015 = 20%
    const [c] = checkBudget(run({ input: 1, output: 1 }), { usdPerRun: 0.000015 }, { usdPerRun: "flag" });
    expect(marginText(c!)).toMatch(/ under \(20\.0%\)$/);
  });
});

describe("a $0 price is never silent (B7)", () => {
  const AT = "2026-11-28";
  const warningsOf = (entry: ModelEntry, serviceTier?: string, at = AT) => {
    const r = new Registry([file("p.json", [entry])]);
    return priceModel(r.get(entry.id), { at, serviceTier })
      .notices.filter((w) => w.code === "ZERO_RATE" || w.code === "TINY_RATE")
      .map((w) => `${w.code} ${w.message}`);
  };
  const plain = { id: "acme-1", rates: { input: 2, output: 10 } };

  it.each<[string, ModelEntry, string | undefined, string[]]>([
    ["ordinary rates", plain, undefined, []],
    [
      "every rate 0 (cached input and reasoning fall back to them)",
      { id: "acme-1", rates: { input: 0, output: 0 } },
      undefined,
      ["ZERO_RATE acme-1 is priced at $0 per million for input, cached input, output and reasoning (from p.json)"],
    ],
    [
      "-0 is 0",
      { id: "acme-1", rates: { input: -0, cachedInput: 0.1, output: 10 } },
      undefined,
      ["ZERO_RATE acme-1 is priced at $0 per million for input (from p.json)"],
    ],
    [
      "a free cache write on a model that bills them (the 1-hour write falls back to it)",
      { id: "acme-1", rates: { input: 2, cacheWrite: 0, output: 10 } },
      undefined,
      ["ZERO_RATE acme-1 is priced at $0 per million for cache write and 1-hour cache write (from p.json)"],
    ],
    [
      "a tier's rate of 0",
      { id: "acme-1", rates: { input: 2, output: 10 }, tiers: [{ aboveInputTokens: 200000, rates: { output: 0 } }] },
      undefined,
      ["ZERO_RATE acme-1 is priced at $0 per million for output and reasoning on prompts >200K (from p.json)"],
    ],
    [
      "a scheduled price of 0, once in force",
      { id: "acme-1", rates: { input: 2, output: 10 }, scheduledPrices: [{ from: "2026-11-01", rates: { input: 0 } }] },
      undefined,
      ["ZERO_RATE acme-1 is priced at $0 per million for input and cached input (from p.json)"],
    ],
    [
      // $2 × 1e-300 = $2e-300 per million, and $10 × 1e-300: both under $0.000001
      "a multiplier of 1e-300",
      { id: "acme-1", rates: { input: 2, output: 10 }, serviceTiers: { flex: 1e-300 } },
      "flex",
      ["TINY_RATE acme-1 at service tier flex (×1e-300) is priced at under $0.000001 per million for input, cached input, output and reasoning, effectively $0 (from p.json)"],
    ],
    ["the same model at standard", { id: "acme-1", rates: { input: 2, output: 10 }, serviceTiers: { flex: 1e-300 } }, undefined, []],
    // $0.000002 × 0.5 = $0.000001: not under it
    ["exactly $0.000001 per million after the multiplier", { id: "acme-1", rates: { input: 0.000002, output: 10 }, serviceTiers: { batch: 0.5 } }, "batch", []],
    [
      // $0.0000019 × 0.5 = $0.00000095
      "just under $0.000001 per million after the multiplier",
      { id: "acme-1", rates: { input: 0.0000019, cachedInput: 1, output: 10 }, serviceTiers: { batch: 0.5 } },
      "batch",
      ["TINY_RATE acme-1 at service tier batch (×0.5) is priced at under $0.000001 per million for input, effectively $0 (from p.json)"],
    ],
    [
      "a rate that small on its own",
      { id: "acme-1", rates: { input: 2, output: 1e-300 } },
      undefined,
      ["TINY_RATE acme-1 is priced at under $0.000001 per million for output and reasoning, effectively $0 (from p.json)"],
    ],
  ])("%s", (_, entry, tier, expected) => {
    expect(warningsOf(entry, tier)).toEqual(expected);
  });

  it("a scheduled 0 before its date says nothing", () => {
    const entry = { id: "acme-1", rates: { input: 2, output: 10 }, scheduledPrices: [{ from: "2026-12-01", rates: { input: 0 } }] };
    expect(warningsOf(entry, undefined, "2026-11-01")).toEqual([]);
  });

  it("-0 is read as 0", () => {
    const f = validatePricingFile({ provider: "acme", models: [{ id: "acme-1", rates: { input: -0, output: 1 } }] }, "p.json");
    expect(Object.is(f.models![0]!.rates!.input, 0)).toBe(true);
  });

  it("the estimate carries the warning", () => {
    const r = new Registry([file("p.json", [{ id: "acme-1", rates: { input: 0, output: 0 } }])]);
    const e = run({ input: 1000, output: 100 }, { registry: r });
    expect(e.cost.total.isZero()).toBe(true);
    expect(e.warnings.map((w) => w.code)).toContain("ZERO_RATE");
  });
});

describe("no alias takes over another model's name (B8)", () => {
  const google = (models: ModelEntry[]) => file("google.json", models, "google");
  const flash = { id: "gemini-x-flash", aliases: ["gx-latest"], rates: { input: 1.5, output: 9 } };
  const withAcme = (acme: ModelEntry) => () => new Registry([google([flash]), file("o.json", [acme])]);

  it.each<[string, string[], RegExp]>([
    ["provider/id", ["google/gemini-x-flash"], /^o\.json: the alias "google\/gemini-x-flash" of acme-1 already names google\/gemini-x-flash \(as provider\/id\)/],
    ["provider/alias, in another case", ["Google/GX-Latest"], /^o\.json: the alias "Google\/GX-Latest" of acme-1 already names google\/gemini-x-flash \(as provider\/alias\)/],
    ["an id", ["gemini-x-flash"], /^o\.json: "gemini-x-flash" names both/],
    ["an alias", ["gx-latest"], /^o\.json: "gx-latest" names both/],
  ])("an alias equal to another model's %s is refused", (_, aliases, message) => {
    expect(withAcme({ id: "acme-1", aliases, rates: { input: 1, output: 2 } })).toThrow(message);
  });

  it("an id in provider/id form that names another model is refused, whichever file comes first", () => {
    const groq = file("groq.json", [{ id: "google/gemini-x-flash", rates: { input: 1, output: 2 } }], "groq");
    expect(() => new Registry([google([flash]), groq])).toThrow(/^groq\.json: the id "google\/gemini-x-flash" of google\/gemini-x-flash already names google\/gemini-x-flash/);
    expect(() => new Registry([groq, google([flash])])).toThrow(/the id "google\/gemini-x-flash"/);
  });

  it("names that resolve to no other model are fine", () => {
    const r = new Registry([
      google([flash]),
      file("o.json", [
        { id: "acme-1", aliases: ["acme/acme-1", "openai/gemini-x-flash"], rates: { input: 1, output: 2 } },
        { id: "meta/llama-x", rates: { input: 1, output: 2 } },
      ]),
    ]);
    expect(r.get("google/gemini-x-flash").id).toBe("gemini-x-flash");
    expect(r.get("acme/acme-1").id).toBe("acme-1");
    expect(r.get("openai/gemini-x-flash").id).toBe("acme-1"); // no openai model of that name
    expect(r.get("acme/meta/llama-x").id).toBe("meta/llama-x");
  });
});

describe("a partial override is checked once merged (B11)", () => {
  const bundled = { file: validatePricingFile({ provider: "acme", models: [{ id: "acme-1", rates: { input: 2, cachedInput: 0.2, output: 10 } }] }, "b.json"), origin: "bundled" };

  it("an override of a known model may give only its output rate", () => {
    const r = new Registry([bundled, file("o.json", [{ id: "acme-1", rates: { output: 7.2 } }])]);
    expect(r.get("acme-1").rates).toEqual({ input: 2, cachedInput: 0.2, output: 7.2 });
    expect(r.get("acme-1").pricedBy).toBe("o.json");
  });

  it.each<[string, ModelEntry, RegExp]>([
    ["a new model without input", { id: "acme-9", rates: { output: 7.2 } }, /^o\.json: acme-9: rates\.input: required/],
    ["a new model without output", { id: "acme-9", rates: { input: 1, cachedInput: 0.1 } }, /^o\.json: acme-9: rates\.output: required/],
    ["a new model without rates", { id: "acme-9" }, /^o\.json: acme-9: a new model needs "rates"/],
  ])("%s is refused", (_, entry, message) => {
    expect(() => new Registry([bundled, file("o.json", [entry])])).toThrow(message);
  });

  it("the schema still checks the rates it is given", () => {
    expect(() => validatePricingFile({ provider: "acme", models: [{ id: "acme-1", rates: { output: -1 } }] }, "o.json")).toThrow(/o\.json: models\[0\]\.rates\.output: a rate cannot be negative/);
    expect(() => validatePricingFile({ provider: "acme", models: [{ id: "acme-1", rates: { ouput: 1 } }] }, "o.json")).toThrow(/did you mean "output"/);
  });
});
