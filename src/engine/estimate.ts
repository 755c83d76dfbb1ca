import { Decimal } from "../decimal.ts";
import { isTokencostError, TokencostError } from "../errors.ts";
import { BILLED_CLASSES, CLASS_NAMES, priceModel, type BilledClass, type ModelPricing } from "../pricing/price-at.ts";
import { statusAt } from "../pricing/lifecycle.ts";
import type { ModelStatus } from "../pricing/schema.ts";
import type { Model, Registry } from "../pricing/registry.ts";
import { formatPath } from "../text.ts";
import { warning, type Warning } from "../warnings.ts";
import type { ModelPin, Runs, Step, Workload } from "../workload/types.ts";
import { expandAgent, expandCall, type Expansion, type Overflow } from "./agent.ts";
import { Ledger } from "./ledger.ts";
import { addTime, callsTime, longestTime, scaleTime, totalSeconds, zeroTime, type Time } from "./time.ts";
import { byText, groupDigits } from "../text.ts";

/** The five token classes of SPEC §4; 1-hour cache writes report as cacheWrite. */
export const TOKEN_CLASSES = ["input", "cachedInput", "cacheWrite", "output", "reasoning"] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

export const DAYS_PER_MONTH = 30;

/** SPEC §5: a month is 30 days of daily runs. */
export const runsPerMonth = (runs: Runs): number => runs.count * (runs.per === "day" ? DAYS_PER_MONTH : 1);

export interface EstimateOptions {
  /** YYYY-MM-DD: whose prices. */
  at: string;
  /** Overrides the workload's service tier. */
  serviceTier?: string | undefined;
  /** Price retired models instead of refusing them. */
  allowRetired?: boolean;
}

export interface PricedLine {
  model: string;
  /** "base" or the tier's threshold (">200K"). */
  band: string;
  cls: BilledClass;
  tokens: bigint;
  /** USD per million tokens after the service-tier multiplier. */
  ratePerMillion: Decimal;
  usd: Decimal;
}

export interface Estimate {
  /** The model the workload runs on where no step pins another. */
  model: Model;
  /** The model's status on `at`. */
  status: ModelStatus;
  at: string;
  serviceTier: string;
  lines: PricedLine[];
  tokens: Record<TokenClass, bigint>;
  cost: Record<TokenClass | "total", Decimal>;
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
  perMonth?: { runs: bigint; usd: Decimal; seconds: number | null };
  warnings: Warning[];
}

/** Cost and time of one run of `workload` with `model` as its default model. */
export function estimate(workload: Workload, registry: Registry, model: string | undefined, options: EstimateOptions): Estimate {
  const serviceTier = options.serviceTier ?? workload.serviceTier;
  const label = workload.label ?? "workload";
  const pricings = new Map<string, ModelPricing>();

  // `where` names the place in the workload that chose a model ("" when --model did).
  const prefix = (where: string) => (where ? `${where}: ` : "");
  const priced = (m: Model, where: string): ModelPricing => {
    let p = pricings.get(m.id);
    if (!p) {
      if (statusAt(m, options.at) === "retired" && !options.allowRetired) {
        const instead = m.replacement ? ` — its replacement is ${m.replacement}` : "";
        throw new TokencostError(
          "RETIRED",
          `${prefix(where)}${m.id} was retired${m.deprecationDate ? ` on ${m.deprecationDate}` : ""}${instead}`,
          "pass --allow-retired to price it anyway",
        );
      }
      try {
        p = priceModel(m, { at: options.at, serviceTier });
      } catch (e) {
        if (isTokencostError(e)) throw new TokencostError(e.code, `${prefix(where)}${e.message}`, e.hint);
        throw e;
      }
      pricings.set(m.id, p);
    }
    return p;
  };

  const defaultName = model ?? workload.model?.name;
  const defaultWhere = model === undefined && workload.model ? `${label}: model` : "";
  const defaultModel = defaultName === undefined ? undefined : registry.get(defaultName, defaultWhere);
  const pinnedModels = new Map<ModelPin, Model>();
  const resolve = (pin: ModelPin | undefined): ModelPricing => {
    if (pin === undefined) {
      if (!defaultModel) {
        throw new TokencostError(
          "NO_MODEL",
          `${label}: no model to price it on — pass --model ID, or add "model" to the workload`,
        );
      }
      return priced(defaultModel, defaultWhere);
    }
    const where = `${label}: ${formatPath(pin.path)}`;
    let m = pinnedModels.get(pin);
    if (!m) {
      m = registry.get(pin.name, where);
      pinnedModels.set(pin, m);
    }
    return priced(m, where);
  };

  const ledger = new Ledger();
  let overflow: (Overflow & { path: string }) | undefined;
  let calls = 0n;

  const record = (exp: Expansion, pricing: ModelPricing, times: bigint, path: Step["path"]) => {
    for (const [band, tokens] of exp.bands) ledger.add(pricing, band, tokens, times);
    calls += exp.calls * times;
    if (exp.overflow && !overflow) overflow = { ...exp.overflow, path: formatPath(path) };
  };

  // Returns the time of one execution of `step`; the ledger gets `times` executions.
  const walk = (step: Step, pin: ModelPin | undefined, times: bigint): Time => {
    const here = step.model ?? pin;
    switch (step.kind) {
      case "call": {
        const pricing = resolve(here);
        const n = BigInt(step.requests);
        record(expandCall(step, pricing), pricing, times * n, step.path);
        return callsTime(pricing, n, BigInt(step.output) + BigInt(step.reasoning), step.toolSeconds);
      }
      case "agent": {
        const pricing = resolve(here);
        record(expandAgent(step, pricing), pricing, times, step.path);
        const { output, reasoning, toolSeconds } = step.perTurn;
        return callsTime(pricing, BigInt(step.turns), BigInt(output) + BigInt(reasoning), toolSeconds);
      }
      case "parallel":
        return longestTime(step.branches.map((b) => walk(b, here, times)));
      case "sequence": {
        const n = BigInt(step.repeat);
        const once = step.steps.reduce((t, s) => addTime(t, walk(s, here, times * n)), zeroTime());
        return scaleTime(once, step.repeat);
      }
    }
  };

  const time = walk(workload.root, undefined, 1n);
  const main = defaultModel ?? [...pinnedModels.values()][0]!;

  const lines: PricedLine[] = [];
  const tokens = { input: 0n, cachedInput: 0n, cacheWrite: 0n, output: 0n, reasoning: 0n } as Record<TokenClass, bigint>;
  const cost = { input: Decimal.ZERO, cachedInput: Decimal.ZERO, cacheWrite: Decimal.ZERO, output: Decimal.ZERO, reasoning: Decimal.ZERO, total: Decimal.ZERO } as Record<TokenClass | "total", Decimal>;
  const warnings: Warning[] = [];

  // The default model's lines first, then pinned models; within a model by band, then class.
  const order = (l: ReturnType<Ledger["entries"]>[number]) => [l.pricing.model.id === main.id ? 0 : 1, l.pricing.model.id, l.band] as const;
  const entries = ledger.entries().sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || byText(x[1], y[1]) || x[2] - y[2];
  });
  for (const line of entries) {
    const band = line.pricing.bands[line.band]!;
    for (const cls of BILLED_CLASSES) {
      const n = line.tokens[cls];
      const rate = band.rates[cls].mul(line.pricing.multiplier);
      if (n === 0n) continue;
      const usd = rate.mul(n).shift(6);
      lines.push({ model: line.pricing.model.id, band: band.label, cls, tokens: n, ratePerMillion: rate, usd });
      const reportAs: TokenClass = cls === "cacheWrite1h" ? "cacheWrite" : cls;
      tokens[reportAs] += n;
      cost[reportAs] = cost[reportAs].add(usd);
      cost.total = cost.total.add(usd);
      if (band.unknown.includes(cls)) {
        const where = band.label === "base" ? "" : ` (prompts ${band.label})`;
        warnings.push(warning("RATE_UNKNOWN", `${line.pricing.model.id}: the ${CLASS_NAMES[cls]} rate${where} is unknown; priced at $${band.rates[cls].toString()} per million`, line.pricing.model.id));
      } else if (band.fallback.includes(cls)) {
        warnings.push(warning("NO_1H_CACHE_RATE", `${line.pricing.model.id}: no 1-hour cache-write rate; priced at its default cache-write rate`, line.pricing.model.id));
      }
    }
  }

  for (const p of pricings.values()) warnings.push(...p.notices);
  for (const id of time.unknownSpeed) warnings.push(warning("SPEED_UNKNOWN", `${id}: no output-speed figure, so the time is unknown`, id));
  for (const id of time.missingTtft) warnings.push(warning("TTFT_UNKNOWN", `${id}: time to first token unknown; counted as 0 s`, id));
  if (cost.total.isZero() && Object.values(tokens).every((n) => n === 0n)) {
    warnings.push(warning("NO_TOKENS", "the workload has no tokens: its cost is $0 by construction"));
  }
  const effectiveTier = serviceTier ?? "standard";
  let total = totalSeconds(time);
  if (![time.ttft, time.generation, time.tools, total ?? 0].every(Number.isFinite)) {
    throw new TokencostError("WORKLOAD", `${label}: the time per run is too large to represent (check toolSeconds, turns and repeat)`);
  }
  if (effectiveTier === "batch") {
    total = null;
    warnings.push(warning("BATCH_LATENCY", "batch requests complete asynchronously (within 24 h): time per run is not estimated"));
  }
  if (overflow) warnings.push(warning("CONTEXT", describeOverflow(overflow), overflow.model));

  const result: Estimate = {
    model: main,
    status: statusAt(main, options.at),
    at: options.at,
    serviceTier: effectiveTier,
    lines,
    tokens,
    cost,
    time: { total: nano(total), ttft: nano(time.ttft), generation: nano(time.generation), tools: nano(time.tools), calls },
    fits: overflow === undefined,
    warnings: dedupe(warnings),
  };
  if (overflow) result.overflow = overflow;
  if (workload.runs) {
    const runs = BigInt(runsPerMonth(workload.runs));
    result.perMonth = { runs, usd: cost.total.mul(runs), seconds: total === null ? null : nano(total * Number(runs)) };
  }
  // Exact arithmetic has no ceiling, a report's numbers do: beyond ~1e308 they would print as
  // Infinity or null, which is worse than saying so.
  const figures = [
    ...Object.values(tokens).map(Number),
    cost.total.toNumber(),
    ...(result.perMonth ? [result.perMonth.usd.toNumber(), result.perMonth.seconds ?? 0] : []),
  ];
  if (!figures.every(Number.isFinite)) {
    throw new TokencostError("WORKLOAD", `${label}: the totals are too large to represent (check repeat, requests and runs)`);
  }
  return result;
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
