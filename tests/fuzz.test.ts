import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../src/workload/presets.ts";
import { runCli, type CliRun } from "./cli-harness.ts";
import { tokencost } from "./e2e/spawn.ts";

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
        obj[key as string] = JUNK[m.pick % JUNK.length];
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
        if (!Array.isArray(container)) obj[["extra", "__proto__", "inptu", "model", "steps", "repeat"][m.pick % 6]!] = JUNK[m.pick % JUNK.length];
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
const ARGS = ["estimate", "--model", "gemini-3.5-flash", "--json", "--at", "2026-11-27"];

function expectClean(r: { code: number | null; stdout: string; stderr: string }, input: string): void {
  const where = `input: ${input.slice(0, 300)}\nstderr: ${r.stderr}`;
  if (r.code === 0) {
    const report = JSON.parse(r.stdout);
    const finiteNonNegative = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;
    for (const result of report.results) {
      for (const n of [...Object.values(result.cost), ...Object.values(result.tokens)]) expect(finiteNonNegative(n), where).toBe(true);
      for (const line of result.lines) expect(finiteNonNegative(line.usd) && finiteNonNegative(line.tokens), where).toBe(true);
      const s = result.seconds.total;
      expect(s === null || (Number.isFinite(s) && s >= 0), where).toBe(true);
    }
  } else {
    expect(r.code, where).toBe(2);
    expect(r.stdout, where).toBe("");
    expect(r.stderr, where).toMatch(/^tokencost: /);
    expect(r.stderr, where).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split("\n").length, where).toBeLessThanOrEqual(3);
  }
}

describe("mutation fuzzer", () => {
  it("in-process: 1,500 mutated workloads end in a report or a clean error", async () => {
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (input) => {
        const r: CliRun = await runCli(ARGS, { stdin: input });
        expectClean(r, input);
        if (r.code === 0) reports++;
      }),
      { seed: 20261127, numRuns: 1500 },
    );
    // The mutations leave some workloads valid: both outcomes are exercised.
    expect(reports).toBeGreaterThan(50);
  });

  it("through the built CLI: a sample of the same cases", () => {
    for (const input of fc.sample(cases, { seed: 7, numRuns: 25 })) {
      expectClean(tokencost(ARGS, { input }), input);
    }
  });
});
