import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.ts";
import { estimate } from "../src/engine/estimate.ts";
import { Registry } from "../src/pricing/registry.ts";
import type { Step, Workload } from "../src/workload/types.ts";
import { ACME, acme, AT, registryOf, run, usd } from "./helpers.ts";

// acme-1: $2 in / $10 out, 100 tok/s, TTFT 0.5 s.  acme-mini: $1 in / $4 out, 200 tok/s, TTFT 0.2 s.
const MINI = acme({ id: "acme-mini", aliases: [], rates: { input: 1, output: 4 }, tiers: [], speed: { outputTokensPerSecond: 200, timeToFirstTokenSeconds: 0.2 } });
const SLOW = acme({ id: "acme-slow", aliases: [], speed: null });
const NO_TTFT = acme({ id: "acme-nottft", aliases: [], speed: { outputTokensPerSecond: 100, timeToFirstTokenSeconds: null } });
const reg = registryOf(ACME, MINI, SLOW, NO_TTFT);
const seconds = (raw: Record<string, unknown>, model = "acme-1") => run(raw, { registry: reg, model }).time.total;

describe("wall time", () => {
  it.each<[string, Record<string, unknown>, number]>([
    // TTFT 0.5 + (100 + 100) / 100 tok/s + 2 s of tools
    ["one call", { input: 10, output: 100, reasoning: 100, toolSeconds: 2 }, 4.5],
    // three of them, one after another
    ["requests", { input: 10, output: 100, reasoning: 100, toolSeconds: 2, requests: 3 }, 13.5],
    // 3 turns × (0.5 + 50/100 + 1)
    ["agent", { agent: { system: 10, turns: 3, perTurn: { input: 1, output: 50, toolSeconds: "1s" } } }, 6],
    // sequential steps add: 1.5 + 2.5
    ["steps add", { steps: [{ output: 100 }, { output: 200 }] }, 4],
    // parallel takes the longest branch: max(1.5, 2.5)
    ["parallel", { parallel: [{ output: 100 }, { output: 200 }] }, 2.5],
    // repeat multiplies: 4 × (1.5 + 2.5)
    ["repeat", { repeat: 4, steps: [{ output: 100 }, { output: 200 }] }, 16],
    // a pinned model runs at its own speed: 0.2 + 200/200 = 1.2, then 0.5 + 1 = 1.5
    ["pinned", { steps: [{ model: "acme-mini", output: 200 }, { output: 100 }] }, 2.7],
    // durations as text: "2m" of tools + 0.5 + 1
    ["duration text", { output: 100, toolSeconds: "2m" }, 121.5],
  ])("%s", (_, raw, expected) => {
    expect(seconds(raw)).toBeCloseTo(expected, 9);
  });

  it("a model without a speed figure has unknown time, never zero", () => {
    const e = run({ output: 100 }, { registry: reg, model: "acme-slow" });
    expect(e.time.total).toBeNull();
    expect(e.warnings.map((w) => w.code)).toContain("SPEED_UNKNOWN");
  });

  it("a parallel branch with unknown time makes the whole run unknown", () => {
    expect(seconds({ parallel: [{ output: 100 }, { model: "acme-slow", output: 1 }] })).toBeNull();
  });

  it("a missing TTFT with a known speed counts as 0 and says so", () => {
    const e = run({ output: 100 }, { registry: reg, model: "acme-nottft" });
    expect(e.time.total).toBe(1);
    expect(e.warnings.map((w) => w.code)).toContain("TTFT_UNKNOWN");
  });

  it("batch time is not estimated", () => {
    const e = run({ output: 100, batch: true }, { registry: reg });
    expect(e.time.total).toBeNull();
    expect(e.warnings.map((w) => w.code)).toContain("BATCH_LATENCY");
  });
});

describe("steps: cost", () => {
  it.each<[string, Record<string, unknown>, string]>([
    // 1,000 × $2 + 1,000 × $2
    ["sequence adds", { steps: [{ input: 1000 }, { input: 1000 }] }, "0.004"],
    // parallel branches all run and all cost: 1,000 × $2 + 1,000 × $2
    ["parallel sums", { parallel: [{ input: 1000 }, { input: 1000 }] }, "0.004"],
    // 3 × (1,000 × $2)
    ["repeat multiplies", { repeat: 3, steps: [{ input: 1000 }] }, "0.006"],
    // planner on acme-1: 1,000 × $2 + 100 × $10 = 0.003; workers on acme-mini: 5 × (2,000 × $1 + 500 × $4) = 0.02
    [
      "pinned models",
      { steps: [{ name: "plan", input: 1000, output: 100 }, { model: "acme-mini", repeat: 5, steps: [{ input: 2000, output: 500 }] }] },
      "0.023",
    ],
    // a pin holds for everything inside it, unless a deeper step pins again:
    // 1,000 × $1 on acme-mini + 1,000 × $2 on acme-1
    ["pins nest", { steps: [{ model: "acme-mini", steps: [{ steps: [{ input: 1000 }] }, { model: "acme-1", input: 1000 }] }] }, "0.003"],
  ])("%s", (_, raw, expected) => {
    expect(usd(run(raw, { registry: reg }))).toBe(expected);
  });

  it("a workload-level model is its default; --model replaces it", () => {
    const w = { model: "acme-mini", input: 1000 };
    expect(usd(run(w, { registry: reg, model: undefined }))).toBe("0.001");
    expect(usd(run(w, { registry: reg, model: "acme-1" }))).toBe("0.002");
  });

  it("an unknown pinned model is named with its JSON path and suggestions", () => {
    expect(() => run({ steps: [{ input: 1 }, { model: "acme-2", input: 1 }] }, { registry: reg })).toThrowError(
      'test.json: steps[1].model: unknown model "acme-2" — did you mean acme-1, acme-mini, acme-slow?',
    );
  });

  it("no model anywhere is an error", () => {
    expect(() => run({ input: 1 }, { registry: reg, model: undefined })).toThrowError(/no model to price it on/);
  });

  it("per month: runs per day × 30 days", () => {
    const e = run({ input: 1000, runs: { count: 100, per: "day" } }, { registry: reg });
    // $0.002 × 100 × 30
    expect(e.perMonth?.runs).toBe(3000n);
    expect(e.perMonth?.usd.toString()).toBe("6");
  });

  it("repeat: 1e9 is one multiplication", () => {
    const e = run({ repeat: 1_000_000_000, steps: [{ agent: { system: 1000, turns: 1000, perTurn: { input: 1000, output: 100 } } }] }, { registry: registryOf(acme({ limits: { contextTokens: null } })) });
    // one agent: Σ prompt = 1000 × 2000 + 1100 × (0+…+999) = 2,000,000 + 549,450,000 = 551,450,000
    expect(e.tokens.input).toBe(551_450_000n * 1_000_000_000n);
    expect(e.tokens.output).toBe(100_000n * 1_000_000_000n);
  });
});

describe("exact money", () => {
  it("1,000,000 distinct calls sum to the BigInt reference", () => {
    // An awkward rate ($0.003625 / M input, $0.87 / M output) and a different call each time:
    // a float sum drifts; the ledger must not.
    const model = acme({ id: "odd", aliases: [], rates: { input: 0.003625, output: 0.87 }, tiers: [] });
    const steps: Step[] = [];
    let inputUnits = 0n; // reference in 1e-12 USD: tokens × rate × 1e6 / 1e6
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 1_000_000; i++) {
      const input = next() % 50_000;
      const output = next() % 4_000;
      steps.push({ kind: "call", path: [], input, cachedInput: 0, cacheWrite: 0, output, reasoning: 0, requests: 1, toolSeconds: 0, cacheTtl: "5m" });
      inputUnits += BigInt(input) * 3625n + BigInt(output) * 870000n; // rates × 1e6, so units of 1e-12 USD
    }
    const w: Workload = { name: "million", root: { kind: "sequence", path: [], repeat: 1, steps } };
    const e = estimate(w, new Registry([{ file: { provider: "acme", models: [model] }, origin: "test" }]), "odd", { at: AT });
    expect(e.cost.total.toString()).toBe(Decimal.of(inputUnits, 12).toString());
    expect(e.time.calls).toBe(1_000_000n);
  });
});

describe("the order and the count of what an estimate lists", () => {
  it("bills the main model's lines first, though another model's id sorts before it", () => {
    // acme-mini < acme-nottft by id; acme-nottft is the model the workload runs on
    const e = run({ steps: [{ model: "acme-mini", input: 1000, output: 10 }, { input: 1000, output: 10 }] }, { registry: reg, model: "acme-nottft" });
    expect(e.lines.map((l) => l.model)).toEqual(["acme-nottft", "acme-nottft", "acme-mini", "acme-mini"]);
  });

  it("sums steps of one model and band into one line each, and keeps models and bands apart", () => {
    // Three calls on acme-1 (two in the base band, one above 200K) and one on acme-mini:
    //   acme-1 base: input 1,000 + 3,000 = 4,000 at $2/M = $0.008; output 10 + 30 = 40 at $10/M = $0.0004
    //   acme-1 >200K: input 300,000 at $4/M = $1.20; output 5 at $15/M = $0.000075
    //   acme-mini base: input 2,000 at $1/M = $0.002; output 20 at $4/M = $0.00008
    const e = run(
      {
        steps: [
          { input: 1000, output: 10 },
          { model: "acme-mini", input: 2000, output: 20 },
          { input: 300000, output: 5 },
          { input: 3000, output: 30 },
        ],
      },
      { registry: reg, model: "acme-1" },
    );
    expect(e.lines.map((l) => [l.model, l.band, l.cls, l.tokens, l.usd.toString()])).toEqual([
      ["acme-1", "base", "input", 4000n, "0.008"],
      ["acme-1", "base", "output", 40n, "0.0004"],
      ["acme-1", ">200K", "input", 300000n, "1.2"],
      ["acme-1", ">200K", "output", 5n, "0.000075"],
      ["acme-mini", "base", "input", 2000n, "0.002"],
      ["acme-mini", "base", "output", 20n, "0.00008"],
    ]);
    expect(e.cost.total.toString()).toBe("1.210555");
  });

  it("lists one scaling where two steps resolve to the same model and effort by different routes", () => {
    const leveled = acme({ id: "acme-think", aliases: [], usage: { reasons: true, efforts: ["low", "medium", "high"], defaultEffort: "medium" } });
    const e = run({ steps: [{ input: 1000, output: 10 }, { input: 1000, output: 10, effort: "medium" }] }, { registry: registryOf(leveled), model: "acme-think" });
    // the first step asks for the default effort, the second names it: one scaling, not two
    expect(e.scalings).toHaveLength(1);
    expect(e.scalings[0]!.candidate).toEqual({ model: "acme-think", effort: "medium" });
  });
});
