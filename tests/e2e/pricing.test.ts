import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { json, tempFile, tokencost } from "./spawn.ts";

// `tokencost pricing validate`: every problem, by file and JSON path; exit 2 on any error.

const file = (name: string, models: unknown[]) => tempFile(name, { provider: "acme", models });

describe("pricing validate", () => {
  it("the bundled pricing files are valid", () => {
    const files = readdirSync("pricing").filter((f) => f.endsWith(".json") && f !== "schema.json").map((f) => `pricing/${f}`);
    const r = tokencost(["pricing", "validate", ...files]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("pricing/google.json: valid (16 models");
  });

  it("a good file: valid, exit 0", () => {
    const r = tokencost(["pricing", "validate", file("ok.json", [{ id: "acme-1", rates: { input: 2, cachedInput: 0.2, output: 8 } }])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\.json: valid \(1 model\)\n$/);
    expect(r.stderr).toBe("");
  });

  it.each([
    ["a negative rate", [{ id: "a", rates: { input: -1, output: 2 } }], "models[0].rates.input: a rate cannot be negative, got -1"],
    ["an unknown key", [{ id: "a", rates: { input: 1, output: 2 }, colour: "red" }], 'models[0].colour: unknown key "colour"'],
    ["a cache read dearer than input", [{ id: "a", rates: { input: 2, cachedInput: 3, output: 8 } }], "models[0].rates.cachedInput: 3 is above the input rate 2"],
    ["tiers out of order", [{ id: "a", rates: { input: 1, output: 2 }, tiers: [{ aboveInputTokens: 200000, rates: { input: 2 } }, { aboveInputTokens: 100000, rates: { input: 3 } }] }], "models[0].tiers[1].aboveInputTokens: 100000 is not above the tier before it (200000)"],
    ["an alias that is a bundled model's id", [{ id: "a", aliases: ["gpt-5.5"], rates: { input: 1, output: 2 } }], 'models[0].aliases[0]: "gpt-5.5" already names the bundled model openai/gpt-5.5'],
    ["a name used twice in the file", [{ id: "a", rates: { input: 1, output: 2 } }, { id: "b", aliases: ["A"], rates: { input: 1, output: 2 } }], 'models[1].aliases[0]: "A" is already the id or an alias of models[0]'],
    ["a price change scheduled twice", [{ id: "a", rates: { input: 1, output: 2 }, scheduledPrices: [{ from: "2027-01-01", rates: { input: 2 } }, { from: "2027-01-01", rates: { input: 3 } }] }], "models[0].scheduledPrices[1].from: 2027-01-01 is scheduled twice"],
  ])("%s is an error at its path, exit 2", (_name, models, expected) => {
    const path = file(`bad-${Math.random()}.json`, models);
    const r = tokencost(["pricing", "validate", path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`error: ${path}: ${expected}`);
    expect(r.stderr.trim().split("\n").at(-1)).toBe("tokencost: 1 error in 1 of 1 file");
  });

  it("problems of one entry come in the order of their paths", () => {
    const path = file("order.json", [
      { id: "acme-a", rates: { input: 1, output: 2 } },
      { id: "ACME-A", aliases: ["gpt-5.5"], rates: { input: 1, output: 2 }, tiers: [{ aboveInputTokens: 200000, rates: { input: 2 } }, { aboveInputTokens: 100000, rates: { input: 3 } }] },
    ]);
    const r = tokencost(["pricing", "validate", path]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("error:")).map((l) => l.slice(`error: ${path}: `.length).split(":")[0])).toEqual([
      "models[1].id",
      "models[1].aliases[0]",
      "models[1].tiers[1].aboveInputTokens",
    ]);
  });

  it("an override of a bundled model by its own id is no collision", () => {
    expect(tokencost(["pricing", "validate", file("override.json", [{ id: "gpt-5.5", rates: { input: 4, output: 20 } }])]).code).toBe(0);
  });

  it("warnings (a rate of 0, a tier cheaper than the base, deprecated without a date) keep exit 0", () => {
    const path = file("warn.json", [{ id: "a", status: "deprecated", rates: { input: 2, output: 0 }, tiers: [{ aboveInputTokens: 1000, rates: { input: 1 } }] }]);
    const r = tokencost(["pricing", "validate", path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid (1 model, 3 warnings)");
    expect(r.stderr).toContain(`warning: ${path}: models[0].rates.output: a rate of 0`);
    expect(r.stderr).toContain("models[0].tiers[0].rates.input: 1 is below the base rate 2");
    expect(r.stderr).toContain("models[0].status: deprecated without a deprecationDate");
  });

  it("several files: every problem of every file; unreadable and non-JSON files are problems too; JSON lists them", () => {
    const a = file("a.json", [{ id: "a", rates: { input: 2, cachedInput: 3, output: 8 } }]);
    const b = tempFile("b.json", "{ not json");
    const r = tokencost(["pricing", "validate", a, b, "missing.json", "--json"]);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ command: "pricing validate", valid: false });
    expect(rep.files.map((f: { file: string; errors: unknown[] }) => [f.file, f.errors.length])).toEqual([[a, 1], [b, 1], ["missing.json", 1]]);
    expect(rep.files[2].errors[0].message).toBe("cannot read pricing file: no such file");
    expect(json(tokencost(["pricing", "validate", file("c.json", [{ id: "c", rates: { input: 1, output: 1 } }]), "--json"])).valid).toBe(true);
  });
});

describe("the registry says its age (SPEC §10)", () => {
  const stale = /the bundled prices are from 2026-11-27, (\d+) days before the pricing date/;
  it("every report shows the bundled prices' date; JSON carries registryAsOf", () => {
    const at = ["--at", "2026-11-28"];
    expect(tokencost(["compare", "--models", "gpt-5.5,gemini-3.5-flash", ...at]).stdout).toContain("rates for 2026-11-28 · prices as of 2026-11-27");
    expect(tokencost(["compare", "--models", "gpt-5.5,gemini-3.5-flash", "--format", "markdown", ...at]).stdout).toContain("prices as of 2026-11-27");
    expect(tokencost(["check", "examples/coding-agent.json", ...at]).stdout).toContain("tokencost check · rates for 2026-11-28 · prices as of 2026-11-27");
    expect(tokencost(["diff", "examples/coding-agent.json", "examples/coding-agent.json", ...at]).stdout).toContain("prices as of 2026-11-27");
    expect(tokencost(["models", ...at]).stdout).toContain("rates for 2026-11-28 · prices as of 2026-11-27");
    expect(tokencost(["usage", "tests/fixtures/usage/plain.csv", ...at]).stdout).toContain("prices as of 2026-11-27");
    for (const args of [["estimate", "--model", "gpt-5.5"], ["compare", "--models", "gpt-5.5"], ["models"], ["usage", "tests/fixtures/usage/plain.csv"]]) {
      expect(json(tokencost([...args, "--json", ...at])).registryAsOf, args.join(" ")).toBe("2026-11-27");
    }
  });

  it("a warning when they are more than 90 days older than the pricing date (90 days is not more)", () => {
    // 2026-11-27 + 90 days = 2027-02-25
    expect(tokencost(["estimate", "--model", "gpt-5.5", "--at", "2027-02-25"]).stderr).not.toMatch(stale);
    const r = tokencost(["estimate", "--model", "gpt-5.5", "--at", "2027-02-26"]);
    expect(r.stderr.match(stale)?.[1]).toBe("91");
    for (const args of [["compare", "--models", "gpt-5.5"], ["check", "examples/coding-agent.json"], ["diff", "examples/coding-agent.json", "examples/coding-agent.json"]]) {
      expect(tokencost([...args, "--at", "2027-03-01"]).stderr, args.join(" ")).toMatch(stale);
    }
    const usage = json(tokencost(["usage", "tests/fixtures/usage/plain.csv", "--json", "--at", "2027-03-01"]));
    expect(usage.warnings.map((w: { code: string }) => w.code)).toContain("STALE_PRICES");
  });
});
