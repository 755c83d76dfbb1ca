import { Decimal } from "../decimal.ts";
import type { Estimate } from "./estimate.ts";

// SPEC §5 diff: the same model (or each side's own) before and after a change, and whether the
// increase passes a threshold. Deltas are exact; percentages are of the base cost.

export interface Thresholds {
  /** Fail when the cost per run rises by more than this many percent. */
  percent?: number;
  /** Fail when the cost per run rises by more than this many USD. */
  usd?: number;
}

export interface Side {
  model: string;
  usd: Decimal;
  seconds: number | null;
  perMonth: Decimal | null;
}

export interface Diff {
  base: Side;
  head: Side;
  deltaUsd: Decimal;
  /** null when the base cost is zero. */
  deltaPercent: number | null;
  deltaSeconds: number | null;
  deltaPerMonth: Decimal | null;
  /** Thresholds the increase passed, in words; empty when it passes none. */
  failures: string[];
}

const side = (e: Estimate): Side => ({
  model: e.model.id,
  usd: e.cost.total,
  seconds: e.time.total,
  perMonth: e.perMonth?.usd ?? null,
});

export function diffEstimates(base: Estimate, head: Estimate, thresholds: Thresholds): Diff {
  const b = side(base);
  const h = side(head);
  const deltaUsd = h.usd.sub(b.usd);
  const deltaPercent = b.usd.isZero() ? null : (deltaUsd.toNumber(12) / b.usd.toNumber(12)) * 100;
  const failures: string[] = [];
  if (deltaUsd.cmp(Decimal.ZERO) > 0) {
    // From nothing to something is an infinite increase: it passes any percentage.
    if (thresholds.percent !== undefined && (deltaPercent === null || deltaPercent > thresholds.percent)) {
      failures.push(`+${deltaPercent === null ? "∞" : deltaPercent.toFixed(1)}% > ${thresholds.percent}%`);
    }
    if (thresholds.usd !== undefined && deltaUsd.cmp(Decimal.from(thresholds.usd)) > 0) {
      failures.push(`+$${deltaUsd.toString()} > $${thresholds.usd}`);
    }
  }
  return {
    base: b,
    head: h,
    deltaUsd,
    deltaPercent,
    deltaSeconds: b.seconds === null || h.seconds === null ? null : h.seconds - b.seconds,
    deltaPerMonth: b.perMonth && h.perMonth ? h.perMonth.sub(b.perMonth) : null,
    failures,
  };
}
