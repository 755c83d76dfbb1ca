import { Decimal } from "../decimal.ts";
import { percentAt, percentOf, percentScientific } from "./percent.ts";
import type { Estimate } from "./estimate.ts";

// SPEC §5 diff: the same model (or each side's own) before and after a change, and whether an
// increase passes a threshold. Money and its comparisons are exact; percentages are of the
// base. The percentage threshold holds for the cost per run and, where both sides set runs,
// for the cost per month (more runs is a cost increase too); the USD threshold is per run.

export interface Thresholds {
  /** Fail when the cost per run (or per month) rises by more than this many percent. */
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
  /** null when the cost goes from zero to more than zero. */
  deltaPercent: number | null;
  deltaSeconds: number | null;
  deltaSecondsPercent: number | null;
  deltaPerMonth: Decimal | null;
  deltaPerMonthPercent: number | null;
  /** Thresholds an increase passed, in words; empty when it passes none. */
  failures: string[];
}

const side = (e: Estimate): Side => ({
  model: e.model.id,
  usd: e.cost.total,
  seconds: e.time.total,
  perMonth: e.perMonth?.usd ?? null,
});

/** (head − base) / base in percent, from the exact amounts; 0 for 0 → 0, null for 0 → more. */
function percent(base: Decimal, delta: Decimal): number | null {
  if (base.isZero()) return delta.isZero() ? 0 : null;
  return percentOf(delta, base);
}

/**
 * Enough decimals that a percentage reads as above its threshold: "+10.04%", not "+10.0%". A
 * failure is decided on the exact amounts, so some number of decimals shows it; a rise past a
 * million percent reads as a power of ten.
 */
function percentText(base: Decimal, delta: Decimal, threshold: number): string {
  if (base.isZero()) return "new cost";
  if (percentOf(delta, base)! >= 1e6 && threshold < 1e6) return `+${percentScientific(delta, base)}%`;
  const max = Decimal.from(threshold);
  for (let digits = 1; ; digits++) {
    const p = percentAt(delta, base, digits);
    if (p.cmp(max) !== 0) return `+${p.toFixed(digits)}%`;
  }
}

/** Seconds are floats, but a float quotient still overflows on a vanishing base time. */
const secondsPercent = (delta: number, base: number): number | null =>
  Number.isFinite(delta) && Number.isFinite(base) ? percentOf(Decimal.from(delta), Decimal.from(base)) : null;

export function diffEstimates(base: Estimate, head: Estimate, thresholds: Thresholds): Diff {
  const b = side(base);
  const h = side(head);
  const deltaUsd = h.usd.sub(b.usd);
  const deltaPerMonth = b.perMonth && h.perMonth ? h.perMonth.sub(b.perMonth) : null;
  const deltaPercent = percent(b.usd, deltaUsd);
  const deltaPerMonthPercent = deltaPerMonth && b.perMonth ? percent(b.perMonth, deltaPerMonth) : null;
  const failures: string[] = [];

  // delta / base > P / 100 ⇔ delta × 100 > P × base: exact, so a rise of exactly P% passes.
  const abovePercent = (from: Decimal, delta: Decimal, p: number) =>
    delta.cmp(Decimal.ZERO) > 0 && delta.mul(100n).cmp(Decimal.from(p).mul(from)) > 0;
  if (thresholds.percent !== undefined) {
    const p = thresholds.percent;
    if (abovePercent(b.usd, deltaUsd, p)) failures.push(`cost per run ${percentText(b.usd, deltaUsd, p)} > ${p}%`);
    if (deltaPerMonth && b.perMonth && abovePercent(b.perMonth, deltaPerMonth, p)) {
      failures.push(`cost per month ${percentText(b.perMonth, deltaPerMonth, p)} > ${p}%`);
    }
  }
  if (thresholds.usd !== undefined && deltaUsd.cmp(Decimal.from(thresholds.usd)) > 0) {
    failures.push(`cost per run +$${deltaUsd.toString()} > $${thresholds.usd}`);
  }

  const deltaSeconds = b.seconds === null || h.seconds === null ? null : h.seconds - b.seconds;
  return {
    base: b,
    head: h,
    deltaUsd,
    deltaPercent,
    deltaSeconds,
    deltaSecondsPercent: deltaSeconds === null || !b.seconds ? null : secondsPercent(deltaSeconds, b.seconds),
    deltaPerMonth,
    deltaPerMonthPercent,
    failures,
  };
}
