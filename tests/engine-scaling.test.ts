import { describe, expect, it } from "vitest";
import { estimate, type EstimateOptions } from "../src/engine/estimate.ts";
import { scaleCount, type Fraction } from "../src/engine/fraction.ts";
import { compareBenchmarks, measurementsAt, scalingBetween } from "../src/engine/scaling.ts";
import { loadRegistry } from "../src/pricing/load.ts";
import { Registry } from "../src/pricing/registry.ts";
import type { Benchmark, ModelEntry } from "../src/pricing/schema.ts";
import { AT, workload } from "./helpers.ts";

// SPEC §8 rules on a registry built for easy arithmetic. Every model bills input $1, output
// (and reasoning) $10 per million, so a call's cost in µ$ is input + 10 × (output + reasoning).
//
// Benchmarks: b-old (full run, 2026-05) and b-new (per task, 2026-09; the later, so the basis).
// ref   efforts low/medium/high, default medium
//       b-old  medium 1,000,000
//       b-new  medium 2,000 = 1,500 reasoning + 500 answer;  high 4,000 = 3,000 + 1,000
// cand  efforts low/high, default high
//       b-old  high 1,500,000                      → f = 1.5 against ref@medium
//       b-new  null (= default high) 2,500 = 1,500 + 1,000  → f = 1.25, f_r = 1, f_a = 2
//       b-new  low 1,000 (no split)                → f = 0.25 against ref@high
// plain does not reason;  b-new null 600 (all answer)  → f_a = 600 / 500 = 1.2

const BENCHMARKS: Record<string, Benchmark> = {
  "b-old": { name: "Old bench", version: "1", kind: "full-run", date: "2026-05" },
  "b-new": { name: "New bench", version: "2", kind: "per-task", date: "2026-09" },
};
const RATES = { input: 1, output: 10 };
const SPEED = { outputTokensPerSecond: 100, timeToFirstTokenSeconds: 1 };

const REF: ModelEntry = {
  id: "ref",
  rates: RATES,
  speed: SPEED,
  usage: {
    reasons: true,
    efforts: ["low", "medium", "high"],
    defaultEffort: "medium",
    measurements: [
      { effort: "medium", benchmark: "b-old", outputTokens: 1_000_000 },
      { effort: "medium", benchmark: "b-new", outputTokens: 2000, reasoningTokens: 1500, answerTokens: 500 },
      { effort: "high", benchmark: "b-new", outputTokens: 4000, reasoningTokens: 3000, answerTokens: 1000 },
    ],
  },
};
const CAND: ModelEntry = {
  id: "cand",
  rates: RATES,
  speed: SPEED,
  usage: {
    reasons: true,
    efforts: ["low", "high"],
    defaultEffort: "high",
    measurements: [
      { effort: "high", benchmark: "b-old", outputTokens: 1_500_000 },
      { effort: null, benchmark: "b-new", outputTokens: 2500, reasoningTokens: 1500, answerTokens: 1000 },
      { effort: "low", benchmark: "b-new", outputTokens: 1000 },
    ],
    speedByEffort: { low: { outputTokensPerSecond: 50, timeToFirstTokenSeconds: 3 }, high: { outputTokensPerSecond: 200, timeToFirstTokenSeconds: null } },
  },
};
const PLAIN: ModelEntry = {
  id: "plain",
  rates: RATES,
  speed: SPEED,
  usage: { reasons: false, measurements: [{ effort: null, benchmark: "b-new", outputTokens: 600 }] },
};
const BARE: ModelEntry = { id: "bare", rates: RATES, speed: SPEED };
// measured only on b-old, which ref@high lacks
// measured at none only: 500 output tokens on b-new, all answer
const QUIET: ModelEntry = { id: "quiet", rates: RATES, usage: { reasons: true, efforts: ["none", "high"], measurements: [{ effort: "none", benchmark: "b-new", outputTokens: 500 }] } };
// does not reason; measured on b-old only: 600,000 (ref's b-old figure has no split)
const PLAIN_OLD: ModelEntry = { id: "plain-old", rates: RATES, usage: { reasons: false, measurements: [{ effort: null, benchmark: "b-old", outputTokens: 600_000 }] } };
const OTHER: ModelEntry = { id: "other", rates: RATES, speed: SPEED, usage: { reasons: true, measurements: [{ effort: null, benchmark: "b-old", outputTokens: 900_000 }] } };
const NO_REASONING_BARE: ModelEntry = { id: "old-chat", rates: RATES, speed: SPEED, usage: { reasons: false } };

// Tokenizers: fam-b counts 1.3× (1.0–1.35) the tokens of fam-a for the same text.
const famA = { family: "fam-a", ratio: 1, relativeTo: "fam-a" };
const famB = { family: "fam-b", ratio: 1.3, low: 1.0, high: 1.35, relativeTo: "fam-a" };
const A1: ModelEntry = { id: "a1", rates: RATES, speed: SPEED, usage: { tokenizer: famA } };
const B1: ModelEntry = { id: "b1", rates: RATES, speed: SPEED, usage: { tokenizer: famB } };
const B2: ModelEntry = { id: "b2", rates: RATES, speed: SPEED, usage: { tokenizer: famB } };
// 200,000-token tier doubling every rate, and a 300,000-token context.
const TIERED: ModelEntry = {
  id: "tiered",
  rates: RATES,
  speed: SPEED,
  tiers: [{ aboveInputTokens: 200_000, rates: { input: 2, output: 20 } }],
  limits: { contextTokens: 300_000 },
  usage: { tokenizer: famB },
};

const registry = new Registry([
  { file: { benchmarks: BENCHMARKS }, origin: "bundled" },
  { file: { provider: "acme", models: [REF, CAND, PLAIN, PLAIN_OLD, QUIET, BARE, OTHER, NO_REASONING_BARE, A1, B1, B2, TIERED] }, origin: "bundled" },
]);

const price = (raw: Record<string, unknown>, model: string, opts: Partial<EstimateOptions> = {}) =>
  estimate(workload(raw), registry, model, { at: AT, ...opts });
const usd = (e: ReturnType<typeof price>) => e.cost.total.toString();
const num = (f: Fraction) => Number(f.num) / Number(f.den);

const CALL = { input: 1000, output: 100, reasoning: 200 };

describe("scaling rules, one case a line (µ$ = input + 10 × (output + reasoning))", () => {
  it.each<[string, Record<string, unknown>, string, Partial<EstimateOptions>, { kind: string; basis: string | null; tokens: [number, number, number]; usd: string }]>([
    // the model the tokens were measured on, at its default (medium): 1,000 + 10 × 300 = 4,000 µ$
    ["same model: as measured", { model: "ref", ...CALL }, "ref", {}, { kind: "as-measured", basis: "as measured", tokens: [1000, 100, 200], usd: "0.004" }],
    // ref@high → cand@low: only b-new is common, and cand has no split there: f = 1,000 / 4,000 = 0.25 on both
    // output 100 × 0.25 = 25, reasoning 200 × 0.25 = 50: 1,000 + 10 × 75 = 1,750 µ$
    ["one common benchmark, output only", { measuredOn: "ref@high", ...CALL }, "cand", { effort: "low" }, { kind: "scaled", basis: "b-new", tokens: [1000, 25, 50], usd: "0.00175" }],
    // ref@medium → cand@high (default): b-old 1.5 and b-new 1.25 in common; basis b-new (later), split there:
    // reasoning × 1,500/1,500 = 1 → 200, answer × 1,000/500 = 2 → 200: 1,000 + 10 × 400 = 5,000 µ$
    ["several common benchmarks: latest is the basis, split there", { model: "ref", ...CALL }, "cand", {}, { kind: "scaled", basis: "b-new", tokens: [1000, 200, 200], usd: "0.005" }],
    // the same model at another effort: ref@medium → ref@high on b-new: reasoning × 2, answer × 2
    // 1,000 + 10 × (200 + 400) = 7,000 µ$
    ["same model, another effort", { model: "ref", ...CALL }, "ref", { effort: "high" }, { kind: "scaled", basis: "b-new", tokens: [1000, 200, 400], usd: "0.007" }],
    // ref@low has no measurement: nothing in common; factors 1: 1,000 + 10 × 300 = 4,000 µ$
    ["no common measurement", { model: "ref", effort: "low", ...CALL }, "cand", {}, { kind: "no-common", basis: null, tokens: [1000, 100, 200], usd: "0.004" }],
    // plain does not reason: reasoning 0; answer × 600/500 = 1.2 → 120: 1,000 + 1,200 = 2,200 µ$
    ["a non-reasoning candidate spends no reasoning", { model: "ref", ...CALL }, "plain", {}, { kind: "scaled", basis: "b-new", tokens: [1000, 120, 0], usd: "0.0022" }],
    // plain-old does not reason and ref's figure has no split: answers as given (×1), reasoning 0: 2,000 µ$
    ["a non-reasoning candidate without an answer figure to compare", { model: "ref", ...CALL }, "plain-old", {}, { kind: "scaled", basis: "b-old", tokens: [1000, 100, 0], usd: "0.002" }],
    // measured at none (500 answer tokens), priced on cand (1,500 reasoning + 1,000 answer at its default):
    // answer × 1,000/500 = 2 → 200; reasoning 0 + 100 × 1,500/500 = 300: 1,000 + 10 × 500 = 6,000 µ$
    ["measured without reasoning, priced on a model that reasons", { measuredOn: "quiet@none", input: 1000, output: 100 }, "cand", {}, { kind: "scaled", basis: "b-new", tokens: [1000, 200, 300], usd: "0.006" }],
    // a non-reasoning model with no measurement: reasoning 0, answer as given: 1,000 + 1,000 = 2,000 µ$
    ["a non-reasoning candidate with no data", { model: "ref", ...CALL }, "old-chat", {}, { kind: "no-common", basis: null, tokens: [1000, 100, 0], usd: "0.002" }],
    // --same-tokens: no scaling at all, reasoning kept on a non-reasoning model: 1,000 + 3,000 = 4,000 µ$
    ["--same-tokens on a non-reasoning model", { model: "ref", ...CALL }, "plain", { sameTokens: true }, { kind: "same-tokens", basis: null, tokens: [1000, 100, 200], usd: "0.004" }],
    // no reference at all (no model, no measuredOn): priced as given
    ["no reference", CALL, "cand", {}, { kind: "no-reference", basis: null, tokens: [1000, 100, 200], usd: "0.004" }],
    // tokenizer across related families: a1 (1.0) → b1 (1.3): input 1,000 × 1.3 = 1,300: 1,300 + 3,000 = 4,300 µ$
    ["tokenizer factor across families", { model: "a1", ...CALL }, "b1", {}, { kind: "no-common", basis: null, tokens: [1300, 100, 200], usd: "0.0043" }],
    // b1 → a1: 1,000 / 1.3 = 769.23 → 769: 769 + 3,000 = 3,769 µ$
    ["tokenizer factor, the other way", { model: "b1", ...CALL }, "a1", {}, { kind: "no-common", basis: null, tokens: [769, 100, 200], usd: "0.003769" }],
    // within one family: b1 → b2 count alike
    ["tokenizer within a family", { model: "b1", ...CALL }, "b2", {}, { kind: "no-common", basis: null, tokens: [1000, 100, 200], usd: "0.004" }],
    // a model without a tokenizer figure: no data, 1
    ["tokenizer across unrelated families", { model: "b1", ...CALL }, "bare", {}, { kind: "no-common", basis: null, tokens: [1000, 100, 200], usd: "0.004" }],
  ])("%s", (_, raw, model, opts, want) => {
    const e = price(raw, model, opts);
    expect(e.scaling.kind).toBe(want.kind);
    expect(e.scaling.basis).toBe(want.basis);
    expect([e.tokens.input, e.tokens.output, e.tokens.reasoning].map(Number)).toEqual(want.tokens);
    expect(usd(e)).toBe(want.usd);
  });

  it("several common benchmarks: the band spans every common f (1.25 … 1.5)", () => {
    const e = price({ model: "ref", ...CALL }, "cand");
    expect([num(e.scaling.output), num(e.scaling.low), num(e.scaling.high)]).toEqual([1.25, 1.25, 1.5]);
    // high end: each factor × 1.5 / 1.25: answer 2 → 2.4 (240), reasoning 1 → 1.2 (240)
    // 1,000 + 10 × 480 = 5,800 µ$; the low end is the point (f = low)
    expect([e.band?.low.toString(), e.band?.high.toString()]).toEqual(["0.005", "0.0058"]);
  });

  it("the tokenizer band: input × 1.0 … 1.35 → 1,000 … 1,350", () => {
    const e = price({ model: "a1", ...CALL }, "b1");
    // low 1,000 + 3,000 = 4,000 µ$; high 1,350 + 3,000 = 4,350 µ$
    expect([e.band?.low.toString(), e.band?.high.toString()]).toEqual(["0.004", "0.00435"]);
    expect([num(e.scaling.point.input), num(e.scaling.lowFactors.input), num(e.scaling.highFactors.input)]).toEqual([1.3, 1, 1.35]);
  });

  it("the tokenizer band, the other way: input × 1/1.35 … 1/1.0 → 741 … 1,000", () => {
    const e = price({ model: "b1", ...CALL }, "a1");
    // low 741 + 3,000 = 3,741 µ$ (1,000 / 1.35 = 740.7 → 741); high 1,000 + 3,000 = 4,000 µ$
    expect([e.band?.low.toString(), e.band?.high.toString()]).toEqual(["0.003741", "0.004"]);
  });

  it("a band that moves no token moves no cost: none reported", () => {
    // cand's f spans 1.25 … 1.5, but a call with only input tokens has nothing for it to scale
    const e = price({ model: "ref", input: 1000 }, "cand");
    expect(e.scaling.kind).toBe("scaled");
    expect(e.band).toBeUndefined();
  });

  it("within one family the tokenizer factor is exactly 1, with no band", () => {
    const e = price({ model: "b1", ...CALL }, "b2");
    expect([num(e.scaling.point.input), num(e.scaling.lowFactors.input), num(e.scaling.highFactors.input)]).toEqual([1, 1, 1]);
    expect(e.band).toBeUndefined();
  });

  it("every input class scales by the tokenizer factor: system, input, cached input, cache writes", () => {
    // a1 → b1 (× 1.3): input 1,000 → 1,300, cached 2,000 → 2,600, written 500 → 650
    const call = price({ model: "a1", input: 1000, cachedInput: 2000, cacheWrite: 500 }, "b1");
    expect([call.tokens.input, call.tokens.cachedInput, call.tokens.cacheWrite].map(Number)).toEqual([1300, 2600, 650]);
    // agent, no caching: system 1,000 → 1,300, per-turn input 100 → 130; 2 turns: 1,430 + 1,560 = 2,990
    const agent = price({ model: "a1", agent: { system: 1000, turns: 2, perTurn: { input: 100 } } }, "b1");
    expect(Number(agent.tokens.input)).toBe(2990);
  });

  it("a pinned step was measured on its own model: as measured, not scaled from the workload's", () => {
    // the workload runs on ref; its second step is pinned to cand, so its tokens are cand's own
    const e = price({ model: "ref", steps: [CALL, { model: "cand", ...CALL }] }, "ref", { effort: "high" });
    const kinds = e.scalings.map((s) => [s.candidate.model, s.kind]);
    // ref@medium → ref@high (×2 on b-new) for the first step; cand as measured at high for the pinned one
    expect(kinds).toEqual([["ref", "scaled"], ["cand", "as-measured"]]);
    // first: 1,000 + 10 × (200 + 400) = 7,000 µ$; second: 1,000 + 10 × 300 = 4,000 µ$
    expect(usd(e)).toBe("0.011");
  });

  it("a step's measuredOn wins over its pinned model", () => {
    // the pinned step's tokens were measured on ref@medium: cand scales them (×2 answer, ×1 reasoning)
    // 1,000 + 10 × (200 + 200) = 5,000 µ$
    const e = price({ steps: [{ model: "cand", measuredOn: "ref", ...CALL }] }, "cand");
    expect(e.scaling.reference).toEqual({ model: "ref", effort: "medium" });
    expect(usd(e)).toBe("0.005");
  });

  it("a declared measuredOn holds for the pinned steps below it too", () => {
    // top-level measuredOn ref: the step pinned to cand is scaled from ref@medium (×2 answer, ×1 reasoning)
    const e = price({ measuredOn: "ref", steps: [{ model: "cand", ...CALL }] }, "cand");
    expect(e.scaling).toMatchObject({ kind: "scaled", reference: { model: "ref", effort: "medium" } });
    expect(usd(e)).toBe("0.005");
    // and so does --measured-on
    const flag = price({ model: "cand", steps: [{ model: "cand", ...CALL }] }, "cand", { measuredOn: { name: "ref" } });
    expect(usd(flag)).toBe("0.005");
  });

  it("one compare row's effort (--effort all) is the compared model's; pinned steps keep theirs", () => {
    const raw = { model: "ref", steps: [CALL, { model: "cand", ...CALL }] };
    const pinned = (e: ReturnType<typeof price>) => e.scalings.find((s) => s.candidate.model === "cand")!;
    // --effort low: every model at low, so the pinned cand step scales from cand@high to cand@low
    expect(pinned(price(raw, "ref", { effort: "low" })).kind).toBe("scaled");
    // a row at low: only the default model's steps; the pinned step stays as measured
    expect(pinned(price(raw, "ref", { defaultModelEffort: "low" })).kind).toBe("as-measured");
  });

  it("a row's effort labels the row even when a pinned step of the same model comes first", () => {
    const e = price({ model: "ref", steps: [{ model: "cand", ...CALL }, CALL] }, "cand", { defaultModelEffort: "low" });
    expect([e.effort, e.scaling.candidate.effort]).toEqual(["low", "low"]);
  });

  it("a row at a model's default effort (null) is at its default, whatever the workload's effort", () => {
    // the workload runs at low; the row asks for cand's default, high
    const e = price({ model: "ref", effort: "low", ...CALL }, "cand", { defaultModelEffort: null });
    expect(e.effort).toBe("high");
  });

  it("measuredOn's effort null is the reference's default, whatever the workload's effort", () => {
    // ref@medium (its default) → cand@high: as in the basis case, 5,000 µ$
    expect(usd(price({ measuredOn: { model: "ref", effort: null }, effort: "high", ...CALL }, "cand"))).toBe("0.005");
    // without it, the workload's high applies to ref too: ref@high → cand@high on b-new:
    // reasoning × 1,500/3,000 = 0.5 → 100, answer × 1,000/1,000 = 1 → 100: 1,000 + 2,000 = 3,000 µ$
    expect(usd(price({ measuredOn: "ref", effort: "high", ...CALL }, "cand"))).toBe("0.003");
  });

  it("effort null in a step is the model's default, inside a step that names another", () => {
    const e = price({ model: "ref", effort: "high", steps: [{ effort: null, ...CALL }] }, "ref");
    expect(e.effort).toBe("medium");
    expect(e.scaling.kind).toBe("as-measured");
  });

  it("--measured-on replaces the workload's own reference", () => {
    // the workload says it was measured on cand; --measured-on ref@medium says otherwise: as in the basis case
    const e = price({ model: "cand", ...CALL }, "cand", { measuredOn: { name: "ref", effort: "medium" } });
    expect(e.scaling.reference).toEqual({ model: "ref", effort: "medium" });
    expect(usd(e)).toBe("0.005");
  });

  it("the high end of the range that overflows a limit the estimate fits is said", () => {
    // ref@medium → cand: f 1.25 … 1.5, answer × 2 → × 2.4 at the high end. tiered-like limit: use a
    // model pair through measuredOn on a registry where cand has a 1,000-token context
    const small = new Registry([
      { file: { benchmarks: BENCHMARKS }, origin: "bundled" },
      { file: { provider: "acme", models: [REF, { ...CAND, limits: { contextTokens: 1000 } }] }, origin: "bundled" },
    ]);
    // output 200 → 400 answer at the point, 480 at the high end; reasoning 100 → 100 and 120
    // prompt 450: 450 + 400 + 100 = 950 fits; 450 + 480 + 120 = 1,050 does not
    const e = estimate(workload({ model: "ref", input: 450, output: 200, reasoning: 100 }), small, "cand", { at: AT });
    expect(e.fits).toBe(true);
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: "BAND_CONTEXT", message: "at the high end of its token range, cand: turn 1 needs 1,050 tokens, over its 1,000-token context window" }));
  });

  it("a range whose high end is past 2^53−1 tokens is not given, and that is said", () => {
    // answer × 2 at the point (8e15, countable), × 2.4 at the high end (9.6e15, not)
    const e = price({ model: "ref", output: 4e15 }, "cand");
    expect(Number(e.tokens.output)).toBe(8e15);
    expect(e.band).toBeUndefined();
    expect(e.warnings.map((w) => w.code)).toContain("NO_BAND");
  });

  it("a count scaled past 2^53−1 at the estimate is an error naming the workload, place and model", () => {
    expect(() => price({ model: "ref", steps: [{ output: 5e15 }] }, "cand")).toThrow(/^test\.json: steps\[0\]: 5000000000000000 tokens scale to more than 2\^53−1 tokens on cand$/);
  });

  it("no band when every factor is exact", () => {
    expect(price({ measuredOn: "ref@high", ...CALL }, "cand", { effort: "low" }).band).toBeUndefined();
  });

  it("a null-effort measurement stands for the default effort", () => {
    // cand's b-new figure has no effort; cand's default is high, so --effort high matches it too
    const byDefault = price({ model: "ref", ...CALL }, "cand");
    const byName = price({ model: "ref", ...CALL }, "cand", { effort: "high" });
    expect(usd(byName)).toBe(usd(byDefault));
    expect(byName.scaling.basis).toBe("b-new");
    expect(measurementsAt({ model: registry.get("cand"), effort: "low" }).has("b-old")).toBe(false);
  });

  it("no common measurement says so, naming the reference", () => {
    // ref@high was measured on b-new only; other only on b-old
    const e = price({ measuredOn: "ref@high", ...CALL }, "other");
    expect([e.scaling.kind, usd(e)]).toEqual(["no-common", "0.004"]);
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: "NO_COMMON_MEASUREMENT", model: "other", message: "other: no token measurement in common with ref@high: output priced as measured there" }));
  });

  it("a reference with no measurement at all is one fact, not one per model", () => {
    const e = price({ model: "ref", effort: "low", ...CALL }, "cand");
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: "REFERENCE_UNMEASURED", message: expect.stringMatching(/^ref@low has no token measurements, so tokens measured there cannot be scaled: their output is priced as given/) }));
    expect(e.warnings.map((w) => w.code)).not.toContain("NO_COMMON_MEASUREMENT");
  });

  it("--same-tokens on a non-reasoning model keeps its reasoning and warns", () => {
    const e = price({ model: "ref", ...CALL }, "plain", { sameTokens: true });
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: "REASONING_KEPT", message: "plain does not reason, but --same-tokens bills it 200 reasoning tokens per run" }));
  });

  it("effort none spends no reasoning, and an effort the model lacks warns with its levels", () => {
    // ref has no "none": warned, default medium used, so reasoning is kept at ref@medium (as measured)
    const e = price({ model: "ref", ...CALL }, "ref", { effort: "none" });
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: "EFFORT", message: "ref has no effort none on record (levels on record: low, medium, high): priced at its default effort (medium)" }));
    expect(Number(e.tokens.reasoning)).toBe(200);
    // cand at an effort of its own that is none: a registry entry that has it drops reasoning
    const withNone = new Registry([
      { file: { benchmarks: BENCHMARKS }, origin: "bundled" },
      { file: { provider: "acme", models: [REF, { ...CAND, usage: { ...CAND.usage, efforts: ["none", "low", "high"] } }] }, origin: "bundled" },
    ]);
    const none = estimate(workload({ model: "ref", ...CALL }), withNone, "cand", { at: AT, effort: "none" });
    // nothing measured at none: answers as given (1), reasoning 0: 1,000 + 1,000 = 2,000 µ$
    expect([none.scaling.kind, Number(none.tokens.reasoning), none.cost.total.toString()]).toEqual(["no-common", 0, "0.002"]);
  });

  it("a model that does not reason says an effort does not apply", () => {
    const e = price({ model: "ref", ...CALL }, "plain", { effort: "high" });
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: "EFFORT", message: "plain does not reason: effort high does not apply" }));
  });
});

describe("measured without reasoning", () => {
  it("the reasoning a model adds stays out of an agent's context; its answers go in", () => {
    // per turn: output 100 → answer 200 + reasoning 300 (see above); 2 turns, no caching, no input:
    // prompt_1 = 0, prompt_2 = 200 (the answer only; reasoning is not kept): input 200
    const e = price({ measuredOn: "quiet@none", agent: { turns: 2, perTurn: { output: 100 } } }, "cand");
    expect([e.tokens.input, e.tokens.output, e.tokens.reasoning].map(Number)).toEqual([200, 400, 600]);
  });
});

describe("two figures for one benchmark: one is chosen", () => {
  const twice = (a: object, b: object) =>
    registryWithMeasurements([
      { effort: null, benchmark: "b-new", outputTokens: 100, ...a },
      { effort: null, benchmark: "b-new", outputTokens: 200, ...b },
    ]);
  const registryWithMeasurements = (measurements: object[]) =>
    new Registry([
      { file: { benchmarks: BENCHMARKS }, origin: "bundled" },
      { file: { provider: "acme", models: [{ id: "m", rates: RATES, usage: { measurements } } as ModelEntry] }, origin: "bundled" },
    ]);
  const chosen = (r: Registry) => measurementsAt({ model: r.get("m"), effort: null }).get("b-new")!.outputTokens;
  it.each<[string, object, object, number]>([
    ["the more confident", { confidence: "high" }, { confidence: "medium" }, 100],
    ["the more confident, either order", { confidence: "low" }, { confidence: "medium" }, 200],
    ["at equal confidence, the one with a reasoning/answer split", {}, { reasoningTokens: 150, answerTokens: 50 }, 200],
    ["at equal confidence and split, the more recent", { asOf: "2026-10-06" }, { asOf: "2026-09-24" }, 100],
    ["otherwise the first listed", {}, {}, 100],
  ])("%s", (_, a, b, want) => expect(chosen(twice(a, b))).toBe(want));

  it("the basis pairs figures from one source; the band spans every pair", () => {
    // ref: 100 (source A, listed first) and 300 (source B) on b-new; cand: 150 (source B)
    // the basis pairs B with B: f = 150 / 300 = 0.5; the pairs give 1.5 and 0.5: band 0.5 … 1.5
    const r = new Registry([
      { file: { benchmarks: BENCHMARKS }, origin: "bundled" },
      {
        file: {
          provider: "acme",
          models: [
            { id: "r", rates: RATES, usage: { measurements: [{ effort: null, benchmark: "b-new", outputTokens: 100, source: "A" }, { effort: null, benchmark: "b-new", outputTokens: 300, source: "B" }] } },
            { id: "c", rates: RATES, usage: { measurements: [{ effort: null, benchmark: "b-new", outputTokens: 150, source: "B" }] } },
          ],
        },
        origin: "bundled",
      },
    ]);
    const s = scalingBetween({ model: r.get("r"), effort: null }, { model: r.get("c"), effort: null }, r.benchmarks);
    expect([num(s.output), num(s.low), num(s.high)]).toEqual([0.5, 0.5, 1.5]);
    expect(s.measurements?.reference.source).toBe("B");
  });
});

describe("rule 5: whole tokens, half up, per call and per turn, before expansion", () => {
  it.each([
    [3, 3, 2, 5], // 4.5 → 5
    [2, 5, 4, 3], // 2.5 → 3
    [3, 5, 4, 4], // 3.75 → 4
    [1, 1, 3, 0], // 0.33 → 0
    [7, 1, 2, 4], // 3.5 → 4
    [100, 73, 57, 128], // 128.07 → 128
    [8000, 73, 57, 10246], // 10,245.6 → 10,246
  ])("%d × %d/%d = %d", (n, num, den, want) => expect(scaleCount(n, { num: BigInt(num), den: BigInt(den) })).toBe(want));

  it("an agent's per-turn values round before the turns multiply them", () => {
    // ref@medium → ref@high: answer × 2, reasoning × 2 — exact; use cand@low instead: f = 0.25 from ref@high
    // per turn output 2 × 0.25 = 0.5 → 1 (half up), over 4 turns = 4 (not 2 × 4 × 0.25 = 2)
    const e = price({ measuredOn: "ref@high", agent: { system: 0, turns: 4, perTurn: { input: 0, output: 2 } } }, "cand", { effort: "low" });
    expect(Number(e.tokens.output)).toBe(4);
  });

  it("context growth, tiers and limits follow the scaled counts", () => {
    // a1 → tiered (fam-b, 1.3): system 150,000 → 195,000, per-turn input 5,000 → 6,500; turn 1 prompt
    // 201,500 is above the 200,000 tier (unscaled it would be 155,000, below it)
    const raw = { model: "a1", agent: { system: 150_000, turns: 2, perTurn: { input: 5000, output: 100 } } };
    const e = price(raw, "tiered");
    expect(e.lines.map((l) => l.band)).toEqual([">200K", ">200K"]);
    // prompts 201,500 and 201,500 + 6,500 + 100 = 208,100: input 409,600 at $2, output 200 at $20
    // 0.8192 + 0.004 = 0.8232
    expect(usd(e)).toBe("0.8232");
    const same = price(raw, "tiered", { sameTokens: true });
    expect(same.lines.map((l) => l.band)).toEqual(["base", "base"]);
    // and a context the unscaled agent fits overflows when scaled: 230,000 → 299,000 + 1,300 + 100 > 300,000
    const big = price({ model: "a1", agent: { system: 230_000, turns: 1, perTurn: { input: 1000, output: 100 } } }, "tiered");
    expect(big.fits).toBe(false);
    expect(big.overflow).toMatchObject({ turn: 1, size: 300_400, limit: 300_000 });
  });
});

describe("rule 6: speed by effort", () => {
  // 10 calls of 100 output + 200 reasoning, scaled to cand: see each case
  const raw = { model: "cand", input: 1000, output: 100, reasoning: 200, requests: 10 };
  it("a model with no speed at its effort runs at its own: 10 × (1 + 300 / 100) = 40 s", () => {
    expect(price({ ...raw, model: "ref" }, "ref").time.total).toBe(40);
  });

  it.each<[string, Partial<EstimateOptions>, number]>([
    // no effort asked: cand runs at its default, high: speedByEffort.high 200 tok/s, TTFT the model's 1 s
    // 10 × (1 + 300 / 200) = 25 s
    ["the default effort runs at the speed measured at it", {}, 25],
    // --effort low: speedByEffort.low 50 tok/s, TTFT 3 s; cand@default(high) → cand@low: b-new f = 1,000/2,500 = 0.4
    // (cand@low has no split) → output 40, reasoning 80: 10 × (3 + 120 / 50) = 54 s
    ["an effort with its own speed uses it", { effort: "low" }, 54],
    // --effort high: speedByEffort.high 200 tok/s, no TTFT there → the model's 1 s; as measured (high = default)
    // 10 × (1 + 300 / 200) = 25 s
    ["a missing TTFT at that effort falls back to the model's", { effort: "high" }, 25],
  ])("%s", (_, opts, seconds) => {
    expect(price(raw, "cand", opts).time.total).toBe(seconds);
  });
});

describe("the basis: the latest common benchmark", () => {
  const dated = (date: string, version: string | null = "1", kind: "per-task" | "full-run" = "per-task"): Benchmark => ({ name: "b", version, kind, date });
  const order = (b: Record<string, Benchmark>) => Object.keys(b).sort((x, y) => compareBenchmarks(x, y, new Map(Object.entries(b))));
  it.each<[string, Record<string, Benchmark>, string[]]>([
    ["later date first", { a: dated("2026-05"), b: dated("2026-09") }, ["b", "a"]],
    // a month against a day in it is a tie: the higher version wins (v4.3.2 in 2026-09 after v4.3 of 2026-09-07)
    ["a month and a day in it: by version", { v43: dated("2026-09-07", "v4.3"), v432: dated("2026-09", "v4.3.2") }, ["v432", "v43"]],
    ["same date and version: per-task before full-run", { full: dated("2026-09", "v4.3.2", "full-run"), task: dated("2026-09", "v4.3.2") }, ["task", "full"]],
  ])("%s", (_, b, want) => expect(order(b)).toEqual(want));

  it("the bundled registry, latest first: v4.3.2 (per task, then full run), v4.3, v4.1.1, v4.1, v4.0, unversioned", () => {
    const { benchmarks } = loadRegistry();
    expect([...benchmarks.keys()].sort((x, y) => compareBenchmarks(x, y, benchmarks))).toEqual([
      "aa-index-v4.3.2-per-task",
      "aa-index-v4.3.2-full-run",
      "aa-index-v4.3-per-task",
      "aa-index-v4.1.1-per-task",
      "aa-index-v4.1.1-full-run",
      "aa-index-v4.1-full-run",
      "aa-index-v4.0-full-run",
      "aa-index-unversioned-full-run",
    ]);
  });

  it("scalingBetween reports the basis measurements and their sources", () => {
    const s = scalingBetween({ model: registry.get("ref"), effort: "medium" }, { model: registry.get("cand"), effort: "high" }, registry.benchmarks);
    expect(s.measurements?.reference.outputTokens).toBe(2000);
    expect(s.measurements?.candidate.outputTokens).toBe(2500);
    expect(s.benchmark).toMatchObject({ key: "b-new", name: "New bench" });
  });
});
