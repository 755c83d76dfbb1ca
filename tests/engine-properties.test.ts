import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.ts";
import { estimate } from "../src/engine/estimate.ts";
import { loadRegistry } from "../src/pricing/load.ts";
import { statusAt } from "../src/pricing/lifecycle.ts";
import { parseWorkload } from "../src/workload/parse.ts";

// General rules of the engine, checked on random workloads across every model of the registry.

const registry = loadRegistry();
const AT = "2026-11-27";
const models = registry.all().filter((m) => statusAt(m, AT) !== "retired").map((m) => m.id);
const model = fc.constantFrom(...models);
const tokens = fc.nat(400_000);
const call = fc.record({ input: tokens, cachedInput: tokens, cacheWrite: tokens, output: fc.nat(20_000), reasoning: fc.nat(20_000) });
const agent = fc.record({
  agent: fc.record({
    system: fc.nat(20_000),
    turns: fc.integer({ min: 1, max: 60 }),
    perTurn: fc.record({ input: fc.nat(5_000), output: fc.nat(1_000), reasoning: fc.nat(1_000), toolSeconds: fc.nat(10) }),
    caching: fc.oneof(fc.boolean(), fc.record({ hitRate: fc.double({ min: 0, max: 1, noNaN: true }), warmSystem: fc.boolean(), ttl: fc.constantFrom("5m", "1h") })),
    keepReasoning: fc.boolean(),
  }),
});
const step = fc.oneof(call, agent);

// estimate() reports a context overflow but still prices it: these properties are about money and time.
const priced = (raw: object, id: string) => {
  const w = parseWorkload(raw, { label: "prop", defaultName: "prop" });
  return estimate(w, registry, id, { at: AT });
};
const usd = (raw: object, id: string) => priced(raw, id).cost.total;
const seconds = (raw: object, id: string) => priced(raw, id).time.total;
const RUNS = { numRuns: 300 };

describe("engine properties", () => {
  it("cost never falls when any token class grows", () => {
    fc.assert(
      fc.property(model, call, fc.constantFrom("input", "cachedInput", "cacheWrite", "output", "reasoning"), fc.integer({ min: 1, max: 300_000 }), (id, c, cls, more) => {
        const bigger = { ...c, [cls]: c[cls as keyof typeof c] + more };
        expect(usd(bigger, id).cmp(usd(c, id))).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("sequential steps add up exactly", () => {
    fc.assert(
      fc.property(model, step, step, (id, a, b) => {
        expect(usd({ steps: [a, b] }, id).toString()).toBe(usd(a, id).add(usd(b, id)).toString());
      }),
      RUNS,
    );
  });

  it("repeat N is N times one, in cost and in time", () => {
    fc.assert(
      fc.property(model, step, fc.integer({ min: 1, max: 1_000_000 }), (id, a, n) => {
        expect(usd({ repeat: n, steps: [a] }, id).toString()).toBe(usd(a, id).mul(BigInt(n)).toString());
        const once = seconds(a, id);
        const many = seconds({ repeat: n, steps: [a] }, id);
        if (once === null) expect(many).toBeNull();
        else expect(many).toBeCloseTo(once * n, 3);
      }),
      RUNS,
    );
  });

  it("parallel costs the sum and takes the longest branch", () => {
    fc.assert(
      fc.property(model, step, step, (id, a, b) => {
        expect(usd({ parallel: [a, b] }, id).toString()).toBe(usd(a, id).add(usd(b, id)).toString());
        const [ta, tb, both] = [seconds(a, id), seconds(b, id), seconds({ parallel: [a, b] }, id)];
        if (ta === null || tb === null) expect(both).toBeNull();
        else expect(both).toBeCloseTo(Math.max(ta, tb), 6);
      }),
      RUNS,
    );
  });

  it("cached input never costs more than the same tokens uncached", () => {
    fc.assert(
      fc.property(model, fc.nat(2_000_000), (id, n) => {
        expect(usd({ cachedInput: n }, id).cmp(usd({ input: n }, id))).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("a tier changes the price only past its threshold", () => {
    const tiered = registry.all().filter((m) => (m.tiers ?? []).length > 0 && statusAt(m, AT) !== "retired");
    fc.assert(
      fc.property(fc.constantFrom(...tiered), fc.integer({ min: -5_000, max: 5_000 }), fc.nat(5_000), (m, offset, output) => {
        const threshold = m.tiers![0]!.aboveInputTokens;
        const input = Math.max(0, threshold + offset);
        const e = priced({ input, output }, m.id);
        const bands = new Set(e.lines.map((l) => l.band));
        expect(bands.has("base")).toBe(input <= threshold);
        // At the base, the price is the base rates exactly.
        if (input <= threshold) {
          const base = Decimal.from(m.rates.input).mul(BigInt(input)).add(Decimal.from(m.rates.output).mul(BigInt(output))).shift(6);
          expect(e.cost.total.toString()).toBe(base.toString());
        }
      }),
      RUNS,
    );
  });
});
