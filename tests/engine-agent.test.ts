import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandAgent } from "../src/engine/agent.ts";
import { floorSum } from "../src/engine/floor-sum.ts";
import { noTokens, type BilledTokens } from "../src/engine/ledger.ts";
import { priceModel, type ModelPricing } from "../src/pricing/price-at.ts";
import type { AgentStep } from "../src/workload/types.ts";
import { acme, AT, registryOf, run, usd } from "./helpers.ts";

// S=1000 system, u=100 per-turn input, o=50 output, T=3 turns, g = u + o = 150:
// prompt_1 = 1100, prompt_2 = 1250, prompt_3 = 1400 (sum 3,750); output 3 × 50 = 150.
const base = { system: 1000, turns: 3, perTurn: { input: 100, output: 50 } };
const agent = (over: Record<string, unknown> = {}) => ({ agent: { ...base, ...over } });
const tokens = (e: ReturnType<typeof run>) => Object.fromEntries(Object.entries(e.tokens).map(([k, v]) => [k, Number(v)]));

describe("agent expansion", () => {
  it.each<[string, Record<string, unknown>, Record<string, number>, string]>([
    // no caching: every prompt is input. 3,750 × $2 + 150 × $10 = 7,500 + 1,500 µ$
    ["no caching", {}, { input: 3750, cachedInput: 0, cacheWrite: 0, output: 150, reasoning: 0 }, "0.009"],
    // keepReasoning: r=20 joins the context, g = 170: 1100 + 1270 + 1440 = 3,810
    // 3,810 × $2 + 150 × $10 + 60 × $10 = 7,620 + 1,500 + 600 µ$
    ["keepReasoning", { perTurn: { input: 100, output: 50, reasoning: 20 }, keepReasoning: true }, { input: 3810, cachedInput: 0, cacheWrite: 0, output: 150, reasoning: 60 }, "0.00972"],
    // reasoning not kept: prompts as without reasoning; 3,750 × 2 + 150 × 10 + 60 × 10
    ["reasoning not kept", { perTurn: { input: 100, output: 50, reasoning: 20 } }, { input: 3750, cachedInput: 0, cacheWrite: 0, output: 150, reasoning: 60 }, "0.0096"],
    // caching, h = 1: cached = 0 + 1100 + 1250 = 2,350; new = 3,750 − 2,350 = 1,400 as cache writes
    // 2,350 × 0.2 + 1,400 × 2.5 + 150 × 10 = 470 + 3,500 + 1,500 µ$
    ["caching", { caching: true }, { input: 0, cachedInput: 2350, cacheWrite: 1400, output: 150, reasoning: 0 }, "0.00547"],
    // hit rate 0.333: ⌊0.333 × 1100⌋ = 366, ⌊0.333 × 1250⌋ = 416 → 782 cached, 2,968 written
    // 782 × 0.2 + 2,968 × 2.5 + 1,500 = 156.4 + 7,420 + 1,500 µ$
    ["hit rate floors", { caching: { hitRate: 0.333 } }, { input: 0, cachedInput: 782, cacheWrite: 2968, output: 150, reasoning: 0 }, "0.0090764"],
    // warm system: turn 1 reads S = 1000 from cache: 1000 + 1100 + 1250 = 3,350 cached, 400 written
    // 3,350 × 0.2 + 400 × 2.5 + 1,500 = 670 + 1,000 + 1,500 µ$
    ["warm system", { caching: { warmSystem: true } }, { input: 0, cachedInput: 3350, cacheWrite: 400, output: 150, reasoning: 0 }, "0.00317"],
    // 1-hour TTL: the 1,400 written tokens at $4: 470 + 5,600 + 1,500 µ$
    ["1h TTL", { caching: { ttl: "1h" } }, { input: 0, cachedInput: 2350, cacheWrite: 1400, output: 150, reasoning: 0 }, "0.00757"],
  ])("%s", (_, over, expectedTokens, expectedUsd) => {
    const e = run(agent(over));
    expect(tokens(e)).toEqual(expectedTokens);
    expect(usd(e)).toBe(expectedUsd);
  });

  it("on a model that bills no cache writes, new prompt tokens are input", () => {
    const noWrites = registryOf(acme({ rates: { input: 2, cachedInput: 0.2, output: 10 } }));
    const e = run(agent({ caching: true }), { registry: noWrites });
    // 2,350 × 0.2 + 1,400 × 2 + 150 × 10 = 470 + 2,800 + 1,500 µ$
    expect(tokens(e)).toEqual({ input: 1400, cachedInput: 2350, cacheWrite: 0, output: 150, reasoning: 0 });
    expect(usd(e)).toBe("0.00477");
  });

  it("turns past the tier threshold bill at tier rates, the earlier ones at base", () => {
    // S=199,800, u=100, o=100, g=200: prompts 199,900 (base), 200,100 and 200,300 (tier)
    // 199,900 × 2 + 100 × 10 + 400,400 × 4 + 200 × 15 = 399,800 + 1,000 + 1,601,600 + 3,000 µ$
    const e = run({ agent: { system: 199800, turns: 3, perTurn: { input: 100, output: 100 } } });
    expect(usd(e)).toBe("2.0054");
    expect(e.lines.map((l) => [l.band, l.cls, Number(l.tokens)])).toEqual([
      ["base", "input", 199900],
      ["base", "output", 100],
      [">200K", "input", 400400],
      [">200K", "output", 200],
    ]);
  });

  it("reports the turn where the context window is first exceeded", () => {
    // size_k = 990,000 + 1,000 + (k−1)·2,000 + 1,000 > 1,000,000 first at k = 6: 1,002,000
    const e = run({ agent: { system: 990000, turns: 10, perTurn: { input: 1000, output: 1000 } } });
    expect(e.fits).toBe(false);
    expect(e.overflow).toMatchObject({ turn: 6, size: 1002000, limit: 1000000, kind: "context" });
  });

  // S=1,000, u=100, o=50, T=3: prompts 1,100, 1,250, 1,400; a call needs prompt + 50 of context.
  it.each<[string, Record<string, number | null>, Record<string, unknown> | undefined]>([
    // context 1,300: 1,250 + 50 = 1,300 fits, 1,400 + 50 does not → turn 3 (the last turn counts)
    ["the last turn", { contextTokens: 1300 }, { turn: 3, size: 1450, limit: 1300, kind: "context" }],
    // context 1,450: turn 3 needs 1,450 exactly, which fits; a 4th turn would not, but there is none
    ["one past the last turn", { contextTokens: 1450 }, undefined],
    // input 1,200 breaks at turn 2 (1,250), context 1,400 only at turn 3 (1,450): the earlier wins
    ["the earlier of two limits", { contextTokens: 1400, inputTokens: 1200 }, { turn: 2, size: 1250, limit: 1200, kind: "input" }],
    // both break at turn 2 (1,250 + 50 > 1,299; 1,250 > 1,249): context is said first
    ["context before input at the same turn", { contextTokens: 1299, inputTokens: 1249 }, { turn: 2, size: 1300, limit: 1299, kind: "context" }],
    // output 40 < 50 breaks on turn 1, before context at turn 3
    ["output on turn 1 before a later context overflow", { contextTokens: 1300, outputTokens: 40 }, { turn: 1, size: 50, limit: 40, kind: "output" }],
    // context breaks on turn 1 too (1,100 + 50 > 1,000): context is said first
    ["context before output on turn 1", { contextTokens: 1000, outputTokens: 40 }, { turn: 1, size: 1150, limit: 1000, kind: "context" }],
  ])("the first limit broken: %s", (_, limits, overflow) => {
    const e = run(agent(), { registry: registryOf(acme({ limits: { contextTokens: null, inputTokens: null, outputTokens: null, ...limits } })) });
    expect(e.fits).toBe(overflow === undefined);
    if (overflow) expect(e.overflow).toMatchObject(overflow);
    else expect(e.overflow).toBeUndefined();
  });

  it("an agent of no turns breaks no limit, however large its first prompt would be", () => {
    const pricing = priceModel(acme({ limits: { contextTokens: 615, inputTokens: 10, outputTokens: 1 } }) as never, { at: AT });
    const step = { kind: "agent", path: [], system: 909, turns: 0, perTurn: { input: 94, output: 0, reasoning: 0, toolSeconds: 0 }, caching: null, keepReasoning: false } as AgentStep;
    expect(expandAgent(step, pricing).overflow).toBeUndefined();
  });

  it("a million turns are summed in closed form", () => {
    const e = run({ agent: { system: 0, turns: 1_000_000, perTurn: { input: 0, output: 1 } } }, { registry: registryOf(acme({ limits: { contextTokens: null } })) });
    // prompt_k = k − 1, Σ = 999,999 × 1,000,000 / 2
    expect(e.tokens.input).toBe(499_999_500_000n);
    expect(e.tokens.output).toBe(1_000_000n);
  });
});

describe("closed form = turn-by-turn loop", () => {
  // The SPEC §3 rule, written as literally as possible.
  function reference(step: AgentStep, pricing: ModelPricing): Map<number, BilledTokens> {
    const { system: S, turns: T, keepReasoning } = step;
    const { input: u, output: o, reasoning: r } = step.perTurn;
    const out = new Map<number, BilledTokens>();
    let previous = 0n;
    for (let k = 1; k <= T; k++) {
      const prompt = BigInt(S + (k - 1) * (u + o + (keepReasoning ? r : 0)) + u);
      let band = 0;
      pricing.bands.forEach((b, i) => {
        if (b.above !== null && prompt > b.above) band = i;
      });
      const t = out.get(band) ?? noTokens();
      if (step.caching) {
        const { num, den } = step.caching.hitRate;
        const cached = k === 1 ? (step.caching.warmSystem ? BigInt(S) : 0n) : (num * previous) / den;
        t.cachedInput += cached;
        t[pricing.billsCacheWrites ? (step.caching.ttl === "1h" ? "cacheWrite1h" : "cacheWrite") : "input"] += prompt - cached;
      } else t.input += prompt;
      t.output += BigInt(o);
      t.reasoning += BigInt(r);
      out.set(band, t);
      previous = prompt;
    }
    return out;
  }

  const twoTiers = acme({
    tiers: [
      { aboveInputTokens: 5000, rates: { input: 3 } },
      { aboveInputTokens: 9000, rates: { input: 4 } },
    ],
  });

  it("agrees on random agents, hit rates and tiers", () => {
    fc.assert(
      fc.property(
        fc.record({
          system: fc.nat(6000),
          turns: fc.integer({ min: 1, max: 40 }),
          u: fc.nat(600),
          o: fc.nat(300),
          r: fc.nat(300),
          keep: fc.boolean(),
          caching: fc.option(
            fc.record({ h: fc.integer({ min: 0, max: 1000 }), warm: fc.boolean(), ttl: fc.constantFrom("5m" as const, "1h" as const) }),
          ),
          writes: fc.boolean(),
        }),
        (p) => {
          const model = p.writes ? twoTiers : { ...twoTiers, rates: { input: 2, cachedInput: 0.2, output: 10 } };
          const pricing = priceModel({ ...model, provider: "acme", name: "Acme", status: "current", origin: "test", pricedBy: "test" }, { at: AT });
          const step: AgentStep = {
            kind: "agent",
            path: [],
            system: p.system,
            turns: p.turns,
            perTurn: { input: p.u, output: p.o, reasoning: p.r, toolSeconds: 0 },
            caching: p.caching ? { hitRate: { num: BigInt(p.caching.h), den: 1000n }, warmSystem: p.caching.warm, ttl: p.caching.ttl } : null,
            keepReasoning: p.keep,
          };
          expect(expandAgent(step, pricing).bands).toEqual(reference(step, pricing));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("floorSum in doubles (small arguments) and in BigInts agree: the sum is the same with m, a and b scaled by K (property)", () => {
    // × 2^60 pushes every call past the double path's bounds; both paths are exact, so they agree.
    const K = 2n ** 60n;
    const edge = fc.tuple(fc.integer({ min: 0, max: 2 ** 26 + 5 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.nat(2 ** 30), fc.nat(2 ** 45));
    const small = fc.tuple(fc.nat(3000), fc.integer({ min: 1, max: 1000 }), fc.nat(10 ** 6), fc.nat(10 ** 7));
    fc.assert(
      fc.property(fc.oneof(edge, small), ([n, m, a, b]) => {
        const [N, M, A, B] = [BigInt(n), BigInt(m), BigInt(a), BigInt(b)];
        expect(floorSum(N, M, A, B)).toBe(floorSum(N, M * K, A * K, B * K));
      }),
      { numRuns: 3000 },
    );
    // At the double path's edges: against the loop where it is short enough to run.
    for (const [n, m, a, b] of [[1000, 999_983, 2 ** 40, 2 ** 49], [5000, 3, 2 ** 35, 0], [4999, 2 ** 40, 2 ** 40 - 1, 2 ** 45]] as const) {
      const [N, M, A, B] = [BigInt(n), BigInt(m), BigInt(a), BigInt(b)];
      let loop = 0n;
      for (let i = 0n; i < N; i++) loop += (A * i + B) / M;
      expect(floorSum(N, M, A, B)).toBe(loop);
    }
    expect(floorSum(2n ** 26n - 1n, 7n, 3n, 5n)).toBe(floorSum(2n ** 26n - 1n, 7n * K, 3n * K, 5n * K));
  });

  it("floorSum matches the loop", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.integer({ min: 1, max: 1000 }), fc.nat(5000), fc.nat(5000), (n, m, a, b) => {
        let loop = 0n;
        for (let i = 0; i < n; i++) loop += BigInt(Math.floor((a * i + b) / m));
        expect(floorSum(BigInt(n), BigInt(m), BigInt(a), BigInt(b))).toBe(loop);
      }),
    );
  });
});
