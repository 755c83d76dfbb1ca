import { Decimal } from "../decimal.ts";
import type { Check, LimitKind } from "../engine/budget.ts";
import { percentOf, percentScientific } from "../engine/percent.ts";
import { toCsv } from "./csv.ts";
import { exactUsd } from "./exact-usd.ts";
import { formatInt, formatSeconds, formatUsd, formatUsdShort } from "./format.ts";
import { mdTable } from "./markdown.ts";
import { plain, type Paint } from "./paint.ts";
import type { Format } from "./formats.ts";
import type { ReportResult, WorkloadInfo } from "./report.ts";
import { SCHEMA_VERSION } from "./report.ts";
import { newTable } from "./table.ts";
import { toJson } from "./json.ts";

// `tokencost check`: one row per workload × model × limit, and a one-line verdict.

export interface CheckRow extends Check {
  workload: string;
  path?: string;
  model: string;
}

export interface CheckReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "check";
  at: string;
  registryAsOf: string | null;
  monthDays: number;
  workloads: WorkloadInfo[];
  results: (ReportResult & { workload: string })[];
  checks: CheckRow[];
  summary: { checks: number; failed: number };
}

const LIMIT_LABELS: Record<LimitKind, string> = {
  usdPerRun: "cost per run",
  secondsPerRun: "time per run",
  usdPerMonth: "cost per month",
  contextTokens: "context window",
};

function amount(limit: LimitKind, n: number | null, format = formatUsd): string {
  if (n === null) return "unknown";
  if (limit === "secondsPerRun") return formatSeconds(n);
  if (limit === "contextTokens") return `${formatInt(n)} tokens`;
  return format(n);
}

/** "$0.0058 under (0.8%)", "4s over (1.3%)", "at the limit". */
export function marginText(c: Check): string {
  if (c.margin === null) return c.note ?? "—";
  if (c.margin === 0 && c.pass) return "at the limit";
  const abs = Math.abs(c.margin);
  const pct = marginPercent(c);
  let text = amount(c.limit, abs, formatUsdShort);
  // Too small to show at display precision: the exact amount says why it failed.
  if (c.marginExact && text === "$0.00") text = exactUsd(c.marginExact.replace(/^-/, ""));
  if (c.limit === "secondsPerRun" && abs < 0.05) text = `${+abs.toPrecision(3)}s`;
  return `${text} ${c.pass ? "under" : "over"}${pct}`;
}

/** " (0.8%)" of the max, from the exact margin: a float quotient overflows on a max of 5e-324. */
function marginPercent(c: Check): string {
  const margin = c.marginExact ?? c.margin;
  if (!(c.max > 0) || margin === null || (typeof margin === "number" && !Number.isFinite(margin))) return "";
  const [part, whole] = [Decimal.from(margin), Decimal.from(c.max)];
  const p = Math.abs(percentOf(part, whole)!);
  return ` (${p >= 1e6 ? percentScientific(part, whole).replace(/^-/, "") : p.toFixed(1)}%)`;
}

/** A max too small to show at display precision keeps its digits: "$5e-324", not "$0.000000000". */
function maxText(c: Check): string {
  const shown = amount(c.limit, c.max);
  return c.max > 0 && c.limit.startsWith("usd") && !/[1-9]/.test(shown) ? `$${c.max}` : shown;
}

/** The value, with all its digits when rounding would make it look equal to the max. */
function valueText(c: Check): string {
  const shown = amount(c.limit, c.value);
  if (c.value === null || c.value === c.max || shown !== amount(c.limit, c.max)) return shown;
  if (c.valueExact) return exactUsd(c.valueExact);
  return c.limit === "secondsPerRun" ? `${c.value}s` : shown;
}

export function summaryLine(r: CheckReport): string {
  const { checks, failed } = r.summary;
  const month = r.checks.some((c) => c.limit === "usdPerMonth") ? ` · a month is ${r.monthDays} days of runs` : "";
  return `${checks} check${checks === 1 ? "" : "s"}, ${failed} failed${month}`;
}

const HEAD = ["workload", "model", "limit", "value", "max", "margin", "result"];

/** A workload's name, and its file where another workload of the report has the same name. */
function workloadLabel(c: CheckRow, all: readonly CheckRow[]): string {
  const shared = all.some((o) => o.workload === c.workload && o.path !== c.path);
  return shared && c.path ? `${c.workload} (${c.path})` : c.workload;
}

const row = (c: CheckRow, pass: string, fail: string, all: readonly CheckRow[]) => [
  workloadLabel(c, all),
  c.model,
  LIMIT_LABELS[c.limit],
  valueText(c),
  maxText(c),
  marginText(c),
  c.pass ? pass : fail,
];

export function renderCheck(r: CheckReport, format: Format, paint: Paint = plain): string {
  switch (format) {
    case "json":
      return toJson(r);
    case "csv":
      return toCsv([
        ["workload", "path", "model", "limit", "value", "max", "margin", "pass", "from"],
        ...r.checks.map((c) => [c.workload, c.path, c.model, c.limit, c.value, c.max, c.margin, c.pass, c.from]),
      ]);
    case "markdown":
      return checkMarkdown(r);
    case "table": {
      const t = newTable(HEAD.map((h) => paint.bold(h)), ["left", "left", "left", "right", "right", "right", "left"]);
      for (const c of r.checks) t.push(row(c, paint.green("PASS"), paint.red("FAIL"), r.checks));
      const verdict = r.summary.failed > 0 ? paint.red(summaryLine(r)) : paint.green(summaryLine(r));
      return `${paint.bold("tokencost check")} · rates for ${r.at}${r.registryAsOf ? ` · prices as of ${r.registryAsOf}` : ""}\n${t.toString()}\n${verdict}\n`;
    }
  }
}

export function checkMarkdown(r: CheckReport): string {
  const verdict = r.summary.failed > 0 ? "❌" : "✅";
  return `${[
    `### ${verdict} tokencost check: ${summaryLine(r)}`,
    "",
    mdTable(HEAD, ["---", "---", "---", "---:", "---:", "---:", "---"], r.checks.map((c) => row(c, "✅ pass", "❌ fail", r.checks))),
    "",
    `Rates for ${r.at}. Value is per run unless the limit says month; margin is how far under (or over) the max.`,
  ].join("\n")}\n`;
}
