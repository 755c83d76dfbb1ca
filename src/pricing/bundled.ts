import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mergeEntry, type PricingSource } from "./registry.ts";
import type { ModelEntry, PricingFile } from "./schema.ts";

// The CLI bundles read the registry from a packed file beside them (dist/bin/registry.json:
// scripts/build.js validates the pricing files with zod and writes it, and defines this constant
// as its path), so the everyday path reads one file and loads no validator. It carries only the
// figures pricing needs; provenance (sources, notes, speed alternatives) stays in the files,
// which `models` reads. Token measurements, which only scaling (a workload measured on a named
// model) reads, are a file of their own beside it (measurements.json), read when first asked
// for: a third of the registry's text and ~120 KB of young objects a start would otherwise make.
declare const __TOKENCOST_PRICING_PATH__: string | undefined;
declare const __TOKENCOST_MEASUREMENTS_PATH__: string | undefined;

/**
 * The pricing files that ship with the package, trusted as is: build and tests validate them.
 * `full` asks for every field of every entry, provenance included.
 */
export function bundledPricing(detail: "pricing" | "full" = "pricing"): PricingSource[] {
  if (typeof __TOKENCOST_PRICING_PATH__ === "string" && typeof __TOKENCOST_MEASUREMENTS_PATH__ === "string" && detail === "pricing") {
    // The packed registry was built into a Registry, checks and all, when it was written.
    const measurements = __TOKENCOST_MEASUREMENTS_PATH__;
    return unpackPricing(readFileSync(__TOKENCOST_PRICING_PATH__, "utf8"), () => readFileSync(measurements, "utf8")).map((file) => ({
      file,
      origin: "bundled",
      prechecked: true,
    }));
  }
  return readPricingDir().map((file) => ({ file, origin: "bundled" }));
}

type Measurements = NonNullable<NonNullable<NonNullable<PricingFile["models"]>[number]["usage"]>["measurements"]>;

/** The packed registry: pricing fields only; each model's measurements an index into the other part. */
export interface PackedPricing {
  registry: string;
  /** `{ sources, lists }`: the 184 measurement sources name 31 pages, so each page is stored once. */
  measurements: string;
}

interface PackedMeasurements {
  sources: string[];
  lists: Measurements[];
}

/** The packed form of the registry: pricing fields, and the measurements apart. */
export function packPricing(files: readonly PricingFile[]): PackedPricing {
  const sources: string[] = [];
  const index = new Map<string, number>();
  const lists: Measurements[] = [];
  // Each entry is stored as the model the Registry makes of it (provider, name, status and
  // origin filled in), which a prechecked source's entries are taken as: not copied at start.
  // An id met again in a later file merges over the first as the Registry merges it: only its
  // first entry is stored merged.
  const seen = new Set<string>();
  const merged = (m: ModelEntry, provider: string) => {
    const key = m.id.toLowerCase();
    if (seen.has(key)) return m;
    seen.add(key);
    return mergeEntry(undefined, m, provider, "bundled");
  };
  const slim = files.map(pricingFields).map((f) => (f.models ? { ...f, models: f.models.map((m) => merged(m, f.provider!)) } : f));
  for (const usage of slim.flatMap((f) => f.models ?? []).flatMap((e) => (e.usage ? [e.usage] : []))) {
    if (!usage.measurements) continue;
    for (const m of usage.measurements) {
      if (m.source === undefined) continue;
      if (!index.has(m.source)) index.set(m.source, sources.push(m.source) - 1);
      (m as { source?: unknown }).source = index.get(m.source);
    }
    (usage as { measurements?: unknown }).measurements = lists.push(usage.measurements) - 1;
  }
  return { registry: JSON.stringify(slim), measurements: JSON.stringify({ sources, lists } satisfies PackedMeasurements) };
}

/**
 * The files of a packed registry. A model's measurements are read (`measurements()`, once for
 * all models) when something first asks for them.
 */
export function unpackPricing(registry: string, measurements: () => string): PricingFile[] {
  const files = JSON.parse(registry) as PricingFile[];
  let packed: PackedMeasurements | undefined;
  const listAt = (i: number): Measurements => {
    packed ??= JSON.parse(measurements()) as PackedMeasurements;
    const list = packed.lists[i]!;
    for (const m of list) if (typeof m.source === "number") m.source = packed.sources[m.source];
    return list;
  };
  for (const f of files) {
    for (const e of f.models ?? []) {
      const usage = e.usage;
      const at: unknown = usage?.measurements;
      if (typeof at !== "number") continue;
      Object.defineProperty(usage, "measurements", {
        configurable: true,
        enumerable: true,
        get(this: typeof usage) {
          const list = listAt(at);
          Object.defineProperty(this, "measurements", { value: list, writable: true, enumerable: true, configurable: true });
          return list;
        },
        set(this: typeof usage, value: Measurements) {
          Object.defineProperty(this, "measurements", { value, writable: true, enumerable: true, configurable: true });
        },
      });
    }
  }
  return files;
}

/** An entry without what pricing never reads: what the CLI bundles read. */
export function pricingFields(file: PricingFile): PricingFile {
  const slim: PricingFile = {};
  if (file.provider !== undefined) slim.provider = file.provider;
  if (file.benchmarks) slim.benchmarks = file.benchmarks;
  if (!file.models) return slim;
  slim.models = file.models.map((m) => {
    const { sources, notes, otherRates, priceEffectiveDate, priceConfidence, cacheWriteTtl, ...rest } = m;
    const entry = { ...rest };
    if (m.speed) entry.speed = { outputTokensPerSecond: m.speed.outputTokensPerSecond, timeToFirstTokenSeconds: m.speed.timeToFirstTokenSeconds };
    if (m.limits) entry.limits = { contextTokens: m.limits.contextTokens, inputTokens: m.limits.inputTokens ?? null, outputTokens: m.limits.outputTokens ?? null };
    if (m.tiers) entry.tiers = m.tiers.map((t) => ({ aboveInputTokens: t.aboveInputTokens, rates: t.rates }));
    if (m.scheduledPrices) entry.scheduledPrices = m.scheduledPrices.map(({ sources: _s, ...sp }) => sp);
    if (m.usage) {
      // Measurements keep their sources (packed: see packPricing): a scaled result cites them.
      const { speeds: _speeds, notes: _notes, tokenizer, speedByEffort, measurements, ...usage } = m.usage;
      entry.usage = usage;
      if (measurements?.length) entry.usage.measurements = measurements.map((x) => ({ ...x }));
      if (speedByEffort && Object.keys(speedByEffort).length) {
        entry.usage.speedByEffort = Object.fromEntries(
          Object.entries(speedByEffort).map(([e, v]) => [e, { outputTokensPerSecond: v!.outputTokensPerSecond, timeToFirstTokenSeconds: v!.timeToFirstTokenSeconds }]),
        );
      }
      if (tokenizer) entry.usage.tokenizer = { family: tokenizer.family, ratio: tokenizer.ratio, low: tokenizer.low ?? null, high: tokenizer.high ?? null, relativeTo: tokenizer.relativeTo };
    }
    return entry;
  });
  return slim;
}

/** pricing/*.json, in name order; the same relative path from src/pricing and dist/pricing. */
export function readPricingDir(): PricingFile[] {
  const dir = fileURLToPath(new URL("../../pricing/", import.meta.url));
  return pricingFileNames(readdirSync(dir)).map((f) => JSON.parse(readFileSync(`${dir}${f}`, "utf8")) as PricingFile);
}

/** The pricing files among a directory's names, in name order (schema.json is the schema). */
export const pricingFileNames = (names: readonly string[]): string[] => names.filter((f) => f.endsWith(".json") && f !== "schema.json").sort();
