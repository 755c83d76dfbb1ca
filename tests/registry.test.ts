import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledPricing, loadRegistry } from "../src/pricing/load.ts";
import { pricingJsonSchema } from "../src/pricing/json-schema.ts";
import { validatePricingFile } from "../src/pricing/validate.ts";
import { TokencostError } from "../src/errors.ts";

const dir = new URL("../pricing/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "schema.json");
const registry = loadRegistry();

// The sourced fact base these files were transcribed from (../shared/reference, copied here so a
// fresh clone can run the check).
interface Fact {
  id: string;
  provider: string;
  status: string;
  deprecationDate: string | null;
  replacement: string | null;
  inputPerM: number;
  cachedInputPerM: number | null;
  cacheWritePerM: number | null;
  cacheWriteBilledAs: string | null;
  cacheWriteExtendedPerM: number | null;
  cacheWriteExtendedTtl: string | null;
  outputPerM: number;
  batchDiscount: number | null;
  serviceTiers: Record<string, number | string> | null;
  contextWindow: number | null;
  maxInputTokens: number | null;
  maxOutputTokens: number | null;
  outputTokensPerSecond: number | null;
  ttftSeconds: number | null;
  longContext: { thresholdTokens: number; inputPerM: number; cachedInputPerM: number | null; outputPerM: number; note?: string } | null;
  scheduledPrices: { from: string; inputPerM: number | null; cachedInputPerM: number | null; outputPerM: number | null }[];
}
const facts: Fact[] = JSON.parse(readFileSync(new URL("./fixtures/pricing-facts.json", import.meta.url), "utf8"));

describe("bundled pricing files", () => {
  it.each(files)("%s validates against the schema and points at it", (f) => {
    const data = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
    expect(() => validatePricingFile(data, f)).not.toThrow();
    expect(data.$schema).toBe("./schema.json");
    expect(data.provider).toBe(f.replace(/\.json$/, ""));
  });

  it("pricing/schema.json is what the zod schema generates (run `npm run schema`)", () => {
    const onDisk = JSON.parse(readFileSync(new URL("schema.json", dir), "utf8"));
    expect(onDisk).toEqual(pricingJsonSchema());
  });

  it("ids and aliases are unique across every provider, in any case", () => {
    const names = bundledPricing().flatMap(({ file }) => file.models.flatMap((m) => [m.id, ...(m.aliases ?? [])]));
    const lower = names.map((n) => n.toLowerCase());
    expect(lower.filter((n, i) => lower.indexOf(n) !== i)).toEqual([]);
  });

  it("every entry has a source and a pricesAsOf date", () => {
    for (const m of registry.all()) {
      expect(m.source, m.id).toMatch(/\S/);
      expect(m.pricesAsOf, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("a replacement names a model in the registry, where the fact base has it", () => {
    const outside = registry.all().filter((m) => m.replacement && !registry.find(m.replacement)).map((m) => m.replacement);
    // Groq's recommended replacement is not in the fact base (PRICING-FACTS.md says so).
    expect(outside).toEqual(["qwen/qwen3.6-27b"]);
  });
});

describe("Gemini 3.5 Flash holds the SPEC §1 figures", () => {
  const m = registry.get("gemini-3.5-flash");
  it.each([
    ["input", m.rates.input, 1.5],
    ["cached input", m.rates.cachedInput, 0.15],
    ["output", m.rates.output, 9.0],
    ["tokens per second", m.speed?.outputTokensPerSecond, 204],
    ["context", m.limits?.contextTokens, 1_048_576],
    ["max output", m.limits?.outputTokens, 65_536],
    ["batch", m.serviceTiers?.batch, 0.5],
  ])("%s", (_, actual, expected) => {
    expect(actual).toBe(expected);
  });
  it("reasoning levels", () => expect(m.reasoningLevels).toEqual(["minimal", "low", "medium", "high"]));
  it("TTFT is unknown, not zero", () => expect(m.speed?.timeToFirstTokenSeconds).toBeNull());
});

describe("every model of the fact base is in the registry with its figures", () => {
  it("the same 102 ids", () => {
    expect(facts).toHaveLength(102);
    expect(registry.all().map((m) => m.id).sort()).toEqual(facts.map((f) => f.id).sort());
  });

  it.each(facts.map((f) => [f.id, f] as const))("%s", (id, f) => {
    const m = registry.get(id);
    expect(m.provider).toBe(f.provider.split(" ")[0]);
    expect(m.rates.input).toBe(f.inputPerM);
    expect(m.rates.cachedInput).toBe(f.cachedInputPerM);
    expect(m.rates.output).toBe(f.outputPerM);
    // a write billed as input (or free / implicit) has no separate rate; an unfound one is null
    expect(m.rates.cacheWrite).toBe(f.cacheWritePerM ?? (f.cacheWriteBilledAs ? undefined : null));
    expect(m.rates.cacheWrite1h).toBe(f.cacheWriteExtendedTtl === "1h" ? f.cacheWriteExtendedPerM : undefined);
    expect(m.serviceTiers?.batch).toBe(f.batchDiscount ?? undefined);
    expect(m.serviceTiers?.flex).toBe(f.serviceTiers?.flexMultiplier);
    expect(m.serviceTiers?.priority).toBe(f.serviceTiers?.priorityMultiplier);
    expect(m.limits?.contextTokens).toBe(f.contextWindow);
    expect(m.limits?.inputTokens).toBe(f.maxInputTokens);
    expect(m.limits?.outputTokens).toBe(f.maxOutputTokens);
    expect(m.speed?.outputTokensPerSecond ?? null).toBe(f.outputTokensPerSecond);
    expect(m.speed?.timeToFirstTokenSeconds ?? null).toBe(f.ttftSeconds);
    expect([m.status, m.deprecationDate, m.replacement]).toEqual([f.status, f.deprecationDate, f.replacement]);
    expect(m.scheduledPrices?.map((s) => [s.from, s.rates.input, s.rates.cachedInput, s.rates.output])).toEqual(
      f.scheduledPrices.map((s) => [s.from, s.inputPerM, s.cachedInputPerM, s.outputPerM]),
    );
    const lc = f.longContext;
    const current = lc && !/HISTORICAL|retired/.test(lc.note ?? "");
    expect(m.tiers?.map((t) => [t.rates.input, t.rates.cachedInput ?? null, t.rates.output])).toEqual(
      current ? [[lc.inputPerM, lc.cachedInputPerM, lc.outputPerM]] : [],
    );
    if (current) {
      // xAI bills from 200K inclusive; our thresholds are strictly-above.
      const inclusive = /prompts >= /.test(lc.note ?? "");
      expect(m.tiers?.[0]?.aboveInputTokens).toBe(inclusive ? lc.thresholdTokens - 1 : lc.thresholdTokens);
    }
  });
});

describe("lookup", () => {
  it.each([
    ["gemini-3.5-flash", "gemini-3.5-flash"],
    ["GEMINI-3.5-FLASH", "gemini-3.5-flash"],
    ["google/gemini-3.5-flash", "gemini-3.5-flash"],
    ["gpt-5.6", "gpt-5.6-sol"], // alias
    ["deepseek-chat", "deepseek-flash"], // alias
    ["openai/gpt-oss-120b", "openai/gpt-oss-120b"], // an id with a slash
    ["groq/openai/gpt-oss-120b", "openai/gpt-oss-120b"],
  ])("%s → %s", (name, id) => {
    expect(registry.get(name).id).toBe(id);
  });

  it("a provider/id with the wrong provider does not match", () => {
    expect(registry.find("openai/gemini-3.5-flash")).toBeUndefined();
  });

  it("an unknown name suggests the three closest ids", () => {
    try {
      registry.get("gemini-3.5-flsh");
      expect.unreachable();
    } catch (e) {
      expect((e as TokencostError).code).toBe("UNKNOWN_MODEL");
      expect((e as Error).message).toMatch(/^unknown model "gemini-3.5-flsh" — did you mean gemini-3.5-flash, /);
      expect((e as Error).message.split(",")).toHaveLength(3);
    }
  });
});
