import { describe, expect, it } from "vitest";
import { estimate } from "../src/engine/estimate.ts";
import { Registry } from "../src/pricing/registry.ts";
import type { ModelEntry } from "../src/pricing/schema.ts";
import { acme, AT, registryOf, run, usd, workload } from "./helpers.ts";

// Issue 8 §C: each test here kills a one-line bug that once survived the whole suite (the bug
// is named above each). acme-1: $2 in, $0.2 cached, $2.5 write, $10 out; above 200,000 prompt
// tokens $4 / $0.4 / $5 / $15; context 1,000,000, output 64,000; 100 tok/s, TTFT 0.5 s.

const tokens = (e: ReturnType<typeof run>) => Object.fromEntries(Object.entries(e.tokens).map(([k, v]) => [k, Number(v)]));
const bands = (e: ReturnType<typeof run>) => e.lines.map((l) => [l.band, l.cls, Number(l.tokens)]);
const codes = (e: ReturnType<typeof run>) => e.warnings.map((w) => w.code);

describe("tier thresholds on an agent's first turn", () => {
  // bug: `A >= t` for `A > t` — a first prompt of exactly the threshold billed at tier rates.
  it("a first prompt of exactly 200,000 is base; the turn above it is tier", () => {
    // S = 199,900, u = 100, o = 100, g = 200: prompt_1 = 200,000 (not above: base), prompt_2 = 200,200 (tier)
    // base 200,000 × $2 + 100 × $10 = 400,000 + 1,000 µ$; tier 200,200 × $4 + 100 × $15 = 800,800 + 1,500 µ$
    const e = run({ agent: { system: 199900, turns: 2, perTurn: { input: 100, output: 100 } } });
    expect(bands(e)).toEqual([
      ["base", "input", 200000],
      ["base", "output", 100],
      [">200K", "input", 200200],
      [">200K", "output", 100],
    ]);
    expect(usd(e)).toBe("1.2033");
  });

  it.each<[string, number, string]>([
    // 200,000 × $2 + 100 × $10 = 401,000 µ$
    ["exactly at the threshold: base", 199900, "0.401"],
    // 200,001 × $4 + 100 × $15 = 800,004 + 1,500 µ$
    ["one token above: tier", 199901, "0.801504"],
  ])("a one-turn agent %s", (_, system, expected) => {
    expect(usd(run({ agent: { system, turns: 1, perTurn: { input: 100, output: 100 } } }))).toBe(expected);
  });
});

describe("what counts toward limits and tiers", () => {
  const ctx128k = registryOf(acme({ limits: { contextTokens: 128000, outputTokens: 64000 } }));

  // bug: `firstOverflow(pricing, A, g, o, T)` — an agent's reasoning left out of the context check.
  it("an agent's overflow counts reasoning: S=120k, u=1k, o=1k, r=7k does not fit 128k", () => {
    // turn 1: 120,000 + 1,000 prompt + 1,000 output + 7,000 reasoning = 129,000 > 128,000
    // (without reasoning the largest turn, 3, needs 120,000 + 2 × 2,000 + 1,000 + 1,000 = 126,000: fits)
    const e = run({ agent: { system: 120000, turns: 3, perTurn: { input: 1000, output: 1000, reasoning: 7000 } } }, { registry: ctx128k });
    expect(e.fits).toBe(false);
    expect(e.overflow).toMatchObject({ turn: 1, size: 129000, limit: 128000, kind: "context" });
    expect(codes(e)).toContain("CONTEXT");
  });

  // bug: `prompt = input + cachedInput` — a call's cache writes left out of its prompt.
  it("a call's cache writes count toward the tier threshold", () => {
    // prompt = 100,000 input + 150,000 written = 250,000 > 200,000: tier rates for every class
    // 100,000 × $4 + 150,000 × $5 + 1,000 × $15 = 400,000 + 750,000 + 15,000 µ$
    const e = run({ input: 100000, cacheWrite: 150000, output: 1000 });
    expect(bands(e)).toEqual([
      [">200K", "input", 100000],
      [">200K", "cacheWrite", 150000],
      [">200K", "output", 1000],
    ]);
    expect(usd(e)).toBe("1.165");
  });

  it("a call's cache writes count toward the context limit", () => {
    // 100,000 input + 27,001 written + 1,000 output = 128,001 > 128,000
    // 100,000 × $2 + 27,001 × $2.5 + 1,000 × $10 = 200,000 + 67,502.5 + 10,000 µ$ (still priced)
    const e = run({ input: 100000, cacheWrite: 27001, output: 1000 }, { registry: ctx128k });
    expect(e.fits).toBe(false);
    expect(e.overflow).toMatchObject({ turn: 1, size: 128001, limit: 128000, kind: "context" });
    expect(usd(e)).toBe("0.2775025");
  });

  it("and toward an input limit", () => {
    // prompt = 50,000 + 10,000 cached + 40,001 written = 100,001 > 100,000
    const e = run({ input: 50000, cachedInput: 10000, cacheWrite: 40001, output: 10 }, { registry: registryOf(acme({ limits: { contextTokens: 1000000, inputTokens: 100000 } })) });
    expect(e.overflow).toMatchObject({ size: 100001, limit: 100000, kind: "input" });
  });
});

describe("per month and where an overflow is", () => {
  // bug: `seconds: nano(total)` — the time per month was the time of one run.
  it("perMonth.seconds is the time per run × runs per month", () => {
    // one run: 0.5 s TTFT + 100 / 100 tok/s = 1.5 s; 10 runs a day × 30 = 300 runs → 450 s
    // cost per run 1,000 × $2 + 100 × $10 = 3,000 µ$; per month × 300 = $0.9
    const e = run({ input: 1000, output: 100, runs: { count: 10, per: "day" } });
    expect(e.time.total).toBe(1.5);
    expect(e.perMonth).toMatchObject({ runs: 300n, seconds: 450 });
    expect(e.perMonth!.usd.toString()).toBe("0.9");
  });

  it("runs per month are not multiplied by 30", () => {
    // 7 runs a month × 1.5 s = 10.5 s
    expect(run({ input: 1000, output: 100, runs: { count: 7, per: "month" } }).perMonth).toMatchObject({ runs: 7n, seconds: 10.5 });
  });

  // bug: `if (exp.overflow)` for `if (exp.overflow && !walk.overflow)` — the last overflow reported.
  it("the first overflowing step, in workload order, is the one reported", () => {
    const small = registryOf(acme({ limits: { contextTokens: 10000, outputTokens: 64000 } }));
    // steps[0] fits (1,100); steps[1] needs 20,000 + 10 = 20,010; steps[2] needs 30,010
    const e = run({ steps: [{ input: 1000, output: 100 }, { input: 20000, output: 10 }, { input: 30000, output: 10 }] }, { registry: small });
    expect(e.overflow).toMatchObject({ path: "steps[1]", size: 20010, limit: 10000 });
  });
});

describe("unknown and overridden rates", () => {
  // bug: `billsCacheWrites = base.cacheWrite != null` — an unknown (null) write rate taken for "bills no writes".
  it("a caching agent on a model whose cache-write rate is unknown bills writes, priced as input, with a warning", () => {
    const unknownWrites = registryOf(acme({ rates: { input: 2, cachedInput: 0.2, cacheWrite: null, output: 10 } }));
    // S=1000, u=100, o=50, T=3: prompts 1,100 + 1,250 + 1,400; cached 1,100 + 1,250 = 2,350, written 1,400
    // 2,350 × $0.2 + 1,400 × $2 (the input rate, its fallback) + 150 × $10 = 470 + 2,800 + 1,500 µ$
    const e = run({ agent: { system: 1000, turns: 3, perTurn: { input: 100, output: 50 }, caching: true } }, { registry: unknownWrites });
    expect(tokens(e)).toEqual({ input: 0, cachedInput: 2350, cacheWrite: 1400, output: 150, reasoning: 0 });
    expect(usd(e)).toBe("0.00477");
    const w = e.warnings.find((x) => x.code === "RATE_UNKNOWN");
    expect(w?.message).toContain("cache write");
  });

  // bug: the override's service-tier map ignored (or a fixed 0.5 for batch).
  it("a batch multiplier of 0.6 is honoured", () => {
    // (1,000 × $2 + 100 × $10) × 0.6 = 3,000 × 0.6 = 1,800 µ$
    const e = run({ input: 1000, output: 100 }, { registry: registryOf(acme({ serviceTiers: { batch: 0.6 } })), serviceTier: "batch" });
    expect(usd(e)).toBe("0.0018");
  });

  it("an override's batch multiplier replaces the bundled one, key by key", () => {
    // bundled acme-1 batch 0.5, flex 0.5; the override sets batch 0.6 only
    const reg = new Registry([
      { file: { provider: "acme", models: [acme()] }, origin: "bundled" },
      { file: { provider: "acme", models: [{ id: "acme-1", serviceTiers: { batch: 0.6 } } as ModelEntry] }, origin: "o.json" },
    ]);
    // 3,000 µ$ × 0.6 = 1,800 µ$; × 0.5 (flex, kept) = 1,500 µ$
    expect(usd(run({ input: 1000, output: 100 }, { registry: reg, serviceTier: "batch" }))).toBe("0.0018");
    expect(usd(run({ input: 1000, output: 100 }, { registry: reg, serviceTier: "flex" }))).toBe("0.0015");
  });

  // bug: `merged.limits = entry.limits` — an override of one limit dropped the others.
  it("an override setting only contextTokens keeps the bundled outputTokens", () => {
    const reg = new Registry([
      { file: { provider: "acme", models: [acme()] }, origin: "bundled" },
      { file: { provider: "acme", models: [{ id: "acme-1", limits: { contextTokens: 2000000 } } as ModelEntry] }, origin: "o.json" },
    ]);
    expect(reg.get("acme-1").limits).toMatchObject({ contextTokens: 2000000, outputTokens: 64000 });
    // 70,000 output > the kept 64,000 output limit
    const e = run({ input: 1000, output: 70000 }, { registry: reg });
    expect(e.overflow).toMatchObject({ kind: "output", size: 70000, limit: 64000 });
    // 1,500,000 + 70,000 = 1,570,000 ≤ the new 2,000,000 context: only the output limit is broken
    expect(run({ input: 1500000, output: 1000 }, { registry: reg }).fits).toBe(true);
  });
});

describe("lifecycle on the pricing date", () => {
  const at = (model: ModelEntry, day: string) => () => estimate(workload({ input: 10, output: 10 }), registryOf(model), model.id, { at: day });

  // bug: `date < at` for `date <= at` — a deprecated model still served on its shutdown day.
  it.each<[string, string, boolean]>([
    ["the day before its shutdown date: served", "2026-11-26", true],
    ["exactly on its shutdown date: refused", "2026-11-27", false],
    ["after it: refused", "2026-11-28", false],
  ])("a deprecated model %s", (_, day, served) => {
    const m = acme({ status: "deprecated", deprecationDate: "2026-11-27" });
    if (served) expect(at(m, day)().status).toBe("deprecated");
    else expect(at(m, day)).toThrow(/was retired on 2026-11-27/);
  });

  // bug: `at <= date` for `at < date` — a retired model served on its retirement day.
  it.each<[string, string, boolean]>([
    ["the day before its date: served, as deprecated", "2026-11-26", true],
    ["exactly on its date: refused", "2026-11-27", false],
  ])("a retired model %s", (_, day, served) => {
    const m = acme({ status: "retired", deprecationDate: "2026-11-27" });
    if (served) expect(at(m, day)().status).toBe("deprecated");
    else expect(at(m, day)).toThrow(/was retired on 2026-11-27/);
  });

  it("the status is the one on the pricing date", () => {
    const m = acme({ status: "deprecated", deprecationDate: "2026-12-01" });
    expect(estimate(workload({ input: 10, output: 10 }), registryOf(m), "acme-1", { at: AT }).status).toBe("deprecated");
    expect(estimate(workload({ input: 10, output: 10 }), registryOf(m), "acme-1", { at: "2026-12-01", allowRetired: true }).status).toBe("retired");
  });
});
