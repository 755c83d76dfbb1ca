import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PricingSource } from "./registry.ts";
import type { PricingFile } from "./schema.ts";

// The CLI bundle carries the registry inline (scripts/build.js validates it with zod and
// defines this constant), so its everyday path reads no file and loads no validator. It carries
// only the figures pricing needs; provenance (sources, notes, speed alternatives) stays in the
// files, which `models` reads.
declare const __TOKENCOST_PRICING__: string | undefined;

/**
 * The pricing files that ship with the package, trusted as is: build and tests validate them.
 * `full` asks for every field of every entry, provenance included.
 */
export function bundledPricing(detail: "pricing" | "full" = "pricing"): PricingSource[] {
  const files: PricingFile[] =
    typeof __TOKENCOST_PRICING__ === "string" && detail === "pricing" ? JSON.parse(__TOKENCOST_PRICING__) : readPricingDir();
  return files.map((file) => ({ file, origin: "bundled" }));
}

/** An entry without what pricing never reads: what the CLI bundle carries inline. */
export function pricingFields(file: PricingFile): PricingFile {
  return {
    provider: file.provider,
    models: file.models.map((m) => {
      const { sources, notes, otherRates, releaseDate, priceEffectiveDate, priceConfidence, cacheWriteTtl, reasoningLevels, ...rest } = m;
      const slim = { ...rest };
      if (m.speed) slim.speed = { outputTokensPerSecond: m.speed.outputTokensPerSecond, timeToFirstTokenSeconds: m.speed.timeToFirstTokenSeconds };
      if (m.limits) slim.limits = { contextTokens: m.limits.contextTokens, inputTokens: m.limits.inputTokens ?? null, outputTokens: m.limits.outputTokens ?? null };
      if (m.tiers) slim.tiers = m.tiers.map((t) => ({ aboveInputTokens: t.aboveInputTokens, rates: t.rates }));
      if (m.scheduledPrices) slim.scheduledPrices = m.scheduledPrices.map(({ sources: _s, ...sp }) => sp);
      return slim;
    }),
  };
}

/** pricing/*.json, in name order; the same relative path from src/pricing and dist/pricing. */
export function readPricingDir(): PricingFile[] {
  const dir = fileURLToPath(new URL("../../pricing/", import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "schema.json")
    .sort()
    .map((f) => JSON.parse(readFileSync(`${dir}${f}`, "utf8")) as PricingFile);
}
