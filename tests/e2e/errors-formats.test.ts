import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { expectInputError, json, ROOT, tempFile, tokencost } from "./spawn.ts";

const AT = ["--at", "2026-11-27"];
const file = tempFile;
const M = ["--model", "gemini-3.5-flash"];
/** `inner` repeated 10^15 times, `depth` sequences deep, with `extra` top-level fields. */
const nestedRepeats = (depth: number, inner: string, extra = ""): string => {
  let step = inner;
  for (let i = 0; i < depth; i++) step = `{"repeat": 1000000000000000, "steps": [${step}]}`;
  return `{${extra ? `${extra}, ` : ""}"steps": [${step}]}`;
};

describe("bad input: exit 2, one line on stderr, nothing on stdout, no stack", () => {
  it.each<[string, string[], string | undefined, RegExp]>([
    ["an unknown command", ["estimat"], undefined, /unknown command 'estimat'/],
    ["an unknown flag", ["estimate", "--modle", "x"], undefined, /unknown option '--modle'/],
    ["a flag without its value", ["estimate", "--model"], undefined, /option '-m, --model <id>' argument missing/],
    ["an empty flag value", ["estimate", "--model", ""], undefined, /a model name cannot be empty/],
    ["a bad token count", ["estimate", ...M, "--input", "12x"], undefined, /argument '12x' is invalid\. expected a whole number of tokens/],
    ["a bad format", ["estimate", ...M, "--format", "xml"], undefined, /argument 'xml' is invalid\. Allowed choices are table, json, markdown, csv/],
    ["a bad date", ["estimate", ...M, "--at", "27/11/2026"], undefined, /expected a date as YYYY-MM-DD/],
    ["a month that does not exist", ["estimate", ...M, "--at", "2026-13-01"], undefined, /2026-13-01 is not a day of the calendar/],
    ["an unknown model", ["estimate", "--model", "gemini-3.5-flsh", "--input", "1"], undefined, /unknown model "gemini-3\.5-flsh" — did you mean gemini-3\.5-flash, [^,]+, [^,]+\?/],
    ["an unknown preset", ["estimate", ...M, "--preset", "chatt"], undefined, /unknown preset "chatt" — did you mean chat\?/],
    ["an unknown service tier", ["estimate", ...M, "--input", "1", "--tier", "fast"], undefined, /gemini-3\.5-flash has no service tier "fast" — it has: standard, batch, flex, priority/],
    ["a missing workload file", ["estimate", ...M, "nope.json"], undefined, /nope\.json: cannot read workload: no such file/],
    ["a directory as the workload", ["estimate", ...M, "examples"], undefined, /examples: is a directory, not a workload/],
    ["- with empty stdin", ["estimate", ...M, "-"], "", /stdin is empty/],
    ["a JSON array on stdin", ["estimate", ...M], "[1, 2]", /stdin: \(top level\): a workload is a JSON object, got an array/],
    ["JSON null", ["estimate", ...M], "null", /a workload is a JSON object, got null/],
    ["a JSON string", ["estimate", ...M], '"hi"', /a workload is a JSON object, got string/],
    ["truncated JSON", ["estimate", ...M], '{"input": 1', /stdin: not valid JSON/],
    ["binary junk", ["estimate", ...M], "\u0000\u0001\u00ff\u00fe", /stdin: not valid JSON/],
    ["a typo key", ["estimate", ...M], '{"inptu": 1}', /stdin: inptu: unknown key "inptu" — did you mean "input"\?/],
    ["1e400 tokens", ["estimate", ...M], '{"input": 1e400}', /stdin: input: expected a whole number of tokens .*too large/],
    ["an unknown pinned model", ["estimate", ...M], '{"steps": [{"input": 1}, {"model": "gpt-9", "input": 1}]}', /stdin: steps\[1\]\.model: unknown model "gpt-9"/],
    ["no model at all", ["estimate", "--input", "1"], undefined, /no model to price it on — pass --model ID/],
    ["token flags and a file", ["estimate", ...M, "examples/rag-batch.json", "--input", "1"], undefined, /give the workload one way/],
    ["--system without --turns", ["estimate", ...M, "--input", "1", "--system", "100"], undefined, /--system need --turns/],
    ["--per without --runs", ["estimate", ...M, "--input", "1", "--per", "day"], undefined, /--per needs --runs/],
    ["--batch with another --tier", ["estimate", ...M, "--input", "1", "--batch", "--tier", "flex"], undefined, /--batch contradicts --tier flex/],
    ["diff with stdin twice", ["diff", "-", "-"], "{}", /only one of BASE and HEAD can be - \(stdin\)/],
    ["tokens beyond 2^53", ["estimate", ...M], '{"input": 9007199254740993}', /stdin: input: at most 2\^53−1 tokens/],
    ["NaN tokens", ["estimate", ...M], '{"input": "NaN"}', /stdin: input: expected a whole number of tokens like 1200, "120k" or "1\.5M", got "NaN"/],
    ["a NaN literal", ["estimate", ...M], '{"input": NaN}', /stdin: not valid JSON at line 1, column 11/],
    ["fractional tokens", ["estimate", ...M], '{"output": 10.5}', /stdin: output: expected a whole number of tokens like 1200, "120k" or "1\.5M", got 10\.5/],
    ["zero turns", ["estimate", ...M], '{"agent": {"turns": 0, "perTurn": {"input": 1}}}', /stdin: agent\.turns: turns must be at least 1, got 0/],
    ["fractional turns", ["estimate", ...M], '{"agent": {"turns": 2.5, "perTurn": {"input": 1}}}', /stdin: agent\.turns: expected a whole number of turns/],
    ["a hit rate above 1", ["estimate", ...M], '{"agent": {"turns": 2, "perTurn": {"input": 1}, "caching": {"hitRate": 1.5}}}', /agent\.caching\.hitRate: expected a number from 0 to 1, got 1\.5/],
    ["a negative hit rate", ["estimate", ...M, "--turns", "2", "--input", "1", "--hit-rate", "-0.1"], undefined, /expected a number from 0 to 1/],
    ["a bad duration", ["estimate", ...M], '{"input": 1, "toolSeconds": "soon"}', /stdin: toolSeconds: a duration in seconds like 2\.5, "30s" or "2m", got "soon"/],
    ["an unknown service tier in the file lists the valid ones", ["estimate", ...M], '{"input": 1, "serviceTier": "turbo"}', /gemini-3\.5-flash has no service tier "turbo" — it has: standard, batch, flex, priority/],
    ["an unknown cache TTL lists the valid ones", ["estimate", ...M], '{"agent": {"turns": 2, "perTurn": {"input": 1}, "caching": {"ttl": "2h"}}}', /agent\.caching\.ttl: expected one of "5m", "1h", got "2h"/],
    ["a __proto__ key", ["estimate", ...M], '{"input": 1, "__proto__": {"output": 5}}', /stdin: __proto__: unknown key "__proto__"/],
    ["an empty --input", ["estimate", ...M, "--input", ""], undefined, /argument '' is invalid/],
    ["negative tokens", ["estimate", ...M], '{"steps": [{"input": 5}, {"output": -5}]}', /stdin: steps\[1\]\.output: tokens cannot be negative, got -5/],
    ["a service tier named like an Object method", ["estimate", ...M, "--input", "1", "--tier", "constructor"], undefined, /has no service tier "constructor" — it has: standard, batch, flex, priority/],
    ["a 400-digit budget", ["check", "-", "--model", "gemini-3.5-flash"], `{"input": 1, "budget": {"usdPerRun": "${"9".repeat(400)}"}}`, /budget\.usdPerRun: expected an amount in USD/],
    ["a time too large even for one call", ["estimate", ...M, ...AT], '{"input": 1, "toolSeconds": 1e308, "requests": 2}', /the time per run is too large to represent/],
    ["a key with a newline, escaped", ["estimate", ...M, ...AT], '{"in\\nput": 1}', /unknown key "in\\nput"/],
    ["an empty --provider", ["models", "--provider", "", ...AT], undefined, /a provider cannot be empty/],
    ["an empty --search", ["models", "--search", "", ...AT], undefined, /a search text cannot be empty/],
    ["a day that does not exist", ["estimate", ...M, "--input", "1", "--at", "2026-02-29"], undefined, /2026-02-29 is not a day of the calendar/],
    ["--json with another --format", ["estimate", ...M, "--input", "1", "--json", "--format", "csv", ...AT], undefined, /--json contradicts --format csv/],
    ["a time too large to represent", ["estimate", ...M, ...AT], '{"input": 1000, "toolSeconds": 1e308, "requests": 1000000000}', /the time per run is too large to represent/],
    // 22 nested repeats of 10^15 over one input token: 10^330 tokens, past a double's 1.8e308; on a
    // model with no speed figure the time stays 0, so the totals are what cannot be represented.
    ["tokens too many to represent", ["estimate", "--model", "codestral-2508", ...AT], nestedRepeats(22, '{"input": 1}'), /the totals are too large to represent/],
    // at $0 the cost stays finite: the token count alone must stop it
    ["tokens too many to represent on a free model", ["estimate", "--model", "acme-free", "--pricing", file("free-rate.json", { provider: "acme", models: [{ id: "acme-free", rates: { input: 0, output: 0 } }] }), ...AT], nestedRepeats(22, '{"input": 1}'), /the totals are too large to represent/],
    // 10^30 tokens are a double; at $1e300 per million they cost 1e324, which is not.
    ["a cost too large to represent", ["estimate", "--model", "acme-huge", "--pricing", file("huge-rate.json", { provider: "acme", models: [{ id: "acme-huge", rates: { input: 1e300, output: 1 } }] }), ...AT], nestedRepeats(1, '{"input": 1000000000000000}'), /the totals are too large to represent/],
    ["a monthly cost too large to represent", ["estimate", "--model", "codestral-2508", ...AT], nestedRepeats(20, '{"input": 1000}', '"runs": {"count": 1000000000000000, "per": "day"}'), /the totals are too large to represent/],
    ["a key in the wrong form", ["estimate", ...M, ...AT], '{"agent": {"turns": 2, "perTurn": {"input": 1}}, "input": 5}', /"input" does not belong here \(this object takes: agent, model, name/],
    ["a model retired by the pricing date", ["estimate", "--model", "claude-sonnet-4-5", "--input", "1", "--at", "2027-03-01"], undefined, /claude-sonnet-4-5 was retired on 2026-11-30 — its replacement is claude-sonnet-5-5/],
  ])("%s", (_, args, input, message) => {
    // Pinned to a day (right after the command, so that "--model" without its value stays so).
    const pinned = args.includes("--at") || args[0] === "estimat" ? args : [args[0]!, ...AT, ...args.slice(1)];
    expect(expectInputError(tokencost(pinned, input === undefined ? {} : { input }))).toMatch(message);
  });

  it("token flags and --preset name the workload: stdin is not read then", () => {
    const flags = json(tokencost(["estimate", ...M, "--output", "10", "--json", ...AT], { input: '{"input": "1M"}' }));
    expect(flags.workload.source).toBe("flags");
    expect(flags.results[0].usdExact).toBe("0.00009"); // 10 × $9 / M, not the piped million tokens
    expect(json(tokencost(["estimate", ...M, "--preset", "rag", "--json", ...AT], { input: "{}" })).workload.name).toBe("rag");
  });

  it("a stdin pipe that stays open does not hold a run whose flags name the workload", async () => {
    const child = spawn(process.execPath, ["bin/tokencost.js", "estimate", ...M, "--input", "1", "--json", ...AT], { cwd: ROOT, stdio: ["pipe", "ignore", "ignore"] });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (child.kill(), resolve(null)), 15_000);
      child.on("exit", (c) => (clearTimeout(timer), resolve(c)));
    });
    child.stdin.destroy();
    expect(code).toBe(0);
  });

  it("a device or endless pipe as a file stops at the size limit", () => {
    expect(expectInputError(tokencost(["estimate", ...M, "/dev/zero", ...AT]))).toBe("tokencost: /dev/zero: workload is larger than 8 MB");
    expect(expectInputError(tokencost(["models", "--pricing", "/dev/zero", ...AT]))).toBe("tokencost: /dev/zero: pricing file is larger than 8 MB");
  });

  it("a 100,000-digit token count is refused with a short message", () => {
    const msg = expectInputError(tokencost(["estimate", ...M, ...AT], { input: `{"input": "0.${"0".repeat(100_000)}1"}` }));
    expect(msg.length).toBeLessThan(200);
    expect(msg).toMatch(/stdin: input: expected a whole number of tokens/);
  });

  it("50,000 unknown keys are one short line", () => {
    const keys = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 1]));
    const msg = expectInputError(tokencost(["estimate", ...M, ...AT], { input: JSON.stringify({ input: 1, ...keys }) }));
    expect(msg).toMatch(/stdin: k0: unknown key "k0" .*\(and 49999 more unknown keys\)$/);
    expect(msg.length).toBeLessThan(500);
  });

  it("a report that cannot be written is an input/output error, exit 2", () => {
    const r = spawnSync("bash", ["-c", "node bin/tokencost.js estimate --model gemini-3.5-flash --input 1 --at 2026-11-27 > /dev/full"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tokencost: cannot write the report to stdout: ENOSPC/);
  });

  it("amounts beyond 1e21 still print", () => {
    const r = tokencost(["check", "-", "--model", "gemini-3.5-flash", "--budget", "1000000000000000000000", ...AT], { input: '{"input": 1}' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("$1,000,000,000,000,000,000,000");
  });

  it("compare lists a model named twice once", () => {
    const rows = json(tokencost(["compare", "--models", "gpt-5.6,gpt-5.6-sol", "--input", "1", "--json", ...AT])).results;
    expect(rows.map((x: { model: string }) => x.model)).toEqual(["gpt-5.6-sol"]);
  });

  it("empty piped stdin is an empty workload, as an empty file is; nothing piped means the preset", () => {
    const r = tokencost(["estimate", ...M, "--json", ...AT], { input: "" });
    expect(expectInputError(r)).toBe("tokencost: empty workload on stdin (with no file, --preset or token flags, piped stdin is the workload)");
    expect(tokencost(["estimate", ...M, "--json", ...AT]).stderr).toContain("using the built-in coding-agent preset");
  });

  it("a 20 MB line of garbage on stdin or in a file fails at the size limit", () => {
    const garbage = "x".repeat(20 * 1024 * 1024);
    expect(expectInputError(tokencost(["estimate", ...M, ...AT], { input: garbage }))).toBe("tokencost: stdin: the workload is larger than 8 MB");
    expect(expectInputError(tokencost(["estimate", ...M, "-", ...AT], { input: garbage }))).toBe("tokencost: stdin: the workload is larger than 8 MB");
    const big = tempFile("garbage.json", garbage);
    expect(expectInputError(tokencost(["estimate", ...M, big, ...AT]))).toBe(`tokencost: ${big}: workload is larger than 8 MB`);
  });

  it("nesting 20,000 levels deep is one clear error", () => {
    const deep = `${'{"steps": ['.repeat(20_000)}{"input": 1}${"]}".repeat(20_000)}`;
    expect(expectInputError(tokencost(["estimate", ...M, ...AT], { input: deep }))).toBe("tokencost: stdin: JSON nested more than 256 levels deep");
  });

  it("a closed pipe on stdout ends quietly with 0", () => {
    const r = spawnSync("bash", ["-c", "set -o pipefail; node bin/tokencost.js models --json --at 2026-11-27 | head -c 100 > /dev/null"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("TOKENCOST_DEBUG=1 adds the stack", () => {
    const r = tokencost(["estimate", "--model", "nope", "--input", "1", ...AT], { env: { TOKENCOST_DEBUG: "1" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\s+at /m);
  });

  it("help and version exit 0", () => {
    const help = tokencost(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("estimate");
    expect(tokencost(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("an empty workload file is an error, not $0", () => {
    expect(expectInputError(tokencost(["estimate", ...M, file("empty.json", ""), ...AT]))).toMatch(/empty workload/);
  });
});

describe("formats", () => {
  const args = ["estimate", "--model", "gemini-3.5-flash", "--input", "1000", "--output", "100", "--runs", "10", "--per", "day", ...AT];

  it("table: the per-class breakdown and the per-month line", () => {
    const r = tokencost(args);
    expect(r.stdout).toContain("│ input  │  1,000 │ 1.50 │ $0.0015 │");
    expect(r.stdout).toContain("$0.0024 per run");
    expect(r.stdout).toContain("$0.72 per month (300 runs: 10/day × 30 days)");
  });

  it("json --json and --format json are the same", () => {
    expect(tokencost([...args, "--json"]).stdout).toBe(tokencost([...args, "--format", "json"]).stdout);
  });

  it("markdown", () => {
    const r = tokencost([...args, "--format", "markdown"]);
    expect(r.stdout).toContain("| class | tokens | $/M | cost |");
    expect(r.stdout).toContain("| input | 1,000 | 1.50 | $0.0015 |");
    expect(r.stdout).toContain("**$0.0024 per run**");
  });

  it("csv: one row per model, exact money", () => {
    const r = tokencost(["compare", "--models", "gemini-3.5-flash,gpt-5.4-mini", "--input", "1000", "--output", "100", "--format", "csv", ...AT]);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "workload,model,provider,service_tier,usd_per_run,seconds_per_run,calls,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,reasoning_tokens,input_usd,cached_input_usd,cache_write_usd,output_usd,reasoning_usd,runs_per_month,usd_per_month,times_cheapest,fits,prices_as_of,effort,scaling,reference_model,reference_effort,output_factor,reasoning_factor,answer_factor,reasoning_per_answer,input_factor,basis,usd_per_run_low,usd_per_run_high",
    );
    // gpt-5.4-mini: 1,000 × 0.75 + 100 × 4.5 = 1,200 µ$; 3.85 s + 100/201 s
    expect(lines[1]).toMatch(/^custom,gpt-5\.4-mini,openai,standard,0\.0012,4\.347512438,1,1000,0,0,100,0,0\.00075,0,0,0\.00045,0,,,1,true,2026-11-27,,no-reference,,,1,1,1,0,1,,,$/);
    expect(lines).toHaveLength(3);
  });

  it("compare markdown marks cheapest and fastest", () => {
    const r = tokencost(["compare", "--models", "gemini-3.5-flash,gpt-5.4-mini", "--input", "1000", "--output", "100", "--format", "markdown", ...AT]);
    expect(r.stdout).toContain("| `gpt-5.4-mini` | openai | — | as given | **$0.0012** |");
    expect(r.stdout).toMatch(/\| ✅ \| cheapest \|/);
  });

  it("models and presets in every format", () => {
    for (const format of ["table", "json", "markdown", "csv"]) {
      for (const cmd of [["models", ...AT], ["models", "show", "gpt-5.5", ...AT], ["presets"]]) {
        const r = tokencost([...cmd, "--format", format]);
        expect(r.code, `${cmd.join(" ")} --format ${format}`).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        if (format === "json") expect(() => JSON.parse(r.stdout)).not.toThrow();
      }
    }
  });
});

describe("colour", () => {
  const args = ["estimate", "--model", "gemini-3.5-flash", "--input", "1000", ...AT];
  const ESC = "\u001b[";
  it("none with NO_COLOR or when stdout is not a terminal", () => {
    expect(tokencost(args).stdout).not.toContain(ESC);
    expect(tokencost(args, { env: { NO_COLOR: undefined } }).stdout).not.toContain(ESC);
  });
  it("FORCE_COLOR turns it on, and NO_COLOR still wins", () => {
    expect(tokencost(args, { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).toContain(ESC);
    expect(tokencost(args, { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout).not.toContain(ESC);
  });
  it("never in JSON", () => {
    const r = tokencost([...args, "--json"], { env: { NO_COLOR: undefined, FORCE_COLOR: "3" } });
    expect(json(r).schemaVersion).toBe(1);
    expect(r.stdout).not.toContain(ESC);
  });
});
