import type { Effort } from "../names.ts";
import type { Model } from "../pricing/registry.ts";
import type { Benchmark, Measurement } from "../pricing/schema.ts";
import { byText } from "../text.ts";
import { cmp, div, fromNumber, isOne, mul, ONE, ZERO, type Fraction } from "./fraction.ts";

// SPEC §8: a workload's tokens are read as measured on a reference model R at effort eR; a
// candidate C at effort eC is priced on the tokens it would spend, scaled by what both spent on
// the same benchmark. Pure: the registry's figures in, exact factors out.

/** A model at a resolved effort: a level it has, or null for its unnamed default. */
export interface Side {
  model: Model;
  effort: Effort | null;
}

/** What each per-call / per-turn count is multiplied by. */
export interface Factors {
  /** system, input, cachedInput, cacheWrite: the tokenizer factor. */
  input: Fraction;
  /** output (answer) tokens. */
  output: Fraction;
  reasoning: Fraction;
}

export type ScalingKind =
  | "as-measured" // the candidate is the reference
  | "scaled" // a common benchmark gives the factors
  | "no-common" // nothing measured on both: output as given
  | "no-reference" // the workload names no model it was measured on
  | "same-tokens"; // --same-tokens: no scaling at all

export interface Scaling {
  kind: ScalingKind;
  reference: { model: string; effort: Effort | null } | null;
  candidate: { model: string; effort: Effort | null };
  /** f: the candidate's output tokens over the reference's at the basis. */
  output: Fraction;
  /** What answer (output) tokens and reasoning tokens are multiplied by. */
  answer: Fraction;
  reasoning: Fraction;
  /** The tokenizer factor t, and its band. */
  input: Fraction;
  inputLow: Fraction;
  inputHigh: Fraction;
  /** The benchmark key of the basis; null when there is none. */
  basis: string | null;
  /** The smallest and largest f over every common benchmark. */
  low: Fraction;
  high: Fraction;
  /** The candidate does not reason, or runs at effort none (rule 4). */
  spendsNoReasoning: boolean;
  /** ... and so its reasoning tokens became 0 (always, but under --same-tokens). */
  dropsReasoning: boolean;
  /** The basis benchmark, as the registry describes it. */
  benchmark?: Benchmark & { key: string };
  /** The measurements the basis compares, for their sources. */
  measurements?: { reference: Measurement; candidate: Measurement };
  point: Factors;
  lowFactors: Factors;
  highFactors: Factors;
}

export type Benchmarks = ReadonlyMap<string, Benchmark>;

/** The effort levels a model has, where known. */
export const effortsOf = (m: Model): readonly Effort[] | null => m.usage?.efforts ?? (m.reasoningLevels as Effort[] | null | undefined) ?? null;

/**
 * The effort a model runs (or was measured) at: the one asked for where it has it, else its
 * default (null when unnamed), with the problem said in words. `explicit` is false for the default.
 */
export function resolveEffort(m: Model, requested: Effort | undefined): { effort: Effort | null; explicit: boolean; problem?: string } {
  const fallback = m.usage?.defaultEffort ?? null;
  if (requested === undefined) return { effort: fallback, explicit: false };
  if (m.usage?.reasons === false) {
    return requested === "none" ? { effort: null, explicit: false } : { effort: null, explicit: false, problem: `${m.id} does not reason: effort ${requested} does not apply` };
  }
  const levels = effortsOf(m);
  if (levels?.includes(requested)) return { effort: requested, explicit: true };
  const has = levels ? `it has ${levels.join(", ")}` : "its effort levels are unknown";
  return { effort: fallback, explicit: false, problem: `${m.id} has no effort ${requested} (${has})` };
}

/**
 * compare --effort all: the efforts at which `candidate` has a measurement on a benchmark the
 * reference has too (the default effort stands as null where unnamed); empty when there is none.
 */
export function measuredEfforts(reference: Side, candidate: Model): (Effort | null)[] {
  const keys = new Set(measurementsAt(reference).keys());
  const levels: (Effort | null)[] = [...(effortsOf(candidate) ?? [])];
  if (!candidate.usage?.defaultEffort) levels.push(null);
  return levels.filter((effort) => [...measurementsAt({ model: candidate, effort }).keys()].some((k) => keys.has(k)));
}

/** Rule 4: a model that does not reason, or runs at effort none, spends no reasoning tokens. */
export const spendsNoReasoning = (s: Side): boolean => s.model.usage?.reasons === false || s.effort === "none";

const CONFIDENCE = { high: 3, medium: 2, low: 1 } as const;
const hasSplit = (m: Measurement) => m.reasoningTokens != null && m.answerTokens != null;

/**
 * One measurement per benchmark for a model at an effort. A null-effort measurement stands for
 * the default effort. Where a source gives two figures for one key, the more confident wins,
 * then the one with a reasoning/answer split, then the more recent, then the first listed.
 */
export function measurementsAt(side: Side): Map<string, Measurement> {
  const u = side.model.usage;
  const out = new Map<string, Measurement>();
  const matches = (m: Measurement) =>
    m.effort === side.effort || (m.effort === null && (side.effort === null || side.effort === (u?.defaultEffort ?? null)));
  const better = (a: Measurement, b: Measurement) =>
    (CONFIDENCE[a.confidence ?? "medium"] - CONFIDENCE[b.confidence ?? "medium"] ||
      Number(hasSplit(a)) - Number(hasSplit(b)) ||
      byText(a.asOf ?? "", b.asOf ?? "")) > 0;
  for (const m of u?.measurements ?? []) {
    if (!matches(m)) continue;
    const had = out.get(m.benchmark);
    if (!had || better(m, had)) out.set(m.benchmark, m);
  }
  return out;
}

/**
 * Later benchmark first. Dates compare by their common precision ("2026-09" against
 * "2026-09-07" is a tie: one of them is a month), then the higher version wins (v4.3.2 after
 * v4.3), then per-task averages (exact, often split) before full-run totals, then the key.
 */
export function compareBenchmarks(a: string, b: string, benchmarks: Benchmarks): number {
  const x = benchmarks.get(a);
  const y = benchmarks.get(b);
  if (!x || !y) return byText(a, b);
  const n = Math.min(x.date.length, y.date.length);
  const byDate = byText(x.date.slice(0, n), y.date.slice(0, n));
  if (byDate !== 0) return -byDate;
  const byVersion = compareVersions(x.version, y.version);
  if (byVersion !== 0) return -byVersion;
  if (x.kind !== y.kind) return x.kind === "per-task" ? -1 : 1;
  return byText(a, b);
}

function compareVersions(a: string | null, b: string | null): number {
  const parts = (v: string | null) => (v ?? "").replace(/^v/, "").split(".").map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Rule 3: models of one family count text alike; families declared relative to the same one
 * compare by their ratios, with the band from each side's low/high; unrelated families (and
 * models without a tokenizer figure) by 1, as there is no data.
 */
export function tokenizerFactor(reference: Model, candidate: Model): { t: Fraction; low: Fraction; high: Fraction } {
  const r = reference.usage?.tokenizer;
  const c = candidate.usage?.tokenizer;
  if (!r || !c || r.family === c.family || r.relativeTo !== c.relativeTo) return { t: ONE, low: ONE, high: ONE };
  const f = (n: number | null | undefined, otherwise: number) => fromNumber(n ?? otherwise);
  return {
    t: div(f(c.ratio, c.ratio), f(r.ratio, r.ratio)),
    low: div(f(c.low, c.ratio), f(r.high, r.ratio)),
    high: div(f(c.high, c.ratio), f(r.low, r.ratio)),
  };
}

const factors = (input: Fraction, output: Fraction, reasoning: Fraction): Factors => ({ input, output, reasoning });
const sameModel = (a: Side, b: Side) => a.model.id === b.model.id && a.effort === b.effort;

/** No scaling: --same-tokens, or nothing to scale from. Rule 4 still holds unless `keepReasoning`. */
export function unscaled(kind: "same-tokens" | "no-reference", candidate: Side): Scaling {
  const drops = kind === "no-reference" && spendsNoReasoning(candidate);
  const point = factors(ONE, ONE, drops ? ZERO : ONE);
  return {
    kind,
    reference: null,
    candidate: { model: candidate.model.id, effort: candidate.effort },
    output: ONE,
    answer: ONE,
    reasoning: point.reasoning,
    input: ONE,
    inputLow: ONE,
    inputHigh: ONE,
    basis: null,
    low: ONE,
    high: ONE,
    spendsNoReasoning: spendsNoReasoning(candidate),
    dropsReasoning: drops,
    point,
    lowFactors: point,
    highFactors: point,
  };
}

/** The factors that turn tokens measured on `reference` into the tokens `candidate` spends. */
export function scalingBetween(reference: Side, candidate: Side, benchmarks: Benchmarks): Scaling {
  const base = {
    reference: { model: reference.model.id, effort: reference.effort },
    candidate: { model: candidate.model.id, effort: candidate.effort },
  };
  const drops = spendsNoReasoning(candidate);
  if (sameModel(reference, candidate)) {
    const point = factors(ONE, ONE, drops ? ZERO : ONE);
    return {
      ...unscaled("same-tokens", candidate),
      ...base,
      kind: "as-measured",
      reasoning: point.reasoning,
      basis: "as measured",
      dropsReasoning: drops,
      point,
      lowFactors: point,
      highFactors: point,
    };
  }

  const tok = tokenizerFactor(reference.model, candidate.model);
  const fromRef = measurementsAt(reference);
  const fromCand = measurementsAt(candidate);
  const common = [...fromRef.keys()].filter((k) => fromCand.has(k)).sort((a, b) => compareBenchmarks(a, b, benchmarks));

  if (common.length === 0) {
    // Rule 1: nothing measured on both; the output is as given (rule 4 still drops reasoning).
    const reasoning = drops ? ZERO : ONE;
    return {
      ...base,
      kind: "no-common",
      output: ONE,
      answer: ONE,
      reasoning,
      input: tok.t,
      inputLow: tok.low,
      inputHigh: tok.high,
      basis: null,
      low: ONE,
      high: ONE,
      spendsNoReasoning: drops,
      dropsReasoning: drops,
      point: factors(tok.t, ONE, reasoning),
      lowFactors: factors(tok.low, ONE, reasoning),
      highFactors: factors(tok.high, ONE, reasoning),
    };
  }

  // Rule 2: the latest common benchmark is the basis; the band spans every common one.
  const ratioAt = (k: string) => div(fromNumber(fromCand.get(k)!.outputTokens), fromNumber(fromRef.get(k)!.outputTokens));
  const all = common.map(ratioAt);
  const low = all.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
  const high = all.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
  const basis = common[0]!;
  const r = fromRef.get(basis)!;
  const c = fromCand.get(basis)!;
  const f = all[0]!;

  // A model that spends no reasoning answers with all of its output.
  const answerOf = (m: Measurement, s: Side) => m.answerTokens ?? (spendsNoReasoning(s) ? m.outputTokens : null);
  const [aR, aC] = [answerOf(r, reference), answerOf(c, candidate)];
  const answerKnown = aR != null && aC != null && aR > 0;
  const splitKnown = answerKnown && r.reasoningTokens != null && c.reasoningTokens != null && r.reasoningTokens > 0;

  let answer: Fraction;
  let reasoning: Fraction;
  if (drops) {
    // Rule 4: no reasoning; answers scale by f_a where both sides give them, else as given.
    answer = answerKnown ? div(fromNumber(aC), fromNumber(aR)) : ONE;
    reasoning = ZERO;
  } else if (splitKnown) {
    answer = div(fromNumber(aC), fromNumber(aR));
    reasoning = div(fromNumber(c.reasoningTokens!), fromNumber(r.reasoningTokens!));
  } else {
    answer = f;
    reasoning = f;
  }
  // The band moves each factor by the spread of f across benchmarks, so that the point
  // estimate always lies within it (exactly low..high when output scales by f alone).
  const at = (g: Fraction, end: Fraction) => (drops && !answerKnown ? g : mul(g, div(end, f)));
  return {
    ...base,
    kind: "scaled",
    output: f,
    answer,
    reasoning,
    input: tok.t,
    inputLow: tok.low,
    inputHigh: tok.high,
    basis,
    low,
    high,
    spendsNoReasoning: drops,
    dropsReasoning: drops,
    ...(benchmarks.get(basis) ? { benchmark: { key: basis, ...benchmarks.get(basis)! } } : {}),
    measurements: { reference: r, candidate: c },
    point: factors(tok.t, answer, reasoning),
    lowFactors: factors(tok.low, at(answer, low), at(reasoning, low)),
    highFactors: factors(tok.high, at(answer, high), at(reasoning, high)),
  };
}

/** The scaling has a band: its low or high factors differ from the point. */
export const hasBand = (s: Scaling): boolean =>
  [s.lowFactors, s.highFactors].some((x) => !same(x, s.point));

const same = (a: Factors, b: Factors) => cmp(a.input, b.input) === 0 && cmp(a.output, b.output) === 0 && cmp(a.reasoning, b.reasoning) === 0;

export const isIdentity = (f: Factors): boolean => isOne(f.input) && isOne(f.output) && isOne(f.reasoning);
