import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { json, tempFile, tokencost } from "./spawn.ts";

// Text from files (workload names, model ids and names from override files, sources) reaches a
// terminal, a PR comment and a spreadsheet: there it must stay text.

const AT = ["--at", "2026-11-28"];
const ESC = "\u001b";

describe("output injection", () => {
  const evil = tempFile("evil-pricing.json", {
    provider: "acme",
    models: [{ id: "acme-x", name: `Acme ${ESC}[2J${ESC}]0;pwned\u0007 X\u0000`, rates: { input: 1, output: 2 }, source: `=HYPERLINK("http://evil")` }],
  });
  const workload = tempFile("evil.json", { name: "w\n## ✅ all checks passed <img src=x onerror=alert(1)>", model: "acme-x", input: 1000, budget: { usdPerRun: 0.0000001 } });

  it("a terminal gets no control characters: ESC, BEL and NUL are shown, not obeyed", () => {
    const r = tokencost(["estimate", workload, "--pricing", evil, ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain("Acme �[2J�]0;pwned� X�");
    // the newline in the name does not start a line of its own
    expect(r.stdout).toContain("w ## ✅ all checks passed <img src=x onerror=alert(1)> (");
  });

  it("a string in a list (a source) is made safe too: a model card shows it, not obeys it", () => {
    const sourced = tempFile("sources-pricing.json", { provider: "acme", models: [{ id: "acme-y", rates: { input: 1, output: 2 }, sources: { prices: [`https://acme.example/prices${ESC}[2J`] } }] });
    const r = tokencost(["models", "show", "acme-y", "--pricing", sourced, ...AT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toContain("https://acme.example/prices�[2J");
  });

  it("markdown gets no heading or HTML from a name, in the report and in the step summary", () => {
    const summary = tempFile("summary.md", "");
    const r = tokencost(["check", workload, "--pricing", evil, "--format", "markdown", ...AT], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1); // 1,000 × $1 = $0.001 is over $0.0000001
    for (const text of [r.stdout, readFileSync(summary, "utf8")]) {
      expect(text).not.toMatch(/^## ✅ all checks passed/m);
      expect(text).not.toContain("<img");
      expect(text).toContain("&lt;img src=x onerror=alert(1)>");
    }
  });

  it("CSV cells that start like a formula stay text; numbers stay numbers", () => {
    const name = tempFile("formula.json", { name: "=HYPERLINK(\"http://evil\")", model: "acme-x", input: 1000 });
    const r = tokencost(["estimate", name, "--pricing", evil, "--format", "csv", ...AT]);
    const row = r.stdout.trim().split("\n")[1]!;
    expect(row.startsWith(`"'=HYPERLINK(""http://evil"")",acme-x,acme,standard,0.001,`)).toBe(true);
    const models = tokencost(["models", "show", "acme-x", "--pricing", evil, "--format", "csv", ...AT]);
    expect(models.stdout).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("JSON keeps the text as it is, escaped by JSON", () => {
    const r = json(tokencost(["estimate", workload, "--pricing", evil, "--json", ...AT]));
    expect(r.results[0].name).toBe(`Acme ${ESC}[2J${ESC}]0;pwned\u0007 X\u0000`);
  });

  it("stderr gets no control characters either", () => {
    const r = tokencost(["estimate", workload, "--pricing", evil, ...AT]);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe("small things (issue 8 A8)", () => {
  it("--input-tokens suggests --input", () => {
    const r = tokencost(["estimate", "--model", "gpt-5", "--input-tokens", "10", ...AT]);
    expect([r.code, r.stderr]).toEqual([2, "tokencost: unknown option '--input-tokens'\n(Did you mean --input?)\n"]);
  });

  it("--input 10.5 says tokens are whole", () => {
    expect(tokencost(["estimate", "--model", "gpt-5", "--input", "10.5", ...AT]).stderr).toMatch(/expected a whole number of tokens like 1200, "120k" or "1\.5M", got "10\.5" \(tokens are whole\)/);
  });

  it("--at before a model's release warns", () => {
    const r = tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "100", "--at", "2026-01-01"]);
    expect(r.stderr).toContain("warning: gemini-3.5-flash was released on 2026-05-19: on 2026-01-01 it was not yet on sale (priced at its first known rates)");
  });

  it("a batch run says nothing about time to first token (its time is not estimated)", () => {
    const r = tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "100", "--batch", ...AT]);
    expect(r.stderr).not.toContain("time to first token");
    expect(r.stdout).toContain("time unknown: batch requests complete asynchronously");
  });

  it("money below a dollar keeps its significant digits and no trailing zeros: $0.000009", () => {
    // gemini-3.5-flash input: 6 × $1.5 per million = $0.000009
    expect(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "6", ...AT]).stdout).toContain("$0.000009 per run");
  });

  it("CSV numbers are plain decimals: × cheapest is 9 decimals at most, never float noise", () => {
    const r = tokencost(["compare", "--models", "gpt-5.4-mini,gemini-3.5-flash,claude-haiku-4-5", "--input", "1234", "--output", "77", "--format", "csv", ...AT]);
    for (const line of r.stdout.trim().split("\n").slice(1)) {
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^-?\d+\.\d{10,}$|e[+-]\d/);
    }
  });
});

describe("check rows name the file where two workloads share a name", () => {
  it("each row says which file it checks", () => {
    const a = tempFile("same/a.json", { name: "agent", model: "gemini-3.5-flash", input: 1000, budget: { usdPerRun: 1 } });
    const b = tempFile("same/b.json", { name: "agent", model: "gemini-3.5-flash", input: 2000, budget: { usdPerRun: 1 } });
    const r = tokencost(["check", a, b, ...AT]);
    expect(r.stdout).toContain(`│ agent (${a}) │`);
    expect(r.stdout).toContain(`│ agent (${b}) │`);
    const solo = tokencost(["check", a, ...AT]);
    expect(solo.stdout).toMatch(/│ agent +│ gemini-3\.5-flash/);
  });
});
