import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

// Issue 8 B6, B7, B8, B11 through the built CLI: no NaN or Infinity in a verdict, no silent $0,
// no alias that captures another model's name, partial overrides merged before they are checked.

const AT = ["--at", "2026-11-28"];
interface W {
  code: string;
  message: string;
}
const codes = (r: { warnings: W[] }) => r.warnings.map((w) => w.code);

describe("percentages from the exact amounts (B6)", () => {
  // acme-1 at $1e-9 per million input: n input tokens cost n × 1e-15 USD (and $1 per million output).
  const pricing = tempFile("money/tiny.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 1e-9, output: 1 } }] });
  const side = (name: string, input: number) => tempFile(`money/${name}.json`, { model: "acme-1", input, output: 0 });
  const diff = (base: number, head: number, ...flags: string[]) =>
    tokencost(["diff", side(`b${base}`, base), side(`h${head}`, head), "--pricing", pricing, "--fail-above-percent", "10", ...flags, ...AT]);

  it("diff: $1e-15 → $2e-15 is +100% (not NaN), shown in full and failing a 10% threshold", () => {
    const r = diff(1, 2);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    // 2e-15 − 1e-15 = 1e-15; 1e-15 / 1e-15 = 100%
    expect(r.stdout).toContain("$0.000000000000001 → $0.000000000000002");
    expect(r.stdout).toContain("+$0.000000000000001 (+100.0%)");
    expect(r.stdout).toContain("FAIL cost per run +100.0% > 10%");
    const d = JSON.parse(diff(1, 2, "--json").stdout).diffs[0];
    expect([d.deltaUsdExact, d.deltaPercent, d.pass]).toEqual(["0.000000000000001", 100, false]);
  });

  it("diff: a rise of exactly 10% at $1e-14 passes a 10% threshold", () => {
    // 11e-15 − 10e-15 = 1e-15; 1e-15 / 1e-14 = 10%
    const r = diff(10, 11);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(+10.0%)");
  });

  it("diff: a rise from an exact zero is null, shown as new", () => {
    // acme-free bills nothing ($0 exactly); acme-1: 1 × 1e-15
    const both = tempFile("money/both.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 1e-9, output: 1 } }, { id: "acme-free", rates: { input: 0, output: 0 } }] });
    const free = tempFile("money/free.json", { model: "acme-free", input: 1, output: 0 });
    const r = tokencost(["diff", free, side("h1", 1), "--pricing", both, "--fail-above-percent", "10", "--json", "--quiet", ...AT]);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diffs[0];
    expect([d.base.usdExact, d.deltaPercent, d.failures]).toEqual(["0", null, ["cost per run new cost > 10%"]]);
  });

  it("diff: a rise past the range of a double reads from the exact amounts, and JSON holds the largest double", () => {
    // base: 1 token at $1e-310 per million = 1e-316; head: 1,000,000 tokens at $1 = $1.
    // (1 − 1e-316) / 1e-316 × 100 ≈ 1e318 %: past the largest double (≈1.8e308)
    const p = tempFile("money/vanishing.json", { provider: "acme", models: [{ id: "acme-v", rates: { input: 1e-310, output: 1 } }, { id: "acme-d", rates: { input: 1, output: 1 } }] });
    const base = tempFile("money/vb.json", { model: "acme-v", input: 1, output: 0 });
    const head = tempFile("money/vh.json", { model: "acme-d", input: 1000000, output: 0 });
    const r = tokencost(["diff", base, head, "--pricing", p, "--fail-above-percent", "10", ...AT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("$1e-316 → $1.00");
    expect(r.stdout).toContain("+$1.00 (+1.0e+318%)");
    expect(r.stdout).toContain("FAIL cost per run +1.0e+318% > 10%");
    const d = JSON.parse(tokencost(["diff", base, head, "--pricing", p, "--json", ...AT]).stdout).diffs[0];
    expect(d.deltaPercent).toBe(Number.MAX_VALUE);
  });

  it("check: a usdPerRun of 5e-324 gives a finite margin percentage", () => {
    // gemini-3.5-flash: 1 × $1.50 + 1 × $9 per million = $0.0000105; 1.05e-5 / 5e-324 × 100 = 2.1e320 %
    const w = tempFile("money/check.json", { model: "gemini-3.5-flash", input: 1, output: 1, budget: { usdPerRun: 5e-324 } });
    const r = tokencost(["check", w, ...AT]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    expect(r.stdout).toMatch(/│ \$5e-324 │ .* over \(2\.1e\+320%\) │ FAIL/);
    const c = JSON.parse(tokencost(["check", w, "--json", ...AT]).stdout).checks[0];
    expect([c.limit, c.max, c.valueExact, c.pass]).toEqual(["usdPerRun", 5e-324, "0.0000105", false]);
  });
});

describe("a $0 price is always warned (B7)", () => {
  const estimate = (pricing: string, ...flags: string[]) => tokencost(["estimate", "--pricing", pricing, ...flags, ...AT]);

  it("a new model with every rate 0: $0, said in JSON and on stderr", () => {
    const p = tempFile("money/zero.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 0, output: 0 } }] });
    const r = estimate(p, "--model", "acme-1", "--input", "1000", "--output", "100");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: acme-1 is priced at $0 per million for input, cached input, output and reasoning (from ${p})`);
    const res = json(estimate(p, "--model", "acme-1", "--input", "1000", "--output", "100", "--json")).results[0];
    expect(res.usdExact).toBe("0");
    expect(codes(res)).toContain("ZERO_RATE");
  });

  it("an override of a bundled model with output -0 is 0, and warned", () => {
    // The file says -0; JSON.stringify would write 0, so the text is written as is.
    const p = tempFile("money/negzero.json", '{"provider": "google", "models": [{"id": "gemini-3.5-flash", "rates": {"output": -0}}]}');
    // 1,000 × $1.50 per million = $0.0015; output free
    const out = estimate(p, "--model", "gemini-3.5-flash", "--input", "1000", "--output", "100", "--json").stdout;
    const res = JSON.parse(out).results[0];
    expect(res.usdExact).toBe("0.0015");
    expect(res.warnings).toContainEqual(expect.objectContaining({ code: "ZERO_RATE", message: `gemini-3.5-flash is priced at $0 per million for output and reasoning (from ${p})` }));
    // No amount printed as -0, as a number or as exact text (a temp path may well contain "-0")
    expect(out).not.toMatch(/:\s*"?-0(?![.\deE])/);
    expect(res.lines.find((l: { class: string }) => l.class === "output").ratePerMillion).toBe(0);
    expect(Object.is(res.lines.find((l: { class: string }) => l.class === "output").usd, -0)).toBe(false);
  });

  it("a scheduled price of 0, once in force", () => {
    const p = tempFile("money/scheduled.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 2, output: 10 }, scheduledPrices: [{ from: "2026-11-01", rates: { input: 0 } }] }] });
    const r = estimate(p, "--model", "acme-1", "--input", "1000", "--output", "100");
    expect(r.stderr).toContain(`warning: acme-1 is priced at $0 per million for input and cached input (from ${p})`);
  });

  it("a tier's rates of 0", () => {
    const p = tempFile("money/tier.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 2, output: 10 }, tiers: [{ aboveInputTokens: 1000, rates: { input: 0, output: 0 } }] }] });
    const r = estimate(p, "--model", "acme-1", "--input", "2000", "--output", "100", "--json");
    // 2,000 tokens > 1,000: the whole call at the tier's $0
    expect(json(r).results[0].usdExact).toBe("0");
    expect(codes(json(r).results[0])).toContain("ZERO_RATE");
    expect(json(r).results[0].warnings.map((w: W) => w.message)).toContain(`acme-1 is priced at $0 per million for input, cached input, output and reasoning on prompts >1K (from ${p})`);
  });

  it("a multiplier of 1e-300 that makes the price vanish is warned, and a check that passes on it says so", () => {
    const p = tempFile("money/flex.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 2, output: 10 }, serviceTiers: { flex: 1e-300 } }] });
    // (1,000 × $2 + 100 × $10) × 1e-300 / 1e6 = 3e-303
    const res = json(estimate(p, "--model", "acme-1", "--input", "1000", "--output", "100", "--tier", "flex", "--json")).results[0];
    expect(res.usdExact).toBe(`0.${"0".repeat(302)}3`);
    expect(res.cost.total).toBe(0);
    expect(codes(res)).toContain("TINY_RATE");
    const w = tempFile("money/flex-w.json", { model: "acme-1", input: 1000, output: 100, serviceTier: "flex", budget: { usdPerRun: 0.01 } });
    const c = tokencost(["check", w, "--pricing", p, ...AT]);
    expect(c.code).toBe(0);
    expect(c.stderr).toContain(`warning: acme-1 at service tier flex (×1e-300) is priced at under $0.000001 per million for input, cached input, output and reasoning, effectively $0 (from ${p})`);
  });

  it("the bundled registry prices nothing at $0", () => {
    const j = json(tokencost(["compare", "--all", "--input", "1000", "--output", "100", "--json", ...AT]));
    expect(j.results.flatMap((r: { warnings: W[] }) => codes(r)).filter((c: string) => c === "ZERO_RATE" || c === "TINY_RATE")).toEqual([]);
  });
});

describe("no alias takes over another model's name (B8)", () => {
  it("an override alias google/gemini-3.5-flash on acme-1 is refused, naming the file", () => {
    const p = tempFile("money/takeover.json", { provider: "acme", models: [{ id: "acme-1", aliases: ["google/gemini-3.5-flash"], rates: { input: 0.01, output: 0.01 } }] });
    const msg = expectInputError(tokencost(["estimate", "--model", "google/gemini-3.5-flash", "--pricing", p, ...AT]));
    expect(msg).toBe(`tokencost: ${p}: the alias "google/gemini-3.5-flash" of acme-1 already names google/gemini-3.5-flash (as provider/id); give each model its own ids and aliases`);
  });

  it("through TOKENCOST_PRICING as well, and for a bundled alias in provider form", () => {
    // gpt-5.6 is an alias of openai's gpt-5.6-sol
    const p = tempFile("money/takeover2.json", { provider: "acme", models: [{ id: "acme-1", aliases: ["OpenAI/GPT-5.6"], rates: { input: 1, output: 1 } }] });
    const msg = expectInputError(tokencost(["models", ...AT], { env: { TOKENCOST_PRICING: p } }));
    expect(msg).toContain(`${p}: the alias "OpenAI/GPT-5.6" of acme-1 already names openai/gpt-5.6-sol (as provider/alias)`);
  });

  it("an alias in its own provider's form is fine", () => {
    const p = tempFile("money/own.json", { provider: "acme", models: [{ id: "acme-1", aliases: ["acme/acme-one"], rates: { input: 1, output: 1 } }] });
    expect(json(tokencost(["estimate", "--model", "acme/acme-one", "--input", "1", "--output", "1", "--pricing", p, "--json", ...AT])).results[0].model).toBe("acme-1");
  });
});

describe("partial overrides (B11)", () => {
  it("an override of gemini-3.5-flash with only rates.output keeps the bundled input rate", () => {
    const p = tempFile("money/partial.json", { provider: "google", models: [{ id: "gemini-3.5-flash", rates: { output: 7.2 } }] });
    // 1,000,000 × $1.50 + 1,000,000 × $7.20 per million = $8.70
    const res = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1M", "--output", "1M", "--pricing", p, "--json", ...AT])).results[0];
    expect(res.usdExact).toBe("8.7");
  });

  it("a new model with only rates.output is refused: rates.input is required", () => {
    const p = tempFile("money/new-partial.json", { provider: "acme", models: [{ id: "acme-9", rates: { output: 7.2 } }] });
    const msg = expectInputError(tokencost(["estimate", "--model", "acme-9", "--pricing", p, ...AT]));
    expect(msg).toBe(`tokencost: ${p}: acme-9: rates.input: required (a new model has no input rate)`);
  });
});
