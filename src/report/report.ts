import { runsPerMonth, TOKEN_CLASSES, type Estimate, type TokenClass } from "../engine/estimate.ts";
import type { Overflow } from "../engine/agent.ts";
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

export interface ReportResult {
  model: string;
  name: string;
  provider: string;
  status: string;
  pricesAsOf: string | null;
  source: string | null;
  serviceTier: string;
  tokens: Record<TokenClass, number>;
  cost: Record<TokenClass | "total", number>;
  usdExact: string;
  lines: ReportLine[];
  seconds: { total: number | null; ttft: number; generation: number; tools: number };
  calls: number;
  speed: { outputTokensPerSecond: number | null; timeToFirstTokenSeconds: number | null };
  perMonth?: { runs: number; usd: number; usdExact: string; seconds: number | null };
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
  /** compare: the order of results. */
  sort?: SortKey;
  results: ReportResult[];
  /** Models left out of a comparison, and why. */
  skipped?: { model: string; reason: string }[];
}

export function resultOf(e: Estimate): ReportResult {
  const m = e.model;
  const tokens = Object.fromEntries(TOKEN_CLASSES.map((c) => [c, Number(e.tokens[c])])) as Record<TokenClass, number>;
  const cost = Object.fromEntries([...TOKEN_CLASSES, "total" as const].map((c) => [c, e.cost[c].toNumber()])) as ReportResult["cost"];
  const r: ReportResult = {
    model: m.id,
    name: m.name,
    provider: m.provider,
    status: e.status,
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
    speed: {
      outputTokensPerSecond: m.speed?.outputTokensPerSecond ?? null,
      timeToFirstTokenSeconds: m.speed?.timeToFirstTokenSeconds ?? null,
    },
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
  }
  if (e.overflow) r.overflow = e.overflow;
  return r;
}

export type SortKey = "cost" | "time";

const byCost = (a: ReportResult, b: ReportResult) => a.cost.total - b.cost.total;
const byTime = (a: ReportResult, b: ReportResult) =>
  (a.seconds.total ?? Infinity) - (b.seconds.total ?? Infinity) || byCost(a, b);

/** Models that fit first, then by cost or by time (unknown times last), then by id. */
export function sortResults(results: readonly ReportResult[], sort: SortKey): ReportResult[] {
  return [...results].sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      (sort === "time" ? byTime(a, b) : byCost(a, b) || byTime(a, b)) ||
      byText(a.model, b.model),
  );
}

/** Marks the cheapest and the fastest model that fits, and each cost as a multiple of the cheapest. */
export function markResults(results: ReportResult[]): ReportResult[] {
  const fitting = results.filter((r) => r.fits);
  const cheapest = [...fitting].sort(byCost)[0];
  const fastest = fitting.filter((r) => r.seconds.total !== null).sort(byTime)[0];
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
