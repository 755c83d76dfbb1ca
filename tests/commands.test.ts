import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { colorLevel } from "../src/commands/context.ts";
import { estimate } from "../src/engine/estimate.ts";
import { bundledPricing, packPricing, unpackPricing } from "../src/pricing/bundled.ts";
import { statusAt } from "../src/pricing/lifecycle.ts";
import { Registry } from "../src/pricing/registry.ts";
import { validatePricingFile } from "../src/pricing/validate.ts";
import { parseWorkload } from "../src/workload/parse.ts";
import { PRESETS } from "../src/workload/presets.ts";

describe("colour level", () => {
  it.each<[Record<string, string>, boolean, number]>([
    [{}, false, 0], // not a terminal
    [{}, true, 2], // a terminal: what chalk detects (2 here)
    [{ NO_COLOR: "1" }, true, 0],
    [{ NO_COLOR: "1", FORCE_COLOR: "3" }, false, 0], // NO_COLOR wins
    [{ NO_COLOR: "" }, true, 2], // an empty NO_COLOR is not set (no-color.org)
    [{ FORCE_COLOR: "" }, false, 1],
    [{ FORCE_COLOR: "true" }, false, 1],
    [{ FORCE_COLOR: "0" }, true, 0],
    [{ FORCE_COLOR: "false" }, true, 0],
    [{ FORCE_COLOR: "9" }, false, 3], // clamped
    [{ TERM: "dumb" }, true, 0],
  ])("%j on a %s terminal → %d", (env, tty, level) => {
    expect(colorLevel(env, tty, () => 2)).toBe(level);
  });
});

describe("pricing files: what the schema cannot say", () => {
  const model = (id: string, extra: object = {}) => ({ id, rates: { input: 1, output: 1 }, ...extra });
  it("an id or alias twice in a file", () => {
    expect(() => validatePricingFile({ provider: "p", models: [model("a"), model("b", { aliases: ["A"] })] }, "f.json")).toThrowError(
      'f.json: models[1].aliases[0]: "A" is already the id or an alias of models[0]',
    );
  });
  it("an id that is another entry's id, in another case: said at the id", () => {
    expect(() => validatePricingFile({ provider: "p", models: [model("a"), model("A")] }, "f.json")).toThrowError('f.json: models[1].id: "A" is already the id or an alias of models[0]');
  });
  it("tiers out of order", () => {
    const tiers = [
      { aboveInputTokens: 200000, rates: { input: 2 } },
      { aboveInputTokens: 100000, rates: { input: 3 } },
    ];
    expect(() => validatePricingFile({ provider: "p", models: [model("a", { tiers })] }, "f.json")).toThrowError(
      "f.json: models[0].tiers[1].aboveInputTokens: 100000 is not above the tier before it (200000): tiers go in increasing order",
    );
    // one threshold twice is not increasing either
    const twice = [tiers[0]!, { aboveInputTokens: 200000, rates: { input: 3 } }];
    expect(() => validatePricingFile({ provider: "p", models: [model("a", { tiers: twice })] }, "f.json")).toThrowError("models[0].tiers[1].aboveInputTokens: 200000 is not above the tier before it (200000)");
  });
});

describe("the packed registry the CLI bundles read (dist/bin/registry.json)", () => {
  // The reference reads pricing/*.json itself and prices one call by SPEC §3, written out:
  // rates in force on the day (scheduled changes dated on or before it, a null keeping the
  // earlier rate, their tiers replacing the old ones); the highest tier whose threshold the
  // prompt (input + cached + written) is strictly above, its numbers over the base rates;
  // cached input and cache writes fall back to input, a 1-hour write to the cache-write rate.
  // Money in units of 1e-18 USD: tokens × (USD per million × 1e12).
  type RawRates = Record<string, number | null | undefined>;
  interface RawModel {
    id: string;
    rates: RawRates;
    tiers?: { aboveInputTokens: number; rates: RawRates }[];
    scheduledPrices?: { from: string; rates: RawRates; tiers?: RawModel["tiers"] }[];
    limits?: { contextTokens?: number | null; inputTokens?: number | null; outputTokens?: number | null };
    speed?: { outputTokensPerSecond?: number | null; timeToFirstTokenSeconds?: number | null };
  }
  const dir = new URL("../pricing/", import.meta.url);
  const raw: RawModel[] = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "schema.json")
    .flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), "utf8")).models ?? []) as RawModel[]);
  const micro12 = (usdPerMillion: number) => BigInt(usdPerMillion.toFixed(12).replace(".", ""));
  const atto = (usd: string) => {
    const [whole, frac = ""] = usd.split(".");
    expect(frac.length).toBeLessThanOrEqual(18);
    return BigInt(whole! + frac.padEnd(18, "0"));
  };
  const num = (v: number | null | undefined): v is number => typeof v === "number";

  // One call: 300,000 input, 1,000 cached, 1,000 written at the 1-hour TTL, 100 output.
  const CALL = { input: 300000, cachedInput: 1000, cacheWrite: 1000, output: 100 };
  function reference(m: RawModel, at: string) {
    let rates: RawRates = { ...m.rates };
    let tiers = m.tiers ?? [];
    for (const change of [...(m.scheduledPrices ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1))) {
      if (change.from > at) continue;
      for (const [k, v] of Object.entries(change.rates)) if (num(v)) rates[k] = v;
      if (change.tiers) tiers = change.tiers;
    }
    const prompt = CALL.input + CALL.cachedInput + CALL.cacheWrite;
    const tier = tiers.filter((t) => prompt > t.aboveInputTokens).at(-1);
    if (tier) rates = { ...rates, ...Object.fromEntries(Object.entries(tier.rates).filter(([, v]) => num(v))) };
    const input = rates.input!;
    const cached = num(rates.cachedInput) ? rates.cachedInput : input;
    const write = num(rates.cacheWrite) ? rates.cacheWrite : input;
    const write1h = num(rates.cacheWrite1h) ? rates.cacheWrite1h : write;
    const usd =
      BigInt(CALL.input) * micro12(input) +
      BigInt(CALL.cachedInput) * micro12(cached) +
      BigInt(CALL.cacheWrite) * micro12(write1h) +
      BigInt(CALL.output) * micro12(rates.output!);
    const tps = m.speed?.outputTokensPerSecond;
    const seconds = num(tps) ? (m.speed?.timeToFirstTokenSeconds ?? 0) + CALL.output / tps : null;
    const l = m.limits ?? {};
    const fits = !(num(l.contextTokens) && prompt + CALL.output > l.contextTokens) && !(num(l.inputTokens) && prompt > l.inputTokens) && !(num(l.outputTokens) && CALL.output > l.outputTokens);
    return { usd, seconds, fits };
  }

  it("prices every model on three days as an independent reference does, and the packed registry as the full one", () => {
    const full = new Registry(bundledPricing("full"));
    // what the CLI reads: packed (pricing fields, sources once, measurements as text) and trusted
    const packed = packPricing(bundledPricing("full").map((s) => s.file));
    const slim = new Registry(unpackPricing(packed.registry, () => packed.measurements).map((file) => ({ file, origin: "bundled", prechecked: true })));
    expect(raw.map((m) => m.id).sort()).toEqual(full.all().map((m) => m.id).sort());
    const call = parseWorkload({ ...CALL, cacheTtl: "1h" }, { label: "tier", defaultName: "tier" });
    // cost-per-task is measured on a named model at an effort: its tokens scale by the measurements
    const measured = parseWorkload(JSON.parse(readFileSync(new URL("../examples/cost-per-task.json", import.meta.url), "utf8")), { label: "cost-per-task", defaultName: "cost-per-task" });
    const workloads = [...PRESETS.map((p) => parseWorkload(p.workload, { label: p.name, defaultName: p.name })), call, measured];
    let tiered = 0;
    for (const at of ["2026-11-27", "2026-12-15", "2027-01-02"]) {
      for (const m of raw) {
        const opts = { at, allowRetired: true };
        const ref = reference(m, at);
        const e = estimate(call, full, m.id, opts);
        expect(atto(e.cost.total.toString()), `${m.id} ${at}`).toBe(ref.usd);
        expect(e.fits, `${m.id} ${at}`).toBe(ref.fits);
        if (ref.seconds === null) expect(e.time.total, `${m.id} ${at}`).toBeNull();
        else expect(e.time.total, `${m.id} ${at}`).toBeCloseTo(ref.seconds, 9);
        if (e.lines.some((l) => l.band !== "base")) tiered++;
        for (const w of workloads) {
          const [a, b] = [estimate(w, full, m.id, opts), estimate(w, slim, m.id, opts)];
          expect([b.cost.total.toString(), b.time.total, b.fits, b.warnings], `${m.id} ${w.name} ${at}`).toEqual([
            a.cost.total.toString(),
            a.time.total,
            a.fits,
            a.warnings,
          ]);
          expect(statusAt(slim.get(m.id), at)).toBe(statusAt(full.get(m.id), at));
        }
      }
    }
    // The 302,000-token prompt crosses some models' long-context tiers (and not others').
    expect(tiered).toBeGreaterThan(10);
  });

  it("spot checks, by hand", () => {
    const full = new Registry(bundledPricing("full"));
    const call = parseWorkload({ ...CALL, cacheTtl: "1h" }, { label: "tier", defaultName: "tier" });
    const usdOf = (id: string, at: string) => estimate(call, full, id, { at, allowRetired: true }).cost.total.toString();
    // gemini-3.5-flash, no tiers, bills no writes: 301,000 × $1.5 + 1,000 × $0.15 + 100 × $9 = 451,500 + 150 + 900 µ$
    expect(usdOf("gemini-3.5-flash", "2026-11-27")).toBe("0.45255");
    // gemini-4-argon before its 2026-12-01 doubling: 301,000 × $2 + 1,000 × $0.1 + 100 × $10 = 602,000 + 100 + 1,000 µ$
    expect(usdOf("gemini-4-argon", "2026-11-27")).toBe("0.6031");
    // and after: 301,000 × $4 + 1,000 × $0.2 + 100 × $20 = 1,204,000 + 200 + 2,000 µ$
    expect(usdOf("gemini-4-argon", "2026-12-15")).toBe("1.2062");
    // gpt-6-sol above 272,000: 300,000 × $4 + 1,000 × $0.4 + 1,000 × $5 (no 1-hour rate) + 100 × $15 = 1,200,000 + 400 + 5,000 + 1,500 µ$
    expect(usdOf("gpt-6-sol", "2026-11-27")).toBe("1.2069");
    // gemini-2.5-pro after its shutdown bills at routed rates with no tier: 301,000 × $0.75 + 1,000 × $0.075 + 100 × $3.75 = 225,750 + 75 + 375 µ$
    expect(usdOf("gemini-2.5-pro", "2026-12-15")).toBe("0.2262");
  });
});
