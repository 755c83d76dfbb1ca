import { boxTable, type Align } from "./box.ts";
import { toCsv } from "./csv.ts";
import { scalingText } from "./describe.ts";
import { formatInt, formatPercentDelta, formatUsd, formatUsdDelta } from "./format.ts";
import { mdTable } from "./markdown.ts";
import { plain, type Paint } from "./paint.ts";
import type { SpeedRow, Spread, UsageReport, UsageRow, WhatIfRow } from "./usage.ts";

// `usage` as a table, markdown or CSV. The same numbers as the JSON, laid out for people.

const HEAD = ["records", "input", "cached", "cache write", "output", "reasoning", "cost", "reported", "difference"];

const groupName = (r: UsageReport): string => ({ model: "model", day: "day (UTC)", provider: "provider", file: "file" })[r.by];

function cells(row: Omit<UsageRow, "group" | "model" | "provider" | "rawModels" | "first" | "last">): string[] {
  const t = row.tokens;
  const cost = row.cost === null ? "unpriced" : `${formatUsd(row.cost.total)}${row.unpricedRecords > 0 ? ` + ${formatInt(row.unpricedRecords)} unpriced` : ""}`;
  return [
    formatInt(row.records),
    formatInt(t.input),
    formatInt(t.cachedInput),
    formatInt(t.cacheWrite),
    formatInt(t.output),
    formatInt(t.reasoning),
    cost,
    row.reportedUsd === null ? "—" : `${formatUsd(row.reportedUsd)}${row.reportedRecords < row.records ? ` (${formatInt(row.reportedRecords)} of ${formatInt(row.records)})` : ""}`,
    row.differenceUsd === null ? "—" : formatUsdDelta(row.differenceUsd),
  ];
}

function label(r: UsageRow, report: UsageReport): string {
  if (report.by === "model" && r.model === null) return `${r.group} (unknown)`;
  return r.group;
}

function title(report: UsageReport): string {
  const parts = [`${formatInt(report.records)} record${report.records === 1 ? "" : "s"} from ${report.files.length} file${report.files.length === 1 ? "" : "s"}`];
  if (report.duplicates > 0) parts.push(`${formatInt(report.duplicates)} duplicates counted once`);
  if (report.malformed > 0) parts.push(`${formatInt(report.malformed)} malformed lines skipped`);
  parts.push(report.at ? `rates for ${report.at}` : "each record at its own day's rates");
  if (report.registryAsOf) parts.push(`prices as of ${report.registryAsOf}`);
  return parts.join(" · ");
}

const spreadText = (s: Spread | null, unit: string, digits: number): string =>
  s === null ? "—" : `${s.median.toFixed(digits)}${unit} (p90 ${s.p90.toFixed(digits)}${unit})`;

const whatIfCells = (w: WhatIfRow): string[] => [w.from, w.model, scalingText(w.scaling), formatUsd(w.cost.total), formatUsd(w.loggedUsd), `${formatUsdDelta(w.differenceUsd)} (${formatPercentDelta(w.percent)})`];
const WHAT_IF_HEAD = ["logged model", "on model", "tokens", "cost", "logged cost", "difference"];
const speedCells = (s: SpeedRow): string[] => [s.model, formatInt(Math.max(s.outputTokensPerSecond?.samples ?? 0, s.timeToFirstTokenSeconds?.samples ?? 0)), spreadText(s.outputTokensPerSecond, " tok/s", 1), spreadText(s.timeToFirstTokenSeconds, " s", 2)];
const SPEED_HEAD = ["model", "timed requests", "output speed, median", "time to first token, median"];

export function renderUsageTable(report: UsageReport, paint: Paint = plain): string {
  const right: Align[] = HEAD.map(() => "right");
  const t = boxTable([groupName(report), ...HEAD].map((h) => paint.bold(h)), ["left", ...right]);
  for (const r of report.results) t.push([label(r, report), ...cells(r)]);
  if (report.results.length > 1) t.push([paint.bold("total"), ...cells(report.totals).map((c, i) => (i === 6 ? paint.bold(c) : c))]);
  const out = [paint.bold(title(report)), t.toString()];
  if (report.whatIf?.length) {
    const w = boxTable(WHAT_IF_HEAD.map((h) => paint.bold(h)), ["left", "left", "left", "right", "right", "right"]);
    for (const row of report.whatIf) w.push(whatIfCells(row));
    out.push(paint.bold("the same work on other models"), w.toString());
  }
  if (report.speed?.length) {
    const s = boxTable(SPEED_HEAD.map((h) => paint.bold(h)), ["left", "right", "right", "right"]);
    for (const row of report.speed) s.push(speedCells(row));
    out.push(paint.bold("measured speed"), s.toString());
  }
  return `${out.join("\n")}\n`;
}

export function renderUsageMarkdown(report: UsageReport): string {
  const rows = report.results.map((r) => [label(r, report), ...cells(r)]);
  if (report.results.length > 1) rows.push(["**total**", ...cells(report.totals)]);
  const out = [`### tokencost usage`, "", title(report), "", mdTable([groupName(report), ...HEAD], [":--", ...HEAD.map(() => "--:")], rows)];
  if (report.whatIf?.length) out.push("", "#### The same work on other models", "", mdTable(WHAT_IF_HEAD, [":--", ":--", ":--", "--:", "--:", "--:"], report.whatIf.map(whatIfCells)));
  if (report.speed?.length) out.push("", "#### Measured speed", "", mdTable(SPEED_HEAD, [":--", "--:", "--:", "--:"], report.speed.map(speedCells)));
  const notes = report.warnings.map((w) => `- ${w.message}`);
  if (notes.length) out.push("", ...notes);
  return `${out.join("\n")}\n`;
}

/** One row per group, plain numbers: the table a warehouse joins with the rates (SPEC §10). */
export function renderUsageCsv(report: UsageReport): string {
  const head = [report.by === "model" ? "model" : report.by, "registry_model", "provider", "records", "input", "cached_input", "cache_write", "output", "reasoning", "cost_usd", "reported_usd", "difference_usd", "unpriced_records", "first", "last"];
  const rows = report.results.map((r) => [
    r.group,
    r.model,
    r.provider,
    r.records,
    r.tokens.input,
    r.tokens.cachedInput,
    r.tokens.cacheWrite,
    r.tokens.output,
    r.tokens.reasoning,
    r.cost?.total ?? null,
    r.reportedUsd,
    r.differenceUsd,
    r.unpricedRecords,
    r.first,
    r.last,
  ]);
  return toCsv([head, ...rows]);
}

export function renderUsage(report: UsageReport, format: string, paint?: Paint): string {
  if (format === "markdown") return renderUsageMarkdown(report);
  if (format === "csv") return renderUsageCsv(report);
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  return renderUsageTable(report, paint);
}
