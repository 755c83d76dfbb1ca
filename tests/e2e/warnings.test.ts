import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

// SPEC §4: warnings on stderr are folded so that a run over 90 models prints a handful of lines;
// --verbose lists each, --quiet none; JSON keeps every warning on its result.

const AT = ["--at", "2026-11-28"];
const lines = (stderr: string) => stderr.split("\n").filter(Boolean);

describe("warnings, folded by kind", () => {
  const folded = tokencost(["compare", "examples/coding-agent.json", ...AT]);
  const verbose = tokencost(["compare", "examples/coding-agent.json", "--verbose", ...AT]);

  it("compare --all prints one line per kind, naming a few models and counting the rest", () => {
    expect(folded.code).toBe(0);
    const l = lines(folded.stderr);
    expect(l.length).toBeLessThanOrEqual(12);
    expect(l.every((x) => x.startsWith("warning: "))).toBe(true);
    // 15 models bill cache writes at a rate the registry does not know
    expect(l).toContainEqual(expect.stringMatching(/^warning: cache write rate unknown \(priced as input\): \d+ models — mistral-small-2603, .*, … \(--verbose lists them\)$/));
    expect(l).toContainEqual(expect.stringMatching(/^warning: deprecated: \d+ models — gpt-5-nano \(shuts down 2026-12-11\), /));
  });

  it("--verbose lists each warning; folded, the same kinds are all there", () => {
    const v = lines(verbose.stderr);
    expect(v.length).toBeGreaterThan(40);
    expect(v).toContain("warning: mistral-small-2603: the cache write rate is unknown; priced at $0.15 per million");
    expect(lines(folded.stderr)).not.toContain("warning: mistral-small-2603: the cache write rate is unknown; priced at $0.15 per million");
  });

  it("--quiet prints none, and JSON keeps every one", () => {
    const q = tokencost(["compare", "examples/coding-agent.json", "--quiet", ...AT]);
    expect([q.code, q.stderr]).toEqual([0, ""]);
    const j = json(tokencost(["compare", "examples/coding-agent.json", "--json", "--quiet", ...AT]));
    const all = j.results.flatMap((r: { warnings: { code: string; model?: string }[] }) => r.warnings);
    expect(all.filter((w: { code: string; model?: string }) => w.code === "RATE_UNKNOWN" && w.model === "mistral-small-2603")).toHaveLength(1);
  });

  it("--verbose and --quiet together are a usage error", () => {
    expect(expectInputError(tokencost(["compare", "examples/coding-agent.json", "--verbose", "--quiet", ...AT]))).toBe("tokencost: --verbose contradicts --quiet");
  });

  it("a 1-hour TTL on models without a 1-hour rate is one folded line", () => {
    const w = tempFile("ttl.json", { model: "claude-sonnet-4-6", agent: { system: 8000, turns: 5, perTurn: { input: 500, output: 100 }, caching: { ttl: "1h" } } });
    const l = lines(tokencost(["compare", w, ...AT]).stderr);
    expect(l.filter((x) => x.includes("1-hour cache-write rate"))).toEqual([expect.stringMatching(/^warning: no 1-hour cache-write rate \(priced at the default cache-write rate\): \d+ models — /)]);
  });

  it("one model's warning reads as itself", () => {
    const r = tokencost(["compare", "--models", "gpt-4o,gemini-3.5-flash", "--input", "1000", ...AT]);
    expect(lines(r.stderr)).toContain("warning: gpt-4o is deprecated: shuts down on 2027-01-14 (in 47 days); replacement: gpt-6-luna");
  });
});

describe("off-peak prices say so (DeepSeek bills ×2 at peak hours)", () => {
  // deepseek-flash: $0.15 in, $0.60 out off-peak: 10,000 × 0.15 + 1,000 × 0.6 = 2,100 µ$; peak ×2 = 4,200 µ$
  const args = ["estimate", "--model", "deepseek-flash", "--input", "10000", "--output", "1000", ...AT];

  it("the breakdown names the off-peak rates and the peak price, once", () => {
    const r = tokencost(args);
    expect(r.stdout).toContain("· off-peak rates ·");
    expect(r.stdout).toContain("at peak hours: $0.0042 per run (×2, --tier peak)");
    expect(r.stderr).not.toContain("peak");
  });

  it("JSON carries the peak price", () => {
    expect(json(tokencost([...args, "--json"])).results[0].peak).toEqual({ multiplier: 2, usd: 0.0042, usdExact: "0.0042" });
  });

  it("at --tier peak there is nothing more to say", () => {
    const r = json(tokencost([...args, "--tier", "peak", "--json"]));
    expect([r.results[0].usdExact, r.results[0].peak]).toEqual(["0.0042", undefined]);
  });

  it("a comparison folds it into one line with each model's peak price", () => {
    const r = tokencost(["compare", "--provider", "deepseek", "--input", "10000", "--output", "1000", ...AT]);
    expect(lines(r.stderr)).toContainEqual(expect.stringMatching(/^warning: priced at off-peak rates \(--tier peak for peak hours\): 2 models — deepseek-flash \(\$0\.0042 at peak\), deepseek-v4-pro /));
  });
});

describe("an override's figures show the override's provenance (issue 8 A5)", () => {
  const ours = tempFile("ours-provenance.json", {
    provider: "google",
    models: [{ id: "gemini-3.5-flash", rates: { input: 1.2, cachedInput: 0.12, output: 7.2 }, source: "our contract", pricesAsOf: "2026-11-01", speed: { outputTokensPerSecond: 180 } }],
  });
  const card = tokencost(["models", "show", "gemini-3.5-flash", "--pricing", ours, ...AT]).stdout;
  const section = (name: string) => card.slice(card.indexOf(name), card.indexOf("\n", card.indexOf(name) + name.length + 200));

  it("the rates and the speed it set name it, with its date", () => {
    expect(card).toContain(`    source: our contract (from ${ours}, as of 2026-11-01)`);
    expect(card).toContain(`180 tok/s · TTFT unknown\n    source: our contract (from ${ours})`);
    expect(card).toMatch(/prices checked +2026-11-01/);
  });

  it("the figures it did not set keep the bundled sources", () => {
    expect(section("limits")).toContain("source: github.com/anomalyco/models.dev");
    expect(section("service tiers")).not.toContain("our contract");
  });

  it("the bundled notes are marked as about the bundled figures", () => {
    expect(card).toMatch(/notes \(bundled\) +Thinking levels .*\[about the bundled figures; rates, speed from /);
  });

  it("an override that gives only a speed keeps the bundled TTFT figure, not its source", () => {
    const speed = tempFile("ours-speed.json", { provider: "google", models: [{ id: "gemini-3.1-pro-preview", speed: { outputTokensPerSecond: 90 } }] });
    const j = json(tokencost(["models", "show", "gemini-3.1-pro-preview", "--pricing", speed, "--json", ...AT]));
    expect(j.model.speed).toEqual({ outputTokensPerSecond: 90, timeToFirstTokenSeconds: 34 });
    expect(j.model.provenance).toEqual({ speed: { origin: speed } });
  });
});
