import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimate, type Estimate } from "../src/engine/estimate.ts";
import { loadRegistry } from "../src/pricing/load.ts";
import { Registry } from "../src/pricing/registry.ts";
import type { ModelEntry } from "../src/pricing/schema.ts";
import { parseWorkload } from "../src/workload/parse.ts";

// General rules of SPEC §8 scaling, on random workloads.

const parse = (raw: object) => parseWorkload(raw, { label: "prop", defaultName: "prop" });

describe("--same-tokens restores the per-token numbers exactly", () => {
  // 400 seeded workloads priced by the engine before scaling existed (scripts/make-same-tokens-golden.js,
  // run once against commit 33640c6): an independent record of "today's" numbers.
  const golden = JSON.parse(readFileSync(new URL("./fixtures/same-tokens-golden.json", import.meta.url), "utf8")) as {
    at: string;
    cases: { workload: object; model: string; usd: string; tokens: Record<string, string>; seconds: number | null; fits: boolean }[];
  };
  const registry = loadRegistry();

  it("holds 400 cases", () => expect(golden.cases).toHaveLength(400));

  it.each(golden.cases.map((c, i) => [i, c] as const))("case %d", (_, c) => {
    const e = estimate(parse(c.workload), registry, c.model, { at: golden.at, sameTokens: true });
    expect(e.cost.total.toString()).toBe(c.usd);
    expect(Object.fromEntries(Object.entries(e.tokens).map(([k, v]) => [k, v.toString()]))).toEqual(c.tokens);
    expect(e.time.total).toBe(c.seconds);
    expect(e.fits).toBe(c.fits);
  });
});

// A reference and a candidate whose measurements and tokenizers the properties choose.
const BENCH = { b: { name: "B", version: "1", kind: "per-task" as const, date: "2026-09" } };
const RATES = { input: 1.25, cachedInput: 0.125, cacheWrite: 1.5, output: 10 };
const SPEED = { outputTokensPerSecond: 80, timeToFirstTokenSeconds: 0.5 };
interface Figures {
  refOut: number;
  candOut: number;
  refSplit?: [number, number];
  candSplit?: [number, number];
  refRatio: number;
  candRatio: number;
}
function pair(x: Figures): Registry {
  const m = (id: string, out: number, split: [number, number] | undefined, ratio: number): ModelEntry => ({
    id,
    rates: RATES,
    speed: SPEED,
    tiers: [{ aboveInputTokens: 200_000, rates: { input: 2.5, cachedInput: 0.25, cacheWrite: 3, output: 15 } }],
    usage: {
      reasons: true,
      measurements: [{ effort: null, benchmark: "b", outputTokens: out, ...(split ? { reasoningTokens: split[0], answerTokens: split[1] } : {}) }],
      tokenizer: { family: id, ratio, relativeTo: "base" },
    },
  });
  return new Registry([
    { file: { benchmarks: BENCH }, origin: "bundled" },
    { file: { provider: "acme", models: [m("ref", x.refOut, x.refSplit, x.refRatio), m("cand", x.candOut, x.candSplit, x.candRatio)] }, origin: "bundled" },
  ]);
}

const call = fc.record({ input: fc.nat(300_000), cachedInput: fc.nat(50_000), cacheWrite: fc.nat(50_000), output: fc.nat(20_000), reasoning: fc.nat(20_000), requests: fc.integer({ min: 1, max: 20 }) });
const agent = fc.record({
  agent: fc.record({
    system: fc.nat(50_000),
    turns: fc.integer({ min: 1, max: 40 }),
    perTurn: fc.record({ input: fc.nat(5_000), output: fc.nat(2_000), reasoning: fc.nat(2_000) }),
    caching: fc.oneof(fc.boolean(), fc.record({ hitRate: fc.constantFrom(0.5, 0.9, 1) })),
    keepReasoning: fc.boolean(),
  }),
});
const work = fc.oneof(call, agent, fc.record({ steps: fc.array(fc.oneof(call, agent), { minLength: 1, maxLength: 3 }) }));
const tokens = fc.integer({ min: 1, max: 1_000_000 });
const ratio = fc.constantFrom(0.8, 1, 1.1, 1.3, 1.46);
const RUNS = { numRuns: 200 };

const priced = (registry: Registry, raw: object, options: { sameTokens?: boolean } = {}) =>
  estimate(parse({ model: "ref", ...raw }), registry, "cand", { at: "2026-11-27", ...options });
const numbers = (e: Estimate) => ({
  usd: e.cost.total.toString(),
  tokens: Object.values(e.tokens).map(String),
  lines: e.lines.map((l) => [l.model, l.band, l.cls, String(l.tokens), l.usd.toString()]),
  time: e.time,
  fits: e.fits,
  overflow: e.overflow,
});

describe("scaling properties", () => {
  it("cost never falls when the candidate spends more output (f grows)", () => {
    fc.assert(
      fc.property(work, tokens, tokens, fc.integer({ min: 1, max: 500_000 }), (raw, refOut, candOut, more) => {
        const base = { refOut, refRatio: 1, candRatio: 1 };
        const a = priced(pair({ ...base, candOut }), raw).cost.total;
        const b = priced(pair({ ...base, candOut: candOut + more }), raw).cost.total;
        expect(b.cmp(a)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("cost never falls when the candidate spends more reasoning or more answer tokens (f_r, f_a grow)", () => {
    fc.assert(
      fc.property(work, fc.tuple(tokens, tokens), fc.tuple(tokens, tokens), fc.integer({ min: 1, max: 500_000 }), fc.boolean(), (raw, refSplit, candSplit, more, reasoningGrows) => {
        const figures = (c: [number, number]) => ({ refOut: refSplit[0] + refSplit[1], refSplit, candOut: c[0] + c[1], candSplit: c, refRatio: 1, candRatio: 1 });
        const bigger: [number, number] = reasoningGrows ? [candSplit[0] + more, candSplit[1]] : [candSplit[0], candSplit[1] + more];
        const a = priced(pair(figures(candSplit)), raw).cost.total;
        const b = priced(pair(figures(bigger)), raw).cost.total;
        expect(b.cmp(a)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("cost never falls when the candidate's tokenizer counts more (t grows)", () => {
    fc.assert(
      fc.property(work, tokens, ratio, ratio, (raw, out, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const base = { refOut: out, candOut: out, refRatio: 1 };
        const a = priced(pair({ ...base, candRatio: lo }), raw).cost.total;
        const b = priced(pair({ ...base, candRatio: hi }), raw).cost.total;
        expect(b.cmp(a)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("factor 1 leaves every number unchanged: equal measurements and tokenizers price as --same-tokens", () => {
    fc.assert(
      fc.property(work, tokens, fc.option(fc.tuple(tokens, tokens), { nil: undefined }), ratio, (raw, out, split, r) => {
        const registry = pair({ refOut: split ? split[0] + split[1] : out, candOut: split ? split[0] + split[1] : out, refSplit: split, candSplit: split, refRatio: r, candRatio: r });
        const scaled = priced(registry, raw);
        expect(scaled.scaling.kind).toBe("scaled");
        expect(scaled.band).toBeUndefined();
        expect(numbers(scaled)).toEqual(numbers(priced(registry, raw, { sameTokens: true })));
      }),
      RUNS,
    );
  });

  it("the cost lies within its band (output spread and tokenizer range together)", () => {
    const threeKeys = (outs: number[], tokenizer: { ratio: number; low: number; high: number }) =>
      new Registry([
        { file: { benchmarks: { k1: { ...BENCH.b, date: "2026-01" }, k2: { ...BENCH.b, date: "2026-02" }, k3: { ...BENCH.b, date: "2026-03" } } }, origin: "bundled" },
        {
          file: {
            provider: "acme",
            models: [
              {
                id: "ref",
                rates: RATES,
                usage: { measurements: ["k1", "k2", "k3"].map((b) => ({ effort: null, benchmark: b, outputTokens: 1000 })), tokenizer: { family: "x", ratio: 1, relativeTo: "x" } },
              },
              {
                id: "cand",
                rates: RATES,
                usage: { measurements: ["k1", "k2", "k3"].map((b, i) => ({ effort: null, benchmark: b, outputTokens: outs[i]! })), tokenizer: { family: "y", relativeTo: "x", ...tokenizer } },
              },
            ],
          },
          origin: "bundled",
        },
      ]);
    fc.assert(
      fc.property(work, fc.tuple(tokens, tokens, tokens), fc.constantFrom({ ratio: 1, low: 1, high: 1 }, { ratio: 1.3, low: 1, high: 1.35 }, { ratio: 0.9, low: 0.8, high: 1.2 }), (raw, outs, tokenizer) => {
        const e = priced(threeKeys(outs, tokenizer), raw);
        if (!e.band) return;
        expect(e.band.low.cmp(e.cost.total)).toBeLessThanOrEqual(0);
        expect(e.band.high.cmp(e.cost.total)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});
