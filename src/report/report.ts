import { runsPerMonth, type Estimate, type TokenClass } from "../engine/estimate.ts";
import type { Overflow } from "../engine/agent.ts";
import { toNumber } from "../engine/fraction.ts";
import type { Scaling, ScalingKind } from "../engine/scaling.ts";
import { EFFORTS } from "../names.ts";
import type { Warning } from "../warnings.ts";
import type { Runs } from "../workload/types.ts";
import { byText } from "../text.ts";

// The one canonical report object (schemaVersion 1). Every output format renders it; `--json`
// is this object serialized. Money is USD per run rounded to the nano-dollar, with the exact
// decimal text beside the totals.

export const SCHEMA_VERSION = 1 as const;

export interface WorkloadInfo {
  name: string;
  /** "preset", "file", "stdin" or "flags". */
  source: string;
  path?: string;
  description?: string;
  runs?: Runs & { perMonth: number };
  serviceTier?: string;
}

export interface ReportLine {
  model: string;
  band: string;
  class: string;
  tokens: number;
  ratePerMillion: number;
  usd: number;
}

/** SPEC §8: how a result's tokens were scaled from where they were measured. */
export interface ScalingInfo {
  kind: ScalingKind;
  reference: { model: string; effort: string | null } | null;
  model: string;
  /** The candidate's effort. */
  effort: string | null;
  /** f: candidate output over reference output at the basis. */
  output: number;
  /** What reasoning and answer (output) tokens were multiplied by. */
  reasoning: number;
  answer: number;
  /** The tokenizer factor on input tokens. */
  input: number;
  /** The benchmark key of the basis, "as measured", or null. */
  basis: string | null;
  /** The smallest and largest f over every common benchmark. */
  low: number;
  high: number;
  inputLow: number;
  inputHigh: number;
  /** The candidate spends no reasoning (SPEC §8 rule 4): its reasoning tokens were dropped. */
  noReasoning: boolean;
  /** Measured without reasoning, priced on a model that reasons: reasoning tokens it adds per answer token. */
  reasoningPerAnswer?: number;
  benchmark?: { key: string; name: string; version: string | null; kind: string; date: string };
  sources?: { reference: string | null; candidate: string | null };
}

export interface ReportResult {
  model: string;
  name: string;
  provider: string;
  status: string;
  /** The announced shutdown date, if any. */
  deprecationDate: string | null;
  /** The reasoning effort the model runs at (null: its unnamed default, or none to choose). */
  effort: string | null;
  pricesAsOf: string | null;
  source: string | null;
  serviceTier: string;
  tokens: Record<TokenClass, number> & { scaling: ScalingInfo; scalings?: ScalingInfo[] };
  /** `low` and `high`: the cost at the ends of the scaling band, where they differ. */
  cost: Record<TokenClass | "total", number> & { low?: number; high?: number };
  usdExact: string;
  lines: ReportLine[];
  seconds: { total: number | null; ttft: number; generation: number; tools: number };
  calls: number;
  speed: { outputTokensPerSecond: number | null; timeToFirstTokenSeconds: number | null };
  perMonth?: { runs: number; usd: number; usdExact: string; seconds: number | null; usdLow?: number; usdHigh?: number };
  /** Priced at an off-peak rate: the cost per run at peak hours (and the multiplier). */
  peak?: { multiplier: number; usd: number; usdExact: string };
  fits: boolean;
  overflow?: Overflow & { path: string };
  warnings: Warning[];
  /** compare: cost relative to the cheapest model that fits (1 for the cheapest). */
  timesCheapest?: number | null;
  cheapest?: boolean;
  fastest?: boolean;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  command: string;
  at: string;
  workload: WorkloadInfo;
  monthDays: number;
  /** The date of the bundled prices (SPEC §10: every report says how old its prices are). */
  registryAsOf: string | null;
  /** compare: the order of results. */
  sort?: SortKey;
  results: ReportResult[];
  /** Models left out of a comparison, and why. */
  skipped?: { model: string; reason: string }[];
}

export function scalingInfo(s: Scaling): ScalingInfo {
  const info: ScalingInfo = {
    kind: s.kind,
    reference: s.reference,
    model: s.candidate.model,
    effort: s.candidate.effort,
    output: toNumber(s.output),
    reasoning: toNumber(s.point.reasoning),
    answer: toNumber(s.point.output),
    input: toNumber(s.point.input),
    basis: s.basis,
    low: toNumber(s.low),
    high: toNumber(s.high),
    inputLow: toNumber(s.lowFactors.input),
    inputHigh: toNumber(s.highFactors.input),
    noReasoning: s.dropsReasoning,
  };
  if (s.point.reasoningFromOutput.num !== 0n) info.reasoningPerAnswer = toNumber(s.point.reasoningFromOutput);
  if (s.benchmark) {
    const { key, name, version, kind, date } = s.benchmark;
    info.benchmark = { key, name, version, kind, date };
  }
  if (s.measurements) info.sources = { reference: s.measurements.reference.source ?? null, candidate: s.measurements.candidate.source ?? null };
  return info;
}

export function resultOf(e: Estimate): ReportResult {
  const m = e.model;
  const t = e.tokens;
  const tokens: ReportResult["tokens"] = {
    input: Number(t.input),
    cachedInput: Number(t.cachedInput),
    cacheWrite: Number(t.cacheWrite),
    output: Number(t.output),
    reasoning: Number(t.reasoning),
    scaling: scalingInfo(e.scaling),
  };
  if (e.scalings.length > 1) tokens.scalings = e.scalings.map(scalingInfo);
  const c = e.cost;
  const cost: ReportResult["cost"] = {
    input: c.input.toNumber(),
    cachedInput: c.cachedInput.toNumber(),
    cacheWrite: c.cacheWrite.toNumber(),
    output: c.output.toNumber(),
    reasoning: c.reasoning.toNumber(),
    total: c.total.toNumber(),
  };
  if (e.band) {
    cost.low = e.band.low.toNumber();
    cost.high = e.band.high.toNumber();
  }
  const r: ReportResult = {
    model: m.id,
    name: m.name,
    provider: m.provider,
    status: e.status,
    deprecationDate: m.deprecationDate ?? null,
    effort: e.effort,
    pricesAsOf: m.pricesAsOf ?? null,
    source: m.source ?? null,
    serviceTier: e.serviceTier,
    tokens,
    cost,
    usdExact: e.cost.total.toString(),
    lines: e.lines.map((l) => ({
      model: l.model,
      band: l.band,
      class: l.cls,
      tokens: Number(l.tokens),
      ratePerMillion: l.ratePerMillion.toNumber(12),
      usd: l.usd.toNumber(),
    })),
    seconds: { total: e.time.total, ttft: e.time.ttft, generation: e.time.generation, tools: e.time.tools },
    calls: Number(e.time.calls),
    speed: { ...e.speed },
    fits: e.fits,
    warnings: e.warnings,
  };
  if (e.perMonth) {
    r.perMonth = {
      runs: Number(e.perMonth.runs),
      usd: e.perMonth.usd.toNumber(),
      usdExact: e.perMonth.usd.toString(),
      seconds: e.perMonth.seconds,
    };
    if (e.perMonth.band) {
      r.perMonth.usdLow = e.perMonth.band.low.toNumber();
      r.perMonth.usdHigh = e.perMonth.band.high.toNumber();
    }
  }
  if (e.overflow) r.overflow = e.overflow;
  if (e.peak) r.peak = { multiplier: e.peak.multiplier, usd: e.peak.usd.toNumber(), usdExact: e.peak.usd.toString() };
  return r;
}

export type SortKey = "cost" | "time";

const effortRank = (e: string | null) => (e === null ? -1 : (EFFORTS as readonly string[]).indexOf(e));

const byCost = (a: ReportResult, b: ReportResult) => a.cost.total - b.cost.total;
const byTime = (a: ReportResult, b: ReportResult) =>
  (a.seconds.total ?? Infinity) - (b.seconds.total ?? Infinity) || byCost(a, b);

/** Models that fit first, then by cost or by time (unknown times last), then by id. */
export function sortResults(results: readonly ReportResult[], sort: SortKey): ReportResult[] {
  return [...results].sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      (sort === "time" ? byTime(a, b) : byCost(a, b) || byTime(a, b)) ||
      byText(a.model, b.model) ||
      effortRank(a.effort) - effortRank(b.effort),
  );
}

/**
 * Marks the cheapest and the fastest model that fits, and each cost as a multiple of the
 * cheapest. Only current models are crowned (a model shutting down in days is no answer to
 * "which should we use"), unless no current model fits.
 */
export function markResults(results: ReportResult[]): ReportResult[] {
  const fitting = results.filter((r) => r.fits);
  const current = fitting.filter((r) => r.status === "current");
  const pool = current.length > 0 ? current : fitting;
  const cheapest = [...pool].sort(byCost)[0];
  const fastest = pool.filter((r) => r.seconds.total !== null).sort(byTime)[0];
  for (const r of results) {
    r.cheapest = r === cheapest;
    r.fastest = r === fastest;
    r.timesCheapest = cheapest && cheapest.cost.total > 0 ? r.cost.total / cheapest.cost.total : null;
  }
  return results;
}

export function workloadInfo(
  base: { name: string; source: string; path?: string; description?: string },
  runs: Runs | undefined,
  serviceTier: string | undefined,
): WorkloadInfo {
  const info: WorkloadInfo = { ...base };
  if (runs) info.runs = { ...runs, perMonth: runsPerMonth(runs) };
  if (serviceTier) info.serviceTier = serviceTier;
  return info;
}
