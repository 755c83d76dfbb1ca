import { Decimal } from "../decimal.ts";
import { TokencostError } from "../errors.ts";
import type { Effort } from "../names.ts";
import { statusAt } from "../pricing/lifecycle.ts";
import type { ModelStatus } from "../pricing/schema.ts";
import type { Model, Registry } from "../pricing/registry.ts";
import type { Runs, Workload } from "../workload/types.ts";
import type { Warning } from "../warnings.ts";
import type { Overflow } from "./agent.ts";
import { bill, billTotal, TOKEN_CLASSES, type Bill, type PricedLine, type TokenClass } from "./bill.ts";
import { notices, type Peak } from "./notices.ts";
import { hasBand, type Scaling } from "./scaling.ts";
import { ScaledTooLarge } from "./scale-step.ts";
import { speedAt, Targets, type TargetOptions } from "./targets.ts";
import { totalSeconds, type Speed } from "./time.ts";
import { walkSteps, type Walk } from "./walk.ts";

export { describeOverflow } from "./notices.ts";
export { effortsToCompare } from "./targets.ts";
export { TOKEN_CLASSES, type PricedLine, type TokenClass };

export const DAYS_PER_MONTH = 30;
const ZERO = Decimal.ZERO;

/** SPEC §5: a month is 30 days of daily runs. */
export const runsPerMonth = (runs: Runs): number => runs.count * (runs.per === "day" ? DAYS_PER_MONTH : 1);

export type EstimateOptions = TargetOptions;

export interface Estimate {
  /** The model the workload runs on where no step pins another. */
  model: Model;
  /** The model's status on `at`. */
  status: ModelStatus;
  at: string;
  serviceTier: string;
  /** The effort the main model runs at (null: its unnamed default, or it has no levels). */
  effort: Effort | null;
  /** How the main model's tokens were scaled from where they were measured (SPEC §8). */
  scaling: Scaling;
  /** Every distinct scaling used, the main one first (pinned steps may scale differently). */
  scalings: Scaling[];
  /** The speed the main model's calls are timed at (by effort, where measured). */
  speed: Speed;
  lines: PricedLine[];
  tokens: Record<TokenClass, bigint>;
  cost: Record<TokenClass | "total", Decimal>;
  /** The cost at the low and high ends of the scaling band, where they differ from the cost. */
  band?: { low: Decimal; high: Decimal };
  time: {
    total: number | null;
    ttft: number;
    generation: number;
    tools: number;
    calls: bigint;
  };
  /** False when some call exceeds a model limit; `overflow` says where. */
  fits: boolean;
  overflow?: Overflow & { path: string };
  perMonth?: { runs: bigint; usd: Decimal; seconds: number | null; band?: { low: Decimal; high: Decimal } };
  /** Priced at a time-of-day discount (DeepSeek's off-peak): what the run costs at peak hours. */
  peak?: { multiplier: number; usd: Decimal };
  warnings: Warning[];
}

/** Cost and time of one run of `workload` with `model` as its default model. */
export function estimate(workload: Workload, registry: Registry, model: string | undefined, options: EstimateOptions): Estimate {
  const label = workload.label ?? "workload";
  const targets = new Targets(workload, registry, model, options);
  const walk = pointWalk(workload, targets, label);
  const main = targets.main();
  const billed = bill(walk.ledger, main.id);
  const mainTarget = targets.mainTarget ?? targets.used.find((t) => t.pricing.model.id === main.id);
  const all: Scaling[] = mainTarget ? [mainTarget.scaling] : [];
  for (let i = 0; i < targets.used.length; i++) all.push(targets.used[i]!.scaling);
  const scalings = distinct(all);
  const { band, bandOverflow, uncountable } = scalingBand(workload, targets, scalings, billed.cost.total);

  const serviceTier = options.serviceTier ?? workload.serviceTier ?? "standard";
  const peaks = peakPrices(targets, billed, serviceTier);
  let total = totalSeconds(walk.time);
  if (!(Number.isFinite(walk.time.ttft) && Number.isFinite(walk.time.generation) && Number.isFinite(walk.time.tools) && Number.isFinite(total ?? 0))) {
    throw new TokencostError("WORKLOAD", `${label}: the time per run is too large to represent (check toolSeconds, turns and repeat)`);
  }
  if (serviceTier === "batch") total = null;

  const result: Estimate = {
    model: main,
    status: statusAt(main, options.at),
    at: options.at,
    serviceTier,
    effort: scalings[0]!.candidate.effort,
    scaling: scalings[0]!,
    scalings,
    speed: mainTarget?.speed ?? speedAt(main, null),
    lines: billed.lines,
    tokens: billed.tokens,
    cost: billed.cost,
    time: { total: nano(total), ttft: nano(walk.time.ttft), generation: nano(walk.time.generation), tools: nano(walk.time.tools), calls: walk.calls },
    fits: walk.overflow === undefined,
    warnings: notices({ raised: targets.warnings(), bill: billed, time: walk.time, serviceTier, scalings, overflow: walk.overflow, bandOverflow, bandUncountable: Boolean(uncountable), peaks }),
  };
  const mainPeak = peaks.find((p) => p.model === main.id);
  if (mainPeak) result.peak = { multiplier: mainPeak.multiplier, usd: mainPeak.usd };
  if (band) result.band = band;
  if (walk.overflow) result.overflow = walk.overflow;
  if (workload.runs) {
    const runs = BigInt(runsPerMonth(workload.runs));
    result.perMonth = { runs, usd: billed.cost.total.mul(runs), seconds: total === null ? null : nano(total * Number(runs)) };
    if (band) result.perMonth.band = { low: band.low.mul(runs), high: band.high.mul(runs) };
  }
  representable(result, label);
  return result;
}

/**
 * A model whose standard rate is the off-peak one (it lists a `peak` service tier) bills more
 * at peak hours: the run's cost with that model's lines at the peak multiplier.
 */
function peakPrices(targets: Targets, billed: Bill, serviceTier: string): Peak[] {
  if (serviceTier !== "standard" || !targets.used.some((t) => t.pricing.model.serviceTiers?.peak !== undefined)) return [];
  const models = new Map(targets.used.map((t) => [t.pricing.model.id, t.pricing.model]));
  const out: Peak[] = [];
  for (const [id, m] of models) {
    const multiplier = m.serviceTiers?.peak;
    if (multiplier === undefined) continue;
    const own = billed.lines.filter((l) => l.model === id).reduce((sum, l) => sum.add(l.usd), ZERO);
    out.push({ model: id, multiplier, usd: billed.cost.total.add(own.mul(Decimal.from(multiplier)).sub(own)) });
  }
  return out;
}

function pointWalk(workload: Workload, targets: Targets, label: string): Walk {
  try {
    return walkSteps(workload.root, targets, "point");
  } catch (e) {
    if (e instanceof ScaledTooLarge) throw new TokencostError(e.code, `${label}: ${e.message}`);
    throw e;
  }
}

/**
 * The cost at the low and high ends of the scaling band, where it differs from the estimate. An
 * end too large to count exactly has no band (the estimate itself was counted).
 */
interface Band {
  band?: Estimate["band"];
  bandOverflow?: Walk["overflow"];
  /** The high end scales some count past 2^53−1: no band to give. */
  uncountable?: boolean;
}

function scalingBand(workload: Workload, targets: Targets, scalings: readonly Scaling[], point: Decimal): Band {
  if (!scalings.some(hasBand)) return {};
  let low: Walk;
  let high: Walk;
  try {
    low = walkSteps(workload.root, targets, "low");
    high = walkSteps(workload.root, targets, "high");
  } catch (e) {
    if (e instanceof ScaledTooLarge) return { uncountable: true };
    throw e;
  }
  const [l, h] = [billTotal(low.ledger), billTotal(high.ledger)];
  const out: Band = {};
  if (l.cmp(point) !== 0 || h.cmp(point) !== 0) out.band = { low: l, high: h };
  if (high.overflow) out.bandOverflow = high.overflow;
  return out;
}

/** Exact arithmetic has no ceiling, a report's numbers do: beyond ~1e308 they would print as Infinity. */
function representable(e: Estimate, label: string): void {
  // units / 10^scale with scale ≥ 0 is finite wherever the units are: the exact rounding only
  // where they are not.
  const usd = (d: Decimal | undefined) => d === undefined || Number.isFinite(Number(d.units)) || Number.isFinite(d.toNumber());
  let ok = true;
  for (let i = 0; i < TOKEN_CLASSES.length; i++) ok &&= Number.isFinite(Number(e.tokens[TOKEN_CLASSES[i]!]));
  ok =
    ok &&
    usd(e.cost.total) &&
    usd(e.band?.high) &&
    (!e.perMonth || (usd(e.perMonth.usd) && Number.isFinite(e.perMonth.seconds ?? 0) && usd(e.perMonth.band?.high)));
  if (!ok) {
    throw new TokencostError("WORKLOAD", `${label}: the totals are too large to represent (check repeat, requests and runs)`);
  }
}

/** One per reference × candidate × efforts, in the order given (the main one first). */
function distinct(all: readonly Scaling[]): Scaling[] {
  // The same target's scaling is usually met twice (as the main one and as used): one object
  // needs no key, nor a Set to find that out.
  if (all.every((s) => s === all[0])) return all.slice(0, 1);
  const objects = [...new Set(all)];
  const seen = new Set<string>();
  return objects.filter((s) => {
    const key = JSON.stringify([s.reference, s.candidate, s.kind]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

// Seconds are floats (0.1 + 0.2 ≠ 0.3); rounded to the nanosecond, sums of short steps
// compare with a limit the way the user wrote it.
function nano<T extends number | null>(seconds: T): T {
  if (seconds === null || Math.abs(seconds) > 1e12) return seconds; // nothing left to round there
  return (Math.round(seconds * 1e9) / 1e9) as T;
}
