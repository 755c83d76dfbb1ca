import { TOKEN_CLASSES } from "../engine/estimate.ts";
import type { Report, ScalingInfo } from "./report.ts";

// One row per model, plain numbers (USD, seconds), for spreadsheets. RFC 4180 quoting.

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const toCsv = (rows: readonly (readonly unknown[])[]): string => `${rows.map((row) => row.map(cell).join(",")).join("\n")}\n`;

const scalingCells = (s: ScalingInfo) => [s.kind, s.reference?.model, s.reference?.effort, s.output, s.reasoning, s.answer, s.reasoningPerAnswer ?? 0, s.input, s.basis];

export function renderCsv(report: Report): string {
  const head = [
    "workload", "model", "provider", "service_tier", "usd_per_run", "seconds_per_run", "calls",
    ...TOKEN_CLASSES.map((c) => `${c}_tokens`), ...TOKEN_CLASSES.map((c) => `${c}_usd`),
    "runs_per_month", "usd_per_month", "times_cheapest", "fits", "prices_as_of",
    "effort", "scaling", "reference_model", "reference_effort", "output_factor", "reasoning_factor", "answer_factor", "reasoning_per_answer", "input_factor",
    "basis", "usd_per_run_low", "usd_per_run_high",
  ];
  const rows = report.results.map((r) => [
    report.workload.name, r.model, r.provider, r.serviceTier, r.usdExact, r.seconds.total, r.calls,
    ...TOKEN_CLASSES.map((c) => r.tokens[c]), ...TOKEN_CLASSES.map((c) => r.cost[c]),
    r.perMonth?.runs, r.perMonth?.usdExact, r.timesCheapest, r.fits, r.pricesAsOf,
    r.effort, ...scalingCells(r.tokens.scaling), r.cost.low, r.cost.high,
  ]);
  return toCsv([head, ...rows]);
}
