import { isEffort, type Effort } from "../names.ts";
import type { Model } from "../pricing/registry.ts";
import type { Benchmark, Measurement } from "../pricing/schema.ts";
import { byText } from "../text.ts";
import { cmp, div, fromNumber, mul, ONE, ZERO, type Fraction } from "./fraction.ts";

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
  /** Reasoning the candidate adds per output token measured (where the reference spent none). */
  reasoningFromOutput: Fraction;
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
  /** f: the candidate's output tokens over the reference's at the basis (1 without one). */
  output: Fraction;
  /** The smallest and largest f over every figure of every common benchmark. */
  low: Fraction;
  high: Fraction;
  /** The benchmark key of the basis, "as measured", or null. */
  basis: string | null;
  benchmark?: Benchmark & { key: string };
  /** The two measurements the basis compares, for their sources. */
  measurements?: { reference: Measurement; candidate: Measurement };
  /** The candidate does not reason, or runs at effort none (rule 4)… */
  spendsNoReasoning: boolean;
  /** …and so its reasoning tokens became 0 (always, but under --same-tokens). */
  dropsReasoning: boolean;
  /** The reference has measurements at its effort (false: nothing could scale anything). */
  referenceMeasured: boolean;
  /** The factors at the estimate and at the ends of the band. */
  point: Factors;
  lowFactors: Factors;
  highFactors: Factors;
}

export type Benchmarks = ReadonlyMap<string, Benchmark>;

// ---- efforts ----

/** The effort levels a model has on record, where known. */
export const effortsOf = (m: Model): readonly Effort[] | null => m.usage?.efforts ?? m.reasoningLevels?.filter(isEffort) ?? null;

/**
 * The default effort, where the registry names it. Effort lists name only the levels a source
 * shows, so a model's one listed level is not taken for its default.
 */
export const defaultEffortOf = (m: Model): Effort | null => m.usage?.defaultEffort ?? null;

/**
 * The effort a model runs (or was measured) at: the one asked for where it has it on record,
 * else its default (null when unnamed), with the problem in words. `explicit`: not the default.
 */
export function resolveEffort(m: Model, requested: Effort | undefined): { effort: Effort | null; explicit: boolean; problem?: string; levels?: string } {
  const fallback = defaultEffortOf(m);
  if (requested === undefined) return { effort: fallback, explicit: false };
  if (m.usage?.reasons === false) {
    if (requested === "none") return { effort: null, explicit: false };
    return { effort: null, explicit: false, problem: `${m.id} does not reason: effort ${requested} does not apply`, levels: "does not reason: no effort applies" };
  }
  const levels = effortsOf(m);
  if (levels?.includes(requested)) return { effort: requested, explicit: true };
  const has = levels ? `levels on record: ${levels.join(", ")}` : "no effort levels on record";
  return { effort: fallback, explicit: false, problem: `${m.id} has no effort ${requested} on record (${has})`, levels: has };
}

/** Rule 4: a model that does not reason, or runs at effort none, spends no reasoning tokens. */
export const spendsNoReasoning = (s: Side): boolean => s.model.usage?.reasons === false || s.effort === "none";

/**
 * compare --effort all: the efforts at which `candidate` has a measurement on a benchmark the
 * reference has too (the default effort stands as null where unnamed); empty when there is none.
 */
export function measuredEfforts(reference: Side, candidate: Model): (Effort | null)[] {
  const keys = new Set(figuresAt(reference).keys());
  const levels: (Effort | null)[] = [...(effortsOf(candidate) ?? [])];
  if (!defaultEffortOf(candidate)) levels.push(null);
  return levels.filter((effort) => [...figuresAt({ model: candidate, effort }).keys()].some((k) => keys.has(k)));
}

// ---- measurements ----

const CONFIDENCE = { high: 3, medium: 2, low: 1 } as const;
const hasSplit = (m: Measurement) => m.reasoningTokens != null && m.answerTokens != null;

/**
 * Every measurement per benchmark for a model at an effort, the most trusted first: the more
 * confident, then the one with a reasoning/answer split, then the more recent, then as listed.
 * A null-effort measurement stands for the default effort.
 */
export function figuresAt(side: Side): Map<string, Measurement[]> {
  const fallback = defaultEffortOf(side.model);
  const matches = (m: Measurement) => m.effort === side.effort || (m.effort === null && (side.effort === null || side.effort === fallback));
  const rank = (a: Measurement, b: Measurement) =>
    CONFIDENCE[b.confidence ?? "medium"] - CONFIDENCE[a.confidence ?? "medium"] ||
    Number(hasSplit(b)) - Number(hasSplit(a)) ||
    byText(b.asOf ?? "", a.asOf ?? "");
  const out = new Map<string, Measurement[]>();
  for (const m of side.model.usage?.measurements ?? []) {
    if (matches(m)) out.set(m.benchmark, [...(out.get(m.benchmark) ?? []), m]);
  }
  for (const list of out.values()) list.sort(rank); // stable: ties stay as listed
  return out;
}

/** The most trusted measurement per benchmark (see figuresAt). */
export const measurementsAt = (side: Side): Map<string, Measurement> => new Map([...figuresAt(side)].map(([k, list]) => [k, list[0]!]));

/**
 * The two figures a benchmark compares: a pair from one source where there is one (the same
 * article measured both, under the same conditions), else each side's most trusted.
 */
function pairAt(fromRef: readonly Measurement[], fromCand: readonly Measurement[]): [Measurement, Measurement] {
  for (const r of fromRef) {
    const c = fromCand.find((x) => x.source !== undefined && x.source === r.source);
    if (c) return [r, c];
  }
  return [fromRef[0]!, fromCand[0]!];
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

// ---- factors ----

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

const factors = (input: Fraction, output: Fraction, reasoning: Fraction, reasoningFromOutput: Fraction = ZERO): Factors => ({
  input,
  output,
  reasoning,
  reasoningFromOutput,
});

/** Output-side factors at the basis: rules 2 and 4. */
function basisFactors(reference: Side, candidate: Side, r: Measurement, c: Measurement, f: Fraction): { point: Factors; answerKnown: boolean } {
  // A model that spends no reasoning answers with all of its output.
  const answerOf = (m: Measurement, s: Side) => m.answerTokens ?? (spendsNoReasoning(s) ? m.outputTokens : null);
  const [aR, aC] = [answerOf(r, reference), answerOf(c, candidate)];
  const answerKnown = aR != null && aC != null && aR > 0;
  const fa = answerKnown ? div(fromNumber(aC), fromNumber(aR)) : ONE;
  // Rule 4: no reasoning; answers scale by f_a where both sides give them, else as given.
  if (spendsNoReasoning(candidate)) return { point: factors(ONE, fa, ZERO), answerKnown };
  if (answerKnown && r.reasoningTokens != null && c.reasoningTokens != null && r.reasoningTokens > 0) {
    return { point: factors(ONE, fa, div(fromNumber(c.reasoningTokens), fromNumber(r.reasoningTokens))), answerKnown };
  }
  if (spendsNoReasoning(reference) && answerKnown && c.reasoningTokens != null) {
    // Measured without reasoning, priced on a model that reasons: answers scale by f_a, and it
    // thinks rC / aR tokens per answer token measured, as reasoning (not as output, which would
    // re-enter an agent's context).
    return { point: factors(ONE, fa, f, div(fromNumber(c.reasoningTokens), fromNumber(aR))), answerKnown };
  }
  return { point: factors(ONE, f, f), answerKnown: false };
}

// ---- scalings ----

const sameSide = (a: Side, b: Side) => a.model.id === b.model.id && a.effort === b.effort;

function scaling(kind: ScalingKind, reference: Side | null, candidate: Side, point: Factors, more: Partial<Scaling> = {}): Scaling {
  return {
    kind,
    reference: reference && { model: reference.model.id, effort: reference.effort },
    candidate: { model: candidate.model.id, effort: candidate.effort },
    output: ONE,
    low: ONE,
    high: ONE,
    basis: null,
    spendsNoReasoning: spendsNoReasoning(candidate),
    dropsReasoning: kind !== "same-tokens" && spendsNoReasoning(candidate),
    referenceMeasured: false,
    point,
    lowFactors: point,
    highFactors: point,
    ...more,
  };
}

/** No scaling: --same-tokens (reasoning kept, even where it is not spent), or no reference. */
export function unscaled(kind: "same-tokens" | "no-reference", candidate: Side): Scaling {
  const drops = kind === "no-reference" && spendsNoReasoning(candidate);
  return scaling(kind, null, candidate, factors(ONE, ONE, drops ? ZERO : ONE));
}

/** The factors that turn tokens measured on `reference` into the tokens `candidate` spends. */
export function scalingBetween(reference: Side, candidate: Side, benchmarks: Benchmarks): Scaling {
  const reasoning = spendsNoReasoning(candidate) ? ZERO : ONE;
  if (sameSide(reference, candidate)) return scaling("as-measured", reference, candidate, factors(ONE, ONE, reasoning), { basis: "as measured", referenceMeasured: true });

  const tok = tokenizerFactor(reference.model, candidate.model);
  const fromRef = figuresAt(reference);
  const fromCand = figuresAt(candidate);
  const common = [...fromRef.keys()].filter((k) => fromCand.has(k)).sort((a, b) => compareBenchmarks(a, b, benchmarks));
  if (common.length === 0) {
    // Rule 1: nothing measured on both: the output as given (the tokenizer factor still holds).
    return scaling("no-common", reference, candidate, factors(tok.t, ONE, reasoning), {
      referenceMeasured: fromRef.size > 0,
      lowFactors: factors(tok.low, ONE, reasoning),
      highFactors: factors(tok.high, ONE, reasoning),
    });
  }

  // Rule 2: the latest common benchmark is the basis; the band spans every figure of every
  // common one (two sources disagreeing on one key widen it too).
  const ratio = (c: Measurement, r: Measurement) => div(fromNumber(c.outputTokens), fromNumber(r.outputTokens));
  const all = common.flatMap((k) => fromRef.get(k)!.flatMap((r) => fromCand.get(k)!.map((c) => ratio(c, r))));
  const low = all.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
  const high = all.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
  const basis = common[0]!;
  const [r, c] = pairAt(fromRef.get(basis)!, fromCand.get(basis)!);
  const f = ratio(c, r);
  const { point, answerKnown } = basisFactors(reference, candidate, r, c, f);
  // The band moves each output factor by the spread of f, so that the estimate always lies
  // within it (exactly low..high where output scales by f alone); answers as given stay so.
  const end = (e: Fraction, t: Fraction): Factors => {
    const move = (g: Fraction) => mul(g, div(e, f));
    const output = spendsNoReasoning(candidate) && !answerKnown ? point.output : move(point.output);
    return factors(t, output, move(point.reasoning), move(point.reasoningFromOutput));
  };
  const benchmark = benchmarks.get(basis);
  return scaling("scaled", reference, candidate, { ...point, input: tok.t }, {
    output: f,
    low,
    high,
    basis,
    ...(benchmark ? { benchmark: { key: basis, ...benchmark } } : {}),
    measurements: { reference: r, candidate: c },
    referenceMeasured: true,
    lowFactors: end(low, tok.low),
    highFactors: end(high, tok.high),
  });
}

/** The scaling has a band: its low or high factors differ from the point. */
export const hasBand = (s: Scaling): boolean => !sameFactors(s.lowFactors, s.point) || !sameFactors(s.highFactors, s.point);

// Unscaled estimates share one factors object for the point and both ends.
const sameFactors = (a: Factors, b: Factors) =>
  a === b ||
  cmp(a.input, b.input) === 0 && cmp(a.output, b.output) === 0 && cmp(a.reasoning, b.reasoning) === 0 && cmp(a.reasoningFromOutput, b.reasoningFromOutput) === 0;
