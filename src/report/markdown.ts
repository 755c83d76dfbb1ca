import { formatInt, formatRate, formatRatio, formatSeconds, formatUsd } from "./format.ts";
import { bandText, statusText, lineLabel, monthSentence, scalingSentence, scalingText, timeSentence, totalTokens, workloadTitle } from "./describe.ts";
import type { Report, ReportResult } from "./report.ts";

// GitHub-flavoured markdown, for PR comments and job summaries.

export const mdRow = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
export const mdTable = (head: readonly string[], aligns: readonly string[], rows: readonly (readonly string[])[]) =>
  [mdRow(head), `| ${aligns.join(" | ")} |`, ...rows.map(mdRow)].join("\n");

export function renderMarkdown(report: Report): string {
  return report.results.length === 1 && report.command === "estimate"
    ? breakdown(report, report.results[0]!)
    : comparison(report);
}

function breakdown(report: Report, r: ReportResult): string {
  const rows = r.lines.map((l) => [lineLabel(l, r, r.lines), formatInt(l.tokens), formatRate(l.ratePerMillion), formatUsd(l.usd)]);
  const total = totalTokens(r);
  rows.push(["**total**", `**${formatInt(total)}**`, "", `**${formatUsd(r.cost.total)}**`]);
  const parts = [
    `### ${workloadTitle(report)} on ${r.name} (\`${r.provider}/${r.model}\`)`,
    "",
    mdTable(["class", "tokens", "$/M", "cost"], ["---", "---:", "---:", "---:"], rows),
    "",
    `**${formatUsd(r.cost.total)} per run** · ${timeSentence(r)}`,
  ];
  if (r.peak) parts.push("", `At peak hours: ${formatUsd(r.peak.usd)} per run (×${r.peak.multiplier}, \`--tier peak\`); the figures above are off-peak.`);
  const month = monthSentence(report, r);
  if (month) parts.push("", month);
  const scaled = scalingSentence(r);
  if (scaled) parts.push("", scaled);
  parts.push("", ...notes(report, [r]));
  return `${parts.join("\n")}\n`;
}

function comparison(report: Report): string {
  const monthly = report.results.some((r) => r.perMonth);
  const banded = report.results.some((r) => bandText(r));
  const statuses = report.results.some((r) => r.status !== "current");
  const head = ["model", "provider", ...(statuses ? ["status"] : []), "effort", "tokens", "cost/run", ...(banded ? ["range"] : []), "time/run", ...(monthly ? ["per month"] : []), "× cheapest", "fits", ""];
  const aligns = ["---", "---", ...(statuses ? ["---"] : []), "---", "---", "---:", ...(banded ? ["---:"] : []), "---:", ...(monthly ? ["---:"] : []), "---:", "---", "---"];
  const rows = report.results.map((r) => [
    `\`${r.model}\``,
    r.provider,
    ...(statuses ? [statusText(r)] : []),
    r.effort ?? "—",
    scalingText(r.tokens.scaling),
    r.cheapest ? `**${formatUsd(r.cost.total)}**` : formatUsd(r.cost.total),
    ...(banded ? [bandText(r)] : []),
    r.fastest ? `**${formatSeconds(r.seconds.total)}**` : formatSeconds(r.seconds.total),
    ...(monthly ? [r.perMonth ? formatUsd(r.perMonth.usd) : "—"] : []),
    formatRatio(r.timesCheapest ?? null),
    r.fits ? "✅" : `❌ turn ${r.overflow?.turn}`,
    [r.cheapest ? "cheapest" : "", r.fastest ? "fastest" : ""].filter(Boolean).join(", "),
  ]);
  const parts = [
    `### ${workloadTitle(report)} · ${report.results.length} models · rates for ${report.at}${report.registryAsOf ? ` · prices as of ${report.registryAsOf}` : ""}`,
    "",
    mdTable(head, aligns, rows),
  ];
  const w = report.workload;
  if (w.runs) parts.push("", `Per month = ${w.runs.per === "day" ? `${formatInt(w.runs.count)} runs/day × ${report.monthDays} days` : `${formatInt(w.runs.count)} runs/month`}.`);
  const n = notes(report, report.results);
  if (n.length) parts.push("", ...n);
  return `${parts.join("\n")}\n`;
}

function notes(report: Report, results: ReportResult[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of results) {
    for (const w of r.warnings) {
      if (w.code === "SPEED_UNKNOWN" || w.code === "TTFT_UNKNOWN" || seen.has(w.message)) continue;
      seen.add(w.message);
      out.push(`- ${w.message}`);
    }
  }
  if (report.skipped?.length) out.push(`- left out: ${report.skipped.map((s) => `\`${s.model}\` (${s.reason})`).join(", ")}`);
  return out.length ? ["**Notes**", "", ...out] : [];
}
