import { Decimal } from "../decimal.ts";
import { TokencostError } from "../errors.ts";
import type { Effort } from "../names.ts";
import { statusAt } from "../pricing/lifecycle.ts";
import type { ModelStatus } from "../pricing/schema.ts";
import type { Model, Registry } from "../pricing/registry.ts";
import { groupDigits } from "../text.ts";
import { warning, type Warning } from "../warnings.ts";
import type { Runs, Workload } from "../workload/types.ts";
import type { Overflow } from "./agent.ts";
import { bill, billTotal, TOKEN_CLASSES, type PricedLine, type TokenClass } from "./bill.ts";
import { hasBand, measuredEfforts, resolveEffort, type Scaling } from "./scaling.ts";
import { speedAt, Targets, type Speed, type TargetOptions } from "./targets.ts";
import { totalSeconds, type Time } from "./time.ts";
import { walkSteps, type Walk } from "./walk.ts";

export { TOKEN_CLASSES, type PricedLine, type TokenClass };

export const DAYS_PER_MONTH = 30;

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
  warnings: Warning[];
}

/** Cost and time of one run of `workload` with `model` as its default model. */
export function estimate(workload: Workload, registry: Registry, model: string | undefined, options: EstimateOptions): Estimate {
  const label = workload.label ?? "workload";
  const targets = new Targets(workload, registry, model, options);
  const walk = walkSteps(workload.root, targets, "point");
  const main = targets.main();
  const billed = bill(walk.ledger, main.id);
  const scalings = distinct(targets.used.map((t) => t.scaling), main.id);
  const scaling = scalings[0]!;

  let band: Estimate["band"];
  if (scalings.some(hasBand)) {
    const low = billTotal(walkSteps(workload.root, targets, "low").ledger);
    const high = billTotal(walkSteps(workload.root, targets, "high").ledger);
    if (low.cmp(billed.cost.total) !== 0 || high.cmp(billed.cost.total) !== 0) band = { low, high };
  }

  const serviceTier = options.serviceTier ?? workload.serviceTier ?? "standard";
  let total = totalSeconds(walk.time);
  if (![walk.time.ttft, walk.time.generation, walk.time.tools, total ?? 0].every(Number.isFinite)) {
    throw new TokencostError("WORKLOAD", `${label}: the time per run is too large to represent (check toolSeconds, turns and repeat)`);
  }
  if (serviceTier === "batch") total = null;

  const result: Estimate = {
    model: main,
    status: statusAt(main, options.at),
    at: options.at,
    serviceTier,
    effort: scaling.candidate.effort,
    scaling,
    scalings,
    speed: targets.used.find((t) => t.pricing.model.id === main.id)?.speed ?? speedAt(main, null),
    lines: billed.lines,
    tokens: billed.tokens,
    cost: billed.cost,
    time: { total: nano(total), ttft: nano(walk.time.ttft), generation: nano(walk.time.generation), tools: nano(walk.time.tools), calls: walk.calls },
    fits: walk.overflow === undefined,
    warnings: gatherWarnings(targets, walk, billed, serviceTier, scalings),
  };
  if (band) result.band = band;
  if (walk.overflow) result.overflow = walk.overflow;
  if (workload.runs) {
    const runs = BigInt(runsPerMonth(workload.runs));
    result.perMonth = { runs, usd: billed.cost.total.mul(runs), seconds: total === null ? null : nano(total * Number(runs)) };
    if (band) result.perMonth.band = { low: band.low.mul(runs), high: band.high.mul(runs) };
  }
  // Exact arithmetic has no ceiling, a report's numbers do: beyond ~1e308 they would print as
  // Infinity or null, which is worse than saying so.
  const figures = [
    ...Object.values(billed.tokens).map(Number),
    billed.cost.total.toNumber(),
    ...(band ? [band.high.toNumber()] : []),
    ...(result.perMonth ? [result.perMonth.usd.toNumber(), result.perMonth.seconds ?? 0, result.perMonth.band?.high.toNumber() ?? 0] : []),
  ];
  if (!figures.every(Number.isFinite)) {
    throw new TokencostError("WORKLOAD", `${label}: the totals are too large to represent (check repeat, requests and runs)`);
  }
  return result;
}

/**
 * compare --effort all: the efforts at which `candidate` has a measurement in common with where
 * the workload's tokens were measured (null: its unnamed default). Empty when nothing scales.
 */
export function effortsToCompare(workload: Workload, registry: Registry, candidate: Model, options: EstimateOptions): (Effort | null)[] {
  if (options.sameTokens) return [];
  const ref: { name: string; effort?: Effort | undefined } | undefined = options.measuredOn ?? workload.measuredOn ?? workload.model;
  if (!ref) return [];
  const model = registry.get(ref.name, options.measuredOn ? "--measured-on" : `${workload.label ?? "workload"}: ${workload.measuredOn ? "measuredOn" : "model"}`);
  const effort = resolveEffort(model, ref.effort ?? workload.effort).effort;
  return measuredEfforts({ model, effort }, candidate);
}

/** One per reference × candidate × efforts, the main model's first (in workload order). */
function distinct(all: readonly Scaling[], mainId: string): Scaling[] {
  const seen = new Set<string>();
  const out = all.filter((s) => {
    const key = JSON.stringify([s.reference, s.candidate, s.kind]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const i = out.findIndex((s) => s.candidate.model === mainId);
  if (i > 0) out.unshift(...out.splice(i, 1));
  return out;
}

/** The fourth seam: what a reader of the numbers must know, each said once. */
function gatherWarnings(targets: Targets, walk: Walk, billed: ReturnType<typeof bill>, serviceTier: string, scalings: readonly Scaling[]): Warning[] {
  const warnings: Warning[] = [...billed.warnings, ...targets.warnings()];
  for (const s of scalings) warnings.push(...scalingNotices(s, billed));
  const time: Time = walk.time;
  for (const id of time.unknownSpeed) warnings.push(warning("SPEED_UNKNOWN", `${id}: no output-speed figure, so the time is unknown`, id));
  for (const id of time.missingTtft) warnings.push(warning("TTFT_UNKNOWN", `${id}: time to first token unknown; counted as 0 s`, id));
  if (billed.cost.total.isZero() && Object.values(billed.tokens).every((n) => n === 0n)) {
    warnings.push(warning("NO_TOKENS", "the workload has no tokens: its cost is $0 by construction"));
  }
  if (serviceTier === "batch") {
    warnings.push(warning("BATCH_LATENCY", "batch requests complete asynchronously (within 24 h): time per run is not estimated"));
  }
  if (walk.overflow) warnings.push(warning("CONTEXT", describeOverflow(walk.overflow), walk.overflow.model));
  return dedupe(warnings);
}

function scalingNotices(s: Scaling, billed: ReturnType<typeof bill>): Warning[] {
  const id = s.candidate.model;
  const reasoning = billed.lines.filter((l) => l.model === id && l.cls === "reasoning").reduce((n, l) => n + l.tokens, 0n);
  const ref = s.reference ? `${s.reference.model}${s.reference.effort ? `@${s.reference.effort}` : ""}` : "";
  switch (s.kind) {
    case "same-tokens":
      return reasoning === 0n || !s.spendsNoReasoning
        ? []
        : [warning("REASONING_KEPT", `${id} does not reason, but --same-tokens bills it ${groupDigits(reasoning)} reasoning tokens per run`, id)];
    case "no-common":
      return [warning("NO_COMMON_MEASUREMENT", `${id}: no token measurement in common with ${ref}: priced on the tokens as measured there`, id)];
    default:
      return [];
  }
}

// Seconds are floats (0.1 + 0.2 ≠ 0.3); rounded to the nanosecond, sums of short steps
// compare with a limit the way the user wrote it.
function nano<T extends number | null>(seconds: T): T {
  if (seconds === null || Math.abs(seconds) > 1e12) return seconds; // nothing left to round there
  return (Math.round(seconds * 1e9) / 1e9) as T;
}



export function describeOverflow(o: Overflow & { path: string }): string {
  const what = o.kind === "context" ? "context window" : o.kind === "input" ? "input limit" : "output limit";
  const at = o.path === "(top level)" ? "" : ` (${o.path})`;
  return `${o.model}: turn ${o.turn}${at} needs ${groupDigits(o.size)} tokens, over its ${groupDigits(o.limit)}-token ${what}`;
}

function dedupe(ws: Warning[]): Warning[] {
  const seen = new Set<string>();
  return ws.filter((w) => (seen.has(w.message) ? false : (seen.add(w.message), true)));
}
