import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundledPricing } from "../src/pricing/bundled.ts";
import { Registry } from "../src/pricing/registry.ts";
import { ModelNames } from "../src/usage/model-ids.ts";
import { LogParser } from "../src/usage/parse-line.ts";
import { BILLED_CLASSES } from "../src/pricing/price-at.ts";
import { Tally } from "../src/usage/tally.ts";
import type { UsageRecord } from "../src/usage/record.ts";

// The usage parsers and tally in-process: id normalisation, and that no line — however mangled —
// crashes them, hangs them, or yields a count that is not a whole non-negative number.

const registry = new Registry(bundledPricing("pricing"));

describe("logged model ids → registry ids", () => {
  const names = new ModelNames(registry);
  it.each([
    ["gpt-5.5-2026-04-23", "gpt-5.5"],
    ["gpt-5-2025-08-07", "gpt-5"],
    ["anthropic/claude-4.6-sonnet-20260217", "claude-sonnet-4-6"],
    ["anthropic/claude-sonnet-4.6", "claude-sonnet-4-6"],
    ["claude-opus-4-8@20260101", "claude-opus-4-8"],
    ["us.anthropic.claude-opus-4-8-v1:0", "claude-opus-4-8"],
    ["global.anthropic.claude-sonnet-4-6", "claude-sonnet-4-6"],
    ["models/gemini-3.5-flash", "gemini-3.5-flash"],
    ["projects/p/locations/us-central1/publishers/google/models/gemini-3.5-flash", "gemini-3.5-flash"],
    ["google/gemini-2.5-flash", "gemini-2.5-flash"],
    ["openai/gpt-5.5", "gpt-5.5"],
    ["openai/gpt-oss-120b", "openai/gpt-oss-120b"],
    ["deepseek/deepseek-chat", "deepseek-flash"],
    ["GPT-5.5", "gpt-5.5"],
    ["anthropic/claude-4.6-sonnet:thinking", "claude-sonnet-4-6"],
  ])("%s → %s", (raw, id) => {
    expect(names.resolve(raw)?.id).toBe(id);
  });
  it.each(["mystery-model", "anthropic/claude-4.6-sonnet:free", "", "x".repeat(5000), "gemini-3.5-flash-9999"])("%s stays unknown", (raw) => {
    expect(names.resolve(raw)).toBeNull();
  });
});

const FIXTURES = "tests/fixtures/usage/";
const lines = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".jsonl") || f.endsWith(".csv"))
  .flatMap((f) => readFileSync(FIXTURES + f, "utf8").split("\n").filter(Boolean).map((l) => ({ file: f, line: l })));

function wellFormed(r: UsageRecord): void {
  for (const k of [...BILLED_CLASSES, "cacheStorage"] as const) {
    if (!Number.isSafeInteger(r[k]) || r[k] < 0) throw new Error(`${k} = ${r[k]} from ${r.format}`);
  }
  if (r.reportedUsd !== null && !Number.isFinite(r.reportedUsd)) throw new Error(`reportedUsd ${r.reportedUsd}`);
  if (r.time !== null && !Number.isFinite(r.time)) throw new Error(`time ${r.time}`);
}

describe("fuzz: byte flips, truncations and splices of real log lines", () => {
  it("every mangled line is a record with whole non-negative counts, nothing, or malformed — never a throw", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...lines),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat()),
        ({ file, line }, flips, cut) => {
          const bytes = Buffer.from(line, "utf8");
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          let text = bytes.toString("utf8");
          if (cut !== null) text = text.slice(0, cut % (text.length + 1));
          const parser = new LogParser(file, { aliases: new Set() });
          if (file.endsWith(".csv")) parser.line("model,input,cachedInput,cacheWrite,output,reasoning,timestamp", 1);
          const out = parser.line(text, 2);
          if (out.kind === "records") for (const r of out.records) wellFormed(r);
          const tally = new Tally({ registry, by: "model", today: "2026-11-28", whatIf: [registry.get("gemini-3.5-flash")], sessions: true });
          if (out.kind === "records") for (const r of out.records) tally.add(r);
          tally.finish();
        },
      ),
      { numRuns: 3000, seed: 9 },
    );
  });

  it("numbers a log may hold but tokens cannot be (negative, fractional, huge, digit strings past 2^53) make the line malformed, never $0", () => {
    const parser = new LogParser("x.jsonl", { aliases: new Set() });
    for (const bad of [-5, 1.5, 1e300, "99999999999999999999", "-3", "1e3", true, "12k"]) {
      const line = JSON.stringify({ id: "chatcmpl-z", object: "chat.completion", model: "gpt-5.5", usage: { prompt_tokens: bad, completion_tokens: 3 } });
      expect(parser.line(line, 1)).toEqual({ kind: "malformed", reason: "a token count that is not a whole number" });
    }
    // null and absent are 0: streams and older records leave fields out
    const ok = parser.line(JSON.stringify({ id: "chatcmpl-y", object: "chat.completion", model: "gpt-5.5", usage: { prompt_tokens: null, completion_tokens: 3 } }), 1);
    expect(ok.kind === "records" && ok.records[0]).toMatchObject({ input: 0, output: 3 });
  });
});
