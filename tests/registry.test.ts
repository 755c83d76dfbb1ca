import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledPricing, loadRegistry } from "../src/pricing/load.ts";
import { pricingJsonSchema } from "../src/pricing/json-schema.ts";
import { validatePricingFile } from "../src/pricing/validate.ts";
import { TokencostError } from "../src/errors.ts";
import { Registry } from "../src/pricing/registry.ts";

const dir = new URL("../pricing/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "schema.json");
const providerFiles = files.filter((f) => f !== "benchmarks.json");
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
  });

  it.each(providerFiles)("%s is named after its provider", (f) => {
    const data = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
    expect(data.provider).toBe(f.replace(/\.json$/, ""));
  });

  it("pricing/schema.json is what the zod schema generates (run `npm run schema`)", () => {
    const onDisk = JSON.parse(readFileSync(new URL("schema.json", dir), "utf8"));
    expect(onDisk).toEqual(pricingJsonSchema());
  });

  it("ids and aliases are unique across every provider, in any case", () => {
    const names = bundledPricing().flatMap(({ file }) => (file.models ?? []).flatMap((m) => [m.id, ...(m.aliases ?? [])]));
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

describe("how fresh the bundled prices are (registry.asOf)", () => {
  const entry = (id: string, pricesAsOf?: string) => ({ id, rates: { input: 1, output: 2 }, ...(pricesAsOf ? { pricesAsOf } : {}) });
  it("is the latest pricesAsOf of a bundled entry; an override's date does not count", () => {
    const r = new Registry([
      { file: { provider: "a", models: [entry("a-1", "2026-03-01"), entry("a-2", "2026-01-15")] }, origin: "bundled" },
      { file: { provider: "b", models: [entry("b-1", "2026-02-10"), entry("b-2")] }, origin: "bundled" },
      { file: { provider: "c", models: [entry("c-1", "2026-09-09")] }, origin: "ours.json" },
    ]);
    expect(r.asOf).toBe("2026-03-01");
  });
  it("is null without a dated bundled entry", () => {
    expect(new Registry([{ file: { provider: "a", models: [entry("a-1")] }, origin: "bundled" }]).asOf).toBeNull();
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

// SPEC §8: every figure of usage-facts.json is in the registry, under the same model, unchanged.
interface UsageFacts {
  benchmarks: Record<string, { name: string; version: string | null; kind: string; date: string }>;
  tokenizers: { id: string; models: string[]; ratio: number; low: number | null; high: number | null; relativeTo: string; relativeToModels: string[]; textType: string; source: string }[];
  models: Record<
    string,
    {
      reasons: boolean | null;
      efforts: string[] | null;
      defaultEffort: string | null;
      measurements: { effort: string | null; benchmark: string; outputTokens: number; reasoningTokens: number | null; answerTokens: number | null; source: string; date: string; confidence: string }[];
      speed: { effort: string | null; outputTokensPerSecond: number | null; ttftSeconds: number | null; ttftIncludesThinking: boolean | null; endpoint: string; source: string; date: string; confidence: string }[];
    }
  >;
}
const usageFacts: UsageFacts = JSON.parse(readFileSync(new URL("./fixtures/usage-facts.json", import.meta.url), "utf8"));

describe("every usage figure of the fact base is in the registry", () => {
  it("the benchmarks, with name, version, kind and date", () => {
    const keys = Object.keys(usageFacts.benchmarks);
    expect(keys).toHaveLength(8);
    for (const key of keys) {
      const b = usageFacts.benchmarks[key]!;
      expect(registry.benchmarks.get(key), key).toMatchObject({ name: b.name, version: b.version, kind: b.kind, date: b.date });
    }
  });

  it("76 models carry usage, with 184 measurements and 134 speed rows", () => {
    const withUsage = registry.all().filter((m) => m.usage?.measurements);
    expect(withUsage.map((m) => m.id).sort()).toEqual(Object.keys(usageFacts.models).sort());
    expect(withUsage.reduce((n, m) => n + m.usage!.measurements!.length, 0)).toBe(184);
    expect(withUsage.reduce((n, m) => n + (m.usage!.speeds ?? []).length, 0)).toBe(134);
  });

  it.each(Object.entries(usageFacts.models))("%s", (id, u) => {
    const got = registry.get(id).usage!;
    expect([got.reasons, got.efforts, got.defaultEffort]).toEqual([u.reasons, u.efforts, u.defaultEffort]);
    expect(got.measurements).toEqual(
      u.measurements.map((x) => ({
        effort: x.effort,
        benchmark: x.benchmark,
        outputTokens: x.outputTokens,
        reasoningTokens: x.reasoningTokens,
        answerTokens: x.answerTokens,
        source: x.source,
        asOf: x.date,
        confidence: x.confidence,
      })),
    );
    expect(got.speeds).toEqual(
      u.speed.map((s) => ({
        effort: s.effort,
        outputTokensPerSecond: s.outputTokensPerSecond,
        ttftSeconds: s.ttftSeconds,
        ttftIncludesThinking: s.ttftIncludesThinking,
        endpoint: s.endpoint,
        source: s.source,
        asOf: s.date,
        confidence: s.confidence,
      })),
    );
    // speedByEffort picks among the first-party rows of at least medium confidence at that effort.
    for (const [effort, figure] of Object.entries(got.speedByEffort ?? {})) {
      const rows = u.speed.filter((s) => (s.effort ?? u.defaultEffort) === effort && s.endpoint === "first-party" && s.confidence !== "low");
      if (figure!.outputTokensPerSecond !== null) expect(rows.map((s) => s.outputTokensPerSecond), `${id} ${effort}`).toContain(figure!.outputTokensPerSecond);
      if (figure!.timeToFirstTokenSeconds !== null) {
        expect(rows.filter((s) => s.ttftIncludesThinking === false).map((s) => s.ttftSeconds), `${id} ${effort}`).toContain(figure!.timeToFirstTokenSeconds);
      }
    }
  });

  it("every tokenizer figure: the family ratio on each family member, the text-type samples on theirs", () => {
    const [family, ...samples] = usageFacts.tokenizers;
    expect(family!.models).toHaveLength(6);
    for (const id of family!.models) {
      expect(registry.get(id).usage?.tokenizer, id).toMatchObject({ family: "claude-4.7", ratio: 1.3, low: 1.0, high: 1.35, relativeTo: "claude-4.6", source: family!.source });
    }
    for (const id of family!.relativeToModels) {
      expect(registry.get(id).usage?.tokenizer, id).toMatchObject({ family: "claude-4.6", ratio: 1, relativeTo: "claude-4.6" });
    }
    const stored = registry.get("claude-opus-4-7").usage!.tokenizer!.samples!;
    expect(samples).toHaveLength(27);
    expect(stored.map((s) => [s.ratio, s.low, s.high, s.textType, s.source])).toEqual(samples.map((s) => [s.ratio, s.low, s.high, s.textType, s.source]));
  });

  it("the seed figures: Gemini 3.5 Flash spent 73M output tokens at high effort, Gemini 3.1 Pro 57M at its default, on index v4.0", () => {
    const flash = registry.get("gemini-3.5-flash").usage!;
    const pro = registry.get("gemini-3.1-pro-preview").usage!;
    expect(flash.measurements).toContainEqual(expect.objectContaining({ effort: "high", benchmark: "aa-index-v4.0-full-run", outputTokens: 73_000_000 }));
    expect(pro.measurements).toContainEqual(expect.objectContaining({ effort: null, benchmark: "aa-index-v4.0-full-run", outputTokens: 57_000_000 }));
    expect(pro.defaultEffort).toBe("high");
  });
});

describe("usage checks across files", () => {
  const file = (models: unknown[], benchmarks?: unknown) => ({ file: validatePricingFile({ provider: "acme", models, ...(benchmarks ? { benchmarks } : {}) }, "acme.json"), origin: "acme.json" });
  const base = { id: "acme-1", rates: { input: 1, output: 2 } };
  const m = (effort: string | null, benchmark = "bench") => ({ effort, benchmark, outputTokens: 100 });
  const bench = { bench: { name: "Bench", version: "1", kind: "per-task", date: "2026-09" } };

  it("a measurement must name a benchmark some file defines", () => {
    expect(() => new Registry([file([{ ...base, usage: { measurements: [m("high", "nope")] } }], bench)])).toThrow(/acme\.json: acme-1: usage: a measurement names benchmark "nope", which no pricing file defines/);
  });
  it("a measurement's effort must be one of the model's efforts", () => {
    expect(() => new Registry([file([{ ...base, usage: { efforts: ["low"], measurements: [m("high")] } }], bench)])).toThrow(/at effort "high", which is not one of its efforts \(low\)/);
  });
  it("the default effort must be one of them", () => {
    expect(() => new Registry([file([{ ...base, usage: { efforts: ["low"], defaultEffort: "max" } }])])).toThrow(/defaultEffort "max" is not one of its efforts/);
  });
  it("an unknown effort name is a schema error listing the valid ones", () => {
    expect(() => validatePricingFile({ provider: "acme", models: [{ ...base, usage: { efforts: ["ultra"] } }] }, "acme.json")).toThrow(/models\[0\]\.usage\.efforts\[0\].*none.*minimal.*max/);
  });
  it("a benchmark defined in one file serves measurements in another", () => {
    const r = new Registry([{ file: validatePricingFile({ benchmarks: bench }, "b.json"), origin: "b.json" }, file([{ ...base, usage: { measurements: [m(null)] } }])]);
    expect(r.benchmarks.get("bench")?.kind).toBe("per-task");
  });
  it("a new model needs rates; an override of a known one may leave them out", () => {
    expect(() => new Registry([file([{ id: "acme-new" }])])).toThrow(/acme\.json: acme-new: a new model needs "rates"/);
    const r = new Registry([file([base]), { file: validatePricingFile({ provider: "acme", models: [{ id: "acme-1", usage: { reasons: false } }] }, "o.json"), origin: "o.json" }]);
    expect([r.get("acme-1").rates.input, r.get("acme-1").usage?.reasons, r.get("acme-1").pricedBy]).toEqual([1, false, "acme.json"]);
  });

  it("a file with models must name their provider", () => {
    expect(() => validatePricingFile({ models: [base] }, "x.json")).toThrow(/x\.json: provider: a file with models names their provider/);
  });
});

describe("the packed registry the CLI bundles read (dist/bin/registry.json)", () => {
  it("packs and unpacks to the pricing fields of every file, measurement sources included", async () => {
    const { packPricing, unpackPricing, pricingFields, readPricingDir } = await import("../src/pricing/bundled.ts");
    const files = readPricingDir();
    const packed = packPricing(files);
    let reads = 0;
    const unpacked = unpackPricing(packed.registry, () => (reads++, packed.measurements));
    // Measurements are read only when asked for, and then once for every model.
    expect(unpacked.flatMap((f) => f.models ?? []).map((m) => [m.id, m.rates?.input])).toHaveLength(files.flatMap((f) => f.models ?? []).length);
    expect(reads).toBe(0);
    // Each entry is the model a Registry makes of the file's pricing fields, as it would make it.
    const models = new Registry(files.map(pricingFields).map((file) => ({ file, origin: "bundled" }))).all();
    expect(unpacked.flatMap((f) => f.models ?? [])).toEqual(models);
    const adopted = new Registry(unpacked.map((file) => ({ file, origin: "bundled", prechecked: true })));
    expect(adopted.all()).toEqual(models);
    // …taken as they are (a start copies no entry), and an override still merges over them.
    const packedFlash = unpacked.flatMap((f) => f.models ?? []).find((m) => m.id === "gemini-3.5-flash")!;
    expect(adopted.get("gemini-3.5-flash")).toBe(packedFlash);
    const inputRate = packedFlash.rates!.input;
    const overridden = new Registry([
      ...unpacked.map((file) => ({ file, origin: "bundled", prechecked: true })),
      { file: { provider: "google", models: [{ id: "gemini-3.5-flash", rates: { input: 9 } }] }, origin: "ours.json" },
    ]);
    expect(overridden.get("gemini-3.5-flash").rates.input).toBe(9);
    expect(overridden.get("gemini-3.5-flash").rates.output).toBe(packedFlash.rates!.output);
    expect(packedFlash.rates!.input).toBe(inputRate); // the adopted entry is not changed by the merge
    // Raw entries marked prechecked are still made into models (only packed ones are taken as they are).
    const raw = new Registry(files.map(pricingFields).map((file) => ({ file, origin: "bundled", prechecked: true })));
    expect(raw.all()).toEqual(models);
    // An id in two files: the later entry merges over the first, packed or not.
    const twice = [
      { provider: "a", models: [{ id: "m-1", name: "M One", status: "preview" as const, rates: { input: 1, output: 2 } }] },
      { provider: "b", models: [{ id: "M-1", rates: { output: 3 } }] },
    ];
    const p2 = packPricing(twice);
    const fromPacked = new Registry(unpackPricing(p2.registry, () => p2.measurements).map((file) => ({ file, origin: "bundled", prechecked: true })));
    expect(fromPacked.all()).toEqual(new Registry(twice.map((file) => ({ file, origin: "bundled" }))).all());
    expect(fromPacked.get("m-1")).toMatchObject({ name: "M One", status: "preview", provider: "b", rates: { input: 1, output: 3 } });
    expect(reads).toBe(1);
    const flash = unpacked.flatMap((f) => f.models ?? []).find((m) => m.id === "gemini-3.5-flash")!;
    expect(flash.usage?.measurements?.[0]?.source).toMatch(/^https:\/\/artificialanalysis\.ai\/models\/gemini-3-5-flash/);
    // a scaling built on the packed registry equals one built on the files
    const inline = new Registry(unpacked.map((file) => ({ file, origin: "bundled" })));
    expect(inline.get("gemini-3.5-flash").usage?.measurements).toEqual(registry.get("gemini-3.5-flash").usage?.measurements);
  });
});
