import { CLASS_NAMES, type BilledClass } from "../pricing/price-at.ts";
import type { Report, ReportLine, ReportResult } from "./report.ts";
import { formatInt, formatSeconds, formatUsd } from "./format.ts";

// Sentences shared by the table and markdown renderers, so the two always say the same thing.

export function workloadTitle(report: Report): string {
  const w = report.workload;
  const origin = w.source === "preset" ? "built-in preset" : w.source === "flags" ? "from flags" : (w.path ?? w.source);
  return `${w.name} (${origin})`;
}

/** "input", or "input (>200K)", or "input · gpt-5.4-mini" when a line needs telling apart. */
export function lineLabel(line: ReportLine, result: ReportResult, lines: readonly ReportLine[]): string {
  let label = CLASS_NAMES[line.class as BilledClass] ?? line.class;
  if (line.band !== "base") label += ` (${line.band})`;
  if (lines.some((l) => l.model !== result.model) && line.model !== result.model) label += ` · ${line.model}`;
  return label;
}

/** "≈ 3m 5s per run (25 calls, generation 1m 50s at 204 tok/s, TTFT 0.5 s each, tools 1m 15s)". */
export function timeSentence(r: ReportResult): string {
  const s = r.seconds;
  if (s.total === null) {
    const reason = r.warnings.find((w) => w.code === "BATCH_LATENCY" || w.code === "SPEED_UNKNOWN");
    return `time unknown${reason ? `: ${reason.message}` : ""}`;
  }
  const parts = [`${formatInt(r.calls)} call${r.calls === 1 ? "" : "s"}`];
  // Speed figures describe the run only when one model makes every call.
  const oneModel = r.lines.every((l) => l.model === r.model);
  const tps = r.speed.outputTokensPerSecond;
  parts.push(`generation ${formatSeconds(s.generation)}${oneModel && tps ? ` at ${tps} tok/s` : ""}`);
  const ttft = r.speed.timeToFirstTokenSeconds;
  if (oneModel) parts.push(ttft === null ? "TTFT unknown (counted as 0 s)" : `TTFT ${ttft} s each`);
  else parts.push(`TTFT ${formatSeconds(s.ttft)}`);
  if (s.tools > 0) parts.push(`tools ${formatSeconds(s.tools)}`);
  return `≈ ${formatSeconds(s.total)} per run (${parts.join(", ")})`;
}

export function monthSentence(report: Report, r: ReportResult): string | undefined {
  const runs = report.workload.runs;
  if (!r.perMonth || !runs) return undefined;
  const how = runs.per === "day" ? `${formatInt(runs.count)}/day × ${report.monthDays} days` : `${formatInt(runs.count)}/month`;
  const time = r.perMonth.seconds === null ? "" : ` · ${formatSeconds(r.perMonth.seconds)} of run time`;
  return `${formatUsd(r.perMonth.usd)} per month (${formatInt(r.perMonth.runs)} runs: ${how})${time}`;
}
