import { TOKEN_CLASSES } from "../engine/estimate.ts";
import type { Report, ScalingInfo } from "./report.ts";

// One row per model, plain numbers (USD, seconds), for spreadsheets. RFC 4180 quoting.

// Module-level patterns: a literal inside a function is a new RegExp at every call (every cell).
const FRACTION_ZEROS = /\.?0+$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\n\r]/;
const UPPER = /[A-Z]/g;

/** A number as a spreadsheet reads it: plain decimals, no float noise, no exponent. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  // Nine decimals hold a nano-dollar and a nanosecond; the float noise beyond them goes.
  return n.toFixed(9).replace(FRACTION_ZEROS, "");
}

// A text cell that starts like a formula (=HYPERLINK(…), +, -, @) is run by spreadsheets:
// a leading ' keeps it text. Numbers are numbers.
const inert = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? "" : typeof v === "number" ? plainNumber(v) : inert(String(v));
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const snake = (name: string) => name.replace(UPPER, (c) => `_${c.toLowerCase()}`);

export const toCsv = (rows: readonly (readonly unknown[])[]): string => `${rows.map((row) => row.map(cell).join(",")).join("\n")}\n`;

const scalingCells = (s: ScalingInfo) => [s.kind, s.reference?.model, s.reference?.effort, s.output, s.reasoning, s.answer, s.reasoningPerAnswer ?? 0, s.input, s.basis];

export function renderCsv(report: Report): string {
  const head = [
    "workload", "model", "provider", "service_tier", "usd_per_run", "seconds_per_run", "calls",
    ...TOKEN_CLASSES.map((c) => `${snake(c)}_tokens`), ...TOKEN_CLASSES.map((c) => `${snake(c)}_usd`),
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
