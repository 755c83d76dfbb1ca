import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

// `tokencost pricing diff OLD NEW [WORKLOAD…]`: a price update as a reviewable change.

const AT = ["--at", "2026-11-28"];

/** A copy of pricing/ with Gemini 3.5 Flash 20% dearer, one model removed and one added. */
function edited(): string {
  const dir = mkdtempSync(join(tmpdir(), "tokencost-pricing-"));
  cpSync("pricing", dir, { recursive: true });
  const path = join(dir, "google.json");
  const google = JSON.parse(readFileSync(path, "utf8"));
  const flash = google.models.find((m: { id: string }) => m.id === "gemini-3.5-flash");
  flash.rates.input = 1.8;
  flash.rates.output = 10.8;
  google.models = google.models.filter((m: { id: string }) => m.id !== "gemini-2.5-flash-lite");
  google.models.push({ id: "gemini-5-preview", rates: { input: 3, output: 15 }, status: "preview" });
  writeFileSync(path, JSON.stringify(google));
  return dir;
}

describe("pricing diff", () => {
  // `bundled` reads the pricing files themselves (every field, for a diff): this holds a
  // directory side and the bundled side to the same registry.
  it("a directory side read as the bundled side reads it: pricing/ against bundled differs in nothing", () => {
    const r = tokencost(["pricing", "diff", "bundled", "pricing", ...AT]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("0 changed, 0 added, 0 removed");
  });

  it("lists added, removed and changed models, each changed figure old → new", () => {
    const rep = json(tokencost(["pricing", "diff", "bundled", edited(), "--json", ...AT]));
    expect(rep.summary).toEqual({ changed: 1, added: 1, removed: 1, failed: 0 });
    expect(rep.models).toEqual([
      { model: "gemini-3.5-flash", provider: "google", kind: "changed", changes: [
        { figure: "rates.input", old: "1.5", new: "1.8" },
        { figure: "rates.output", old: "9", new: "10.8" },
      ] },
      { model: "gemini-5-preview", provider: "google", kind: "added", changes: [] },
      { model: "gemini-2.5-flash-lite", provider: "google", kind: "removed", changes: [] },
    ]);
    expect(rep.costs).toEqual([]);
  });

  it("with workloads: each one's cost per run on each changed model, before → after; --fail-above-percent fails a rise past it", () => {
    const dir = edited();
    const workload = tempFile("call.json", { name: "one-call", input: 1_000_000, output: 100_000 });
    const rep = json(tokencost(["pricing", "diff", "bundled", dir, workload, "--json", ...AT]));
    // 1M in + 100K out on Flash: 1.50 + 0.90 = $2.40 before, 1.80 + 1.08 = $2.88 after: +$0.48, +20%
    expect(rep.costs).toEqual([
      { workload: "one-call", model: "gemini-3.5-flash", base: { usd: 2.4, usdExact: "2.4" }, head: { usd: 2.88, usdExact: "2.88" }, deltaUsd: 0.48, deltaPercent: 20, pass: true, failures: [] },
    ]);
    expect(tokencost(["pricing", "diff", "bundled", dir, workload, "--fail-above-percent", "20", ...AT]).code).toBe(0); // exactly 20%: not above
    const fail = tokencost(["pricing", "diff", "bundled", dir, workload, "--fail-above-percent", "19.99", ...AT]);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain("FAIL: cost per run +20.0% > 19.99%");
    const md = tokencost(["pricing", "diff", "bundled", dir, workload, "--format", "markdown", ...AT]);
    expect(md.stdout).toContain("| gemini-3.5-flash | rates.input | 1.5 | 1.8 |");
    expect(md.stdout).toContain("| one-call | gemini-3.5-flash | $2.40 | $2.88 | +$0.48 (+20.0%) | ok |");
  });

  it("single files compare as registries of their own", () => {
    const a = tempFile("old.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 1, output: 2 }, limits: { contextTokens: 100000 } }] });
    const b = tempFile("new.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 1, output: 2 }, limits: { contextTokens: 200000 }, status: "deprecated", deprecationDate: "2027-01-01" }] });
    const rep = json(tokencost(["pricing", "diff", a, b, "--json", ...AT]));
    expect(rep.models[0].changes).toEqual([
      { figure: "limits.contextTokens", old: "100000", new: "200000" },
      { figure: "status", old: "current", new: "deprecated" },
      { figure: "deprecationDate", old: null, new: "2027-01-01" },
    ]);
  });

  it("--json beside another --format is a contradiction, as in every command; a path flag cannot be empty", () => {
    expect(expectInputError(tokencost(["pricing", "diff", "bundled", "bundled", "--json", "--format", "markdown", ...AT]))).toMatch(/--json contradicts --format markdown/);
    expect(expectInputError(tokencost(["pricing", "export", "--pricing", "", ...AT]))).toMatch(/a file path cannot be empty/);
  });

  it("the bundled prices' age is said once, though both sides stand on them", () => {
    // prices as of 2026-11-27: on 2027-06-01 they are 186 days old
    const r = tokencost(["pricing", "diff", "bundled", "bundled", "--at", "2027-06-01"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/the bundled prices are from 2026-11-27, 186 days before the pricing date 2027-06-01/g)).toHaveLength(1);
  });

  it("a side that is no pricing file or directory: exit 2", () => {
    expectInputError(tokencost(["pricing", "diff", "bundled", "nope.json"]));
    expectInputError(tokencost(["pricing", "diff", "bundled", mkdtempSync(join(tmpdir(), "empty-"))]));
  });
});

describe("pricing diff --over-bundled", () => {
  it("an override file read over the bundled registry: only what it changes, and what that does to a workload", () => {
    const override = tempFile("negotiated.json", { provider: "google", models: [{ id: "gemini-3.5-flash", rates: { input: 1.2, cachedInput: 0.12, output: 7.2 } }] });
    const workload = tempFile("w.json", { name: "w", input: 1_000_000, output: 100_000 });
    const rep = json(tokencost(["pricing", "diff", "bundled", override, workload, "--over-bundled", "--json", ...AT]));
    expect(rep.summary).toEqual({ changed: 1, added: 0, removed: 0, failed: 0 });
    // the override's rates, merged key by key into the bundled entry; its prices carry no
    // pricesAsOf, so the bundled one (which vouched for the bundled rates) goes
    expect(rep.models[0].changes.map((c: { figure: string }) => c.figure)).toEqual(["rates.input", "rates.cachedInput", "rates.output", "pricesAsOf"]);
    // 1M × 1.5 + 100K × 9 = $2.40 → 1M × 1.2 + 100K × 7.2 = $1.92
    expect(rep.costs[0]).toMatchObject({ base: { usdExact: "2.4" }, head: { usdExact: "1.92" }, deltaPercent: -20 });
  });
});
