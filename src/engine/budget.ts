import { Decimal } from "../decimal.ts";
import type { Budget } from "../workload/types.ts";
import type { Estimate } from "./estimate.ts";

// SPEC §5: each limit of a budget, checked against one estimate. Money compares exactly.

export const LIMITS = ["usdPerRun", "secondsPerRun", "usdPerMonth"] as const;
export type LimitKind = (typeof LIMITS)[number] | "contextTokens";

export interface Check {
  limit: LimitKind;
  /** The estimate's value; null when it cannot be known (a model without a speed figure). */
  value: number | null;
  max: number;
  /** max − value: the headroom, negative when over. */
  margin: number | null;
  /** Money only: value and margin as exact decimals. */
  valueExact?: string;
  marginExact?: string;
  pass: boolean;
  /** Where the limit came from. */
  from: "flag" | "workload" | "model";
  /** Why a check failed without a value. */
  note?: string;
}

/** Flags win over the workload's budget, limit by limit. */
export function mergeBudgets(workload: Budget | undefined, flags: Budget): { budget: Budget; from: Record<string, "flag" | "workload"> } {
  const budget: Budget = {};
  const from: Record<string, "flag" | "workload"> = {};
  for (const kind of LIMITS) {
    const flag = flags[kind];
    const own = workload?.[kind];
    if (flag !== undefined) [budget[kind], from[kind]] = [flag, "flag"];
    else if (own !== undefined) [budget[kind], from[kind]] = [own, "workload"];
  }
  return { budget, from };
}

export function checkBudget(e: Estimate, budget: Budget, from: Record<string, "flag" | "workload">): Check[] {
  const checks: Check[] = [];
  const money = (limit: "usdPerRun" | "usdPerMonth", value: Decimal, max: number) => {
    const cap = Decimal.from(max);
    const margin = cap.sub(value);
    checks.push({
      limit,
      value: value.toNumber(),
      max,
      margin: margin.toNumber(),
      valueExact: value.toString(),
      marginExact: margin.toString(),
      pass: value.cmp(cap) <= 0,
      from: from[limit]!,
    });
  };
  if (budget.usdPerRun !== undefined) money("usdPerRun", e.cost.total, budget.usdPerRun);
  if (budget.secondsPerRun !== undefined) {
    const max = budget.secondsPerRun;
    const value = e.time.total;
    if (value === null) {
      // A time limit that cannot be verified must not pass silently.
      checks.push({ limit: "secondsPerRun", value: null, max, margin: null, pass: false, from: from.secondsPerRun!, note: "time unknown" });
    } else {
      checks.push({ limit: "secondsPerRun", value, max, margin: max - value, pass: value <= max, from: from.secondsPerRun! });
    }
  }
  if (budget.usdPerMonth !== undefined) {
    if (e.perMonth) money("usdPerMonth", e.perMonth.usd, budget.usdPerMonth);
    // Without runs there is no month to check: that must not pass silently either.
    else checks.push({ limit: "usdPerMonth", value: null, max: budget.usdPerMonth, margin: null, pass: false, from: from.usdPerMonth!, note: "no runs in the workload" });
  }
  if (e.overflow) {
    const { size, limit } = e.overflow;
    checks.push({ limit: "contextTokens", value: size, max: limit, margin: limit - size, pass: false, from: "model" });
  }
  return checks;
}
