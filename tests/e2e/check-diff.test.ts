import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { expectInputError, ROOT, tempFile, tokencost } from "./spawn.ts";

// gemini-3.5-flash: $1.50 in, $9 out, 204 tok/s, no TTFT figure.
// base call: 1,000 × 1.5 + 100 × 9 = 2,400 µ$ = $0.0024 per run; 100 / 204 s = 0.4902 s.
const AT = ["--at", "2026-11-27"];
const call = { model: "gemini-3.5-flash", input: 1000, output: 100 };
const W = tempFile("w.json", call);

interface CheckRow {
  workload: string;
  model: string;
  limit: string;
  value: number | null;
  max: number;
  margin: number | null;
  pass: boolean;
  from: string;
}
const checks = (args: string[], input?: string) => {
  const r = tokencost(["check", ...args, "--json", ...AT], input === undefined ? {} : { input });
  return { code: r.code, checks: JSON.parse(r.stdout).checks as CheckRow[], report: JSON.parse(r.stdout), stderr: r.stderr };
};

describe("tokencost check", () => {
  it.each<[string, string[], boolean]>([
    ["$/run exactly at the limit passes", ["--budget", "0.0024"], true],
    ["$/run a millionth of a cent over fails", ["--budget", "0.00239999"], false],
    ["time under the limit passes", ["--max-seconds", "0.5"], true],
    ["time over the limit fails", ["--max-seconds", "0.49"], false],
    ["time limit as a duration", ["--max-seconds", "1s"], true],
  ])("%s", (_, flags, pass) => {
    const r = checks([W, ...flags]);
    expect(r.code).toBe(pass ? 0 : 1);
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]!.pass).toBe(pass);
  });

  it("the monthly limit counts 30 days of daily runs, both sides of the line", () => {
    const daily = tempFile("daily.json", { ...call, runs: { count: 1000, per: "day" } });
    // $0.0024 × 1,000 × 30 = $72
    expect(checks([daily, "--max-monthly", "72"]).checks[0]).toMatchObject({ limit: "usdPerMonth", value: 72, max: 72, margin: 0, pass: true });
    expect(checks([daily, "--max-monthly", "71.99"]).checks[0]).toMatchObject({ limit: "usdPerMonth", pass: false });
    const table = tokencost(["check", daily, "--max-monthly", "72", ...AT]);
    expect(table.stdout).toContain("1 check, 0 failed · a month is 30 days of runs");
  });

  it("reads the workload's budget; flags win limit by limit", () => {
    const budgeted = tempFile("budgeted.json", { ...call, budget: { usdPerRun: 0.001, secondsPerRun: 10 } });
    const own = checks([budgeted]);
    expect(own.checks.map((c) => [c.limit, c.max, c.pass, c.from])).toEqual([
      ["usdPerRun", 0.001, false, "workload"],
      ["secondsPerRun", 10, true, "workload"],
    ]);
    expect(own.code).toBe(1);
    const overridden = checks([budgeted, "--budget", "0.01"]);
    expect(overridden.checks.map((c) => [c.limit, c.max, c.pass, c.from])).toEqual([
      ["usdPerRun", 0.01, true, "flag"],
      ["secondsPerRun", 10, true, "workload"],
    ]);
    expect(overridden.code).toBe(0);
  });

  it("one row per workload × model × limit, and a summary", () => {
    const r = tokencost(["check", W, "--model", "gemini-3.5-flash,gpt-5.4-mini", "--budget", "0.002", "--max-seconds", "60", ...AT]);
    // gpt-5.4-mini: 1,000 × 0.75 + 100 × 4.5 = $0.0012 (passes); gemini $0.0024 (fails)
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/│ w\s+│ gemini-3\.5-flash │ cost per run\s+│\s+\$0\.0024 │\s+\$0\.002 │\s+\$0\.0004 over \(20\.0%\) │ FAIL/);
    expect(r.stdout).toMatch(/│ w\s+│ gpt-5\.4-mini\s+│ cost per run\s+│\s+\$0\.0012 │/);
    expect(r.stdout).toContain("4 checks, 1 failed");
  });

  it("several files with one failing exits 1 and reports both", () => {
    const cheap = tempFile("cheap.json", { ...call, name: "cheap", input: 10 });
    const dear = tempFile("dear.json", { ...call, name: "dear", input: 100000 });
    const r = checks([cheap, dear, "--budget", "0.01"]);
    expect(r.code).toBe(1);
    expect(r.checks.map((c) => [c.workload, c.pass])).toEqual([
      ["cheap", true],
      ["dear", false],
    ]);
  });

  it("a directory checks every *.json in it, in name order", () => {
    const dir = dirname(tempFile("agents/b.json", { ...call, name: "b" }));
    tempFile("agents/a.json", { ...call, name: "a" });
    tempFile("agents/notes.txt", "not a workload");
    const r = checks([dir, "--budget", "1"]);
    expect(r.checks.map((c) => c.workload)).toEqual(["a", "b"]);
    expect(r.code).toBe(0);
  });

  it("a workload whose steps all pin their models needs no other model", () => {
    const pinned = tempFile("pinned.json", { steps: [call] });
    expect(checks([pinned, "--budget", "0.0024"]).checks[0]).toMatchObject({ model: "gemini-3.5-flash", pass: true });
  });

  it("time sums compare as written: 0.1 s + 0.2 s of tools is within 0.3 s", () => {
    const tools = tempFile("tools.json", { model: "gemini-3.5-flash", steps: [{ output: 0, input: 1, toolSeconds: 0.1 }, { input: 1, toolSeconds: 0.2 }] });
    const r = checks([tools, "--max-seconds", "0.3"]);
    expect(r.checks[0]).toMatchObject({ value: 0.3, pass: true });
    expect(r.code).toBe(0);
  });

  it("a value that rounds to the limit is shown with all its digits", () => {
    const r = tokencost(["check", W, "--budget", "0.0023999999999", ...AT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/│ \$0\.0024 │ \$0\.0024 │ \$0\.0000000000001 over \(0\.0%\) │ FAIL/);
  });

  it("--runs and --per give the monthly limit its runs", () => {
    const r = checks([W, "--runs", "100", "--per", "day", "--max-monthly", "7.2"]);
    // $0.0024 × 100 × 30
    expect(r.checks[0]).toMatchObject({ limit: "usdPerMonth", value: 7.2, pass: true });
  });

  it("budgets in the workload may be written as text", () => {
    const text = tempFile("text-budget.json", { ...call, budget: { usdPerRun: "$0.01", secondsPerRun: "2s" } });
    expect(checks([text]).checks.map((c) => [c.limit, c.max, c.pass])).toEqual([
      ["usdPerRun", 0.01, true],
      ["secondsPerRun", 2, true],
    ]);
  });

  it("a failing check piped into head still exits 1; a passing one 0", () => {
    const run = (budget: string) =>
      spawnSync("bash", ["-c", `set -o pipefail; node bin/tokencost.js check examples --budget ${budget} --at 2026-11-27 2>&1 | head -1 > /dev/null`], { cwd: ROOT }).status;
    expect(run("0.0001")).toBe(1);
    expect(run("1000")).toBe(0);
  });

  it("the bundled examples pass their own budgets", () => {
    const r = tokencost(["check", "examples", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("10 checks, 0 failed");
  });

  it("a model without a speed figure fails a time limit instead of passing it silently", () => {
    const r = checks([W, "--model", "kimi-k2.6", "--max-seconds", "600"]);
    expect(r.code).toBe(1);
    expect(r.checks[0]).toMatchObject({ limit: "secondsPerRun", value: null, pass: false });
  });

  it("a workload that does not fit the model fails with a context check", () => {
    const big = tempFile("big.json", { model: "gpt-4o", input: 200000 });
    const r = checks([big, "--budget", "10"]);
    expect(r.code).toBe(1);
    expect(r.checks.map((c) => [c.limit, c.pass])).toEqual([
      ["usdPerRun", true],
      ["contextTokens", false],
    ]);
  });

  it("appends its markdown to $GITHUB_STEP_SUMMARY, keeping what was there", () => {
    const summary = tempFile("summary.md", "## earlier step\n\nkept\n");
    const r = tokencost(["check", W, "--budget", "0.01", ...AT], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    const text = readFileSync(summary, "utf8");
    expect(text.startsWith("## earlier step\n\nkept\n")).toBe(true);
    expect(text).toContain("### ✅ tokencost check: 1 check, 0 failed");
    expect(text).toContain("| w | gemini-3.5-flash | cost per run | $0.0024 | $0.01 | $0.0076 under (76.0%) | ✅ pass |");
    tokencost(["check", W, "--budget", "0.001", ...AT], { env: { GITHUB_STEP_SUMMARY: summary } });
    const twice = readFileSync(summary, "utf8");
    expect(twice.startsWith(text)).toBe(true);
    expect(twice).toContain("### ❌ tokencost check: 1 check, 1 failed");
  });

  it("csv and markdown", () => {
    expect(tokencost(["check", W, "--budget", "0.01", "--format", "csv", ...AT]).stdout).toBe(
      `workload,path,model,limit,value,max,margin,pass,from\nw,${W},gemini-3.5-flash,usdPerRun,0.0024,0.01,0.0076,true,flag\n`,
    );
    expect(tokencost(["check", W, "--budget", "0.01", "--format", "markdown", ...AT]).stdout).toContain("| workload | model | limit | value | max | margin | result |");
  });

  it("reads a piped workload", () => {
    expect(checks(["--budget", "0.01"], JSON.stringify(call)).code).toBe(0);
  });

  it("leaves $GITHUB_STEP_SUMMARY alone on an input error", () => {
    const summary = tempFile("untouched.md", "earlier\n");
    const r = tokencost(["check", W, tempFile("nm2.json", { input: 1 }), "--budget", "1", ...AT], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(2);
    expect(readFileSync(summary, "utf8")).toBe("earlier\n");
  });

  describe("input errors: exit 2, nothing on stdout", () => {
    it.each<[string, string[], RegExp, string?]>([
      ["no model anywhere", [tempFile("nomodel.json", { input: 1 }), "--budget", "1"], /nomodel\.json: no model to price it on — pass --model ID, or add "model" to the workload/],
      ["no limit at all", [W], /no limit to check — add "budget" to the workload, or pass --budget, --max-seconds or --max-monthly/],
      ["an unknown model", [W, "--budget", "1", "--model", "gemini-9"], /unknown model "gemini-9"/],
      ["a missing file", [tempFile("x.json", "").replace(/x\.json$/, "missing.json"), "--budget", "1"], /missing\.json: cannot read workload: no such file/],
      ["an invalid file", [tempFile("bad.json", '{"input": 1, "outptu": 2}'), "--budget", "1"], /bad\.json: outptu: unknown key "outptu" — did you mean "output"\?/],
      ["a monthly limit without runs", [W, "--max-monthly", "10"], /a monthly limit needs "runs"/],
      ["a bad budget", [W, "--budget", "cheap"], /expected an amount in USD/],
      ["a hexadecimal budget", [W, "--budget", "0x10"], /expected an amount in USD/],
      ["no workload", ["--budget", "1"], /no workload: give workload files or directories/],
      ["an empty directory", [dirname(tempFile("empty/.keep", "")), "--budget", "1"], /no \*\.json workloads in this directory/],
    ])("%s", (_, args, message, input) => {
      expect(expectInputError(tokencost(["check", ...args, ...AT], input === undefined ? {} : { input }))).toMatch(message);
    });
  });
});

describe("tokencost diff", () => {
  // head: 1,100 × 1.5 + 100 × 9 = 2,550 µ$: +$0.00015, +6.25%
  const HEAD = tempFile("head.json", { ...call, input: 1100 });
  const diff = (args: string[]) => {
    const r = tokencost(["diff", W, HEAD, ...args, "--json", ...AT]);
    return { code: r.code, report: JSON.parse(r.stdout) };
  };

  it("gives before → after with signed deltas", () => {
    const { code, report } = diff([]);
    expect(code).toBe(0);
    expect(report.diffs).toEqual([
      {
        model: "gemini-3.5-flash",
        // 100 / 204 s, to the nanosecond
        base: { model: "gemini-3.5-flash", usd: 0.0024, usdExact: "0.0024", seconds: 0.490196078, perMonth: null },
        head: { model: "gemini-3.5-flash", usd: 0.00255, usdExact: "0.00255", seconds: 0.490196078, perMonth: null },
        deltaUsd: 0.00015,
        deltaUsdExact: "0.00015",
        deltaPercent: 6.25,
        deltaSeconds: 0,
        deltaSecondsPercent: 0,
        deltaPerMonth: null,
        deltaPerMonthPercent: null,
        pass: true,
        failures: [],
      },
    ]);
  });

  it.each<[string, string[], number]>([
    ["+6.25% is not above 6.25%", ["--fail-above-percent", "6.25"], 0],
    ["+6.25% is above 6.24%", ["--fail-above-percent", "6.24"], 1],
    ["+$0.00015 is not above $0.00015", ["--fail-above-usd", "0.00015"], 0],
    ["+$0.00015 is above $0.000149", ["--fail-above-usd", "0.000149"], 1],
  ])("%s", (_, flags, code) => {
    expect(diff(flags).code).toBe(code);
  });

  it("a rise of exactly the threshold passes (compared exactly, not in floats)", () => {
    // 910 → 1,001 input tokens, no output: exactly +10%
    const b = tempFile("b10.json", { model: "gemini-3.5-flash", input: 910 });
    const h = tempFile("h10.json", { model: "gemini-3.5-flash", input: 1001 });
    expect(tokencost(["diff", b, h, "--fail-above-percent", "10", ...AT]).code).toBe(0);
    const over = tokencost(["diff", b, tempFile("h10b.json", { model: "gemini-3.5-flash", input: 1002 }), "--fail-above-percent", "10", ...AT]);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain("FAIL cost per run +10.1% > 10%");
  });

  it("no cost before and after is no change", () => {
    const zero = tempFile("zero.json", { model: "gemini-3.5-flash", input: 0 });
    const r = tokencost(["diff", zero, zero, "--fail-above-percent", "0", "--json", ...AT]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diffs[0]).toMatchObject({ deltaPercent: 0, pass: true });
  });

  it("more runs per month is an increase the percentage threshold catches", () => {
    const few = tempFile("few.json", { ...call, runs: { count: 100, per: "day" } });
    const many = tempFile("many.json", { ...call, runs: { count: 10000, per: "day" } });
    const r = tokencost(["diff", few, many, "--fail-above-percent", "10", ...AT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("$7.20 → $720.00 (+$712.80, +9900.0%)");
    expect(r.stdout).toContain("FAIL cost per month +9900.0% > 10%");
  });

  it("per month shows when only one side sets runs", () => {
    const r = tokencost(["diff", W, tempFile("runs-only-head.json", { ...call, runs: { count: 100, per: "day" } }), ...AT]);
    expect(r.stdout).toContain("— → $7.20");
  });

  it("a decrease never fails", () => {
    const r = tokencost(["diff", HEAD, W, "--fail-above-percent", "0", "--fail-above-usd", "0", "--json", ...AT]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diffs[0]).toMatchObject({ deltaUsdExact: "-0.00015", pass: true });
  });

  it("per month when runs are set", () => {
    const base = tempFile("base-runs.json", { ...call, runs: { count: 100, per: "day" } });
    const head = tempFile("head-runs.json", { ...call, input: 1100, runs: { count: 100, per: "day" } });
    const d = JSON.parse(tokencost(["diff", base, head, "--json", ...AT]).stdout).diffs[0];
    // 3,000 runs: $7.20 → $7.65
    expect([d.base.perMonth, d.head.perMonth, d.deltaPerMonth]).toEqual([7.2, 7.65, 0.45]);
  });

  it("a switch of model shows both models", () => {
    const pricier = tempFile("pricier.json", { ...call, model: "claude-sonnet-4-6" });
    const r = tokencost(["diff", W, pricier, "--fail-above-percent", "10", "--format", "markdown", ...AT]);
    expect(r.code).toBe(1);
    // sonnet: 1,000 × 3 + 100 × 15 = $0.0045: +$0.0021, +87.5%
    expect(r.stdout).toContain("| ❌ | `gemini-3.5-flash` → `claude-sonnet-4-6` | $0.0024 → $0.0045 | **+$0.0021 (+87.5%)** |");
    expect(r.stdout).toContain("decreases never fail");
  });

  it("--model prices both sides on each model", () => {
    const { report } = diff(["--model", "gpt-5.4-mini,gemini-3.5-flash"]);
    expect(report.diffs.map((d: { model: string; deltaUsdExact: string }) => [d.model, d.deltaUsdExact])).toEqual([
      ["gpt-5.4-mini", "0.000075"], // 100 × $0.75
      ["gemini-3.5-flash", "0.00015"],
    ]);
  });

  it("appends its markdown to $GITHUB_STEP_SUMMARY", () => {
    const summary = tempFile("diff-summary.md", "before\n");
    tokencost(["diff", W, HEAD, "--fail-above-percent", "5", ...AT], { env: { GITHUB_STEP_SUMMARY: summary } });
    const text = readFileSync(summary, "utf8");
    expect(text.startsWith("before\n### tokencost diff: ❌ 1 of 1 over threshold")).toBe(true);
    expect(text).toContain("+$0.00015 (+6.3%)");
  });

  it.each<[string, string[], RegExp]>([
    ["a missing file", ["diff", W, "nope.json"], /nope\.json: cannot read workload/],
    ["a directory", ["diff", W, "examples"], /diff compares two workload files/],
    ["a bad threshold", ["diff", W, W, "--fail-above-percent", "ten"], /expected a percentage/],
    ["no model", ["diff", tempFile("nm.json", { input: 1 }), W], /no model to price it on/],
    ["one argument", ["diff", W], /missing required argument 'head'/],
  ])("input error: %s", (_, args, message) => {
    expect(expectInputError(tokencost([...args, ...AT]))).toMatch(message);
  });
});
