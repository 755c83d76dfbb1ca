import { describe, expect, it } from "vitest";
import { TokencostError } from "../src/errors.ts";
import { parseWorkload, parseWorkloadText } from "../src/workload/parse.ts";
import { PRESETS } from "../src/workload/presets.ts";
import { parseDuration, parseTokenCount } from "../src/workload/values.ts";
import type { SequenceStep } from "../src/workload/types.ts";

const parse = (raw: unknown) => parseWorkload(raw, { label: "w.json", defaultName: "w" });
const failure = (raw: unknown): string => {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(TokencostError);
    return (e as Error).message;
  }
  throw new Error("expected the workload to be rejected");
};

describe("token counts", () => {
  it.each<[unknown, number]>([
    [1200, 1200],
    ["120k", 120_000],
    ["120K", 120_000],
    ["1.5M", 1_500_000],
    ["12_000", 12_000],
    ["2b", 2_000_000_000],
    ["0", 0],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ])("%j → %d", (text, n) => expect(parseTokenCount(text)).toBe(n));

  it.each<[unknown, RegExp]>([
    [1.5, /whole number/],
    [-1, /cannot be negative/],
    [2 ** 53, /at most 2\^53−1/],
    ["1.2345k", /whole number.*= 1234\.5/],
    ["lots", /whole number of tokens/],
    [Infinity, /too large/],
    [true, /got true/],
    ["", /got ""/],
  ])("%j is rejected", (value, message) => expect(() => parseTokenCount(value)).toThrow(message));
});

describe("durations", () => {
  it.each<[unknown, number]>([
    [2.5, 2.5],
    ["30s", 30],
    ["2m", 120],
    ["1m30s", 90],
    ["250ms", 0.25],
    ["1h", 3600],
  ])("%j → %d s", (text, s) => expect(parseDuration(text)).toBe(s));
  it.each([["-1s"], ["soon"], [-2], ["2 minutes"]])("%j is rejected", (v) => expect(() => parseDuration(v)).toThrow(/duration/));
});

describe("forms", () => {
  it("a call, with defaults", () => {
    expect(parse({ input: 100 }).root).toMatchObject({ kind: "call", input: 100, output: 0, requests: 1, cacheTtl: "5m" });
  });

  it("an agent, with caching: true meaning hit rate 1, cold system prompt, 5-minute TTL", () => {
    const w = parse({ agent: { system: "8k", turns: 20, perTurn: { input: 1500, output: 400, reasoning: 800, toolSeconds: "2.5s" }, caching: true } });
    expect(w.root).toMatchObject({
      kind: "agent",
      system: 8000,
      turns: 20,
      perTurn: { input: 1500, output: 400, reasoning: 800, toolSeconds: 2.5 },
      caching: { hitRate: { num: 1n, den: 1n }, warmSystem: false, ttl: "5m" },
      keepReasoning: false,
    });
  });

  it("caching as an object keeps the hit rate exact", () => {
    const w = parse({ agent: { turns: 2, perTurn: { input: 1 }, caching: { hitRate: 0.9, ttl: "1h", warmSystem: true } } });
    expect(w.root).toMatchObject({ caching: { hitRate: { num: 9n, den: 10n }, ttl: "1h", warmSystem: true } });
  });

  it("steps nest freely: parallel, repeat, pinned models", () => {
    const w = parse({
      model: "a",
      steps: [
        { model: "b", input: 1 },
        { parallel: [{ input: 1 }, { repeat: 3, steps: [{ agent: { turns: 2, perTurn: { input: 1 } } }] }] },
      ],
    });
    expect(w.model).toEqual({ name: "a", path: ["model"] });
    expect(w.root).toMatchObject({
      kind: "sequence",
      repeat: 1,
      steps: [
        { kind: "call", model: { name: "b", path: ["steps", 0, "model"] } },
        { kind: "parallel", branches: [{ kind: "call" }, { kind: "sequence", repeat: 3, steps: [{ kind: "agent" }] }] },
      ],
    });
  });

  it("top-level settings", () => {
    const w = parse({ name: "x", runs: { count: "1k", per: "day" }, batch: true, budget: { usdPerRun: 0.5, secondsPerRun: "2m" }, input: 1 });
    expect(w).toMatchObject({ name: "x", runs: { count: 1000, per: "day" }, serviceTier: "batch", budget: { usdPerRun: 0.5, secondsPerRun: 120 } });
  });

  it("the name defaults to the file's", () => expect(parse({ input: 1 }).name).toBe("w"));

  it.each(PRESETS.map((p) => [p.name, p] as const))("preset %s parses", (_, p) => {
    expect(() => parseWorkload(p.workload, { label: p.name, defaultName: p.name })).not.toThrow();
    expect(p.assumptions.length).toBeGreaterThan(0);
  });
});

describe("errors name the JSON path", () => {
  it.each<[string, unknown, string]>([
    ["a typo suggests the key", { inptu: 5 }, 'w.json: inptu: unknown key "inptu" — did you mean "input"?'],
    ["in a nested step", { steps: [{ input: 1 }, { outptu: 1 }] }, 'w.json: steps[1].outptu: unknown key "outptu" — did you mean "output"?'],
    ["in an agent", { agent: { turns: 2, perTurn: { input: 1, ouput: 2 } } }, 'w.json: agent.perTurn.ouput: unknown key "ouput" — did you mean "output"?'],
    ["a misspelt form", { agnet: { turns: 1 } }, 'w.json: agnet: unknown key "agnet" — did you mean "agent"?'],
    ["fractional turns", { agent: { turns: 2.5, perTurn: { input: 1 } } }, "w.json: agent.turns: expected a whole number of turns like 20 or \"1k\", got 2.5"],
    ["zero turns", { agent: { turns: 0, perTurn: { input: 1 } } }, "w.json: agent.turns: turns must be at least 1, got 0"],
    ["hit rate above 1", { agent: { turns: 1, perTurn: { input: 1 }, caching: { hitRate: 1.2 } } }, "w.json: agent.caching.hitRate: expected a number from 0 to 1, got 1.2"],
    ["unknown TTL lists the valid ones", { cacheWrite: 1, cacheTtl: "2h" }, 'w.json: cacheTtl: expected one of "5m", "1h", got "2h"'],
    ["negative tokens", { steps: [{ output: -5 }] }, "w.json: steps[0].output: tokens cannot be negative, got -5"],
    ["a call with no tokens", { steps: [{ requests: 2 }] }, "w.json: steps[0]: a call needs tokens — give at least one of input, cachedInput, cacheWrite, output, reasoning"],
    ["nothing to do", { name: "x" }, 'w.json: the workload describes no work — give call tokens (input, output, …), an "agent" or "steps"'],
    ["an array", [1, 2], "w.json: (top level): a workload is a JSON object, got an array"],
    ["null", null, "w.json: (top level): a workload is a JSON object, got null"],
    ["a string", "hello", "w.json: (top level): a workload is a JSON object, got string"],
    ["a step that is a number", { steps: [3] }, "w.json: steps[0]: a step is a JSON object (a call, an agent, parallel, repeat or steps), got number"],
    ["empty parallel", { parallel: [] }, "w.json: parallel: parallel needs at least one step"],
    ["runs per week", { input: 1, runs: { count: 3, per: "week" } }, 'w.json: runs.per: expected one of "day", "month", got "week"'],
    ["batch contradicts a tier", { input: 1, batch: true, serviceTier: "flex" }, 'w.json: batch: true contradicts serviceTier "flex"'],
    ["__proto__ is just an unknown key", JSON.parse('{"input": 1, "__proto__": {"x": 1}}'), 'w.json: __proto__: unknown key "__proto__"'],
  ])("%s", (_, raw, message) => {
    expect(failure(raw)).toContain(message);
  });

  it("nesting deeper than the limit is an error, not a stack overflow", () => {
    let deep: unknown = { input: 1 };
    for (let i = 0; i < 20_000; i++) deep = { steps: [deep] };
    expect(failure(deep)).toMatch(/nested more than 64 levels deep/);
  });

  it("text that is not JSON names the line and column", () => {
    expect(() => parseWorkloadText('{\n  "input": 1,\n}', { label: "w.json", defaultName: "w" })).toThrowError(
      /^w\.json: not valid JSON at line 3, column 1$/,
    );
    expect(() => parseWorkloadText('{"input": 1', { label: "w.json", defaultName: "w" })).toThrowError(/not valid JSON/);
  });
});

describe("effort and measuredOn (SPEC §8)", () => {
  it("top level: effort, and measuredOn as a name, NAME@EFFORT or an object", () => {
    expect(parse({ effort: "high", measuredOn: "gemini-3.1-pro-preview", input: 1 })).toMatchObject({
      effort: "high",
      measuredOn: { name: "gemini-3.1-pro-preview", path: ["measuredOn"] },
    });
    expect(parse({ measuredOn: "gpt-5.5@xhigh", input: 1 }).measuredOn).toEqual({ name: "gpt-5.5", effort: "xhigh", path: ["measuredOn"] });
    expect(parse({ measuredOn: { model: "gpt-5.5", effort: "low" }, input: 1 }).measuredOn).toEqual({ name: "gpt-5.5", effort: "low", path: ["measuredOn"] });
  });

  it("on any step, with its path", () => {
    const w = parse({ steps: [{ input: 1, effort: "max", measuredOn: "a@low" }, { parallel: [{ output: 1 }], effort: "none" }] });
    const [call, par] = (w.root as SequenceStep).steps;
    expect(call).toMatchObject({ effort: "max", measuredOn: { name: "a", effort: "low", path: ["steps", 0, "measuredOn"] } });
    expect(par).toMatchObject({ kind: "parallel", effort: "none" });
  });

  it.each<[unknown, RegExp]>([
    [{ effort: "ultra", input: 1 }, /^w\.json: effort: unknown effort "ultra" — valid efforts: none, minimal, low, medium, high, xhigh, max$/],
    [{ steps: [{ input: 1, effort: "HIGH" }] }, /^w\.json: steps\[0\]\.effort: unknown effort "HIGH" — valid efforts: none, minimal/],
    [{ measuredOn: "a@ultra", input: 1 }, /^w\.json: measuredOn: unknown effort "ultra" — valid efforts/],
    [{ measuredOn: { model: "a", effort: "ultra" }, input: 1 }, /^w\.json: measuredOn\.effort: unknown effort "ultra"/],
    [{ measuredOn: { model: "a", efort: "low" }, input: 1 }, /^w\.json: measuredOn\.efort: unknown key "efort" — did you mean "effort"\?$/],
    [{ measuredOn: 5, input: 1 }, /^w\.json: measuredOn: expected a model id, MODEL@EFFORT or \{"model", "effort"\}, got 5$/],
    [{ measuredOn: "@high", input: 1 }, /^w\.json: measuredOn: expected a model id, or MODEL@EFFORT, got "@high"$/],
    [{ input: 1, efort: "high" }, /^w\.json: efort: unknown key "efort" — did you mean "effort"\?$/],
    [{ input: 1, measuredon: "a" }, /^w\.json: measuredon: unknown key "measuredon" — did you mean "measuredOn"\?$/],
  ])("%j is rejected", (raw, message) => expect(failure(raw)).toMatch(message));
});
