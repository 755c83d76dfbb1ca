import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { json, tempFile, tokencost } from "./spawn.ts";

const AT = ["--at", "2026-11-27"];
const file = tempFile;

describe("tokencost estimate", () => {
  it("with no workload prices the coding-agent preset and says so", () => {
    const r = tokencost(["estimate", "--model", "gemini-3.5-flash", ...AT]);
    expect(r.code).toBe(0);
    // coding-agent on Gemini 3.5 Flash: 69,200 × 1.5 + 970,800 × 0.15 + 7,500 × 9 + 15,000 × 9 µ$
    expect(r.stdout).toContain("coding-agent (built-in preset) on Gemini 3.5 Flash (google/gemini-3.5-flash)");
    expect(r.stdout).toContain("│ cached input │   970,800 │ 0.15 │ $0.1456 │");
    expect(r.stdout).toContain("$0.4519 per run · ≈ 3m 5s per run (25 calls, generation 1m 50s at 204 tok/s, TTFT unknown (counted as 0 s), tools 1m 15s)");
    expect(r.stderr).toContain("no workload given: using the built-in coding-agent preset");
    // said once: the time sentence on stdout says TTFT is unknown, stderr does not repeat it
    expect(r.stderr).not.toContain("time to first token");
  });

  it("--json gives the SPEC §4 shape", () => {
    const report = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--json", ...AT]));
    expect(report).toMatchObject({ schemaVersion: 1, command: "estimate", at: "2026-11-27", workload: { name: "coding-agent", source: "preset" } });
    const [r] = report.results;
    expect(r).toMatchObject({
      model: "gemini-3.5-flash",
      provider: "google",
      pricesAsOf: "2026-11-27",
      tokens: { input: 69200, cachedInput: 970800, cacheWrite: 0, output: 7500, reasoning: 15000 },
      cost: { input: 0.1038, cachedInput: 0.14562, cacheWrite: 0, output: 0.0675, reasoning: 0.135, total: 0.45192 },
      usdExact: "0.45192",
      fits: true,
    });
    // 25 turns × (900 / 204 tok/s + 3 s of tools)
    expect(r.seconds.total).toBeCloseTo(25 * (900 / 204 + 3), 9);
    expect(r.warnings).toContainEqual({ code: "TTFT_UNKNOWN", message: "gemini-3.5-flash: time to first token unknown; counted as 0 s", model: "gemini-3.5-flash" });
  });

  it("reads a workload file", () => {
    const path = file("w.json", { name: "two-calls", model: "gemini-3.5-flash", input: 1000, output: 100, requests: 2 });
    const r = json(tokencost(["estimate", path, "--json", ...AT]));
    // 2 × (1,000 × 1.5 + 100 × 9) µ$
    expect(r.results[0].usdExact).toBe("0.0048");
    expect(r.workload).toMatchObject({ name: "two-calls", source: "file", path });
  });

  it("reads piped stdin", () => {
    const r = json(tokencost(["estimate", "--json", "--model", "gemini-3.5-flash", ...AT], { input: '{"input": 1000}' }));
    expect(r.results[0].usdExact).toBe("0.0015");
    expect(r.workload.source).toBe("stdin");
  });

  it("reads stdin for -", () => {
    const r = json(tokencost(["estimate", "-", "--json", "--model", "gemini-3.5-flash", ...AT], { input: '{"output": "1k"}' }));
    expect(r.results[0].usdExact).toBe("0.009");
  });

  it("token flags describe a call", () => {
    // 1,000 × 1.5 + 2,000 × 0.15 + 100 × 9 + 50 × 9 = 1,500 + 300 + 900 + 450 µ$, × 3 requests
    const r = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1k", "--cached", "2000", "--output", "100", "--reasoning", "50", "--requests", "3", "--json", ...AT]));
    expect(r.results[0].usdExact).toBe("0.00945");
    expect(r.workload.source).toBe("flags");
  });

  it("--turns makes the token flags per-turn values of an agent loop", () => {
    // S=1000, u=100, o=50, T=3, caching: cached 0 + 1100 + 1250 = 2,350; new 1,400 as input (Gemini bills no writes)
    // 1,400 × 1.5 + 2,350 × 0.15 + 150 × 9 = 2,100 + 352.5 + 1,350 µ$
    const r = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--turns", "3", "--system", "1000", "--input", "100", "--output", "50", "--caching", "--json", ...AT]));
    expect(r.results[0].tokens).toMatchObject({ input: 1400, cachedInput: 2350, cacheWrite: 0, output: 150, reasoning: 0 });
    expect(r.results[0].usdExact).toBe("0.0038025");
  });

  it("--hit-rate, --warm-system and --cache-ttl shape the agent's caching", () => {
    // claude-sonnet-4-6: $3 in, $0.30 cached, $6 1h write, $15 out. S=1000, u=100, o=50, T=3, h=0.5, warm:
    // cached = 1000 + ⌊0.5·1100⌋ + ⌊0.5·1250⌋ = 1000 + 550 + 625 = 2,175; written 3,750 − 2,175 = 1,575 at $6
    // 2,175 × 0.3 + 1,575 × 6 + 150 × 15 = 652.5 + 9,450 + 2,250 µ$
    const r = json(tokencost(["estimate", "--model", "claude-sonnet-4-6", "--turns", "3", "--system", "1000", "--input", "100", "--output", "50", "--hit-rate", "0.5", "--warm-system", "--cache-ttl", "1h", "--json", ...AT]));
    expect(r.results[0].tokens).toMatchObject({ input: 0, cachedInput: 2175, cacheWrite: 1575, output: 150, reasoning: 0 });
    expect(r.results[0].usdExact).toBe("0.0123525");
  });

  it("--runs and --per give a monthly figure over 30 days", () => {
    const r = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1000", "--runs", "100", "--per", "day", "--json", ...AT]));
    // $0.0015 × 100 × 30
    expect(r.results[0].perMonth).toMatchObject({ runs: 3000, usd: 4.5, usdExact: "4.5" });
    expect(r.workload.runs).toEqual({ count: 100, per: "day", perMonth: 3000 });
    expect(r.monthDays).toBe(30);
  });

  it("--tier and --batch apply the model's service-tier multiplier", () => {
    const batch = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1000", "--batch", "--json", ...AT]));
    const priority = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1000", "--tier", "priority", "--json", ...AT]));
    expect(batch.results[0].usdExact).toBe("0.00075"); // 1,000 × 1.5 × 0.5
    expect(priority.results[0].usdExact).toBe("0.0027"); // 1,000 × 1.5 × 1.8
  });

  it("--preset picks a built-in workload", () => {
    const r = json(tokencost(["estimate", "--preset", "rag", "--model", "gemini-3.5-flash", "--json", ...AT]));
    // 6,100 × 1.5 + 1,500 × 0.15 + 450 × 9 = 9,150 + 225 + 4,050 µ$
    expect(r.results[0].usdExact).toBe("0.013425");
  });

  it("several --model flags give a comparison, cheapest and fastest marked", () => {
    const r = tokencost(["estimate", "--model", "gemini-3.5-flash", "--model", "gpt-5.4-mini,claude-haiku-4-5", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gemini-3\.5-flash .*\n.*gpt-5\.4-mini .*\n.*claude-haiku-4-5 /);
    const report = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--model", "gpt-5.4-mini,claude-haiku-4-5", "--json", ...AT]));
    expect(report.results.map((x: { model: string }) => x.model)).toEqual(["gemini-3.5-flash", "gpt-5.4-mini", "claude-haiku-4-5"]);
    expect(report.results.filter((x: { cheapest: boolean }) => x.cheapest)).toHaveLength(1);
    expect(report.results.filter((x: { fastest: boolean }) => x.fastest)).toHaveLength(1);
  });

  it.each([
    // 1,000 × $1.50 = 1,500 µ$
    ["GOOGLE/Gemini-3.5-Flash", "gemini-3.5-flash", "0.0015"],
    // the alias gpt-5.6 is gpt-5.6-sol: 1,000 × $4 = 4,000 µ$
    ["gpt-5.6", "gpt-5.6-sol", "0.004"],
    ["openai/GPT-5.6", "gpt-5.6-sol", "0.004"],
  ])("looks models up by alias, provider/id and any case: %s is %s", (name, id, usd) => {
    const [r] = json(tokencost(["estimate", "--model", name, "--input", "1000", "--json", ...AT])).results;
    expect([r.model, r.usdExact]).toEqual([id, usd]);
  });

  describe("every example workload estimates, to the hand-worked figure", () => {
    it("covers every example", () => {
      const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".json"));
      expect(examples.sort()).toEqual(["coding-agent.json", "cost-per-task.json", "planner-workers.json", "rag-batch.json"]);
    });
    const run = (f: string) => json(tokencost(["estimate", `examples/${f}`, "--json", "--quiet", ...AT])).results[0];

    it("coding-agent.json", () => {
      // gemini-3.5-flash ($1.5 in, $0.15 cached, $9 out, bills no writes). S=14,000, u=1,800, o=350, r=900 (not kept),
      // T=30, h=0.95, g=2,150: prompt_k = 15,800 + 2,150(k−1), Σ = 474,000 + 2,150 × 435 = 1,409,250.
      // cached = Σ_{i=0..28} ⌊0.95 (15,800 + 2,150 i)⌋ = Σ ⌊15,010 + 2,042.5 i⌋ = 435,290 + 829,255 − 14 × 0.5 = 1,264,538
      // input = 1,409,250 − 1,264,538 = 144,712; output 10,500; reasoning 27,000
      // 144,712 × 1.5 + 1,264,538 × 0.15 + 37,500 × 9 = 217,068 + 189,680.7 + 337,500 µ$
      const r = run("coding-agent.json");
      expect(r.tokens).toMatchObject({ input: 144712, cachedInput: 1264538, cacheWrite: 0, output: 10500, reasoning: 27000 });
      expect(r.usdExact).toBe("0.7442487");
    });

    it("rag-batch.json", () => {
      // gpt-5.4-mini ($0.75 in, $0.075 cached, $4.5 out) at batch ×0.5, 10,000 requests:
      // (6,000 × 0.75 + 1,500 × 0.075 + 450 × 4.5) × 10,000 × 0.5 = 6,637.5 × 5,000 µ$
      const r = run("rag-batch.json");
      expect(r.tokens).toMatchObject({ input: 60000000, cachedInput: 15000000, output: 4500000 });
      expect(r.usdExact).toBe("33.1875");
    });

    it("planner-workers.json", () => {
      // plan and check on claude-opus-4-7 ($5 in, $25 out): 6,000 × 5 + 4,200 × 25 = 135,000; 20,000 × 5 + 2,000 × 25 = 150,000 µ$
      // twice, on gpt-5.4-mini ($0.75 / $0.075 / $4.5, bills no writes):
      //   research S=3,000, u=2,500, o=400, T=6, g=2,900: Σ prompts 76,500, new = prompt_6 = 20,000, cached 56,500, output 2,400
      //     20,000 × 0.75 + 56,500 × 0.075 + 2,400 × 4.5 = 15,000 + 4,237.5 + 10,800 = 30,037.5
      //   code S=5,000, u=1,500, o=600, r=400, T=10, g=2,100: Σ 159,500, new = prompt_10 = 25,400, cached 134,100; out 6,000 + r 4,000
      //     25,400 × 0.75 + 134,100 × 0.075 + 10,000 × 4.5 = 19,050 + 10,057.5 + 45,000 = 74,107.5
      //   summarise 12,000 × 0.75 + 800 × 4.5 = 12,600 — per repeat 116,745, twice 233,490
      // total 135,000 + 233,490 + 150,000 µ$
      const r = run("planner-workers.json");
      expect(r.tokens).toMatchObject({ input: 140800, cachedInput: 381200, cacheWrite: 0, output: 20100, reasoning: 12500 });
      expect(r.usdExact).toBe("0.51849");
    });

    it("cost-per-task.json", () => {
      // 20 calls measured on gemini-3.1-pro-preview, priced on gemini-3.5-flash ($1.5 in, $9 out): output and
      // reasoning scaled by the benchmark factor f, per call and floored: ⌊3,000 f⌋ × 20, ⌊9,000 f⌋ × 20
      const r = run("cost-per-task.json");
      const f = r.tokens.scaling.output;
      expect(f).toBeGreaterThan(1);
      const [output, reasoning] = [Math.floor(3000 * f) * 20, Math.floor(9000 * f) * 20];
      expect(r.tokens).toMatchObject({ input: 80000, output, reasoning });
      // 80,000 × 1.5 + (output + reasoning) × 9 µ$ (76,840 and 230,520 at f ≈ 1.2807: $2.88624)
      const micro = 80000 * 1.5 + (output + reasoning) * 9;
      expect(r.usdExact).toBe(String(micro / 1e6));
    });
  });

  describe("lifecycle and dates", () => {
    it("a deprecated model warns with its date and replacement", () => {
      const r = tokencost(["estimate", "--model", "gpt-5", "--input", "1000", ...AT]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("gpt-5 is deprecated: shuts down on 2026-12-11 (in 14 days); replacement: gpt-6.1-sol");
    });

    it("a retired model needs --allow-retired", () => {
      const r = tokencost(["estimate", "--model", "o4-mini", "--input", "1000", ...AT]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("o4-mini was retired on 2026-10-23 — its replacement is gpt-5.6-terra");
      const ok = tokencost(["estimate", "--model", "o4-mini", "--input", "1000", "--allow-retired", ...AT]);
      expect(ok.code).toBe(0);
      expect(ok.stderr).toContain("o4-mini was retired on 2026-10-23");
    });

    it("a model retired later was still priced before its retirement date", () => {
      const r = tokencost(["estimate", "--model", "gpt-4.1-nano", "--input", "1000", "--at", "2026-06-01"]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("gpt-4.1-nano is deprecated: shuts down on 2026-10-23 (in 144 days); replacement: gpt-5.6-luna");
    });

    it("a shut-down model that auto-routes still prices, at the routed rates", () => {
      const r = json(tokencost(["estimate", "--model", "gemini-2.5-pro", "--input", "300000", "--json", "--at", "2026-12-05"]));
      expect(r.results[0].usdExact).toBe("0.225"); // 300,000 × $0.75, no long-context tier any more
      expect(r.results[0].warnings.map((w: { code: string }) => w.code)).toContain("DEPRECATED");
    });

    it("--at prices with the rates in force that day, and announces a change within 90 days", () => {
      const before = tokencost(["estimate", "--model", "gemini-4-argon", "--input", "1000", "--output", "100", "--json", "--at", "2026-11-27"]);
      const after = json(tokencost(["estimate", "--model", "gemini-4-argon", "--input", "1000", "--output", "100", "--json", "--at", "2026-12-01"]));
      // before: 1,000 × $2 + 100 × $10; from 2026-12-01: 1,000 × $4 + 100 × $20
      expect(json(before).results[0].usdExact).toBe("0.003");
      expect(after.results[0].usdExact).toBe("0.006");
      expect(before.stderr).toContain("gemini-4-argon: prices change on 2026-12-01 (in 4 days): input $2 → $4, cached input $0.1 → $0.2, output $10 → $20 per million");
    });
  });
});
