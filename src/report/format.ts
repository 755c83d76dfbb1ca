import { groupDigits } from "../text.ts";

// Numbers as people read them. Money keeps its precision by magnitude: a per-call cost of
// $0.0000167 must never print as $0.00.

/** toFixed text without the trailing zeros past `keep` decimals: ("0.067500000", 2) → "0.0675". */
function trimZeros(fixed: string, keep: number): string {
  // By hand, not a regular expression: a table formats ~100 amounts and ~300 rates, cold.
  const dot = fixed.indexOf(".");
  if (dot < 0) return fixed;
  let end = fixed.length;
  while (end > dot + 1 + keep && fixed.charCodeAt(end - 1) === 48) end--;
  return end === fixed.length ? fixed : fixed.slice(0, end);
}

export function formatUsd(n: number): string {
  if (n === 0) return "$0.00";
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  if (abs >= 1) {
    // toFixed turns to exponent notation from 1e21 on; such amounts have no cents worth showing.
    if (abs >= 1e15) return `${sign}$${groupDigits(BigInt(Math.round(abs)))}`;
    const [whole, cents] = abs.toFixed(2).split(".");
    return `${sign}$${groupDigits(BigInt(whole!))}.${cents}`;
  }
  // Four significant digits below a dollar (down to the nano-dollar), without trailing zeros
  // that no digit of the amount asked for: $0.000009, $0.0675, $0.30.
  const decimals = Math.min(9, Math.max(2, 3 - Math.floor(Math.log10(abs))));
  return `${sign}$${trimZeros(abs.toFixed(decimals), 2)}`;
}

/** Like formatUsd: "$0.0004", "$1.50" (kept for the signed amounts below). */
export const formatUsdShort = formatUsd;

/** A signed amount: "+$0.012", "-$1.50", "$0.00". */
export const formatUsdDelta = (n: number): string => (n > 0 ? `+${formatUsdShort(n)}` : formatUsdShort(n));

/** "+23.4%", "-5.0%", "±0%", or "new" when there was nothing before. */
export const formatPercentDelta = (p: number | null): string =>
  p === null ? "new" : p === 0 ? "±0%" : `${p > 0 ? "+" : ""}${p.toFixed(1)}%`;

/** "+35s", "-1m 2s". */
export const formatSecondsDelta = (s: number | null): string =>
  s === null ? "unknown" : `${s > 0 ? "+" : s < 0 ? "-" : "±"}${formatSeconds(Math.abs(s))}`;

export function formatSeconds(s: number | null): string {
  if (s === null) return "unknown";
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)}s`;
  const total = Math.round(s);
  if (total < 3600) return `${Math.floor(total / 60)}m ${total % 60}s`;
  if (total < 86_400) return `${Math.floor(total / 3600)}h ${Math.floor((total % 3600) / 60)}m`;
  return `${Math.floor(total / 86_400)}d ${Math.floor((total % 86_400) / 3600)}h`;
}

export const formatInt = (n: number | bigint): string => groupDigits(typeof n === "number" ? BigInt(Math.round(n)) : n);

/** Rates per million tokens: "1.50", "0.075", "0.003625". */
export function formatRate(n: number): string {
  // Two decimals at least, six at most, no trailing zeros beyond the cents: 1.50, 0.075, 0.003625.
  if (n >= 1e15) return groupDigits(BigInt(Math.round(n)));
  const fixed = trimZeros(n.toFixed(6), 2);
  const dot = fixed.indexOf(".");
  return dot > 3 ? groupDigits(BigInt(fixed.slice(0, dot))) + fixed.slice(dot) : fixed;
}


export function formatRatio(n: number | null): string {
  if (n === null) return "—";
  if (!Number.isFinite(n)) return "∞×";
  return `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : groupDigits(BigInt(Math.round(n)))}×`;
}
