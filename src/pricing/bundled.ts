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
  const slim: PricingFile = {};
  if (file.provider !== undefined) slim.provider = file.provider;
  if (file.benchmarks) slim.benchmarks = file.benchmarks;
  if (!file.models) return slim;
  slim.models = file.models.map((m) => {
    const { sources, notes, otherRates, releaseDate, priceEffectiveDate, priceConfidence, cacheWriteTtl, reasoningLevels, ...rest } = m;
    const entry = { ...rest };
    if (m.speed) entry.speed = { outputTokensPerSecond: m.speed.outputTokensPerSecond, timeToFirstTokenSeconds: m.speed.timeToFirstTokenSeconds };
    if (m.limits) entry.limits = { contextTokens: m.limits.contextTokens, inputTokens: m.limits.inputTokens ?? null, outputTokens: m.limits.outputTokens ?? null };
    if (m.tiers) entry.tiers = m.tiers.map((t) => ({ aboveInputTokens: t.aboveInputTokens, rates: t.rates }));
    if (m.scheduledPrices) entry.scheduledPrices = m.scheduledPrices.map(({ sources: _s, ...sp }) => sp);
    if (m.usage) {
      // Measurements keep their sources: a scaled result cites the figures it rests on.
      const { speeds: _speeds, notes: _notes, tokenizer, ...usage } = m.usage;
      entry.usage = usage;
      if (tokenizer) {
        const { samples: _samples, note: _note, ...t } = tokenizer;
        entry.usage.tokenizer = t;
      }
    }
    return entry;
  });
  return slim;
}

/** pricing/*.json, in name order; the same relative path from src/pricing and dist/pricing. */
export function readPricingDir(): PricingFile[] {
  const dir = fileURLToPath(new URL("../../pricing/", import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "schema.json")
    .sort()
    .map((f) => JSON.parse(readFileSync(`${dir}${f}`, "utf8")) as PricingFile);
}
