import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

// SPEC §8 through the CLI, as a user types it. examples/cost-per-task.json: 20 calls of 4,000
// input, 3,000 output and 9,000 reasoning tokens, measured on gemini-3.1-pro-preview ($2 in,
// $12 out), to run on gemini-3.5-flash ($1.50 in, $9 out).
// Artificial Analysis, Intelligence Index v4.0 (full run): Flash at high effort spent 73M output
// tokens, 3.1 Pro (default effort high) 57M: Flash's output is × 73/57.

const AT = ["--at", "2026-11-28"];
const EXAMPLE = "examples/cost-per-task.json";
const byModel = (r: { results: { model: string }[] }, id: string) => r.results.find((x) => x.model === id) as Record<string, any>;

describe("the seed example: Gemini 3.5 Flash spends 73/57 of Gemini 3.1 Pro's output", () => {
  const r = json(tokencost(["compare", EXAMPLE, "--models", "gemini-3.1-pro-preview,gemini-3.5-flash", "--effort", "high", "--json", ...AT]));
  const flash = byModel(r, "gemini-3.5-flash");
  const pro = byModel(r, "gemini-3.1-pro-preview");

  it("scales Flash's output and reasoning by 73/57, half up per call", () => {
    // 3,000 × 73/57 = 3,842.1 → 3,842 per call × 20 = 76,840; 9,000 × 73/57 = 11,526.3 → 11,526 × 20 = 230,520
    expect(flash.tokens).toMatchObject({ input: 80_000, output: 76_840, reasoning: 230_520 });
    // 80,000 × 1.5 + (76,840 + 230,520) × 9 = 120,000 + 2,766,240 µ$
    expect(flash.usdExact).toBe("2.88624");
    expect(flash.perMonth.usdExact).toBe("17317.44"); // × 200 runs × 30 days
  });

  it("prices Pro as measured: 80,000 × 2 + 240,000 × 12 = $3.04", () => {
    expect(pro.usdExact).toBe("3.04");
    expect(pro.tokens.scaling).toMatchObject({ kind: "as-measured", basis: "as measured", output: 1, input: 1 });
  });

  it("says how in JSON: tokens.scaling with reference, effort, factors, basis and its source", () => {
    expect(flash.effort).toBe("high");
    expect(flash.tokens.scaling).toMatchObject({
      kind: "scaled",
      reference: { model: "gemini-3.1-pro-preview", effort: "high" },
      effort: "high",
      output: 73 / 57,
      reasoning: 73 / 57,
      answer: 73 / 57,
      input: 1,
      basis: "aa-index-v4.0-full-run",
      low: 73 / 57,
      high: 73 / 57,
      benchmark: { key: "aa-index-v4.0-full-run", version: "v4.0", kind: "full-run", date: "2026-05" },
    });
    expect(flash.tokens.scaling.sources.candidate).toMatch(/^https:\/\/artificialanalysis\.ai\/models\/gemini-3-5-flash/);
    // one common benchmark: no band
    expect(flash.cost.low).toBeUndefined();
  });

  it("shows the tokens column in the table", () => {
    const t = tokencost(["compare", EXAMPLE, "--models", "gemini-3.1-pro-preview,gemini-3.5-flash", "--effort", "high", ...AT]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/│ model +│ provider │ status +│ effort │ tokens +│ cost\/run │/);
    expect(t.stdout).toMatch(/│ gemini-3\.5-flash +│ google +│ current +│ high +│ ×1\.28 out +│ +\$2\.89 │/);
    expect(t.stdout).toMatch(/│ gemini-3\.1-pro-preview │ google +│ preview +│ high +│ as measured +│ +\$3\.04 │/);
  });

  it("estimate on the example's own model explains the scaling under the table", () => {
    const t = tokencost(["estimate", EXAMPLE, "--effort", "high", ...AT]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("tokens ×1.28 out: scaled from gemini-3.1-pro-preview @high, basis Artificial Analysis Intelligence Index v4.0 (full-run, 2026-05)");
  });

  it("at medium effort, where nothing was measured, Flash gets the same tokens, and says so", () => {
    const d = tokencost(["compare", EXAMPLE, "--models", "gemini-3.1-pro-preview,gemini-3.5-flash", "--effort", "medium", "--json", ...AT]);
    const f = byModel(JSON.parse(d.stdout), "gemini-3.5-flash");
    expect([f.effort, f.tokens.scaling.kind, f.usdExact]).toEqual(["medium", "no-common", "2.28"]);
    // 3.1 Pro runs at medium too, also unmeasured there: one folded line names both
    expect(d.stderr).toContain("warning: no token measurement in common with the reference, output priced as measured: 2 models — gemini-3.5-flash, gemini-3.1-pro-preview");
  });

  it("the example says it runs at high effort: the scaling needs no flag", () => {
    const r = json(tokencost(["estimate", EXAMPLE, "--json", ...AT]));
    expect([r.results[0].effort, r.results[0].usdExact]).toEqual(["high", "2.88624"]);
  });

  it("--same-tokens restores the per-token numbers, and says so", () => {
    const s = tokencost(["compare", EXAMPLE, "--models", "gemini-3.1-pro-preview,gemini-3.5-flash", "--effort", "high", "--same-tokens", "--json", ...AT]);
    const f = byModel(JSON.parse(s.stdout), "gemini-3.5-flash");
    // 80,000 × 1.5 + 240,000 × 9 = 120,000 + 2,160,000 µ$
    expect(f.usdExact).toBe("2.28");
    expect(f.tokens.scaling.kind).toBe("same-tokens");
    expect(s.stderr).toContain("warning: --same-tokens: every model is priced on the workload's own token counts (a per-token comparison, not per task)");
  });
});

describe("a band where benchmarks disagree", () => {
  // gpt-5.5 at xhigh against 3.1 Pro at high: v4.1 72M/56M (the later, so the basis) and v4.0 75M/57M.
  // point: 3,000 × 72/56 = 3,857.1 → 3,857, 9,000 × 72/56 = 11,571.4 → 11,571; × 20 = 77,140 and 231,420
  //        80,000 × 5 + 308,560 × 30 = 400,000 + 9,256,800 µ$ = $9.6568
  // high:  3,000 × 75/57 = 3,947.4 → 3,947, 9,000 × 75/57 = 11,842.1 → 11,842; × 20 = 78,940 and 236,840
  //        400,000 + 315,780 × 30 = 9,873,400 µ$ = $9.8734; the low end is the basis itself
  const r = json(tokencost(["estimate", EXAMPLE, "--model", "gpt-5.5", "--effort", "xhigh", "--json", ...AT]));
  const x = r.results[0];

  it("cost.low and cost.high in JSON", () => {
    expect(x.usdExact).toBe("9.6568");
    expect([x.cost.low, x.cost.high]).toEqual([9.6568, 9.8734]);
    expect(x.tokens.scaling).toMatchObject({ basis: "aa-index-v4.1-full-run", low: 72 / 56, high: 75 / 57 });
    expect([x.perMonth.usdLow, x.perMonth.usdHigh]).toEqual([57940.8, 59240.4]); // × 6,000 runs
  });

  it("the range in the table", () => {
    const t = tokencost(["compare", EXAMPLE, "--models", "gpt-5.5,gemini-3.5-flash", "--effort", "xhigh", ...AT]);
    expect(t.stdout).toMatch(/│ +range │/);
    expect(t.stdout).toMatch(/│ gpt-5\.5 +│ openai +│ xhigh +│ ×1\.29 out +│ +\$9\.66 │ \$9\.66–\$9\.87 │/);
  });
});

describe("compare --effort all: a row per model × measured effort", () => {
  // gpt-5.5 was measured at low, medium, high and xhigh on index v4.1 (full run), which 3.1 Pro
  // has too (56M); never at none. Output per call: 3,000 × 6.8/56 = 364.3 → 364; × 21/56 = 1,125;
  // × 43/56 = 2,303.6 → 2,304; × 72/56 = 3,857.1 → 3,857 — × 20 calls.
  const r = json(tokencost(["compare", EXAMPLE, "--models", "gpt-5.5", "--effort", "all", "--sort", "cost", "--json", ...AT]));

  it("one row per measured effort, cheapest first", () => {
    expect(r.results.map((x: any) => [x.effort, x.tokens.output])).toEqual([
      ["low", 7_280],
      ["medium", 22_500],
      ["high", 46_080],
      ["xhigh", 77_140],
    ]);
    expect(r.results.every((x: any) => x.model === "gpt-5.5")).toBe(true);
    expect(r.results[0].cheapest).toBe(true);
  });

  it("a model with no measurement in common gets one row, at its default effort", () => {
    const one = json(tokencost(["compare", EXAMPLE, "--models", "gpt-4o", "--effort", "all", "--json", ...AT]));
    expect(one.results.map((x: any) => [x.model, x.effort, x.tokens.scaling.kind])).toEqual([["gpt-4o", null, "no-common"]]);
  });

  it("all is for compare only", () => {
    expect(expectInputError(tokencost(["estimate", EXAMPLE, "--effort", "all", ...AT]))).toMatch(/argument 'all' is invalid\. all \(a row per measured effort\) is for `tokencost compare`; here name one level: none, minimal, low, medium, high, xhigh or max$/);
    expect(expectInputError(tokencost(["compare", EXAMPLE, "--effort", "all", "--same-tokens", ...AT]))).toMatch(/^tokencost: --effort all compares the efforts each model was measured at, which --same-tokens ignores/);
  });
});

describe("--measured-on, efforts and errors", () => {
  it("--measured-on MODEL@EFFORT scales flag workloads: 5,700 output on Pro is 7,300 on Flash at high", () => {
    // 5,700 × 73/57 = 7,300 exactly
    const r = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--effort", "high", "--measured-on", "gemini-3.1-pro-preview@high", "--output", "5700", "--json", ...AT]));
    expect(r.results[0].tokens.output).toBe(7300);
    expect(r.results[0].tokens.scaling.reference).toEqual({ model: "gemini-3.1-pro-preview", effort: "high" });
  });

  it("--measured-on replaces the workload's measuredOn", () => {
    // measured on Flash itself: as measured, the same tokens as --same-tokens ($2.28)
    const r = json(tokencost(["estimate", EXAMPLE, "--effort", "high", "--measured-on", "gemini-3.5-flash@high", "--json", ...AT]));
    expect([r.results[0].tokens.scaling.kind, r.results[0].usdExact]).toEqual(["as-measured", "2.28"]);
  });

  it("an effort a model does not have is a warning naming the levels it has", () => {
    const r = tokencost(["estimate", EXAMPLE, "--effort", "xhigh", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: gemini-3.5-flash has no effort xhigh on record (levels on record: minimal, low, medium, high): priced at its default effort (medium)");
  });

  it.each([
    [["--effort", "ultra"], /^tokencost: option '--effort <level>' argument 'ultra' is invalid\. unknown effort "ultra" — valid efforts: none, minimal, low, medium, high, xhigh, max/],
    [["--measured-on", "gemini-3.1-pro-preview@turbo"], /argument 'gemini-3\.1-pro-preview@turbo' is invalid\. unknown effort "turbo" — valid efforts/],
    [["--measured-on", "gemini-3.1-pro"], /^tokencost: --measured-on: unknown model "gemini-3\.1-pro" — did you mean /],
    [["--same-tokens", "--measured-on", "gpt-5.5"], /^tokencost: --same-tokens prices every model on the workload's own counts: --measured-on has nothing to scale from$/],
  ])("%j is a clear input error", (flags, message) => {
    expect(expectInputError(tokencost(["estimate", EXAMPLE, ...flags, ...AT]))).toMatch(message);
  });

  it("an unknown effort in a workload file is an error naming the path and the valid ones", () => {
    const path = tempFile("bad-effort.json", { model: "gpt-5.5", steps: [{ input: 1, effort: "maximum" }] });
    expect(expectInputError(tokencost(["estimate", path, ...AT]))).toMatch(/bad-effort\.json: steps\[0\]\.effort: unknown effort "maximum" — valid efforts: none, minimal, low, medium, high, xhigh, max$/);
  });

  it("an unknown measuredOn model names its place", () => {
    const path = tempFile("bad-ref.json", { model: "gpt-5.5", measuredOn: "gpt-9", input: 1 });
    expect(expectInputError(tokencost(["estimate", path, ...AT]))).toMatch(/bad-ref\.json: measuredOn: unknown model "gpt-9" — did you mean/);
  });
});

describe("multi-model workloads", () => {
  // examples/planner-workers.json runs on gpt-5.4-mini; its plan and check steps pin claude-opus-4-7
  it("without measuredOn, pinned steps are as measured on their own model", () => {
    const r = json(tokencost(["estimate", "examples/planner-workers.json", "--model", "gpt-5.5", "--json", ...AT]));
    const kinds = r.results[0].tokens.scalings.map((s: any) => [s.model, s.kind]);
    expect(kinds).toContainEqual(["claude-opus-4-7", "as-measured"]);
  });

  it("--measured-on holds for the pinned steps too", () => {
    const r = json(tokencost(["estimate", "examples/planner-workers.json", "--measured-on", "gpt-5.5@xhigh", "--json", ...AT]));
    const opus = r.results[0].tokens.scalings.find((s: any) => s.model === "claude-opus-4-7");
    expect(opus.reference).toEqual({ model: "gpt-5.5", effort: "xhigh" });
  });

  it("--effort all rows keep the pinned steps' effort", () => {
    const r = json(tokencost(["compare", "examples/planner-workers.json", "--models", "gpt-6-luna", "--measured-on", "gemini-3.1-pro-preview", "--effort", "all", "--json", ...AT]));
    expect(r.results.length).toBeGreaterThan(1);
    for (const row of r.results) {
      const opus = row.tokens.scalings.find((s: any) => s.model === "claude-opus-4-7");
      expect(opus.effort, row.effort).toBe("high"); // claude-opus-4-7's default, in every row
    }
  });

  it("the estimate names each pinned step's scaling under the table", () => {
    const t = tokencost(["estimate", "examples/planner-workers.json", "--effort", "none", ...AT]);
    expect(t.stdout).toContain("  pinned claude-opus-4-7 @none: same (no data) · no reasoning: measured on claude-opus-4-7 @high");
  });
});

describe("models that do not reason", () => {
  // examples/coding-agent.json: 30 turns of 900 reasoning tokens each, measured on Gemini 3.5 Flash
  it("spend none: gpt-4o is billed 0 reasoning tokens", () => {
    const r = json(tokencost(["compare", "examples/coding-agent.json", "--models", "gpt-4o,gpt-6-luna", "--json", ...AT]));
    expect(byModel(r, "gpt-4o").tokens.reasoning).toBe(0);
    expect(byModel(r, "gpt-6-luna").tokens.reasoning).toBe(27_000);
  });

  it("as measured on a model that does not reason: no reasoning, said in the tokens column", () => {
    const t = tokencost(["compare", "--models", "gpt-4o,gpt-4.1", "--measured-on", "gpt-4o", "--output", "100", "--reasoning", "50", ...AT]);
    expect(t.stdout).toMatch(/│ gpt-4o +│ openai +│ deprecated 2027-01-14 │ — +│ as measured · no reasoning +│/);
  });

  it("--same-tokens bills them the workload's reasoning, and warns", () => {
    const r = tokencost(["compare", "examples/coding-agent.json", "--models", "gpt-4o,gpt-6-luna", "--same-tokens", "--json", ...AT]);
    expect(byModel(JSON.parse(r.stdout), "gpt-4o").tokens.reasoning).toBe(27_000);
    expect(r.stderr).toContain("warning: gpt-4o does not reason, but --same-tokens bills it 27,000 reasoning tokens per run");
  });
});

describe("check and diff on scaled tokens: a budget is a budget per task", () => {
  it("check fails Flash at high effort over a $2.50 budget ($2.89 per task) and passes it per token ($2.28)", () => {
    const scaled = tokencost(["check", EXAMPLE, "--effort", "high", "--budget", "2.50", "--json", ...AT]);
    expect(scaled.code).toBe(1);
    expect(JSON.parse(scaled.stdout).checks[0]).toMatchObject({ model: "gemini-3.5-flash", limit: "usdPerRun", value: 2.88624, pass: false });
    const same = tokencost(["check", EXAMPLE, "--effort", "high", "--budget", "2.50", "--same-tokens", ...AT]);
    expect(same.code).toBe(0);
  });

  it("diff sees a change of effort as a change of cost: +26.6% from medium to high", () => {
    // base: Flash at medium, nothing measured there: $2.28; head: "effort": "high" → $2.88624
    // (2.88624 − 2.28) / 2.28 = +26.59%
    const base = tempFile("diff/base.json", { model: "gemini-3.5-flash", measuredOn: "gemini-3.1-pro-preview@high", input: 4000, output: 3000, reasoning: 9000, requests: 20 });
    const head = tempFile("diff/head.json", { model: "gemini-3.5-flash", effort: "high", measuredOn: "gemini-3.1-pro-preview@high", input: 4000, output: 3000, reasoning: 9000, requests: 20 });
    const r = tokencost(["diff", base, head, "--fail-above-percent", "10", "--json", ...AT]);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diffs[0];
    expect([d.base.usdExact, d.head.usdExact, d.deltaUsdExact]).toEqual(["2.28", "2.88624", "0.60624"]);
    expect(d.deltaPercent).toBeCloseTo(26.589, 3);
  });
});

describe("models show lists the measurements with their sources", () => {
  it("Gemini 3.5 Flash: 73M output tokens at high effort on index v4.0", () => {
    const r = tokencost(["models", "show", "gemini-3.5-flash", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reasoning +reasons · efforts minimal, low, medium, high \(default medium\)/);
    expect(r.stdout).toContain("high · aa-index-v4.0-full-run (v4.0, full-run, 2026-05): 73,000,000 output tokens · as of 2026-05-20 · medium confidence");
    expect(r.stdout).toContain("source: https://artificialanalysis.ai/models/gemini-3-5-flash (via https://github.com/appwrite/website/");
  });

  it("split figures, speed by effort and the tokenizer", () => {
    const opus = tokencost(["models", "show", "claude-opus-4-7", ...AT]).stdout;
    expect(opus).toMatch(/tokenizer +claude-4\.7: 1\.3× the tokens of claude-4\.6 for the same text \(1–1\.35\); 27 ratios by kind of text in --json/);
    const luna = tokencost(["models", "show", "gpt-6-luna", ...AT]).stdout;
    expect(luna).toContain("high · aa-index-v4.3.2-per-task (v4.3.2, per-task, 2026-09): 19,703.23 output tokens = 12,744.49 reasoning + 6,958.74 answer");
    expect(luna).toContain("none · aa-index-v4.3.2-per-task (v4.3.2, per-task, 2026-09): 3,758.02 output tokens (no reasoning: all answer)");
    expect(luna).toMatch(/speed by effort +none 133 tok\/s · TTFT 0\.74 s/);
  });

  it("JSON carries the usage and the benchmarks it names", () => {
    const card = json(tokencost(["models", "show", "gemini-3.5-flash", "--json", ...AT]));
    expect(card.model.usage.measurements[0]).toMatchObject({ effort: "high", benchmark: "aa-index-v4.0-full-run", outputTokens: 73_000_000 });
    expect(card.benchmarks["aa-index-v4.0-full-run"]).toMatchObject({ version: "v4.0", kind: "full-run", date: "2026-05" });
  });
});

describe("override files set usage like any other group", () => {
  it("a team's own measurement on its own benchmark scales its workload", () => {
    // our eval: 1,000 output tokens per task on Pro, 1,500 on Flash (×1.5): 3,000 → 4,500 per call, 9,000 → 13,500
    // 80,000 × 1.5 + (90,000 + 270,000) × 9 = 120,000 + 3,240,000 µ$
    const ours = tempFile("ours.json", {
      benchmarks: { "acme-eval-2026": { name: "Our agent eval", version: "1", kind: "per-task", date: "2026-11-20" } },
      provider: "google",
      models: [
        { id: "gemini-3.1-pro-preview", usage: { measurements: [{ effort: null, benchmark: "acme-eval-2026", outputTokens: 1000 }] } },
        { id: "gemini-3.5-flash", usage: { measurements: [{ effort: "high", benchmark: "acme-eval-2026", outputTokens: 1500 }] } },
      ],
    });
    const run = tokencost(["estimate", EXAMPLE, "--effort", "high", "--pricing", ours, "--json", ...AT]);
    const r = json(run);
    expect(r.results[0].tokens.scaling).toMatchObject({ basis: "acme-eval-2026", output: 1.5 });
    expect(r.results[0].usdExact).toBe("3.36");
    // it set no price: the bundled prices keep their provenance
    expect(r.results[0].pricesAsOf).toBe("2026-11-27");
    expect(run.stderr).not.toContain("priced from");
  });

  it("a usage override replaces the measurements, keeps the rest of usage", () => {
    const ours = tempFile("ours-tokenizer.json", { provider: "anthropic", models: [{ id: "claude-opus-4-7", usage: { measurements: [] } }] });
    const card = json(tokencost(["models", "show", "claude-opus-4-7", "--pricing", ours, "--json", ...AT]));
    expect(card.model.usage.measurements).toEqual([]);
    expect(card.model.usage.tokenizer.ratio).toBe(1.3);
  });

  it("a measurement on a benchmark nobody defined is an error naming the file", () => {
    const bad = tempFile("bad-usage.json", { provider: "google", models: [{ id: "gemini-3.5-flash", usage: { measurements: [{ effort: "high", benchmark: "nope", outputTokens: 1 }] } }] });
    expect(expectInputError(tokencost(["estimate", EXAMPLE, "--pricing", bad, ...AT]))).toMatch(/bad-usage\.json: gemini-3\.5-flash: usage: a measurement names benchmark "nope", which no pricing file defines/);
  });
});
