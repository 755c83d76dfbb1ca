import { Decimal } from "../decimal.ts";
import type { Thresholds } from "../engine/diff.ts";
import { percentScientific } from "../engine/percent.ts";
import type { DiffReport, DiffRow } from "./diff-row.ts";
import { toCsv } from "./csv.ts";
import { exactUsd } from "./exact-usd.ts";
import { formatPercentDelta, formatSeconds, formatSecondsDelta, formatUsd, formatUsdDelta } from "./format.ts";
import { mdTable } from "./markdown.ts";
import { plain, type Paint } from "./paint.ts";
import type { Format } from "./formats.ts";
import { newTable } from "./table.ts";
import { toJson } from "./json.ts";

// `tokencost diff BASE HEAD`: per model, cost and time per run before → after, and whether the
// increase passes a threshold. The markdown is made to be read in a pull request.

const modelCell = (r: DiffRow, code: (s: string) => string) =>
  r.base.model === r.head.model ? code(r.model) : `${code(r.base.model)} → ${code(r.head.model)}`;
// Too small to show at display precision: the exact amount says why a diff of "$0.00" fails.
const usdCell = (n: number, exact: string) => (n === 0 && exact !== "0" ? exactUsd(exact) : formatUsd(n));
const costCell = (r: DiffRow) => `${usdCell(r.base.usd, r.base.usdExact)} → ${usdCell(r.head.usd, r.head.usdExact)}`;
/** A rise from a vanishing base reads as a power of ten: "+5.0e+16%", not seventeen digits. */
const percentCell = (p: number | null) => (p !== null && Math.abs(p) >= 1e6 ? `${p > 0 ? "+" : ""}${p.toExponential(1)}%` : formatPercentDelta(p));
/** The cost's own change, from the exact amounts: past the range of a double the number is clamped. */
const costPercentCell = (r: DiffRow) => {
  if (r.deltaPercent === null || Math.abs(r.deltaPercent) < 1e6) return percentCell(r.deltaPercent);
  const p = percentScientific(Decimal.from(r.deltaUsdExact), Decimal.from(r.base.usdExact));
  return `${p.startsWith("-") ? "" : "+"}${p}%`;
};
const usdDeltaCell = (r: DiffRow) => (r.deltaUsd === 0 && r.deltaUsdExact !== "0" ? exactUsd(r.deltaUsdExact, true) : formatUsdDelta(r.deltaUsd));
const deltaCell = (r: DiffRow) => `${usdDeltaCell(r)} (${costPercentCell(r)})`;
const timeCell = (r: DiffRow) => {
  const delta = r.deltaSeconds === null ? "" : ` (${formatSecondsDelta(r.deltaSeconds)}${r.deltaSecondsPercent === null ? "" : `, ${percentCell(r.deltaSecondsPercent)}`})`;
  return `${formatSeconds(r.base.seconds)} → ${formatSeconds(r.head.seconds)}${delta}`;
};
const monthly = (r: DiffReport) => r.diffs.some((d) => d.base.perMonth !== null || d.head.perMonth !== null);
const monthCell = (r: DiffRow) => {
  const [b, h] = [r.base.perMonth, r.head.perMonth].map((v) => (v === null ? "—" : formatUsd(v)));
  return `${b} → ${h}${r.deltaPerMonth === null ? "" : ` (${formatUsdDelta(r.deltaPerMonth)}, ${percentCell(r.deltaPerMonthPercent)})`}`;
};

export function thresholdText(t: Thresholds): string {
  const parts = [
    t.percent !== undefined && `more than ${t.percent}% in cost per run or per month`,
    t.usd !== undefined && `more than $${t.usd} in cost per run`,
  ].filter(Boolean);
  return parts.length ? `an increase of ${parts.join(", or ")} fails` : "no thresholds set: nothing fails";
}

export function renderDiff(r: DiffReport, format: Format, paint: Paint = plain): string {
  const withMonth = monthly(r);
  switch (format) {
    case "json":
      return toJson(r);
    case "csv":
      return toCsv([
        ["model", "base_model", "head_model", "base_usd", "head_usd", "delta_usd", "delta_percent", "base_seconds", "head_seconds", "delta_seconds", "base_usd_per_month", "head_usd_per_month", "pass"],
        ...r.diffs.map((d) => [d.model, d.base.model, d.head.model, d.base.usdExact, d.head.usdExact, d.deltaUsdExact, d.deltaPercent, d.base.seconds, d.head.seconds, d.deltaSeconds, d.base.perMonth, d.head.perMonth, d.pass]),
      ]);
    case "markdown":
      return diffMarkdown(r);
    case "table": {
      const head = ["model", "cost/run", "change", "time/run", ...(withMonth ? ["per month"] : []), "result"];
      const t = newTable(head.map((h) => paint.bold(h)), ["left", "right", "right", "right", ...(withMonth ? ["right" as const] : []), "left"]);
      for (const d of r.diffs) {
        const delta = deltaCell(d);
        t.push([
          modelCell(d, (s) => s),
          costCell(d),
          d.deltaUsdExact === "0" ? delta : d.deltaUsdExact.startsWith("-") ? paint.green(delta) : paint.red(delta),
          timeCell(d),
          ...(withMonth ? [monthCell(d)] : []),
          d.pass ? paint.green("PASS") : paint.red(`FAIL ${d.failures.join(", ")}`),
        ]);
      }
      return `${paint.bold(`tokencost diff ${title(r)}`)} · rates for ${r.at}${r.registryAsOf ? ` · prices as of ${r.registryAsOf}` : ""}\n${t.toString()}\n${paint.dim(thresholdText(r.thresholds))}\n`;
    }
  }
}

const title = (r: DiffReport) => `${r.base.path ?? r.base.name} → ${r.head.path ?? r.head.name}`;

export function diffMarkdown(r: DiffReport): string {
  const withMonth = monthly(r);
  const head = ["", "model", "cost/run before → after", "change", "time/run", ...(withMonth ? [`per month (${r.monthDays} days)`] : [])];
  const aligns = ["---", "---", "---:", "---:", "---:", ...(withMonth ? ["---:"] : [])];
  const rows = r.diffs.map((d) => [
    d.pass ? "✅" : "❌",
    modelCell(d, (s) => `\`${s}\``),
    costCell(d),
    d.pass ? deltaCell(d) : `**${deltaCell(d)}**`,
    timeCell(d),
    ...(withMonth ? [monthCell(d)] : []),
  ]);
  const verdict = r.summary.failed > 0 ? `❌ ${r.summary.failed} of ${r.summary.models} over threshold` : "✅ within thresholds";
  return `${[
    `### tokencost diff: ${verdict}`,
    "",
    `\`${r.base.path ?? r.base.name}\` → \`${r.head.path ?? r.head.name}\`, rates for ${r.at}${r.registryAsOf ? ` · prices as of ${r.registryAsOf}` : ""}.`,
    "",
    mdTable(head, aligns, rows),
    "",
    `Change = after − before, per run; percentages are of the cost before. ✅ passes, ❌ fails: ${thresholdText(r.thresholds)}; decreases never fail.`,
  ].join("\n")}\n`;
}
