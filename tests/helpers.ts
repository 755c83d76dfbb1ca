import { estimate, type EstimateOptions } from "../src/engine/estimate.ts";
import { Registry } from "../src/pricing/registry.ts";
import type { ModelEntry, PricedEntry } from "../src/pricing/schema.ts";
import { parseWorkload } from "../src/workload/parse.ts";

/** The SPEC §1 example model, priced for easy arithmetic. */
export const ACME: PricedEntry = {
  id: "acme-1",
  name: "Acme 1",
  aliases: ["acme-latest"],
  rates: { input: 2.0, cachedInput: 0.2, cacheWrite: 2.5, cacheWrite1h: 4.0, output: 10.0, reasoning: null },
  tiers: [{ aboveInputTokens: 200000, rates: { input: 4.0, cachedInput: 0.4, cacheWrite: 5.0, output: 15.0 } }],
  serviceTiers: { batch: 0.5, flex: 0.5, priority: 1.8 },
  limits: { contextTokens: 1000000, outputTokens: 64000 },
  speed: { outputTokensPerSecond: 100, timeToFirstTokenSeconds: 0.5 },
  status: "current",
  pricesAsOf: "2026-05-24",
  source: "https://example.com/pricing",
};

export function registryOf(...models: ModelEntry[]): Registry {
  return new Registry([{ file: { provider: "acme", models }, origin: "bundled" }]);
}

export const acme = (over: Partial<PricedEntry> = {}): PricedEntry => ({ ...ACME, ...over });

export const workload = (raw: Record<string, unknown>) => parseWorkload(raw, { label: "test.json", defaultName: "test" });

export const AT = "2026-11-27";

/** Estimate a raw workload on acme-1 (or the given registry/model). */
export function run(raw: Record<string, unknown>, opts: Partial<EstimateOptions> & { registry?: Registry; model?: string } = {}) {
  const { registry = registryOf(ACME), model, ...rest } = opts;
  return estimate(workload(raw), registry, "model" in opts ? model : "acme-1", { at: AT, ...rest });
}

export const usd = (e: { cost: { total: { toString(): string } } }) => e.cost.total.toString();
