import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../src/workload/presets.ts";
import { runCli, type CliRun } from "./cli-harness.ts";
import { tempFile, tokencost } from "./e2e/spawn.ts";

// A seeded mutation fuzzer: valid workloads with values swapped for junk, keys dropped, added
// or misspelt, run through the CLI. Every case must end in a report with finite, non-negative
// numbers (exit 0) or in one clean error (exit 2) — never a crash, a hang or a stack.

const examples = readdirSync(new URL("../examples/", import.meta.url))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(`../examples/${f}`, import.meta.url), "utf8")));
const seeds: unknown[] = [...examples, ...PRESETS.map((p) => p.workload), { input: 1000, output: 100, requests: 3 }];

const JUNK: unknown[] = [
  -1, 0, 1.5, -0.5, 1e300, 2 ** 60, Number.MAX_SAFE_INTEGER, "", "abc", "12k", "1.5M", "1.2345k", "-5", "NaN", "Infinity",
  "30s", "2m", "forever", null, true, false, [], {}, [1, 2], { x: 1 }, "__proto__", "5m", "1h", "day", "batch", "gpt-9",
];
const TEXT_JUNK = ["1e400", "-0", "9".repeat(40), "0.1e1", "1E3"];

type Json = unknown;
type Mutation = { op: number; at: number; pick: number };

/** Every [container, key] in a JSON tree, in document order. */
function slots(root: Json): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), walk(x)));
    else if (v && typeof v === "object") for (const k of Object.keys(v)) out.push([v as Record<string, unknown>, k]), walk((v as Record<string, unknown>)[k]);
  };
  walk(root);
  return out;
}

const typo = (key: string, n: number) => {
  if (key.length < 2) return `${key}x`;
  const i = n % (key.length - 1);
  return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
};

function mutate(seed: Json, mutations: Mutation[]): string {
  const doc = structuredClone(seed) as Json;
  let text: string | undefined;
  for (const m of mutations) {
    const all = slots(doc);
    if (all.length === 0) break;
    const [container, key] = all[m.at % all.length]!;
    const obj = container as Record<string, unknown>;
    switch (m.op % 6) {
      case 0: // a value swapped for junk
        obj[key as string] = structuredClone(JUNK[m.pick % JUNK.length]);
        break;
      case 1: // a key dropped
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete obj[key as string];
        break;
      case 2: // a key misspelt
        if (!Array.isArray(container)) {
          obj[typo(key as string, m.pick)] = obj[key as string];
          delete obj[key as string];
        }
        break;
      case 3: // a key added
        if (!Array.isArray(container)) {
          // defineProperty, so that "__proto__" becomes a key rather than a prototype.
          const name = ["extra", "__proto__", "inptu", "model", "steps", "repeat"][m.pick % 6]!;
          Object.defineProperty(obj, name, { value: structuredClone(JUNK[m.pick % JUNK.length]), enumerable: true, writable: true, configurable: true });
        }
        break;
      case 4: // a value wrapped
        obj[key as string] = m.pick % 2 ? [obj[key as string]] : { value: obj[key as string] };
        break;
      case 5: // a number rewritten as text JSON.stringify cannot make
        text = JSON.stringify(doc).replace(/\d+/, TEXT_JUNK[m.pick % TEXT_JUNK.length]!);
        break;
    }
  }
  return text ?? JSON.stringify(doc);
}

const mutation = fc.record({ op: fc.nat(), at: fc.nat(), pick: fc.nat() });
const cases = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ms]) => mutate(s, ms));
const AT = ["--at", "2026-11-27"];
// Each case goes through one of the commands that read workloads, in one of the formats.
const COMMANDS: { args: string[]; budget?: boolean; json: boolean }[] = [
  { args: ["estimate", "--model", "gemini-3.5-flash", "--json", ...AT], json: true },
  { args: ["estimate", "--model", "claude-sonnet-4-6", ...AT], json: false },
  { args: ["compare", "--models", "gpt-5.4-mini,gemini-3.5-flash", "--format", "markdown", ...AT], json: false },
  { args: ["check", "--model", "gpt-5.4-mini", "--budget", "1", "--json", ...AT], budget: true, json: true },
  { args: ["estimate", "--model", "kimi-k2.6", "--format", "csv", ...AT], json: false },
];

const finiteNonNegative = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;

function expectClean(r: { code: number | null; stdout: string; stderr: string }, input: string, cmd: (typeof COMMANDS)[number]): void {
  const where = `${cmd.args.join(" ")}\ninput: ${input.slice(0, 300)}\nstderr: ${r.stderr.slice(0, 500)}`;
  if (r.code === 0 || (cmd.budget && r.code === 1)) {
    expect(r.stdout.length, where).toBeGreaterThan(0);
    // A junk name ("NaN") is the user's own text, echoed; only such a name is taken out before
    // the figures are checked (a name like "N" must not hide a real "NaN").
    const echoed = /"name":("(?:[^"\\]|\\.)*")/.exec(input)?.[1];
    const name = echoed ? (JSON.parse(echoed) as string) : "";
    const figures = /NaN|Infinity|undefined/.test(name) ? r.stdout.replaceAll(name, "") : r.stdout;
    expect(figures, where).not.toMatch(/NaN|Infinity|undefined/);
    if (!cmd.json) return;
    const report = JSON.parse(r.stdout);
    for (const result of report.results) {
      const { scaling, scalings: _scalings, ...tokens } = result.tokens;
      const factors = [scaling.output, scaling.reasoning, scaling.answer, scaling.input, scaling.low, scaling.high];
      for (const n of [...Object.values(result.cost), ...Object.values(tokens), ...factors]) expect(finiteNonNegative(n), where).toBe(true);
      for (const line of result.lines) expect(finiteNonNegative(line.usd) && finiteNonNegative(line.tokens), where).toBe(true);
      const s = result.seconds.total;
      // Unknown time is said, never a silent null.
      if (s === null) expect(result.warnings.some((w: { code: string }) => ["SPEED_UNKNOWN", "BATCH_LATENCY"].includes(w.code)), where).toBe(true);
      else expect(finiteNonNegative(s), where).toBe(true);
    }
  } else {
    expect(r.code, where).toBe(2);
    expect(r.stdout, where).toBe("");
    expect(r.stderr, where).toMatch(/^tokencost: /);
    expect(r.stderr, where).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split("\n").length, where).toBeLessThanOrEqual(3);
  }
}

// Pricing files: a bundled entry, mutated, merged over the registry with --pricing.
const bundledEntries = JSON.parse(readFileSync(new URL("../pricing/anthropic.json", import.meta.url), "utf8")).models.slice(0, 4);
const pricingCases = fc
  .tuple(fc.constantFrom(...bundledEntries), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([entry, ms]) => mutate({ provider: "anthropic", models: [entry] }, ms));

describe("mutation fuzzer", () => {
  it("in-process: 2,000 mutated workloads, across commands and formats, end in a report or a clean error", async () => {
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(cases, fc.nat(COMMANDS.length - 1), async (input, c) => {
        const cmd = COMMANDS[c]!;
        const r: CliRun = await runCli(cmd.args, { stdin: input });
        expectClean(r, input, cmd);
        if (r.code === 0) reports++;
      }),
      { seed: 20261127, numRuns: 2000 },
    );
    // The mutations leave some workloads valid: both outcomes are exercised.
    expect(reports).toBeGreaterThan(50);
  });

  it("in-process: 500 mutated pricing files end in a report or a clean error", async () => {
    await fc.assert(
      fc.asyncProperty(pricingCases, fc.boolean(), async (text, show) => {
        const path = tempFile("fuzz-pricing.json", text);
        const args = show ? ["models", "show", "claude-fable-5-2", "--pricing", path, "--json", ...AT] : ["estimate", "--model", "claude-fable-5-2", "--input", "1000", "--output", "100", "--pricing", path, "--json", ...AT];
        const r = await runCli(args);
        expectClean(r, text, { args, json: !show });
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("through the built CLI: a sample of the same cases", () => {
    fc.sample(fc.tuple(cases, fc.nat(COMMANDS.length - 1)), { seed: 7, numRuns: 40 }).forEach(([input, c]) => {
      const cmd = COMMANDS[c]!;
      expectClean(tokencost(cmd.args, { input }), input, cmd);
    });
  });
});
