import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

const AT = ["--at", "2026-11-27"];
const file = tempFile;

interface Row {
  model: string;
  status: string;
  cost: { total: number };
  seconds: { total: number | null };
  fits: boolean;
  cheapest: boolean;
  fastest: boolean;
  timesCheapest: number | null;
  overflow?: { turn: number };
}

describe("tokencost compare", () => {
  it("a model both cheapest and fastest carries both marks in the table", () => {
    // the coding-agent preset: gemini-3.5-flash-lite runs it for ~$0.11 in ~2m 20s, Sonnet 4.6 for ~$0.89 in ~5m 10s
    const r = tokencost(["compare", "--models", "gemini-3.5-flash-lite,claude-sonnet-4-6", ...AT]);
    expect(r.code).toBe(0);
    const row = (id: string) => r.stdout.split("\n").find((l) => l.startsWith(`│ ${id} `))!;
    expect(row("gemini-3.5-flash-lite")).toMatch(/│ cheapest, fastest │$/);
    expect(row("claude-sonnet-4-6")).toMatch(/│ +│$/);
  });

  it("--all ranks every non-retired model by cost, cheapest first and marked", () => {
    const r = json(tokencost(["compare", "--all", "--json", ...AT], { input: '{"agent": {"system": 8000, "turns": 20, "perTurn": {"input": 1500, "output": 400}, "caching": true}}' }));
    const rows: Row[] = r.results;
    expect(rows).toHaveLength(92); // 102 models, 10 retired
    expect(rows.some((x) => x.status === "retired")).toBe(false);
    const costs = rows.map((x) => x.cost.total);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    // crowned: the cheapest and the fastest *current* model (not one shutting down in days)
    const current = rows.filter((x) => x.status === "current");
    const cheapest = rows.filter((x) => x.cheapest);
    expect(cheapest).toEqual([current[0]]);
    expect(cheapest[0]!.timesCheapest).toBe(1);
    expect(rows.some((x) => x.status === "deprecated" && x.cost.total < cheapest[0]!.cost.total)).toBe(true); // gpt-5-nano
    const fastest = rows.filter((x) => x.fastest);
    expect(fastest).toHaveLength(1);
    expect(fastest[0]!.status).toBe("current");
    const times = current.map((x) => x.seconds.total).filter((t): t is number => t !== null);
    expect(fastest[0]!.seconds.total).toBe(Math.min(...times));
  });

  it("--all leaves out models shut down by the --at date", () => {
    const ids = json(tokencost(["compare", "--all", "--input", "1000", "--json", "--at", "2027-06-01"])).results.map((x: Row) => x.model);
    expect(ids).not.toContain("gpt-5-nano"); // shut down 2026-12-11
    expect(ids).not.toContain("claude-sonnet-4-5"); // 2026-11-30
    expect(ids).toContain("gemini-2.5-pro"); // shut down, but auto-routed and billed
  });

  it("--allow-retired brings retired models back", () => {
    const r = json(tokencost(["compare", "--all", "--allow-retired", "--input", "1000", "--json", ...AT]));
    expect(r.results).toHaveLength(102);
  });

  it("--sort time orders by time, unknown last", () => {
    const rows: Row[] = json(tokencost(["compare", "--provider", "openai", "--sort", "time", "--input", "1000", "--output", "500", "--json", ...AT])).results;
    const times = rows.map((x) => x.seconds.total);
    const known = times.filter((t) => t !== null) as number[];
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(times.slice(known.length).every((t) => t === null)).toBe(true);
  });

  it("--provider P keeps that provider's models", () => {
    const rows: Row[] = json(tokencost(["compare", "--provider", "anthropic", "--input", "1000", "--json", ...AT])).results;
    expect(rows.length).toBe(15); // 16, one retired
    expect(rows.every((x) => x.model.startsWith("claude-"))).toBe(true);
  });

  it("--models a,b,c compares exactly those, with × cheapest", () => {
    const rows: Row[] = json(tokencost(["compare", "--models", "gemini-3.5-flash,gpt-5.4-mini", "--input", "1000", "--output", "1000", "--json", ...AT])).results;
    // (1,000 × 0.75 + 1,000 × 4.5) vs (1,000 × 1.5 + 1,000 × 9): 5,250 and 10,500 µ$, ×2
    expect(rows.map((x) => [x.model, x.cost.total, x.timesCheapest, x.cheapest])).toEqual([
      ["gpt-5.4-mini", 0.00525, 1, true],
      ["gemini-3.5-flash", 0.0105, 2, false],
    ]);
  });

  it("a preview model is ranked and shown with its status, but a current one is crowned", () => {
    const r = tokencost(["compare", "--models", "gemini-3.5-flash,gemini-3-flash-preview", "--input", "1000", "--output", "1000", "--json", ...AT]);
    const rows: Row[] = json(r).results;
    // 3 Flash (preview) is a third of 3.5 Flash: 3,500 µ$ vs 10,500 µ$, 1/3 of the crowned one's
    expect(rows.map((x) => [x.model, x.status, x.cost.total, x.cheapest])).toEqual([
      ["gemini-3-flash-preview", "preview", 0.0035, false],
      ["gemini-3.5-flash", "current", 0.0105, true],
    ]);
    expect(rows[0]!.timesCheapest).toBeCloseTo(1 / 3, 12);
    const table = tokencost(["compare", "--models", "gemini-3.5-flash,gemini-3-flash-preview", "--input", "1000", "--output", "1000", ...AT]).stdout;
    expect(table).toMatch(/│ gemini-3-flash-preview │ google +│ preview +│/);
  });

  it("only when nothing current fits is a preview or deprecated model crowned", () => {
    const rows: Row[] = json(tokencost(["compare", "--models", "gpt-4o,gemini-3-flash-preview", "--input", "1000", "--json", ...AT])).results;
    expect(rows.filter((x) => x.cheapest).map((x) => x.model)).toEqual(["gemini-3-flash-preview"]); // $0.0005 vs $0.0025
  });

  it("--exclude-deprecated and --exclude-preview leave them out, and say so", () => {
    const r = json(tokencost(["compare", "--all", "--exclude-deprecated", "--exclude-preview", "--input", "1000", "--json", ...AT]));
    expect(r.results.every((x: Row) => x.status === "current")).toBe(true);
    expect(r.skipped).toContainEqual({ model: "gpt-4o", reason: "deprecated" });
    expect(r.skipped).toContainEqual({ model: "gemini-3-flash-preview", reason: "preview" });
  });

  it("a model the workload does not fit is marked, not fatal", () => {
    const big = { agent: { system: 100000, turns: 30, perTurn: { input: 5000, output: 1000 } } };
    const r = tokencost(["compare", "--models", "gpt-4o,gemini-3.5-flash", "-", "--json", ...AT], { input: JSON.stringify(big) });
    const rows: Row[] = json(r).results;
    const gpt4o = rows.find((x) => x.model === "gpt-4o")!;
    // prompt_k + 1,000 > 128,000 ⇔ 105,000 + (k−1)·6,000 + 1,000 > 128,000 ⇔ k ≥ 5
    expect(gpt4o).toMatchObject({ fits: false, overflow: { turn: 5, size: 130000, limit: 128000, kind: "context" }, cheapest: false });
    expect(rows[rows.length - 1]!.model).toBe("gpt-4o");
    expect(tokencost(["compare", "--models", "gpt-4o,gemini-3.5-flash", ...AT], { input: JSON.stringify(big) }).stdout).toContain("no (turn 5)");
  });

  it("estimate on one model that does not fit is priced, and says where it does not fit", () => {
    const big = { agent: { system: 100000, turns: 30, perTurn: { input: 5000, output: 1000 } } };
    const r = tokencost(["estimate", "--model", "gpt-4o", ...AT], { input: JSON.stringify(big) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("does not fit: gpt-4o: turn 5 needs 130,000 tokens, over its 128,000-token context window");
    // said once: on stdout, under the table, not again on stderr
    expect(r.stderr).not.toContain("turn 5 needs");
    const j = json(tokencost(["estimate", "--model", "gpt-4o", "--json", ...AT], { input: JSON.stringify(big) }));
    expect(j.results[0]).toMatchObject({ fits: false, overflow: { turn: 5, size: 130000, limit: 128000, kind: "context" } });
  });

  it("a calculator calculates: 1M in + 1M out on Gemini 3.5 Flash is $10.50, over its context", () => {
    // 1,000,000 × 1.5 + 1,000,000 × 9 = 10,500,000 µ$
    const r = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1M", "--output", "1M", "--json", ...AT]));
    expect([r.results[0].usdExact, r.results[0].fits]).toEqual(["10.5", false]);
  });

  it("per month is a column when runs are set", () => {
    const r = tokencost(["compare", "--models", "gemini-3.5-flash,gpt-5.4-mini", "--input", "1000", "--runs", "1000", "--per", "day", ...AT]);
    expect(r.stdout).toContain("per month");
    expect(r.stdout).toContain("$45.00"); // 1,000 × $1.5/M × 30,000 runs
    expect(r.stdout).toContain("per month = 1,000 runs/day × 30 days");
  });

  it("a service tier leaves out models without it, and says which", () => {
    const r = json(tokencost(["compare", "--provider", "google", "--input", "1000", "--tier", "flex", "--json", ...AT]));
    expect(r.results.map((x: Row) => x.model)).toContain("gemini-3.5-flash");
    expect(r.skipped).toContainEqual({ model: "gemini-2.5-pro", reason: "no flex tier" });
    const none = expectInputError(tokencost(["compare", "--provider", "xai", "--input", "1000", "--batch", ...AT]));
    expect(none).toContain('none offers service tier "batch"');
  });

  it("choosing models two ways is a usage error", () => {
    expect(expectInputError(tokencost(["compare", "--all", "--provider", "google", "--input", "1", ...AT]))).toContain("choose the models one way");
  });
});

describe("tokencost models", () => {
  it("lists the registry", () => {
    const r = tokencost(["models", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ gemini-3\.5-flash\s+│ google\s+│\s+1\.50 │\s+0\.15 │\s+9\.00 │/);
    expect(r.stdout).toContain("102 models · USD per million tokens");
  });

  it("--provider and --search filter", () => {
    const byProvider = json(tokencost(["models", "--provider", "deepseek", "--json", ...AT]));
    expect(byProvider.models.map((m: { id: string }) => m.id)).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    const bySearch = json(tokencost(["models", "--search", "haiku", "--json", ...AT]));
    expect(bySearch.models.map((m: { id: string }) => m.id)).toEqual(["claude-haiku-5-5", "claude-haiku-4-5"]);
  });

  it("an unknown provider is an input error listing the providers", () => {
    expect(expectInputError(tokencost(["models", "--provider", "acme", ...AT]))).toContain("known providers: alibaba, anthropic, deepseek, google");
  });

  it("show prints every figure with its source and as-of date", () => {
    const r = tokencost(["models", "show", "gemini-3.5-flash", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Gemini 3.5 Flash  google/gemini-3.5-flash");
    expect(r.stdout).toMatch(/rates on 2026-11-27 +input 1\.50 · cached input 0\.15 · cache write not billed/);
    expect(r.stdout).toMatch(/speed +204 tok\/s · TTFT unknown · as of 2026-05/);
    expect(r.stdout).toContain("source: project seed document");
    expect(r.stdout).toMatch(/prices checked +2026-11-27/);
    expect(r.stdout).toMatch(/reasoning +reasons · efforts minimal, low, medium, high \(default medium\)/);
  });

  it("show --json is the registry entry", () => {
    const r = json(tokencost(["models", "show", "claude-opus-4-7", "--json", ...AT]));
    expect(r.model).toMatchObject({ id: "claude-opus-4-7", provider: "anthropic", rates: { input: 5, cacheWrite: 6.25, cacheWrite1h: 10 } });
  });

  it("show of an unknown model suggests the closest", () => {
    expect(expectInputError(tokencost(["models", "show", "claude-opus-4.7", ...AT]))).toMatch(/unknown model "claude-opus-4.7" — did you mean claude-opus-4-7, /);
  });
});

describe("tokencost presets", () => {
  it("lists the built-in workloads with their assumptions", () => {
    const r = tokencost(["presets"]);
    expect(r.code).toBe(0);
    for (const name of ["chat", "rag", "coding-agent", "deep-research"]) expect(r.stdout).toContain(`${name} — `);
    expect(r.stdout).toContain("12,000-token system prompt");
    const data = json(tokencost(["presets", "--json"]));
    expect(data.presets.map((p: { name: string }) => p.name)).toEqual(["chat", "rag", "coding-agent", "deep-research"]);
  });

  // claude-sonnet-4-6: $3 in, $0.30 cached, $3.75 cache write, $15 out (reasoning too); no tiers.
  it.each<[string, Record<string, number>, string]>([
    // S=1,200, u=150, o=350, T=6, g=500: prompts 1,350 … 3,850 (Σ 15,600); cached Σ prompt_1..5 = 11,750,
    // written 3,850; output 2,100. 11,750 × 0.3 + 3,850 × 3.75 + 2,100 × 15 = 3,525 + 14,437.5 + 31,500 µ$
    ["chat", { input: 0, cachedInput: 11750, cacheWrite: 3850, output: 2100, reasoning: 0 }, "0.0494625"],
    // 6,100 × 3 + 1,500 × 0.3 + 450 × 15 = 18,300 + 450 + 6,750 µ$
    ["rag", { input: 6100, cachedInput: 1500, cacheWrite: 0, output: 450, reasoning: 0 }, "0.0255"],
    // S=12,000, u=2,000, o=300, r=600 (not kept), T=25, g=2,300: prompt_k = 14,000 + 2,300(k−1), Σ = 350,000 + 2,300 × 300
    // = 1,040,000; written = prompt_25 = 69,200; cached 970,800; output 7,500; reasoning 15,000
    // 970,800 × 0.3 + 69,200 × 3.75 + 22,500 × 15 = 291,240 + 259,500 + 337,500 µ$
    ["coding-agent", { input: 0, cachedInput: 970800, cacheWrite: 69200, output: 7500, reasoning: 15000 }, "0.88824"],
    // plan: 2,000 × 3 + 5,500 × 15 = 88,500 µ$. Each researcher: S=3,000, u=4,000, o=500, r=1,500, T=8, g=4,500:
    // Σ prompts 56,000 + 4,500 × 28 = 182,000, written prompt_8 = 38,500, cached 143,500;
    // 143,500 × 0.3 + 38,500 × 3.75 + (4,000 + 12,000) × 15 = 43,050 + 144,375 + 240,000 = 427,425 µ$, × 4 = 1,709,700.
    // synthesis: 30,000 × 3 + 11,000 × 15 = 255,000 µ$. Total 88,500 + 1,709,700 + 255,000 µ$
    ["deep-research", { input: 32000, cachedInput: 574000, cacheWrite: 154000, output: 22500, reasoning: 58000 }, "2.0532"],
  ])("preset %s on claude-sonnet-4-6", (p, tokens, usd) => {
    const [r] = json(tokencost(["estimate", "--preset", p, "--model", "claude-sonnet-4-6", "--json", ...AT])).results;
    expect(r.tokens).toMatchObject(tokens);
    expect(r.usdExact).toBe(usd);
  });
});

describe("pricing overrides", () => {
  const discount = file("discount.json", { provider: "google", models: [{ id: "gemini-3.5-flash", rates: { input: 1.2, cachedInput: 0.12, output: 7.2 }, source: "our contract" }] });
  const privateModel = file("private.json", { provider: "acme", models: [{ id: "acme-ft", name: "Acme fine-tune", rates: { input: 1, output: 2 }, speed: { outputTokensPerSecond: 50, timeToFirstTokenSeconds: 0.2 } }] });

  it("--pricing merges a file over the bundled entry, keeping what it does not name", () => {
    const r = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1000", "--pricing", discount, "--json", ...AT]));
    expect(r.results[0].usdExact).toBe("0.0012"); // 1,000 × $1.2
    expect(r.results[0].source).toBe("our contract");
    expect(r.results[0].speed.outputTokensPerSecond).toBe(204); // from the bundled entry
  });

  it("an override that names only some rates keeps the bundled others, and drops the list-price schedule", () => {
    const partial = file("partial.json", { provider: "google", models: [{ id: "gemini-4-argon", rates: { input: 1.5, output: 7.5 } }] });
    const r = tokencost(["estimate", "--model", "gemini-4-argon", "--input", "1000", "--cached", "1000", "--pricing", partial, "--json", "--at", "2026-12-15"]);
    // 1,000 × $1.5 + 1,000 × $0.1 (bundled cached rate); the bundled 2026-12-01 doubling does not apply
    expect(json(r).results[0].usdExact).toBe("0.0016");
    expect(r.stderr).toContain(`gemini-4-argon: priced from ${partial}`);
  });

  it("a missing TOKENCOST_PRICING file names the variable", () => {
    expect(expectInputError(tokencost(["models", ...AT], { env: { TOKENCOST_PRICING: "/nope.json" } }))).toBe(
      "tokencost: TOKENCOST_PRICING: /nope.json: cannot read pricing file: no such file",
    );
  });

  it("TOKENCOST_PRICING adds files too, and --pricing is repeatable", () => {
    const r = json(tokencost(["compare", "--models", "acme-ft,gemini-3.5-flash", "--input", "1000", "--pricing", discount, "--json", ...AT], { env: { TOKENCOST_PRICING: privateModel } }));
    expect(r.results.map((x: Row) => [x.model, x.cost.total])).toEqual([
      ["acme-ft", 0.001],
      ["gemini-3.5-flash", 0.0012],
    ]);
  });

  it.each([
    ["not JSON", "{ nope", /bad\.json: not valid JSON at line 1, column 3/],
    ["a negative rate", { provider: "acme", models: [{ id: "x", rates: { input: -1, output: 1 } }] }, /models\[0\]\.rates\.input: a rate cannot be negative/],
    ["a typo", { provider: "acme", models: [{ id: "x", rates: { input: 1, ouptut: 1 } }] }, /models\[0\]\.rates\.ouptut: unknown key "ouptut" — did you mean "output"\?/],
    ["a missing file", null, /nope\.json: cannot read pricing file: no such file/],
    ["an alias that is another model's id", { provider: "acme", models: [{ id: "mine", aliases: ["gpt-5.5"], rates: { input: 100, output: 100 } }] }, /bad\.json: "gpt-5\.5" names both gpt-5\.5 and mine/],
    ["an id that is another model's alias", { provider: "acme", models: [{ id: "deepseek-chat", rates: { input: 1, output: 1 } }] }, /bad\.json: "deepseek-chat" names both deepseek-flash and deepseek-chat/],
    ["an id with a space", { provider: "acme", models: [{ id: " spaced ", rates: { input: 1, output: 1 } }] }, /models\[0\]\.id: a model id or alias has no spaces/],
    ["a standard service tier", { provider: "acme", models: [{ id: "x", rates: { input: 1, output: 1 }, serviceTiers: { standard: 0.5 } }] }, /serviceTiers: standard is always 1×/],
    ["nesting deeper than any pricing file", `{"provider": "acme", "models": [{"id": "x", "rates": {"input": 1, "output": 1}, "otherRates": ${'{"a":'.repeat(20000)}1${"}".repeat(20000)}}]}`, /bad\.json: JSON nested more than 256 levels deep/],
  ])("a pricing file with %s is an input error", (_, content, message) => {
    const path = content === null ? file("bad.json", "").replace(/bad\.json$/, "nope.json") : file("bad.json", content);
    expect(expectInputError(tokencost(["models", "--pricing", path, ...AT]))).toMatch(message);
  });
});
