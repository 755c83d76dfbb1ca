import { boxTable, type Align, type BoxTable } from "./box.ts";
import { formatInt, formatRate, formatRatio, formatSeconds, formatUsd } from "./format.ts";
import { bandText, statusText, lineLabel, monthSentence, scalingSentence, scalingText, timeSentence, totalTokens, workloadTitle } from "./describe.ts";
import { plain, type Paint } from "./paint.ts";
import type { Report, ReportResult } from "./report.ts";

export interface RenderOptions {
  paint?: Paint;
}

export const newTable = (head: string[], colAligns: Align[]): BoxTable => boxTable(head, colAligns);

export function renderTable(report: Report, options: RenderOptions = {}): string {
  const paint = options.paint ?? plain;
  return report.results.length === 1 && report.command === "estimate"
    ? renderBreakdown(report, report.results[0]!, paint)
    : renderComparison(report, paint);
}

function renderBreakdown(report: Report, r: ReportResult, paint: Paint): string {
  const t = newTable(["", "tokens", "$/M", "cost"].map((h) => paint.bold(h)), ["left", "right", "right", "right"]);
  for (const line of r.lines) {
    t.push([lineLabel(line, r, r.lines), formatInt(line.tokens), formatRate(line.ratePerMillion), formatUsd(line.usd)]);
  }
  t.push([paint.bold("total"), paint.bold(formatInt(totalTokens(r))), "", paint.bold(formatUsd(r.cost.total))]);

  const tier = r.serviceTier === "standard" ? (r.peak ? " · off-peak rates" : "") : ` · ${r.serviceTier} tier`;
  const effort = r.effort ? ` · effort ${r.effort}` : "";
  const out = [
    `${paint.bold(workloadTitle(report))} on ${paint.bold(r.name)} ${paint.dim(`(${r.provider}/${r.model})`)}${effort}${tier} · rates for ${report.at}${r.pricesAsOf ? ` (checked ${r.pricesAsOf})` : ""}`,
    t.toString(),
    `${paint.bold(formatUsd(r.cost.total))} per run · ${timeSentence(r)}`,
  ];
  if (r.peak) out.push(`at peak hours: ${formatUsd(r.peak.usd)} per run (×${r.peak.multiplier}, --tier peak)`);
  const month = monthSentence(report, r);
  if (month) out.push(month);
  const scaled = scalingSentence(r);
  if (scaled) out.push(scaled);
  if (!r.fits && r.overflow) out.push(paint.red(`does not fit: ${r.warnings.find((w) => w.code === "CONTEXT")?.message ?? ""}`));
  return `${out.join("\n")}\n`;
}

function renderComparison(report: Report, paint: Paint): string {
  const monthly = report.results.some((r) => r.perMonth);
  const banded = report.results.some((r) => bandText(r));
  const statuses = report.results.some((r) => r.status !== "current");
  const head = ["model", "provider", ...(statuses ? ["status"] : []), "effort", "tokens", "cost/run", ...(banded ? ["range"] : []), "time/run", ...(monthly ? ["per month"] : []), "× cheapest", "fits", ""];
  const aligns: ("left" | "right")[] = ["left", "left", ...(statuses ? ["left" as const] : []), "left", "left", "right", ...(banded ? ["right" as const] : []), "right", ...(monthly ? ["right" as const] : []), "right", "left", "left"];
  const t = newTable(head.map((h) => paint.bold(h)), aligns);
  // A row is pushed piece by piece, not spread from optional parts: ~100 rows are drawn cold,
  // and each spread is an array and an iterator more.
  for (const r of report.results) {
    const marks = r.cheapest ? (r.fastest ? "cheapest, fastest" : "cheapest") : r.fastest ? "fastest" : "";
    const cost = formatUsd(r.cost.total);
    const row: string[] = [r.model, r.provider];
    if (statuses) row.push(statusText(r));
    row.push(r.effort ?? "—", scalingText(r.tokens.scaling), r.cheapest ? paint.green(cost) : cost);
    if (banded) row.push(bandText(r));
    row.push(r.fastest ? paint.green(formatSeconds(r.seconds.total)) : formatSeconds(r.seconds.total));
    if (monthly) row.push(r.perMonth ? formatUsd(r.perMonth.usd) : "—");
    row.push(formatRatio(r.timesCheapest ?? null), r.fits ? "yes" : paint.red(`no (turn ${r.overflow?.turn})`), marks ? paint.green(marks) : "");
    t.push(row);
  }
  const w = report.workload;
  const sortedBy = report.sort ? ` · sorted by ${report.sort}` : "";
  // Joined by concatenation, not a list and join: the table is ~40 KB of text, and a join would
  // copy it once more before the write copies it again.
  let out = `${paint.bold(workloadTitle(report))} · ${report.results.length} model${report.results.length === 1 ? "" : "s"} · rates for ${report.at}${report.registryAsOf ? ` · prices as of ${report.registryAsOf}` : ""}${sortedBy}\n${t.toString()}`;
  if (w.runs) out += `\n${paint.dim(`per month = ${w.runs.per === "day" ? `${formatInt(w.runs.count)} runs/day × ${report.monthDays} days` : `${formatInt(w.runs.count)} runs/month`}`)}`;
  if (report.skipped?.length) out += `\n${paint.dim(`left out: ${report.skipped.map((s) => `${s.model} (${s.reason})`).join(", ")}`)}`;
  return `${out}\n`;
}
