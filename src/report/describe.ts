import { TOKEN_CLASSES } from "../engine/bill.ts";
import { CLASS_NAMES, type BilledClass } from "../pricing/price-at.ts";
import type { Report, ReportLine, ReportResult, ScalingInfo } from "./report.ts";
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

export const totalTokens = (r: ReportResult): number => TOKEN_CLASSES.reduce((n, c) => n + r.tokens[c], 0);

const factor = (n: number) => `×${n.toFixed(2)}`;
const modelAt = (m: { model: string; effort: string | null }) => `${m.model}${m.effort ? ` @${m.effort}` : ""}`;

/** The tokens column: "×1.28 out · ×1.30 in", "as measured", "same (no data)". */
export function scalingText(s: ScalingInfo): string {
  const parts: string[] = [];
  const dropped = s.noReasoning;
  switch (s.kind) {
    case "same-tokens":
      return "same tokens";
    case "as-measured":
      return dropped ? "as measured · no reasoning" : "as measured";
    case "no-reference":
      parts.push("as given");
      break;
    case "no-common":
      parts.push("same (no data)");
      break;
    case "scaled":
      if (dropped) parts.push(`${factor(s.answer)} out`);
      else if (s.reasoningPerAnswer !== undefined) parts.push(`${factor(s.answer)} answer`, `+${s.reasoningPerAnswer.toFixed(2)} reasoning per answer token`);
      else if (s.answer !== s.reasoning) parts.push(`${factor(s.reasoning)} reasoning`, `${factor(s.answer)} answer`);
      else parts.push(`${factor(s.output)} out`);
  }
  if (s.input !== 1) parts.push(`${factor(s.input)} in`);
  if (dropped) parts.push("no reasoning");
  return parts.join(" · ");
}

/** "$0.41–$0.52", or "" when the scaling has no band. */
export const bandText = (r: ReportResult): string =>
  r.cost.low === undefined || r.cost.high === undefined ? "" : `${formatUsd(r.cost.low)}–${formatUsd(r.cost.high)}`;

/** Why one scaling's tokens are what they are: "scaled from gemini-3.1-pro-preview @high, basis …". */
function scalingReason(s: ScalingInfo): string {
  switch (s.kind) {
    case "same-tokens":
      return "the workload's own counts (--same-tokens: a per-token comparison, not per task)";
    case "no-reference":
      return "the workload's own counts (it names no model they were measured on)";
    case "as-measured":
      return `measured on ${modelAt(s.reference!)}`;
    case "no-common":
      return `measured on ${modelAt(s.reference!)}; no benchmark measured both, so output is as given`;
    case "scaled": {
      const b = s.benchmark;
      const basis = b ? `${b.name.replace(/, output tokens.*$/, "")}${b.version ? ` ${b.version}` : ""} (${b.kind}, ${b.date})` : s.basis;
      const spread = s.low !== s.high ? `; ${factor(s.low)}–${factor(s.high)} across the benchmarks both were measured on` : "";
      return `scaled from ${modelAt(s.reference!)}, basis ${basis}${spread}`;
    }
  }
}

/**
 * The sentence under a one-model estimate: "tokens ×1.28 out: scaled from gemini-3.1-pro-preview
 * @high, basis Artificial Analysis Intelligence Index v4.0 (full-run, 2026-05) · range $0.93–$1.10",
 * and a line for each pinned step scaled another way.
 */
export function scalingSentence(r: ReportResult): string | undefined {
  const s = r.tokens.scaling;
  const others = (r.tokens.scalings ?? []).slice(1);
  // Tokens priced as the user gave them, on the model they were given for: nothing to say.
  const plain = (x: ScalingInfo) => (x.kind === "as-measured" || x.kind === "no-reference") && !x.noReasoning && x.input === 1;
  if (plain(s) && others.every(plain)) return undefined;
  const band = bandText(r);
  const line = (x: ScalingInfo) => (x.kind === "same-tokens" ? `: ${scalingReason(x)}` : ` ${scalingText(x)}: ${scalingReason(x)}`);
  const lines = [`tokens${line(s)}${band ? ` · range ${band}` : ""}`];
  for (const o of others) lines.push(`  pinned ${modelAt({ model: o.model, effort: o.effort })}:${line(o)}`);
  return lines.join("\n");
}

/** "current", "preview", "deprecated 2027-01-14" (its shutdown date, where known). */
export const statusText = (r: ReportResult): string => (r.status === "deprecated" && r.deprecationDate ? `deprecated ${r.deprecationDate}` : r.status);
